"""QuestionCoach: checking replies, empty input, running metrics and the journal."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
import pytest

from coachlab.analysis import analyze_conversation, classify
from coachlab.responses import Journal
from coachlab.widgets import QuestionCoach
from coachlab.widgets.coach import EMPTY_MESSAGE

TELL = "Just call the CFO tomorrow."
OPEN = "What options do you see?"
CLOSED = "Did you send the proposal?"


def type_and_click(coach: QuestionCoach, text: str) -> None:
    coach.text.value = text
    coach.check_button.click()


def test_builds_a_text_field_and_labelled_buttons() -> None:
    coach = QuestionCoach()
    assert isinstance(coach, widgets.VBox)
    assert coach.text.description == "Your reply:" and coach.text.placeholder
    assert coach.check_button.description == "Check my reply" and coach.check_button.tooltip
    assert coach.clear_button.description and coach.clear_button.tooltip
    assert coach.history == [] and coach.feedback.value == ""


def test_check_shows_label_reasons_and_hint() -> None:
    coach = QuestionCoach()
    type_and_click(coach, TELL)
    result = classify(TELL)
    feedback = coach.feedback.value
    assert result.label == "tell" and "<b>Tell</b>" in feedback
    assert all(html.escape(reason) in feedback for reason in result.reasons)
    assert result.hint and html.escape(result.hint) in feedback
    assert coach.text.value == ""  # ready for the next reply
    assert coach.history == [TELL]


def test_open_question_has_no_hint_and_is_marked_right() -> None:
    coach = QuestionCoach()
    result = coach.submit(OPEN)
    assert result is not None and result.label == "open"
    assert "Open question" in coach.feedback.value and "coachlab-right" in coach.feedback.value
    assert "Try:" not in coach.feedback.value


@pytest.mark.parametrize("empty", ["", "   ", "\n\t"])
def test_empty_input_gets_a_friendly_message(empty: str) -> None:
    coach = QuestionCoach()
    type_and_click(coach, empty)
    assert EMPTY_MESSAGE in coach.feedback.value
    assert coach.history == []
    assert coach.submit(empty) is None


def test_enter_in_the_text_field_submits() -> None:
    coach = QuestionCoach()
    coach.text.value = OPEN
    coach.text._handle_custom_msg({"event": "submit"}, [])  # what the browser sends on Enter
    assert coach.history == [OPEN]
    assert "Open question" in coach.feedback.value


def test_running_metrics_over_everything_written() -> None:
    coach = QuestionCoach()
    for reply in (TELL, OPEN, CLOSED, OPEN):
        type_and_click(coach, reply)
    expected = analyze_conversation([TELL, OPEN, CLOSED, OPEN])
    assert coach.metrics == expected
    summary = coach.summary.value
    assert f"Ask ratio: {round(expected.ask_ratio * 100)}%" in summary
    assert f"Open questions: {round(expected.open_share * 100)}%" in summary
    assert "3 of 4 replies ask" in summary
    listed = coach.history_html.value
    assert listed.count("<li>") == 4 and html.escape(TELL) in listed


def test_telling_only_says_no_questions_yet() -> None:
    coach = QuestionCoach()
    type_and_click(coach, TELL)
    assert "Ask ratio: 0%" in coach.summary.value
    assert "no questions yet" in coach.summary.value


def test_learner_text_is_escaped() -> None:
    coach = QuestionCoach()
    type_and_click(coach, "<img src=x onerror=alert(1)> What do you think?")
    for shown in (coach.feedback.value, coach.history_html.value):
        assert "<img" not in shown and "&lt;img" in shown


def test_clear_empties_the_list() -> None:
    coach = QuestionCoach()
    type_and_click(coach, TELL)
    coach.clear_button.click()
    assert coach.history == [] and coach.summary.value == "" and coach.history_html.value == ""


def test_history_is_recorded_and_restored(tmp_path: Path) -> None:
    coach = QuestionCoach(journal=Journal.beside(tmp_path), key="01.coach")
    type_and_click(coach, TELL)
    type_and_click(coach, "")  # not recorded
    type_and_click(coach, OPEN)
    assert Journal.beside(tmp_path).get("01.coach") == [TELL, OPEN]

    again = QuestionCoach(journal=Journal.beside(tmp_path), key="01.coach")
    assert again.history == [TELL, OPEN]
    assert "Ask ratio: 50%" in again.summary.value
    type_and_click(again, CLOSED)
    assert Journal.beside(tmp_path).get("01.coach") == [TELL, OPEN, CLOSED]
    again.clear()
    assert Journal.beside(tmp_path).get("01.coach") == []


def test_restore_skips_values_that_are_not_replies(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    journal.record("k", [OPEN, 3, "", None, TELL])
    assert QuestionCoach(journal=journal, key="k").history == [OPEN, TELL]
    journal.record("k", {"not": "a list"})
    assert QuestionCoach(journal=journal, key="k").history == []


def test_journal_needs_a_key(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="key"):
        QuestionCoach(journal=Journal.beside(tmp_path))


def test_unwritable_journal_is_reported_not_raised(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("", encoding="utf-8")
    coach = QuestionCoach(journal=Journal(blocked / "coachlab-answers.json"), key="k")
    type_and_click(coach, OPEN)
    assert coach.history == [OPEN]
    assert "could not be saved" in coach.notice.value


# --- quality flags (coachlab.analysis.assess) -----------------------------------------------

REP_LINE = "The buyer went quiet after we sent pricing."


@pytest.mark.parametrize(
    ("reply", "flag", "name"),
    [
        ("What is wrong with you?", "judging", "Judging"),
        ("What happened, and who was on the call?", "stacked", "Stacked questions"),
        ("What do you think about the weather today?", "off_topic", "Off topic"),
    ],
)
def test_flags_are_named_in_words_with_reason_and_hint(reply: str, flag: str, name: str) -> None:
    coach = QuestionCoach(context=REP_LINE)
    result = coach.submit(reply)
    assert result is not None and result.label == "open"
    judged = coach.assessment
    assert judged is not None and flag in judged.flags
    feedback = coach.feedback.value
    # Named in text, not by colour alone, with why and how to rewrite it.
    assert f"<b>{name}</b>" in feedback
    assert html.escape(judged.reasons[flag]) in feedback
    assert html.escape(judged.hints[flag]) in feedback
    assert "not yet a good one" in feedback
    assert "coachlab-right" not in feedback
    assert name.lower() in coach.history_html.value


def test_clean_open_question_raises_no_flag() -> None:
    coach = QuestionCoach(context=REP_LINE)
    coach.submit("What do you think made them go quiet?")
    assert coach.assessment is not None and coach.assessment.clean_open
    assert "coachlab-right" in coach.feedback.value
    assert "coachlab-flags" not in coach.feedback.value


def test_context_is_shown_and_needed_for_off_topic() -> None:
    weather = "What do you think about the weather today?"
    with_context = QuestionCoach(context=REP_LINE)
    assert html.escape(REP_LINE) in with_context.prompt.value
    with_context.submit(weather)
    assert with_context.assessment is not None
    assert with_context.assessment.flags == ("off_topic",)

    without = QuestionCoach()
    assert without.prompt.value == ""
    without.submit(weather)
    assert without.assessment is not None and without.assessment.flags == ()


def test_flag_feedback_escapes_the_reply() -> None:
    coach = QuestionCoach(context=REP_LINE)
    coach.submit("<b>What is wrong with you?</b>")
    assert "&lt;b&gt;What is wrong" in coach.feedback.value
