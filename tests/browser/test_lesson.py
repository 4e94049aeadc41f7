"""Lesson 01 in a real browser: the sorter, the question coach and the scenario player."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Locator

from coachlab.analysis import LABELS
from coachlab.widgets._common import MOVE_NAMES
from tests.browser.lab import (
    Notebook,
    play_to_ending,
    wait_for_text,
    widget_button,
    widget_text,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

REPO = Path(__file__).resolve().parents[2]
LESSON = "course/01-tell-or-ask.ipynb"


@pytest.fixture
def lesson(page, lab_server) -> Notebook:
    """Lesson 01 opened and run top to bottom (Run › Run All Cells)."""
    notebook = Notebook.open(page, lab_server, LESSON)
    notebook.run_all()
    return notebook


def test_scenario_player_reaches_a_debrief(lesson: Notebook) -> None:
    player = lesson.widget("coachlab-player")
    if "Debrief" in widget_text(player):  # a play finished earlier is shown again: start over
        lesson.click_button("Replay", within=player)
        wait_for_text(player, r"What do you say\?")
    replies = play_to_ending(lesson, player)
    text = wait_for_text(player, r"Root cause:")
    assert replies, "the conversation should need at least one reply"
    assert "Debrief" in text
    assert "Your path:" in text and replies[0] in text
    ratio = r"Ask ratio: \d+% \(\d+ of " + str(len(replies)) + r" replies ask\)"
    assert re.search(ratio, text), text
    assert "What was really going on:" in text
    assert widget_button(player, "Replay").is_visible()


def first_sorter_item() -> tuple[str, str]:
    """The first reply the lesson's sorter shows, and the move the course expects for it."""
    content = yaml.safe_load((REPO / "course" / "practice" / "01-tell-or-ask.yaml").read_text())
    text, move = content["sorter"][0]
    return str(text), str(move)


def toggle(row: Locator, move: str) -> Locator:
    """The sorter's toggle button for ``move`` in one reply's row."""
    name = re.compile(f"^\\s*{re.escape(MOVE_NAMES[move])}\\s*$")
    return row.locator("button.widget-toggle-button", has_text=name)


def test_statement_sorter_gives_instant_feedback(lesson: Notebook) -> None:
    text, move = first_sorter_item()
    sorter = lesson.widget("coachlab-sorter")
    row = sorter.locator(".widget-vbox", has=lesson.page.locator(".coachlab-quote")).first
    assert text in widget_text(row)
    feedback = row.locator(".widget-html").last

    wrong = next(label for label in LABELS if label != move)
    toggle(row, wrong).click()
    said = wait_for_text(feedback, "Not quite")
    assert f"you chose {MOVE_NAMES[wrong]}" in said
    assert f"this is {MOVE_NAMES[move]}" in said

    toggle(row, move).click()
    said = wait_for_text(feedback, "Right")
    assert f"this is {MOVE_NAMES[move]}" in said
    assert "Why:" in said
    wait_for_text(sorter, r"1 of \d+ right")


def test_question_coach_labels_a_typed_reply(lesson: Notebook) -> None:
    coach = lesson.widget("coachlab-coach")
    lesson.click_button("Clear my list", within=coach)  # start from an empty list
    wait_for_text(coach, "Your list is empty")
    field = coach.locator("input[type='text']")

    asked = "What do you see as the real blocker on this deal?"
    field.fill(asked)
    field.press("Enter")
    said = wait_for_text(coach, r"is Open question")
    assert f"“{asked}” is Open question" in said
    assert "Ask ratio: 100%" in said
    assert field.input_value() == ""

    told = "You should send them the ROI calculator today."
    field.fill(told)
    lesson.click_button("Check my reply", within=coach)
    said = wait_for_text(coach, r"is Tell")
    assert f"“{told}” is Tell" in said
    assert "Ask ratio: 50%" in said
