"""Lesson 01 in a real browser: the sorter, the question coach and the scenario player, by
mouse and by keyboard alone, and its axe-core audit. The lesson is opened and run once for the
whole module; each test leaves the widgets usable for the next."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Locator

from coachlab.analysis import LABELS
from coachlab.moves import MOVE_NAMES
from tests.browser.audit import assert_accessible
from tests.browser.lab import (
    PANEL,
    Notebook,
    assert_no_errors,
    assert_results_in_words,
    button_labels,
    play_to_ending,
    tab_to,
    wait_for_fresh_start,
    wait_for_next_node,
    wait_for_text,
    widget_button,
    widget_text,
)

# usefixtures("page"): the failure screenshot finds the shared page under that name
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser"),
              pytest.mark.usefixtures("page")]

REPO = Path(__file__).resolve().parents[2]
LESSON = "course/01-tell-or-ask-lesson.ipynb"


@pytest.fixture
def page(shared_page):
    """This module's tests share one page (and one run of the lesson)."""
    return shared_page


@pytest.fixture(scope="module")
def lesson(shared_page, lab_server) -> Notebook:
    """Lesson 01 opened and run top to bottom (Run › Run All Cells), once for the module."""
    notebook = Notebook.open(shared_page, lab_server, LESSON)
    notebook.run_all()
    return notebook


def test_runs_without_errors_and_passes_the_axe_audit(lesson: Notebook) -> None:
    assert_no_errors(lesson)
    assert_accessible(lesson.page, LESSON)


def test_scenario_player_reaches_a_debrief(lesson: Notebook) -> None:
    player = lesson.widget("coachlab-player")
    if "Debrief" in widget_text(player):  # a play finished earlier is shown again: start over
        lesson.click_button("Replay", within=player)
        wait_for_fresh_start(lesson, player)
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
    # The label and the list are two parts of the widget, each redrawn by its own message
    # from the kernel: wait for both.
    wait_for_text(coach, r"is Open question")
    said = wait_for_text(coach, r"Ask ratio: 100%")
    assert f"“{asked}” is Open question" in said
    assert field.input_value() == ""

    told = "You should send them the ROI calculator today."
    field.fill(told)
    lesson.click_button("Check my reply", within=coach)
    wait_for_text(coach, r"is Tell")
    said = wait_for_text(coach, r"Ask ratio: 50%")
    assert f"“{told}” is Tell" in said


# ---------------------------------------------------------------------- keyboard only


def test_sorter_answered_by_keyboard_alone(lesson: Notebook) -> None:
    content = yaml.safe_load((REPO / "course" / "practice" / "01-tell-or-ask.yaml").read_text())
    text, move = (str(part) for part in content["sorter"][1])
    sorter = lesson.widget("coachlab-sorter")
    row = sorter.locator(".widget-vbox", has=lesson.page.locator(".coachlab-quote")).nth(1)
    assert text in widget_text(row)
    feedback = row.locator(".widget-html").last

    reached = tab_to(row, "button.widget-toggle-button", re.compile(
        f"^{re.escape(MOVE_NAMES[move])}$"))
    assert reached == MOVE_NAMES[move]
    lesson.page.keyboard.press("Space")
    said = wait_for_text(feedback, "Right")
    assert said.startswith("✓ Right") and f"this is {MOVE_NAMES[move]}" in said
    assert assert_results_in_words(sorter) >= 1


def test_scenario_played_to_its_ending_by_keyboard_alone(lesson: Notebook) -> None:
    player = lesson.widget("coachlab-player")
    if "Debrief" in widget_text(player):  # the mouse test finished a play: start over
        tab_to(player, "button.jupyter-button", re.compile("^Replay$"))
        lesson.page.keyboard.press("Enter")
        # not only the prompt: the old debrief goes in a later message, and a loop that
        # still saw it would stop before the first reply (the flake of a full run)
        wait_for_fresh_start(lesson, player)
    presses = 400  # the first reply may be far from where the focus is
    for _ in range(20):
        if "Debrief" in widget_text(player):
            break
        tab_to(player, "button.coachlab-choice", max_presses=presses)
        presses = 12  # the next replies are a few presses from the one just said
        before = button_labels(player, "button.coachlab-choice")
        lesson.page.keyboard.press("Enter")
        wait_for_next_node(lesson, player, before)
        lesson.wait_for_kernel_idle()
    text = wait_for_text(player, r"Root cause:")
    assert "Debrief" in text and "Outcome:" in text
    assert assert_results_in_words(player) >= 2  # the outcome and the root cause


# ---------------------------------------------------------------------- the audit's reach


def test_the_audit_sees_course_content_and_not_jupyterlab(lesson: Notebook) -> None:
    """An image without alt text is caught in a cell's output, and ignored in JupyterLab's
    toolbar (JupyterLab's own, outside the course's content). Runs last: it edits the page."""
    from tests.browser.audit import audit

    lesson.page.evaluate(
        """(panel) => {
            const img = () => Object.assign(document.createElement('img'),
                {src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=', className: 'probe'});
            document.querySelector(panel + ' .jp-OutputArea-output').appendChild(img());
            document.querySelector(panel + ' .jp-Toolbar').appendChild(img());
        }""", PANEL)
    found = [v for v in audit(lesson.page) if v.rule == "image-alt"]
    assert len(found) == 1 and len(found[0].targets) == 1, found
    assert ".jp-Toolbar" not in found[0].targets[0]
