"""Judging typed rewrites: an open question about this rep wins; tells and generic ones don't."""

from __future__ import annotations

import pytest

from coachlab.practice.judge import PARTLY, RIGHT, WRONG, judge_rewrite, on_topic

REP = ("The CFO wants a payback model before Friday and I've never built one for a logistics "
       "company.")


@pytest.mark.parametrize(("reply", "result"), [
    ("What would you put in the payback model for their CFO?", RIGHT),
    ("How could you find out what the CFO expects from the payback model?", RIGHT),
    ("Have you built a payback model before?", PARTLY),           # closed, on topic
    ("Send the CFO last year's payback model.", WRONG),           # tell
    ("Why don't you ask finance to build the payback model?", WRONG),  # leading
    ("Let me build the payback model for the CFO tonight.", WRONG),    # rescue
    ("What do you think?", WRONG),                                # asks, fits any conversation
    ("", WRONG),
])
def test_rewrite_verdicts(reply: str, result: str) -> None:
    verdict = judge_rewrite(reply, REP)
    assert verdict.result == result, verdict.message
    assert verdict.message


def test_on_topic_needs_a_word_from_the_conversation() -> None:
    assert on_topic("What worries you about the payback model?", REP)
    assert not on_topic("What worries you most?", REP)
    assert on_topic("What did the models show?", "The model is ready.")  # crude stemming


@pytest.mark.parametrize("reply", [
    "Why did you leave the payback model so late?",                        # judging
    "What goes in the payback model, who could help you, and by when?",    # stacked
])
def test_flagged_open_questions_are_only_partly_right(reply: str) -> None:
    verdict = judge_rewrite(reply, REP)
    assert verdict.result == PARTLY and verdict.message.startswith("Open, but")
