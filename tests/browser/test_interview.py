"""The interview widget in a real browser: typed questions, Ask and Enter, the diagnosis and the
ending, by mouse and by keyboard alone, with the axe audit of the widget at its start and at its
ending. A two-cell notebook written here shows Priya's interview, opened once for the module.
Lesson 02's own interview (Marcus) and a practice interview are played in their notebooks by
tests/browser/test_course.py (tests/browser/interviews.py), which opens and runs those once."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Locator

from tests.browser.audit import assert_accessible, assert_controls_named
from tests.browser.interviews import FIRST_LINE, WIDGET_ONLY, asked, choose
from tests.browser.lab import (
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
HOSTILE = "<img src=x onerror=alert(1)>"


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
