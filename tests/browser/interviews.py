"""Interviews played in the browser inside the notebooks that hold them: lesson 02's own
interview and a practice interview. The notebook is opened and run once by the test that owns
it (tests/browser/test_course.py), which calls these after its own checks: each notebook is
opened and run once in the suite."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

from playwright.sync_api import Locator

from tests.browser.audit import assert_accessible, assert_controls_named
from tests.browser.lab import (
    PANEL,
    Notebook,
    assert_results_in_words,
    wait_for_text,
    widget_text,
)
from tests.browser.server import Lab

REPS = Path(__file__).resolve().parents[2] / "course" / "reps"

FIRST_LINE = "What would you like to try first?"
"""The manager's first coaching line after the diagnosis."""

VAGUE = "What do you think?"
"""A content-free question: the rep gives a surface answer, never a deep fact."""

#: Only the interview widget: its prose, controls, transcript, board and ending.
WIDGET_ONLY = {"include": [f"{PANEL} .coachlab-interview"]}


def asked(widget: Locator, count: int) -> str:
    """Wait until the meter says ``count`` questions were asked; return the widget's text."""
    return wait_for_text(widget, rf"Questions asked: {count} of")


def choose(widget: Locator, label: str) -> None:
    """Click the toggle button labelled ``label`` (a cause or a way to coach)."""
    widget.locator("button.widget-toggle-button",
                   has_text=re.compile(f"^\\s*{re.escape(label)}\\s*$")).click()


def good_questions(rep_id: str) -> tuple[list[str], tuple]:
    """Questions that surface the evidence (the rep's own paraphrases, each kept only if the
    engine says it reaches its fact) and the engine's result for the whole interview, which
    opens with one content-free question."""
    from coachlab.interview import Interview, load_rep, replay
    from coachlab.interview.scoring import needed

    rep = load_rep(REPS / f"{rep_id}.yaml")
    interview = Interview(rep)
    interview.ask(VAGUE)
    questions: list[str] = []
    found = 0
    for fact in rep.discriminating:
        if fact.depth != "specific" or found >= needed(rep):
            continue
        for question in rep.paraphrases.get(fact.id, ()):
            questions.append(question)
            if interview.ask(question).revealed == fact.id:
                found += 1
                break
    return questions, (rep, replay(rep, [VAGUE, *questions], rep.cause, rep.coaching,
                                   FIRST_LINE))


def revealed(rep, questions: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """The facts the questions reach, after the opening content-free question."""
    from coachlab.interview import Interview

    interview = Interview(rep)
    interview.ask(VAGUE)
    return [fact for q in questions if (fact := interview.ask(q).revealed)]


def play_lesson_02_interview(notebook: Notebook, lab: Lab) -> None:
    """Lesson 02's own interview (Marcus), in the lesson already run, played to the best
    ending by typed questions; the ending, the audit and the saved journal entry checked."""
    from coachlab.diagnosis import CAUSE_NAMES
    from coachlab.widgets.interview import COACHING_NAMES

    script, (rep, expected) = good_questions("marcus-short-discovery")
    assert expected.outcome == "best", expected  # the script itself wins, or the test is moot
    page = notebook.page
    widget = notebook.widget("coachlab-interview")
    text = widget_text(widget)
    assert "Marcus Bell" in text and "Questions asked: 0 of" in text
    assert assert_controls_named(widget) >= 5
    assert_accessible(page, "lesson 02 interview (start)", WIDGET_ONLY)

    question = widget.get_by_role("textbox", name=re.compile("Your question to Marcus"))
    question.fill(VAGUE)
    question.press("Enter")
    text = asked(widget, 1)
    assert "said something on the surface" in text or "nothing new" in text
    for number, typed in enumerate(script, 2):
        question.fill(typed)
        question.press("Enter")
        text = asked(widget, number)
    for fact in revealed(rep, script):
        assert f"reached: {fact.replace('-', ' ')}" in text

    choose(widget, CAUSE_NAMES[rep.cause])
    choose(widget, COACHING_NAMES[rep.coaching])
    widget.get_by_role("textbox", name="Your first coaching line:").fill(FIRST_LINE)
    notebook.click_button("Diagnose", within=widget)
    text = wait_for_text(widget, r"How it went")
    assert "Outcome: ✓ best" in text, text[:600]
    assert f"Score: {expected.score} of {expected.max_score}" in text
    assert f"Evidence found: ✓ {expected.found} of the {expected.needed} facts" in text
    assert f"Your diagnosis: ✓ Right: {CAUSE_NAMES[rep.cause]}" in text
    assert "Why every answer" in text and "never told you" in text
    assert assert_results_in_words(widget) >= 3
    assert_accessible(page, "lesson 02 interview (ending)", WIDGET_ONLY)

    saved = json.loads((lab.root / "course" / "coachlab-answers.json").read_text())
    entry = json.dumps(saved)
    assert "02-find-the-root-cause.interview.marcus-short-discovery" in entry
    assert script[-1] in entry


def play_practice_interview(notebook: Notebook, lab: Lab) -> None:
    """Today's plan holds one short interview (lesson 02 opened): the practice cell of the
    practice notebook, already open and run, is run again to take the plan; then six questions
    at most, the diagnosis, the practice feedback and its next review. The lessons' journal is
    put back afterwards, so later practice starts from the course copy it expects."""
    from coachlab.diagnosis import CAUSE_NAMES
    from coachlab.journals import record_lesson_opened
    from coachlab.practice import build_pool
    from coachlab.responses import Journal
    from coachlab.widgets.interview import COACHING_NAMES

    page = notebook.page
    course = lab.root / "course"
    journal_file = course / "coachlab-answers.json"
    before = journal_file.read_bytes() if journal_file.exists() else None
    item = next(i for i in build_pool(course) if i.skill == "interview")
    script, (rep, expected) = good_questions(item.rep_id)
    assert expected.outcome == "best" and len(script) + 1 <= item.questions
    try:
        record_lesson_opened(course, "02-find-the-root-cause")
        today = datetime.now().astimezone().date().isoformat()  # the kernel's day, same machine
        Journal.beside(course).record("practice", {"cards": {}, "days": {},
                                                   "plan": {"date": today, "items": [item.id]}})
        notebook.run_cell(notebook.cell_with("todays_practice()"))
        practice = notebook.widget("coachlab-practice")
        text = wait_for_text(practice, r"Item 1 of 1\b")
        assert "Interview a rep" in text and f"at most {item.questions} questions" in text
        widget = practice.locator(".coachlab-practice-interview").first
        assert "Questions asked: 0 of 6 (6 left)" in widget_text(widget)
        assert_accessible(page, "practice interview (start)",
                          {"include": [f"{PANEL} .coachlab-practice"]})

        question = widget.get_by_role("textbox", name=re.compile(f"Your question to "
                                                                 f"{rep.persona.name}"))
        for number, typed in enumerate([VAGUE, *script], 1):
            question.fill(typed)
            question.press("Enter")
            asked(widget, number)
        choose(widget, CAUSE_NAMES[rep.cause])
        choose(widget, COACHING_NAMES[rep.coaching])
        widget.get_by_role("textbox", name="Your first coaching line:").fill(FIRST_LINE)
        notebook.click_button("Diagnose", within=widget)
        said = wait_for_text(practice, r"Next review:")
        assert "✓ Right" in said and "Outcome: best." in said
        assert "How it went" in said and "Interview again" not in said
        assert "brings it back on the day it is next due" in said
        assert assert_results_in_words(practice) >= 3
        assert_accessible(page, "practice interview (answered)",
                          {"include": [f"{PANEL} .coachlab-practice"]})
        card = Journal.beside(course).get("practice")["cards"][item.id]
        assert card["skill"] == "interview" and card["last"] == "right"
    finally:
        if before is None:
            journal_file.unlink(missing_ok=True)
        else:
            journal_file.write_bytes(before)
