"""The pool is built again when its files change, and reused while they do not."""

from __future__ import annotations

import shutil
from pathlib import Path

from coachlab.practice import build_pool
from coachlab.practice.pool import SOURCES
from tests.practice.conftest import COURSE


def course_copy(tmp_path: Path) -> Path:
    """The lessons' folder's pool data, copied to ``tmp_path``/course."""
    folder = tmp_path / "course"
    for source in SOURCES:
        shutil.copytree(COURSE / source, folder / source)
    return folder


def test_unchanged_files_give_the_pool_built_last(tmp_path: Path) -> None:
    folder = course_copy(tmp_path)
    first, second = build_pool(folder), build_pool(folder)
    assert first == second and len(first) > 100
    assert all(a is b for a, b in zip(first, second, strict=True))  # reused, not read again
    second.pop()  # each call gets its own list
    assert len(build_pool(folder)) == len(first)


def test_a_changed_added_or_removed_file_is_read_again(tmp_path: Path) -> None:
    folder = course_copy(tmp_path)
    before = {item.id for item in build_pool(folder)}
    scenario = sorted((folder / "scenarios").glob("*.yaml"))[0]
    text = scenario.read_text(encoding="utf-8")
    scenario.unlink()
    without = {item.id for item in build_pool(folder)}
    assert without < before
    scenario.write_text(text, encoding="utf-8")
    assert {item.id for item in build_pool(folder)} == before
    last = build_pool(folder)
    practice = sorted((folder / "practice").glob("*.yaml"))[0]
    practice.write_text(practice.read_text(encoding="utf-8") + "\n# an edit\n",
                        encoding="utf-8")
    rebuilt = build_pool(folder)
    assert rebuilt == last and rebuilt[0] is not last[0]  # read again, to the same items
