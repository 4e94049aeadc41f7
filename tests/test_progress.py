"""Learner progress from a synthetic course folder: journals, answered parts, feedback, skills."""

from __future__ import annotations

import shutil
from pathlib import Path

import matplotlib
import nbformat
import pytest

from coachlab.journals import ScenarioIndex, replies_by_module
from coachlab.progress import as_text, chart, learner_progress
from coachlab.responses import Journal

matplotlib.use("Agg")
ROOT = Path(__file__).resolve().parent.parent
MODULE = "01-tell-or-ask"


@pytest.fixture()
def course(tmp_path: Path) -> Path:
    """A learner's course folder: module 01 with two parts answered, a lesson journal with
    Question Coach replies, a finished scenario play and feedback with a score."""
    root = tmp_path / "course-folder"
    root.mkdir()
    shutil.copyfile(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    for part in (f"solutions/{MODULE}", f"exercises/{MODULE}", "course/scenarios"):
        shutil.copytree(ROOT / part, root / part,
                        ignore=shutil.ignore_patterns("coachlab-answers.json*", "feedback"))
    exercise = root / "exercises" / MODULE
    notebook = exercise / f"{MODULE}.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.id == "answers-a":
            cell.source = cell.source.replace('label_1 = ""', 'label_1 = "leading"')
    nbformat.write(nb, notebook)

    from coachlab.scenarios import load_scenario
    from coachlab.widgets import ScenarioPlayer

    scenario = load_scenario(exercise / "first-reply.yaml")
    found = next(p for p in scenario.paths() if p.ending.root_cause_found)
    player = ScenarioPlayer(scenario, journal=Journal.beside(exercise), key="01.play")
    for step in found.steps:
        player.choose(step.choice_index)

    lesson = Journal.beside(root / "course")
    lesson.record(f"{MODULE}.coach", ["What do you think is stopping them?",
                                      "You should send the case study."])
    lesson.record(f"{MODULE}.sorter", {"choices": {"0": "tell"}})
    report = exercise / "feedback" / "2026-01-05 10:00:00.000000 UTC" / f"{MODULE}.html"
    report.parent.mkdir(parents=True)
    report.write_text("<html><h1>Score: 20.0 / 28.0</h1></html>", encoding="utf-8")
    return root


def test_progress_per_module(course: Path) -> None:
    progress = learner_progress(course, validate=False)
    [module] = [m for m in progress.modules if m.module == MODULE]
    assert module.lesson_opened
    assert (module.parts_answered, module.parts_total) == (2, 5)  # labels + the scenario play
    assert (module.score, module.max_score) == (20.0, 28.0)
    assert module.replies > 2  # two typed replies plus the replies chosen in the play
    assert 0 < module.ask_ratio <= 1 and 0 <= module.open_share <= 1
    assert module.self_check is None
    assert progress.next_step.startswith(f"Next: finish exercise {MODULE}: 3 part(s)")
    text = as_text(progress)
    assert MODULE in text and "20/28" in text and progress.next_step in text
    figure = chart(progress)
    assert len(figure.axes) == 2


def test_self_check_runs_the_validator(course: Path) -> None:
    progress = learner_progress(course, validate=True)
    [module] = [m for m in progress.modules if m.module == MODULE]
    assert module.self_check == "passed" or "failing" in module.self_check


def test_replies_from_coach_lists_and_plays() -> None:
    scenarios = ScenarioIndex([ROOT / "exercises" / MODULE])
    answers = {"01.coach": ["What happened?", " "], "02.notes": "free text",
               "01.play": {"scenario": "unknown-scenario", "path": [0]}, "misc": ["x"]}
    assert replies_by_module(answers, scenarios) == {"01": ["What happened?"]}


def test_a_blank_course_says_start_with_the_first_lesson(tmp_path: Path) -> None:
    root = tmp_path / "blank"
    (root / "solutions" / MODULE).mkdir(parents=True)
    (root / "course").mkdir()
    shutil.copyfile(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    progress = learner_progress(root, validate=False)
    assert progress.next_step.startswith(f"Next: open lesson {MODULE}")


def test_progress_shows_daily_practice_per_skill(course: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from coachlab.practice import Session, build_pool

    now = datetime(2026, 12, 1, 9, tzinfo=UTC)
    journal = Journal.beside(course / "course")
    for day in range(2):
        session = Session(build_pool(course / "course"), journal,
                          clock=lambda d=day: now + timedelta(days=d))
        while session.current:
            session.answer(session.current.answer, 5)
    progress = learner_progress(course, validate=False, now=now + timedelta(days=2))
    practice = progress.practice
    assert practice.started and practice.streak == 2 and practice.sessions == 2
    assert sum(s.due for s in practice.skills) > 0
    assert all(s.items and s.items > 0 for s in practice.skills)
    text = as_text(progress)
    assert "Daily practice: 2-day streak" in text
    for skill in practice.skills:
        assert skill.name in text
    assert "next review" in text and "due" in text and "%" not in text.split("Daily")[1]
    # the lesson journal's practice key is not mistaken for a module
    assert [m for m in progress.modules if m.module == MODULE][0].lesson_opened


def test_progress_notebook_runs_top_to_bottom_without_warnings_or_errors(course: Path) -> None:
    """The page a learner runs: with an exercise answered, so the self-check starts a kernel."""
    from tests.helpers.outputs import noisy_outputs, run_as_learner

    shutil.copyfile(ROOT / "course" / "progress.ipynb", course / "course" / "progress.ipynb")
    nb = run_as_learner(course / "course" / "progress.ipynb", course / "course")
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                      for o in c.outputs)
    assert "self-check" in printed and MODULE in printed
    assert "passed" in printed or "failing" in printed  # the self-check ran its kernel
    assert noisy_outputs(nb) == []


@pytest.mark.parametrize("meta", [
    '<meta name="coachlab-score" content="17 / 25">',
    '<meta content="17 / 25" name="coachlab-score"/>',
])
def test_feedback_score_reads_the_course_reports_meta_tag(tmp_path: Path, meta: str) -> None:
    """The course's report says its whole score in a meta tag, in whatever attribute order an
    HTML writer puts it; nbgrader's own "Score: x / y" pages still read."""
    from coachlab.progress import feedback_score

    folder = tmp_path / "feedback" / "2026-01-01"
    folder.mkdir(parents=True)
    (folder / "01.html").write_text(f"<html><head>{meta}</head><body>Part A 3 of 4</body></html>")
    assert feedback_score(tmp_path) == (17.0, 25.0)
    (folder / "01.html").write_text("<h4>Score: 4.0 / 6.0</h4>")
    assert feedback_score(tmp_path) == (4.0, 6.0)
    (folder / "01.html").write_text("<p>no score here</p>")
    assert feedback_score(tmp_path) is None
