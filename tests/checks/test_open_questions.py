"""score_open_questions and check_questions judge typed replies on quality, not only shape."""

from __future__ import annotations

import pytest

from coachlab.checks.quick import check_questions
from coachlab.checks.scoring import score_open_questions

CLEAN = "What do you think made the buyer go quiet?"
STALLED = "The buyer went quiet after we sent pricing."


def test_clean_open_questions_earn_full_points() -> None:
    replies = {"a": CLEAN, "b": "How did the pricing call end?", "c": "Walk me through the call."}
    assert score_open_questions(replies, points_each=2) == 6.0


@pytest.mark.parametrize(
    "flagged",
    [
        "What is wrong with you?",  # judging, though open in shape
        "How could you let this happen?",
        "Why did you send the price by email?",
        "What happened, and what are you going to do about it?",  # stacked
    ],
)
def test_any_flag_earns_zero(flagged: str) -> None:
    assert score_open_questions({"a": flagged}, min_words=1) == 0.0
    assert score_open_questions({"a": flagged, "b": CLEAN}) == 1.0


def test_off_topic_needs_the_context_of_that_reply() -> None:
    replies = {"a": "What do you think about the weather today?", "b": CLEAN}
    assert score_open_questions(replies) == 2.0  # no contexts: shape only
    assert score_open_questions(replies, contexts={"a": STALLED, "b": STALLED}) == 1.0
    assert score_open_questions(replies, contexts={"b": STALLED}) == 2.0  # none for "a"


def test_contexts_that_are_not_text_are_ignored() -> None:
    replies = {"a": "What do you think about the weather today?"}
    assert score_open_questions(replies, contexts={"a": 42}) == 1.0  # type: ignore[dict-item]


def test_dedupe_and_min_words_still_apply() -> None:
    assert score_open_questions({"a": CLEAN, "b": CLEAN.upper(), "c": " " + CLEAN}) == 1.0
    assert score_open_questions({"a": "What happened?"}, min_words=4) == 0.0
    assert score_open_questions({"a": None, "b": 3, "c": ""}) == 0.0


def test_keyword_only_contexts_keep_old_calls_working() -> None:
    assert score_open_questions({"a": CLEAN}, 2, 4) == 2.0


def test_quick_check_names_each_flag_and_its_fix(capsys: pytest.CaptureFixture[str]) -> None:
    check_questions(
        good=CLEAN,
        blame="What were you thinking?",
        two="What happened, and who was there?",
        weather="What do you think about the weather today?",
        contexts={"weather": STALLED},
    )
    out = capsys.readouterr().out
    assert "good: ✓ open question" in out
    assert "blame: an open question, but not yet a good one" in out
    assert "reads as judging: says “What were you thinking”" in out
    assert "reads as stacked: asks two questions" in out
    assert "reads as off-topic: talks about \"weather\"" in out
    assert out.count("    tip: ") == 3
    assert "All 4 replies are written" in out


def test_quick_check_still_shows_the_move_and_reports_empty_answers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    check_questions(lead="Have you tried a pilot?", empty="")
    captured = capsys.readouterr()
    assert "lead: reads as leading" in captured.out
    assert "tip: Ask for their ideas instead" in captured.out
    assert "empty is still empty" in captured.err
