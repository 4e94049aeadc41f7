"""The interview widget in a real browser: typed questions, Ask and Enter, the diagnosis and the
ending, by mouse and by keyboard alone, with the axe audit of the widget at its start and at its
ending. A two-cell notebook written here shows Priya's interview, opened once for the first tests;
the last test plays lesson 02's own interview (Marcus) to its ending in the lesson itself."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator

from tests.browser.audit import assert_accessible, assert_controls_named
from tests.browser.lab import (
    PANEL,
    Notebook,
    assert_no_errors,
    assert_results_in_words,
    tab_to,
    wait_for_text,
    widget_text,
)

# usefixtures("page"): the failure screenshot finds the shared page under that name
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"),
              pytest.mark.usefixtures("page")]

LESSON = "interview-check.ipynb"
NOTEBOOK = {
    "cells": [
        {"cell_type": "code", "execution_count": None, "id": "setup", "metadata": {},
         "outputs": [], "source": ["from coachlab.widgets.interview import interview"]},
        {"cell_type": "code", "execution_count": None, "id": "interview", "metadata": {},
         "outputs": [], "source": ['interview("priya-cfo-waiting")']}],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                "language": "python"}},
    "nbformat": 4, "nbformat_minor": 5}

#: A good interview of Priya (questions from her paraphrase file): the evidence first, then
#: the cause and coaching that fit her.
QUESTIONS = (
    "Where are these three deals up to?",
    "What's in the business case you've put together?",
    "What happened on the Kestrel deal?",
)
FIRST_LINE = "What would you like to try first?"
HOSTILE = "<img src=x onerror=alert(1)>"

#: Only the interview widget: its prose, controls, transcript, board and ending.
WIDGET_ONLY = {"include": [f"{PANEL} .coachlab-interview"]}


@pytest.fixture
def page(shared_page):
    """This module's tests share one page (and one run of the lesson)."""
    return shared_page


@pytest.fixture(scope="module")
def lesson(shared_page, lab_server) -> Notebook:
    """The widget's notebook, written into the course copy's lessons and run top to bottom
    (Run › Run All Cells), once for the module."""
    (lab_server.root / "course" / LESSON).write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    notebook = Notebook.open(shared_page, lab_server, f"course/{LESSON}")
    notebook.run_all()
    return notebook


def fresh(lesson: Notebook) -> Locator:
    """The interview widget, started again if an earlier play is shown."""
    widget = lesson.widget("coachlab-interview")
    if "How it went" in widget_text(widget):
        lesson.click_button("Interview again", within=widget)
        wait_for_text(widget, r"Questions asked: 0 ")
    return widget


def asked(widget: Locator, count: int) -> str:
    """Wait until the meter says ``count`` questions were asked; return the widget's text."""
    return wait_for_text(widget, rf"Questions asked: {count} of")


def choose(widget: Locator, label: str) -> None:
    """Click the toggle button labelled ``label`` (a cause or a way to coach)."""
    widget.locator("button.widget-toggle-button",
                   has_text=re.compile(f"^\\s*{re.escape(label)}\\s*$")).click()


def test_runs_and_the_widget_passes_the_axe_audit(lesson: Notebook) -> None:
    assert_no_errors(lesson)
    widget = fresh(lesson)
    text = widget_text(widget)
    assert "Priya Nair" in text and "What you know:" in text
    assert "Lewis at Lowther says he" in text  # her opening line
    assert "Evidence board" in text and "Trust: 1 of 3" in text
    assert assert_controls_named(widget) >= 5
    assert_accessible(lesson.page, "interview (start)", WIDGET_ONLY)


def test_an_interview_played_to_its_ending(lesson: Notebook) -> None:
    widget = fresh(lesson)
    question = widget.get_by_role("textbox", name=re.compile("Your question to Priya"))
    question.fill(QUESTIONS[0])
    lesson.click_button("Ask", within=widget)
    text = asked(widget, 1)
    assert f"You: “{QUESTIONS[0]}”" in text
    assert re.search(r"[✓◐✗] read as: \w+", text)
    assert question.input_value() == ""

    for number, typed in enumerate(QUESTIONS[1:], 2):
        question.fill(typed)
        question.press("Enter")  # Enter in the box asks too
        text = asked(widget, number)
    assert "→ reached: business case built" in text
    assert "→ reached: presented to fd before" in text
    assert re.search(r"Evidence board: what Priya Nair has told you \(3 of \d+ things\)", text)

    # hostile input is shown as text, never rendered
    question.fill(HOSTILE)
    lesson.click_button("Ask", within=widget)
    text = asked(widget, len(QUESTIONS) + 1)
    assert HOSTILE in text
    assert widget.locator("img").count() == 0

    choose(widget, "lacks confidence")
    choose(widget, "Keep asking: let them find and own the plan")
    wait_for_text(widget, r"Your choice: the cause: lacks confidence · how you coach: Keep")
    widget.get_by_role("textbox", name="Your first coaching line:").fill(FIRST_LINE)
    lesson.click_button("Diagnose", within=widget)
    text = wait_for_text(widget, r"How it went")
    assert re.search(r"Outcome: [✓◐✗] \w+", text)
    assert "Outcome: ✓ best" in text, text[:600]
    assert re.search(r"Score: \d+ of 12", text)
    assert "Evidence found: ✓ 2 of the 2 facts" in text
    assert "Your diagnosis: ✓ Right: lacks confidence" in text
    assert "Why every answer" in text and "How the matcher read it" in text
    assert "never told you" in text and "a question that would have reached it" in text
    assert assert_results_in_words(widget) >= 3
    assert_accessible(lesson.page, "interview (ending)", WIDGET_ONLY)


def test_ask_and_diagnose_by_keyboard_alone(lesson: Notebook) -> None:
    widget = lesson.widget("coachlab-interview")
    if "How it went" in widget_text(widget):
        tab_to(widget, "button.jupyter-button", re.compile("^Interview again$"))
        lesson.page.keyboard.press("Enter")
        wait_for_text(widget, r"Questions asked: 0 ")
    keyboard = lesson.page.keyboard

    tab_to(widget, "input[type='text']", max_presses=400)
    keyboard.type(QUESTIONS[1])
    keyboard.press("Enter")
    asked(widget, 1)
    keyboard.type(QUESTIONS[2])  # the focus stays in the box, ready for the next question
    tab_to(widget, "button.jupyter-button", re.compile("^Ask$"), max_presses=5)
    keyboard.press("Space")
    text = asked(widget, 2)
    assert "→ reached: presented to fd before" in text

    toggle = "button.widget-toggle-button"
    tab_to(widget, toggle, re.compile("^lacks confidence$"), max_presses=20)
    keyboard.press("Space")
    tab_to(widget, toggle, re.compile("^Keep asking"), max_presses=20)
    keyboard.press("Enter")
    wait_for_text(widget, r"Your choice: the cause: lacks confidence · how you coach: Keep")
    tab_to(widget, "input[type='text']", max_presses=10)
    keyboard.type(FIRST_LINE)
    tab_to(widget, "button.jupyter-button", re.compile("^Diagnose$"), max_presses=5)
    keyboard.press("Enter")
    text = wait_for_text(widget, r"How it went")
    assert "Your diagnosis: ✓ Right: lacks confidence" in text
    assert "How you coach: ✓ Fits: Keep asking" in text
    assert re.search(r"Outcome: [✓◐✗] \w+", text)


# ------------------------------------------------------------------------------ lesson 02

LESSON_02 = "course/02-find-the-root-cause-lesson.ipynb"
REPS = Path(__file__).resolve().parents[2] / "course" / "reps"


VAGUE = "What do you think?"
"""A content-free question: the rep gives a surface answer, never a deep fact."""


def good_questions(rep_id: str) -> tuple[list[str], tuple]:
    """Questions that surface the evidence (the rep's own paraphrases, each kept only if the
    engine says it reaches its fact) and the engine's result for the whole interview, which
    opens with one content-free question."""
    from coachlab.interview import Interview, load_rep, replay
    from coachlab.interview.scoring import needed

    rep = load_rep(REPS / f"{rep_id}.yaml")
    interview = Interview(rep)
    interview.ask(VAGUE)
    asked: list[str] = []
    found = 0
    for fact in rep.discriminating:
        if fact.depth != "specific" or found >= needed(rep):
            continue
        for question in rep.paraphrases.get(fact.id, ()):
            asked.append(question)
            if interview.ask(question).revealed == fact.id:
                found += 1
                break
    return asked, (rep, replay(rep, [VAGUE, *asked], rep.cause, rep.coaching, FIRST_LINE))


def test_lesson_02_interview_played_to_its_ending(shared_page, lab_server) -> None:
    from coachlab.diagnosis import CAUSE_NAMES
    from coachlab.widgets.interview import COACHING_NAMES

    script, (rep, expected) = good_questions("marcus-short-discovery")
    assert expected.outcome == "best", expected  # the script itself wins, or the test is moot
    notebook = Notebook.open(shared_page, lab_server, LESSON_02)
    notebook.run_all()
    assert_no_errors(notebook)
    widget = notebook.widget("coachlab-interview")
    text = widget_text(widget)
    assert "Marcus Bell" in text and "Questions asked: 0 of" in text
    assert assert_controls_named(widget) >= 5
    assert_accessible(shared_page, "lesson 02 interview (start)", WIDGET_ONLY)

    question = widget.get_by_role("textbox", name=re.compile("Your question to Marcus"))
    question.fill(VAGUE)
    question.press("Enter")
    text = asked(widget, 1)
    assert "said something on the surface" in text or "nothing new" in text
    for number, typed in enumerate(script, 2):
        question.fill(typed)
        question.press("Enter")
        text = asked(widget, number)
    for fact in _revealed(rep, script):
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
    assert_accessible(shared_page, "lesson 02 interview (ending)", WIDGET_ONLY)

    saved = json.loads((lab_server.root / "course" / "coachlab-answers.json").read_text())
    entry = json.dumps(saved)
    assert "02-find-the-root-cause.interview.marcus-short-discovery" in entry
    assert script[-1] in entry


def _revealed(rep, questions: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """The facts the questions reach, after the opening content-free question."""
    from coachlab.interview import Interview

    interview = Interview(rep)
    interview.ask(VAGUE)
    return [fact for q in questions if (fact := interview.ask(q).revealed)]


# ------------------------------------------------------------------------------ daily practice

def test_a_practice_interview_is_answered_in_the_practice_notebook(shared_page,
                                                                   lab_server) -> None:
    """Today's plan holds one short interview (lesson 02 opened): six questions at most, the
    diagnosis, then the practice feedback and its next review. The lessons' journal is put
    back afterwards, so the other practice tests start from the course copy they expect."""
    from datetime import datetime

    from coachlab.diagnosis import CAUSE_NAMES
    from coachlab.journals import record_lesson_opened
    from coachlab.practice import build_pool
    from coachlab.responses import Journal
    from coachlab.widgets.interview import COACHING_NAMES

    course = lab_server.root / "course"
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
        notebook = Notebook.open(shared_page, lab_server, "course/practice.ipynb")
        notebook.run_all()
        assert_no_errors(notebook)
        practice = notebook.widget("coachlab-practice")
        text = wait_for_text(practice, r"Item 1 of 1")
        assert "Interview a rep" in text and f"at most {item.questions} questions" in text
        widget = practice.locator(".coachlab-practice-interview").first
        assert "Questions asked: 0 of 6 (6 left)" in widget_text(widget)
        assert_accessible(shared_page, "practice interview (start)",
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
        assert_accessible(shared_page, "practice interview (answered)",
                          {"include": [f"{PANEL} .coachlab-practice"]})
        card = Journal.beside(course).get("practice")["cards"][item.id]
        assert card["skill"] == "interview" and card["last"] == "right"
    finally:
        if before is None:
            journal_file.unlink(missing_ok=True)
        else:
            journal_file.write_bytes(before)
