"""Every lesson, today's practice and the progress page in a real browser, the way a learner uses
them: Run All, no error on the page, an axe-core audit (WCAG 2 A/AA) of the course's content,
then each widget driven by clicks and typing and its answer read back; a second audit covers the
states the clicks reached (feedback, debriefs, charts). Lesson 01 is in test_lesson.py. Each
notebook is opened and run once: lesson 02's interview and a practice interview are played in
the same runs (tests/browser/interviews.py).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator

from tests.browser.audit import assert_accessible, assert_controls_named
from tests.browser.interviews import play_lesson_02_interview, play_practice_interview
from tests.browser.lab import (
    Notebook,
    assert_blank_exercise_ran,
    assert_labels_fit,
    assert_no_errors,
    assert_results_in_words,
    button_labels,
    chart_images,
    play_to_ending,
    wait_for_text,
    widget_text,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LESSON_00 = "course/00-welcome-lesson.ipynb"
LESSON_02 = "course/02-find-the-root-cause-lesson.ipynb"
LESSON_03 = "course/03-stop-rescuing-lesson.ipynb"
LESSON_04 = "course/04-reinforce-lesson.ipynb"
LESSON_05 = "course/05-capstone-lesson.ipynb"
PRACTICE = "course/practice.ipynb"
PROGRESS = "course/progress.ipynb"
EXERCISE_00 = "exercises/00-welcome/00-welcome.ipynb"
#: The notebooks this module opens and runs top to bottom (tests/notebooks/ checks that every
#: notebook is run by some browser test).
RUNS = (LESSON_00, LESSON_02, LESSON_03, LESSON_04, LESSON_05, PRACTICE, PROGRESS, EXERCISE_00)


def run(page, lab_server, path: str) -> Notebook:
    """Open ``path``, Run All, check no cell shows an error, and audit it."""
    notebook = Notebook.open(page, lab_server, path)
    notebook.run_all()
    assert_no_errors(notebook)
    assert_accessible(page, path)
    return notebook


def wait_for_new_chart(scope: Locator, before: list[tuple[str, str]],
                       timeout_ms: int = 30_000) -> list[tuple[str, str]]:
    """Wait until the images in ``scope`` differ from ``before``; return them."""
    for _ in range(timeout_ms // 100):
        now = chart_images(scope)
        if now and now != before:
            return now
        scope.page.wait_for_timeout(100)
    raise AssertionError("the chart was not redrawn")


def answer_first_sorter_item(notebook: Notebook) -> str:
    """Click one move for the sorter's first reply; return the feedback the learner reads."""
    sorter = notebook.widget("coachlab-sorter")
    row = sorter.locator(".widget-vbox", has=notebook.page.locator(".coachlab-quote")).first
    row.locator("button.widget-toggle-button").first.click()
    said = wait_for_text(row.locator(".widget-html").last, r"Right|Not quite")
    wait_for_text(sorter, r"\d+ of \d+ right")
    assert assert_results_in_words(sorter) >= 1
    return said


def play_scenario(notebook: Notebook) -> str:
    """Play the lesson's scenario to an ending; return the debrief text."""
    player = notebook.widget("coachlab-player")
    replies = play_to_ending(notebook, player)
    text = wait_for_text(player, r"Root cause:")
    assert replies and "Debrief" in text and "Outcome:" in text
    assert assert_results_in_words(player) >= 2
    return text


def ask_the_coach(notebook: Notebook, reply: str) -> str:
    """Type ``reply`` into the question coach and press Enter; return what it says."""
    coach = notebook.widget("coachlab-coach")
    field = coach.locator("input[type='text']")
    field.fill(reply)
    field.press("Enter")
    return wait_for_text(coach, re.escape(f"“{reply}” is"))


# ---------------------------------------------------------------------- lessons


def test_lesson_00_example_profile_has_a_described_chart(page, lab_server) -> None:
    notebook = run(page, lab_server, LESSON_00)
    [(alt, src)] = chart_images(notebook.cell_with("example_profile()"))
    assert src.startswith("data:image/png")
    assert "made-up numbers" in alt and "Asking, not telling: 35" in alt


def test_lesson_02_sorter_scenario_coach_and_interview(page, lab_server) -> None:
    notebook = run(page, lab_server, LESSON_02)
    answer_first_sorter_item(notebook)
    play_scenario(notebook)
    said = ask_the_coach(notebook, "What do you think is holding the champion back?")
    assert "is Open question" in said and "✓" in said
    assert_accessible(page, "lesson 02 after answering")
    for kind in ("coachlab-sorter", "coachlab-player", "coachlab-coach"):
        assert assert_controls_named(notebook.widget(kind))
    play_lesson_02_interview(notebook, lab_server)


def test_lesson_03_simulation_redraws_when_a_number_changes(page, lab_server) -> None:
    notebook = run(page, lab_server, LESSON_03)
    simulation = notebook.widget("coachlab-simulation")
    before = chart_images(simulation)
    [(alt, _)] = before
    assert alt.startswith("Three line charts over 8 quarters")

    quarters = simulation.get_by_label(re.compile("Quarters to simulate"))  # its label names it
    quarters.fill("4")
    quarters.press("Enter")
    [(alt, _)] = wait_for_new_chart(simulation, before)
    assert alt.startswith("Three line charts over 4 quarters")
    summary = wait_for_text(simulation, r"Attainment, quarter 4")
    assert "illustrative model" in summary

    after = chart_images(simulation)
    notebook.click_button("Reset", within=simulation)
    [(alt, _)] = wait_for_new_chart(simulation, after)
    assert "over 8 quarters" in alt and quarters.input_value() == "8"

    assert assert_controls_named(simulation) >= 6  # five numbers and Reset
    answer_first_sorter_item(notebook)
    play_scenario(notebook)
    assert_accessible(page, "lesson 03 after answering")


def test_lesson_04_planner_suggests_a_plan_and_checks_it(page, lab_server) -> None:
    notebook = run(page, lab_server, LESSON_04)
    cram = notebook.cell_with("show_plan([")
    assert "rules met" in widget_text(cram)
    [(alt, _)] = chart_images(cram)
    assert "objection handling: day 1 role play" in alt

    planner = notebook.widget("coachlab-planner")
    planner.get_by_label("discovery questions").check()
    planner.get_by_label("negotiation").check()
    before = chart_images(planner)
    notebook.click_button("Suggest a plan", within=planner)
    [(alt, _)] = wait_for_new_chart(planner, before)
    assert "discovery questions: day 1" in alt and "negotiation: day " in alt
    rules = wait_for_text(planner, r"\d+ of \d+ rules met")
    assert "✓" in rules
    assert assert_results_in_words(planner) >= 1
    assert_accessible(page, "lesson 04 after planning")
    assert assert_controls_named(planner) >= 10


def test_lesson_05_capstone_conversation_with_typed_replies(page, lab_server) -> None:
    notebook = run(page, lab_server, LESSON_05)
    capstone = notebook.widget("coachlab-capstone")
    if "Debrief" in widget_text(capstone):
        notebook.click_button("Play again", within=capstone)
    typed = 0
    for _ in range(20):
        text = widget_text(capstone)
        if "Debrief" in text:
            break
        field = capstone.locator("textarea")
        if field.is_visible():
            field.fill("What do you think is really stopping the deal from moving?")
            notebook.click_button("Say it", within=capstone)
            typed += 1
        else:
            labels = button_labels(capstone, "button.coachlab-choice")
            assert labels, f"neither replies nor a text box: {text[:300]!r}"
            capstone.locator("button.coachlab-choice").first.click()
        for _ in range(300):
            if widget_text(capstone) != text:
                break
            page.wait_for_timeout(100)
        notebook.wait_for_kernel_idle()
    said = wait_for_text(capstone, r"Root cause:")
    assert typed >= 1, "the capstone should ask for at least one typed reply"
    assert "you typed" in said and "Debrief" in said
    assert assert_results_in_words(capstone) >= 1
    assert_accessible(page, "lesson 05 after the conversation")
    assert assert_controls_named(capstone) >= 2  # the reply box and Say it, hidden or not


def test_todays_practice_answers_an_item_moves_on_and_holds_an_interview(page,
                                                                        lab_server) -> None:
    from coachlab.journals import record_lesson_opened

    # Practice asks only about lessons opened: open lesson 01 as the course kernel would.
    record_lesson_opened(lab_server.root / "course", "01-tell-or-ask")
    notebook = run(page, lab_server, PRACTICE)
    practice = notebook.widget("coachlab-practice")
    first = wait_for_text(practice, r"Item 1 of \d+")
    if practice.locator("button.coachlab-choice").count():
        practice.locator("button.coachlab-choice").first.click()
    else:
        practice.locator("textarea").fill("What would you ask the buyer next?")
        notebook.click_button("Check my question", within=practice)
    said = wait_for_text(practice, r"Why:")
    assert re.search(r"(✓ Right|◐ Partly right|✗ Not quite)", said), said
    assert "The answer:" in said or "One good question:" in said
    assert re.search(r"Next review: (tomorrow|in \d+ days)", said) and "recall" not in said
    assert assert_results_in_words(practice) >= 1
    assert_accessible(page, "today's practice after an answer")
    assert assert_controls_named(practice) >= 3
    assert assert_labels_fit(practice) >= 1  # Next, and the answers
    notebook.click_button("Next", within=practice)
    wait_for_text(practice, r"Item 2 of \d+|Today's practice is done")
    assert widget_text(practice) != first
    play_practice_interview(notebook, lab_server)


def test_progress_page_shows_a_described_chart(page, lab_server) -> None:
    notebook = run(page, lab_server, PROGRESS)
    cell = notebook.cell_with_output("ask ratio")
    assert "01-tell-or-ask" in widget_text(cell)
    [(alt, src)] = chart_images(cell)
    assert src.startswith("data:image/png")
    assert alt.startswith("Two charts. Exercise parts answered per module: 00 ")


# ---------------------------------------------------------------------- the self-assessment


def test_exercise_00_self_assessment_draws_a_described_profile(page, lab_server) -> None:
    path = EXERCISE_00
    notebook = Notebook.open(page, lab_server, path)
    notebook.run_all()
    assert_blank_exercise_ran(notebook)
    assert_accessible(page, path)
    widget = notebook.widget("coachlab-selfassessment")
    rows = widget.locator(".widget-toggle-buttons")
    total = rows.count()
    assert total >= 6
    for index in range(total):
        progress = widget_text(widget)
        choice = rows.nth(index).locator("button.widget-toggle-button").nth(index % 5)
        choice.scroll_into_view_if_needed()
        choice.click()
        for _ in range(300):  # each click is saved by the kernel before the next
            if widget_text(widget) != progress:
                break
            page.wait_for_timeout(100)
    said = wait_for_text(widget, f"All {total} statements answered")
    assert "✓" in said
    [(alt, src)] = wait_for_new_chart(widget, [])  # drawn once the last answer is saved
    assert src.startswith("data:image/png")
    assert alt.startswith("Bar chart of your coaching habits") and "Asking, not telling:" in alt
    assert_accessible(page, "exercise 00 with the self-assessment complete")
    assert assert_controls_named(widget) == 5 * total
