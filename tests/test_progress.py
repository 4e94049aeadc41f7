"""Learner progress from a synthetic course folder: journals, answered parts, feedback, skills."""

from __future__ import annotations

import shutil
from pathlib import Path

import matplotlib
import nbformat
import pytest

from coachlab.journals import ScenarioIndex, replies_by_module
from coachlab.progress.reading import feedback_score, learner_progress
from coachlab.progress.selfcheck import self_check
from coachlab.progress.view import as_text, chart, interviews_text
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
    for part in (f"solutions/{MODULE}", f"exercises/{MODULE}", "course/scenarios",
                 "course/practice", "course/reps"):
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
    progress = learner_progress(course)
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
    progress = learner_progress(course, check=self_check)
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
    progress = learner_progress(root)
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
    progress = learner_progress(course, now=now + timedelta(days=2))
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


def _good_interview(rep, widget) -> list[str]:  # type: ignore[no-untyped-def]
    """Ask the rep's own paraphrases for its discriminating facts until two are found."""
    asked = []
    for fact in rep.discriminating:
        if fact.depth != "specific" or sum(t.revealed in {f.id for f in rep.discriminating}
                                           for t in widget.turns) >= 2:
            continue
        question = rep.paraphrases[fact.id][0]
        widget.ask(question)
        asked.append(question)
    return asked


def test_progress_shows_every_interview_replayed(course: Path) -> None:
    """Interviews in the lesson, an exercise and practice, each replayed from its questions;
    saved figures are never read."""
    from coachlab.interview import load_rep
    from coachlab.widgets.interview import RepInterview

    lessons = Journal.beside(course / "course")
    marcus = load_rep(course / "course" / "reps" / "marcus-short-discovery.yaml")
    lesson = RepInterview(marcus, journal=lessons,
                          key="02-find-the-root-cause.interview.marcus-short-discovery")
    asked = _good_interview(marcus, lesson)
    lesson.finish(marcus.cause, marcus.coaching, "What would you like to try first?")
    lesson.replay()  # a second play, three vague questions, left unfinished: not counted
    for _ in range(3):
        lesson.ask("What do you think?")
    lesson.finish("fears_being_stumped", "step_in", "")  # now finished: counted

    exercise = course / "exercises" / MODULE
    priya = load_rep(course / "course" / "reps" / "priya-cfo-waiting.yaml")
    graded = RepInterview(priya, journal=Journal.beside(exercise),
                          key="02.interview.priya-cfo-waiting")
    graded.ask("What do you think?")
    graded.finish(priya.cause, priya.coaching, "")

    forged = {"interview": "joel-no-budget-talk", "questions": [], "finished": True,
              "found": 9, "outcome": "best", "score": 12,
              "plays": [{"questions": [], "diagnosis": "fears_being_stumped", "coaching": "ask",
                         "first_line": "", "found": 2, "outcome": "best"}]}
    lessons.record("practice.interview.joel-no-budget-talk", forged)
    lessons.record("practice.interview.nobody-at-all", {**forged, "interview": "nobody-at-all"})
    lessons.record("practice.interview.broken", {"interview": "tom-hospital-execs",
                                              "plays": "not a list"})

    records = learner_progress(course).interviews
    shown = [(r.where, r.rep, r.found, r.needed, r.questions, r.outcome) for r in records]
    assert shown == [
        ("lesson 02", "marcus-short-discovery", 2, 2, len(asked), "best"),
        ("lesson 02", "marcus-short-discovery", 0, 2, 3, "poor"),
        ("practice", "joel-no-budget-talk", 0, 2, 0, "mixed"),
        ("exercise 01", "priya-cfo-waiting", 0, 2, 1, "mixed"),
    ]
    text = interviews_text(records)
    assert "Marcus Bell" in text and "2 of 2" in text and "practice" in text
    assert "4 interview(s): evidence found 2 of 8 needed; all of it in 1;" in text
    assert "Interviews (replayed from your questions)" in as_text(
        learner_progress(course))


def test_no_interview_yet_points_to_lesson_02() -> None:
    assert "Lesson 02 has one to play" in interviews_text(())


@pytest.mark.parametrize("meta", [
    '<meta name="coachlab-score" content="17 / 25">',
    '<meta content="17 / 25" name="coachlab-score"/>',
])
def test_feedback_score_reads_the_course_reports_meta_tag(tmp_path: Path, meta: str) -> None:
    """The course's report says its whole score in a meta tag, in whatever attribute order an
    HTML writer puts it; nbgrader's own "Score: x / y" pages still read."""
    folder = tmp_path / "feedback" / "2026-01-01"
    folder.mkdir(parents=True)
    (folder / "01.html").write_text(f"<html><head>{meta}</head><body>Part A 3 of 4</body></html>")
    assert feedback_score(tmp_path) == (17.0, 25.0)
    (folder / "01.html").write_text("<h4>Score: 4.0 / 6.0</h4>")
    assert feedback_score(tmp_path) == (4.0, 6.0)
    (folder / "01.html").write_text("<p>no score here</p>")
    assert feedback_score(tmp_path) is None
