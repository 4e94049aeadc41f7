"""The quality read on replies written apart from its rules (issue 21): relevance to the rep's
line for ``off_topic``; irony, rhetorical questions and loaded words for ``judging``."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from coachlab.analysis import assess
from tests.helpers.evaluate import evaluate_flags, load_flag_yaml

REPLIES = Path(__file__).resolve().parents[1] / "data" / "replies"
HELDOUT = REPLIES / "heldout_generalise.yaml"
DEV_SETS = sorted(REPLIES.glob("dev*_generalise.yaml"))


# --- the sets -----------------------------------------------------------------------------


def test_heldout_set_has_the_size_the_issue_asks_for() -> None:
    rows = load_flag_yaml(HELDOUT)
    assert len(rows) >= 150
    assert sum(1 for row in rows if not row.flags) >= 50
    assert sum(1 for row in rows if "judging" in row.flags) >= 35
    assert sum(1 for row in rows if "stacked" in row.flags) >= 30
    assert sum(1 for row in rows if "off_topic" in row.flags) >= 35
    assert all(row.context for row in rows)


def test_development_sets_are_apart_from_the_heldout_set() -> None:
    heldout = {(row.context, row.text) for row in load_flag_yaml(HELDOUT)}
    heldout_replies = {text for _, text in heldout}
    assert len(DEV_SETS) >= 2
    for path in DEV_SETS:
        assert not {row.text for row in load_flag_yaml(path)} & heldout_replies, path.name


@pytest.mark.parametrize("path", [HELDOUT, *DEV_SETS], ids=lambda path: path.stem)
def test_each_flag_scores_f1_at_least_0_85_and_at_most_5_percent_of_clean_are_flagged(
    path: Path,
) -> None:
    report = evaluate_flags(load_flag_yaml(path))
    for score in report.scores:
        assert score.f1 >= 0.85, (path.name, score)
    assert report.false_positive_rate <= 0.05, path.name


def test_load_flag_yaml_refuses_bad_items(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('- {context: "Hi.", reply: "What?", flags: [rude]}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="unknown flag"):
        load_flag_yaml(bad)
    bad.write_text('reply: "What?"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="list"):
        load_flag_yaml(bad)
    bad.write_text('- {context: "Hi.", flags: []}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="needs a reply"):
        load_flag_yaml(bad)


# --- off topic: relevance to what the rep just said -----------------------------------------


@pytest.mark.parametrize(
    ("reply", "why"),
    [
        ("How's the Fenwick renewal coming along?", "fenwick"),  # another account
        ("Has Calder & Rowe signed the order form yet?", "calder"),
        ("How many calls did you make yesterday?", "activity numbers"),
        ("What's your connect rate looking like?", "connect-rate"),
        ("Have you set up the new dialer plugin?", "dialer"),  # a tool
        ("Can you get your expenses in by Monday?", "expenses"),  # admin
        ("How was the gig on Saturday?", "gig"),  # small talk
    ],
)
def test_a_reply_with_a_topic_of_its_own_is_off_topic(reply: str, why: str) -> None:
    result = assess(reply, "The CFO keeps sending a deputy to our meetings.")
    assert "off_topic" in result.flags, reply
    assert why in result.reasons["off_topic"]


@pytest.mark.parametrize(
    ("reply", "context"),
    [
        # No word in common, but the same thing: concept classes.
        ("What would the discount solve for them?", "I'm going to offer them 15% off."),
        ("Who could introduce you?", "I can't reach the VP of Sales."),
        ("What's your read on the silence?", "The deal stalled after the demo."),
        # Pointing back, or no topic of its own.
        ("What do you make of that?", "They keep moving the meeting."),
        ("What's behind the nerves?", "I'm nervous about the forecast."),
        # The rep's own account, named where the rep said "they".
        ("What did Pellham offer in return?", "They want another 10% before they sign."),
        # Activity numbers when the rep raised them.
        ("How many calls did you make yesterday?", "I'm behind on activity this week."),
    ],
)
def test_a_reply_about_the_reps_situation_engages(reply: str, context: str) -> None:
    assert "off_topic" not in assess(reply, context).flags, reply


def test_with_no_topic_in_the_reps_line_only_marked_side_topics_are_off_topic() -> None:
    # "Hi." has no content words: nothing to be relevant to, so fall back to the side topics
    # a reply marks itself.
    assert "off_topic" in assess("How was your weekend?", "Hi.").flags
    assert "off_topic" not in assess("How's the Fenwick renewal?", "Hi.").flags
    assert "off_topic" not in assess("How was your weekend?").flags  # no context at all


def test_stems_do_not_collide_with_small_talk() -> None:
    # "cares" stems to "car"; it must not read as small talk.
    assert assess("What does the CFO care about this year?",
                  "Karl says she trusts his numbers.").flags == ()


# --- judging: irony, rhetorical questions, loaded words ---------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "Was the proposal going to write itself?",  # rhetorical: the answer is built in
        "Since when do you approve discounts?",
        "Skipping discovery now, are we?",  # a tag that agrees with its own sentence
        "Did you prepare at all, or just hope?",
        "And you fell for that?",  # loaded words
        "Nobody bothered to ask who signs?",
        "Isn't that literally your job?",
        "What's the excuse this week?",
        "Who needs a next step, right?",  # stock irony
        "What could possibly go wrong?",
        "Research is for other people, apparently.",
        "Let me guess, you talked the whole time?",
        "Which part of “confirm the meeting” was unclear?",
    ],
)
def test_blame_in_irony_rhetoric_and_loaded_words_is_judging(reply: str) -> None:
    result = assess(reply, "I didn't book the next meeting.")
    assert "judging" in result.flags, reply
    assert result.reasons["judging"] and result.hints["judging"]


def test_praise_words_are_irony_only_after_a_setback_or_a_plain_report() -> None:
    setback = "I forgot to invite the CFO."
    good_news = "I finally got the CFO to the meeting."
    assert "judging" in assess("Lovely. So we do it all again?", setback).flags
    assert "judging" not in assess("Lovely. What did she ask?", good_news).flags
    assert "judging" in assess("Great. What now?", "We lost the deal.").flags
    assert "judging" not in assess("Great. What's your plan?", "I've got the pitch tomorrow.").flags


@pytest.mark.parametrize(
    "reply",
    [
        "What are you waiting for?",  # can be a real question (waiting for permission)
        "How's that going so far?",
        "What do you think the pilot would prove?",
        "What would you keep from the script?",
        "Even a small step counts. What's one you could take?",
        "You sent the case study, right?",
    ],
)
def test_curious_questions_stay_clean_of_judging(reply: str) -> None:
    assert "judging" not in assess(reply, "I'm not sure what to do next.").flags, reply


# --- stacked: elliptical questions ---------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "Compared to what, and did they say what budget they have?",
        "How much, and why, and what did you say?",
        "Looking for what, and since when?",
    ],
)
def test_elliptical_questions_count_in_a_stack(reply: str) -> None:
    assert "stacked" in assess(reply, "They said the price is too high.").flags, reply


def test_a_follow_up_why_is_a_tail_not_a_second_question() -> None:
    reply = "Which of the open deals do you believe in most, and why that one?"
    assert "stacked" not in assess(reply, "I'm short of quota.").flags


# --- cost -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["word. " * 2_000, "right. " * 2_000, "lovely, is it? " * 700, "Norland renewal " * 600],
    ids=["repeats", "echoes", "tags", "names"],
)
def test_long_input_is_bounded(text: str) -> None:
    start = time.perf_counter()
    assess(text, "We lost the Norland deal. " * 50)
    # Generous bound: the bench measures the real figure.
    assert time.perf_counter() - start < 1.0
