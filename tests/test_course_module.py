"""A module of the course as one value: parsed one way from every form the course writes it in
(folder names, notebook paths, journal keys, what a person types on the command line)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coachlab.course import (
    JOURNAL_FILE,
    Module,
    ModuleNameError,
    UnknownModule,
    assignments,
    course_modules,
    lessons,
    resolve_modules,
)
from coachlab.journals import module_of
from tests.helpers.course import ROOT, exercises, modules


@pytest.mark.parametrize("text", ["2", "02", "02-find-the-root-cause",
                                  "solutions/02-find-the-root-cause",
                                  "exercises/02-find-the-root-cause/02-find-the-root-cause.ipynb",
                                  "course/02-find-the-root-cause-lesson.ipynb"])
def test_every_way_of_naming_a_module_parses_to_the_same_module(text: str) -> None:
    module = Module.parse(text)
    assert module == Module("02") and module.number == "02" and module.key == "02"
    assert hash(module) == hash(Module("02"))
    assert Module.parse(Path(text)) == module


def test_a_named_module_knows_its_folders_and_keys() -> None:
    module = Module.parse("02-find-the-root-cause")
    assert (module.slug, module.name) == ("find-the-root-cause", "02-find-the-root-cause")
    assert module.lesson_path == "course/02-find-the-root-cause-lesson.ipynb"
    assert module.exercise_folder == "exercises/02-find-the-root-cause"
    assert module.exercise_path == ("exercises/02-find-the-root-cause/"
                                    "02-find-the-root-cause.ipynb")
    assert module.solution_folder == "solutions/02-find-the-root-cause"
    assert module.journal_key("sorter") == "02-find-the-root-cause.sorter"
    assert Module.of_key(module.journal_key("sorter")) == module
    assert (module.title, module.topic) == ("Module 02: Find the root cause", "Find the root cause")
    assert Module.parse("2").title == "Module 02" and Module.parse("2").name == "02"


@pytest.mark.parametrize("text", ["", "x", "123", "-01", "01-", "01_tell-or-ask", "01-Tell",
                                  "01 tell", "01-tell--ask", "٠١", "01.play", "practice"])
def test_anything_else_names_no_module(text: str) -> None:
    with pytest.raises(ModuleNameError):
        Module.parse(text)
    with pytest.raises(ValueError):  # ModuleNameError is a ValueError, for callers that say so
        Module.parse(text)


@pytest.mark.parametrize("value", [None, 1, b"01", ["01"]])
def test_a_value_that_is_not_text_names_no_module(value: object) -> None:
    with pytest.raises(ModuleNameError):
        Module.parse(value)  # type: ignore[arg-type]
    assert Module.of_key(value) is None


@pytest.mark.parametrize(("key", "number"), [
    ("01.play", "01"), ("01-tell-or-ask.sorter", "01"), ("02.interview.rosa", "02"),
    ("01-tell-or-ask.opened", "01"), ("05-capstone", "05"), ("00.selfassessment", "00"),
    ("practice", None), ("practice.interview.joel-no-budget-talk", None),
    ("01_tell-or-ask.sorter", None), ("01x.play", None), ("", None), ("a/01.play", None),
    ("1.play", None), ("0.5", None),
    ("0" * 1000 + ".play", None)])
def test_journal_keys_belong_to_the_module_before_their_first_dot(key: str,
                                                                  number: str | None) -> None:
    module = Module.of_key(key)
    assert (module.number if module else None) == number
    assert module_of(key) == number


def _keys_on_disk() -> set[str]:
    """Every journal key the course's files write or read: quoted ``NN.`` / ``NN-slug.`` keys in
    the notebooks, the reference plays' keys, and the lessons' own ``<lesson>.<part>`` keys."""
    quoted = re.compile(r"""["']([0-9][0-9A-Za-z_-]*\.[\w.\-]+)["']""")
    keys: set[str] = set()
    for path in [*ROOT.glob("course/*.ipynb"), *ROOT.glob("solutions/*/*.ipynb"),
                 *ROOT.glob("exercises/*/*.ipynb")]:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            keys |= {k for k in quoted.findall(source) if not k.endswith((".yaml", ".ipynb"))}
    for path in ROOT.glob("solutions/*/reference-play.json"):
        keys |= set(json.loads(path.read_text(encoding="utf-8"))["answers"])
    return keys


def test_the_key_grammar_is_the_one_the_course_files_use() -> None:
    """The journal keys on disk separate the number with "-" or "." and never with "_": that
    is why a key like ``01_x`` names no module (the old report reader accepted it, xAPI not)."""
    keys = _keys_on_disk()
    assert len(keys) >= 5, keys
    assert not [k for k in keys if re.match(r"[0-9]{2}_", k)]
    assert all(Module.of_key(k) is not None for k in keys), sorted(keys)
    folders = [p.name for p in [*ROOT.glob("solutions/*"), *ROOT.glob("exercises/*")]
               if p.is_dir()]
    assert folders and all(Module.parse(f).slug for f in folders)


def test_the_course_modules_come_from_its_folders() -> None:
    found = course_modules(ROOT)
    assert found == modules() and [m.name for m in found] == [m.name for m in exercises()]
    assert [m.name for m in found] == assignments(ROOT)
    assert [m.number for m in found] == sorted({m.number for m in found})
    assert set(lessons(ROOT)) == {m.name for m in found}
    for module in found:
        assert (ROOT / module.solution_folder).is_dir() and (ROOT / module.lesson_path).is_file()
        assert (ROOT / module.exercise_path).is_file()


def test_a_lesson_without_an_exercise_is_a_module_and_other_folders_are_not(tmp_path: Path) -> None:
    (tmp_path / "solutions" / "01-tell-or-ask").mkdir(parents=True)
    (tmp_path / "course").mkdir()
    for name in ("01-tell-or-ask-lesson", "06-epilogue-lesson", "practice", "notes-lesson"):
        (tmp_path / "course" / f"{name}.ipynb").write_text("{}", encoding="utf-8")
    assert [m.name for m in course_modules(tmp_path)] == ["01-tell-or-ask", "06-epilogue"]
    assert list(lessons(tmp_path)) == ["01-tell-or-ask", "06-epilogue"]
    # An exercise folder named otherwise is nbgrader's business: no module, found by its name.
    (tmp_path / "solutions" / "demo").mkdir()
    assert [m.name for m in course_modules(tmp_path)] == ["01-tell-or-ask", "06-epilogue"]
    assert resolve_modules(tmp_path, ["demo"]) == ["demo"]
    assert resolve_modules(tmp_path, ["1"]) == ["01-tell-or-ask"]


def test_resolve_modules_takes_numbers_and_folder_names() -> None:
    first = assignments(ROOT)[1]
    number = Module.parse(first).number
    assert resolve_modules(ROOT, [number]) == [first]
    assert resolve_modules(ROOT, [number.lstrip("0") or "0"]) == [first]
    assert resolve_modules(ROOT, [first, number]) == [first]
    assert resolve_modules(ROOT, [], every=True) == assignments(ROOT)
    for wrong in (f"{number}-not-its-slug", "99", "x", f"{number}_x"):
        with pytest.raises(UnknownModule, match="no module"):
            resolve_modules(ROOT, [wrong])
    with pytest.raises(UnknownModule, match="--all"):
        resolve_modules(ROOT, [])


def test_self_grading_does_not_need_the_cohort_package() -> None:
    """resolve_modules lives on the ground floor: self-grading imports nothing from cohort to
    find the exercise a learner named."""
    source = (ROOT / "coachlab" / "selfgrade.py").read_text(encoding="utf-8")
    assert "from coachlab.cohort import" not in source
    assert "resolve_modules" in source


def test_one_journal_file_name() -> None:
    """The journal's file name is written once, in coachlab/course.py."""
    literal = f'"{JOURNAL_FILE}"'
    holders = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "coachlab").rglob("*.py")
                     if literal in p.read_text(encoding="utf-8"))
    assert holders == ["coachlab/course.py"]
