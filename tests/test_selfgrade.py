"""coachlab self-grade end to end: a learner's own clone, graded in a private gradebook.

For every exercise three learners self-grade: the solution (full marks), the untouched release
(zero) and a partly correct copy (in between). Each report explains every item, shows the
reflection's rubric as a self-review checklist, and never shows a hidden test or the model
answer. The learner's files are never changed, and progress marks the score "self-graded".
"""

from __future__ import annotations

import hashlib
import html
import os
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

from coachlab import cli
from coachlab.course import SELF_GRADED_DIR, Module, assignments
from coachlab.progress.reading import SELF_GRADED, learner_progress
from coachlab.progress.view import as_text
from coachlab.selfgrade import NO_JAIL_HERE, SelfGradeError, self_grade, summary
from tests.helpers.explanations import assert_explained
from tests.helpers.graded import GROUP, GradedCourse
from tests.helpers.notebooks import split_hidden
from tests.helpers.report import assert_reads_as_a_report
from tests.helpers.submissions import KINDS, build

pytestmark = pytest.mark.pipeline

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = assignments(ROOT)
#: Self-grade end to end for one exercise that ships files beside the notebook (a folder of reps):
#: copying them is the part of self-grading that differs by exercise, and self-grading goes
#: through the same grading entry point as the cohort's. Every exercise's grading, solution full,
#: untouched zero and partial between, is asserted in tests/grading/test_pipeline.py on the
#: shared graded course (tests/helpers/graded.py); grading every exercise here again cost
#: 77-86 s per exercise.
WITH_FILES = [exercise for exercise in EXERCISES
              if any(path.suffix != ".ipynb" for path in (ROOT / "exercises" / exercise).iterdir())]
END_TO_END = [exercise for exercise in WITH_FILES
              if any(path.is_dir() for path in (ROOT / "exercises" / exercise).iterdir())][-1:]


def make_clone(root: Path) -> Path:
    """A learner's copy of the course: settings, solutions and blank exercises."""
    root.mkdir(parents=True)
    shutil.copyfile(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    for folder in ("solutions", "exercises"):
        shutil.copytree(ROOT / folder, root / folder,
                        ignore=shutil.ignore_patterns("coachlab-answers.json*", "feedback",
                                                      ".ipynb_checkpoints"))
    return root


def learner(tmp_path: Path, kind: str, exercise: str) -> Path:
    """A clone whose exercise folder holds ``kind``'s answers (notebook and journal)."""
    clone = make_clone(tmp_path / kind)
    folder = clone / "exercises" / exercise
    files = build(kind, exercise, folder, clone / "solutions" / exercise,
                  tmp_path / f"{kind}-files")
    for name, path in files.items():
        shutil.copyfile(path, folder / name)
    return clone


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def secrets(solution_dir: Path, model_answers: bool) -> list[str]:
    """Hidden-test lines, and with ``model_answers`` the model reflections: never in a
    self-grade report (a solved learner submitted the model reflection as their own)."""
    lines: list[str] = []
    for path in sorted(solution_dir.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            nbg = cell.metadata.get("nbgrader", {})
            if model_answers and nbg.get("solution") and cell.cell_type == "markdown":
                lines += cell.source.split("\n")
            lines += split_hidden(cell.source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")[1]
    lines = [line.strip() for line in lines if sum(c.isalpha() for c in line) >= 8]
    return lines


def rubric_lines(solution_dir: Path) -> list[str]:
    lines: list[str] = []
    for path in sorted(solution_dir.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.metadata.get("coachlab", {}).get("instructor_only"):
                lines += [line for line in cell.source.split("\n") if line.startswith("| 1 ")]
    return lines


def test_self_grade_covers_an_exercise_with_files_beside_its_notebook() -> None:
    assert len(END_TO_END) == 1 and set(END_TO_END) < set(WITH_FILES) < set(EXERCISES)


@pytest.mark.parametrize("exercise", END_TO_END)
def test_self_grade_solved_full_untouched_zero_partial_between(exercise: str,
                                                               tmp_path: Path) -> None:
    results = {}
    for kind in KINDS:
        clone = learner(tmp_path, kind, exercise)
        folder = clone / "exercises" / exercise
        before = digests(folder)
        results[kind] = result = self_grade(Module.parse(exercise).number, start=folder)
        assert digests(folder) == before, "self-grade changed the learner's files"
        assert result.report == clone / SELF_GRADED_DIR / exercise / f"{exercise}.html"
        print(f"{exercise} {kind}: {result.score:g}/{result.max_score:g} "
              f"in {result.seconds:.1f} s")

        assert_self_graded_report(result.report.read_text(encoding="utf-8"),
                                  clone / "solutions" / exercise, kind, result.score,
                                  result.max_score)

        if kind == "solved":
            [module] = [m for m in learner_progress(clone).modules
                        if m.module == exercise]
            assert (module.score, module.score_source) == (result.score, SELF_GRADED)
            assert f"({SELF_GRADED})" in as_text(learner_progress(clone))

    solved, untouched, partial = (results[k] for k in KINDS)
    assert solved.max_score > 0
    assert solved.score == solved.max_score
    assert untouched.score == 0
    assert 0 < partial.score < partial.max_score
    assert solved.written_points > 0  # reflections exist and stay ungraded


def assert_self_graded_report(report: str, solution: Path, kind: str, score: float,
                              max_score: float) -> None:
    """What a self-graded report must say to ``kind``'s learner, and never show them."""
    assert_explained(report, solution, kind)
    text = html.unescape(report)
    leaked = [line for line in secrets(solution, kind != "solved") if line in text]
    assert not leaked, f"{kind}'s report shows hidden material: {leaked[:3]}"
    assert "Self-review checklist: check your reflection against these points" in report
    assert f"Self-graded: {score:g} of {max_score:g} points" in text
    assert_reads_as_a_report(report, solution)
    assert "review your answer yourself against its checklist" in text
    for line in rubric_lines(solution):
        assert line.split("|")[2].strip().replace("**", "") in text


@pytest.mark.xdist_group(GROUP)
@pytest.mark.parametrize("exercise", [e for e in WITH_FILES if e not in END_TO_END])
def test_self_graded_report_of_the_other_exercises(graded_course: GradedCourse,
                                                   exercise: str) -> None:
    """The self-graded report's claims for the exercises not self-graded end to end, made by
    self-grading's feedback settings from the shared graded course (their scores, solution full,
    untouched zero and partial between, are asserted in tests/grading/test_pipeline.py)."""
    graded = graded_course[exercise]
    scores = {kind: graded.score(kind) for kind in KINDS}
    for kind in KINDS:
        [report] = sorted(graded.self_graded_feedback(kind).glob("*.html"))
        assert report.name == f"{exercise}.html"
        assert_self_graded_report(report.read_text(encoding="utf-8"), graded.solution, kind,
                                  scores[kind].auto, scores[kind].auto_max)
    assert scores["solved"].manual_max > 0  # reflections exist and stay ungraded


def test_corrupt_notebook_is_refused_and_left_as_it_is(tmp_path: Path, capsys,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    clone = make_clone(tmp_path / "clone")
    notebook = clone / "exercises" / "01-tell-or-ask" / "01-tell-or-ask.ipynb"
    broken = notebook.read_bytes()[:-200]  # cut off mid-file, as a crash during a save would
    notebook.write_bytes(broken)
    monkeypatch.chdir(notebook.parent)
    assert cli.main(["self-grade"]) == 2
    error = capsys.readouterr().err
    assert "01-tell-or-ask.ipynb cannot be read as a notebook" in error
    assert "git checkout -- exercises/01-tell-or-ask/01-tell-or-ask.ipynb" in error
    assert notebook.read_bytes() == broken
    assert not (clone / SELF_GRADED_DIR).exists()


def test_missing_notebook_and_unknown_module(tmp_path: Path) -> None:
    clone = make_clone(tmp_path / "clone")
    (clone / "exercises" / "02-find-the-root-cause" / "02-find-the-root-cause.ipynb").unlink()
    with pytest.raises(SelfGradeError, match="02-find-the-root-cause.ipynb is missing"):
        self_grade("02", start=clone)
    with pytest.raises(SelfGradeError, match="no module '42'"):
        self_grade("42", start=clone)
    with pytest.raises(SelfGradeError, match="name the module"):
        self_grade(None, start=clone)


def test_self_grade_never_touches_the_cohort_gradebook_or_a_broken_journal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    clone = learner(tmp_path, "partial", "00-welcome")
    folder = clone / "exercises" / "00-welcome"
    journal = folder / "coachlab-answers.json"
    journal.write_text('{"version": 1, "answers": {', encoding="utf-8")  # a torn write
    before = digests(folder)
    cohort_db = clone / "gradebook.db"
    monkeypatch.setenv("COACHLAB_DB_URL", f"sqlite:///{tmp_path / 'cohort.db'}")
    monkeypatch.chdir(clone)  # from the course root, naming the module
    assert cli.main(["self-grade", "00"]) == 0
    out = capsys.readouterr().out
    assert "Self-graded 00-welcome:" in out
    assert "coachlab-answers.json cannot be read" in out
    assert digests(folder) == before  # no backup written, nothing changed
    assert not cohort_db.exists() and not (tmp_path / "cohort.db").exists()
    assert not (clone / "submitted").exists() and not (clone / "autograded").exists()


def test_button_self_grades_the_saved_notebook_and_links_the_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coachlab.selfgrade import self_grade_button

    clone = learner(tmp_path, "solved", "00-welcome")
    folder = clone / "exercises" / "00-welcome"
    monkeypatch.chdir(folder)  # a kernel runs beside its notebook
    monkeypatch.delenv("JUPYTERHUB_SERVICE_PREFIX", raising=False)
    box = self_grade_button()
    assert "JupyterLab" in box._repr_mimebundle_()["text/plain"]
    intro, button, result = box.children
    assert button.layout.width == "max-content"  # the label is never cut to "Grade my exer…"
    button.click()
    shown = html.unescape(result.value)
    assert "Your score: 6 of 6 points checked automatically." in shown
    assert "Review Part C · Which one is yours? (4 points) yourself against its checklist" in shown
    # No server runs here: the course root is the server's root, at base URL "/".
    assert 'href="/files/self-graded/00-welcome/00-welcome.html"' in shown
    assert 'target="_blank"' in shown
    assert not button.disabled


def test_button_says_why_when_grading_fails(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from coachlab.selfgrade import self_grade_button

    clone = make_clone(tmp_path / "clone")
    monkeypatch.chdir(clone / "exercises" / "00-welcome")
    intro, button, result = self_grade_button("42").children
    button.click()
    assert "Your exercise could not be graded." in result.value
    assert "no module &#x27;42&#x27;" in result.value  # the CLI's reason, escaped
    assert not button.disabled


def test_report_link_follows_the_server_that_serves_it(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Under JupyterHub the server's base URL is /user/<name>/ and its root may be the home
    folder, above the course."""
    from jupyter_server import serverapp

    from coachlab.selfgrade import report_url

    report = tmp_path / "coachlab" / "self-graded" / "00-welcome" / "00-welcome.html"
    report.parent.mkdir(parents=True)
    report.touch()
    servers = [{"base_url": "/user/ann/", "root_dir": str(tmp_path)},
               {"base_url": "/other/", "root_dir": str(tmp_path / "elsewhere")}]
    monkeypatch.setattr(serverapp, "list_running_servers", lambda *a, **k: iter(servers))
    assert report_url(report) == "/user/ann/files/coachlab/self-graded/00-welcome/00-welcome.html"

    make_clone(tmp_path / "course")  # no server serves it: $JUPYTERHUB_SERVICE_PREFIX, course root
    report = tmp_path / "course" / "self-graded" / "00 welcome" / "report.html"
    report.parent.mkdir(parents=True)
    report.touch()
    monkeypatch.setattr(serverapp, "list_running_servers", lambda *a, **k: iter([]))
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/bo/")
    assert report_url(report) == "/user/bo/files/self-graded/00%20welcome/report.html"


def test_self_grade_where_no_jail_can_exist_runs_without_it_and_says_so(
        tmp_path: Path, monkeypatch) -> None:
    """On Windows or macOS (no bubblewrap) a learner still self-grades their own notebook."""
    from coachlab.cohort import grade
    from coachlab.grading import jail

    monkeypatch.setattr(jail, "platform_supported", lambda: False)
    monkeypatch.delenv(jail.SWITCH, raising=False)
    started = []
    start = grade._Pool._start
    monkeypatch.setattr(grade._Pool, "_start", lambda pool: started.append(1) or start(pool))
    exercise = EXERCISES[0]
    clone = learner(tmp_path, "solved", exercise)
    result = self_grade(Module.parse(exercise).number, start=clone / "exercises" / exercise)
    assert result.score == result.max_score > 0
    assert len(started) == 1  # one worker grades and makes the report
    assert NO_JAIL_HERE in result.warnings
    assert f"warning: {NO_JAIL_HERE}" in summary(result)
    assert jail.SWITCH not in os.environ  # the switch is put back as it was


def test_self_grade_on_linux_keeps_the_jail(monkeypatch) -> None:
    from coachlab.grading import jail
    from coachlab.selfgrade import _jail_where_possible

    monkeypatch.delenv(jail.SWITCH, raising=False)
    for platform, supported in (("linux", True), ("win32", False), ("darwin", False)):
        monkeypatch.setattr(sys, "platform", platform)
        assert jail.platform_supported() is supported
    monkeypatch.setattr(sys, "platform", "linux")
    with _jail_where_possible() as note:
        assert note is None and jail.enabled()
