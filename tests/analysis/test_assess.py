"""assess(): the move plus quality flags (judging, stacked, off_topic) with reasons and hints."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from coachlab.analysis import FLAGS, Assessment, assess, classify
from tests.helpers.evaluate import evaluate_flags, load_flag_corpus

REPLIES = Path(__file__).resolve().parents[1] / "data" / "replies"
HELDOUT = REPLIES / "assess-heldout.tsv"
DEV = REPLIES / "assess-dev.tsv"
STALLED = "The Acme deal stalled after the demo."


# --- the API ------------------------------------------------------------------------------


def test_flags_are_the_three_quality_flags_in_order() -> None:
    assert FLAGS == ("judging", "stacked", "off_topic")


def test_assessment_is_frozen_with_move_flags_reasons_and_hints() -> None:
    result = assess("What were you thinking? Who was there?", STALLED)
    assert isinstance(result, Assessment)
    assert result.move == classify("What were you thinking? Who was there?").label
    assert result.flags == ("judging", "stacked")
    assert set(result.reasons) == set(result.hints) == set(result.flags)
    assert all(isinstance(text, str) and text for text in result.reasons.values())
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.move = "tell"  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.reasons["judging"] = "changed"  # type: ignore[index]
    again = assess("What were you thinking? Who was there?", STALLED)
    assert again == result and hash(again) == hash(result)


def test_clean_open_means_open_and_unflagged() -> None:
    assert assess("What do you think changed after the demo?", STALLED).clean_open
    assert not assess("Why did you demo before discovery?", STALLED).clean_open  # flagged
    assert not assess("Did they sign?", STALLED).clean_open  # closed, no flag
    assert assess("Did they sign?", STALLED).flags == ()


def test_flags_follow_the_order_of_flags() -> None:
    result = assess("What is wrong with you? Did you catch the match last night?", STALLED)
    assert result.flags == tuple(flag for flag in FLAGS if flag in result.flags)
    assert result.flags == ("judging", "stacked", "off_topic")


@pytest.mark.parametrize("bad", [None, 3, b"What happened?"])
def test_reply_must_be_text(bad: object) -> None:
    with pytest.raises(TypeError, match="expects str"):
        assess(bad)  # type: ignore[arg-type]


def test_context_must_be_text_or_none() -> None:
    with pytest.raises(TypeError, match="context"):
        assess("What happened?", 42)  # type: ignore[arg-type]


@pytest.mark.parametrize("empty", ["", "   ", "\n\t"])
def test_empty_reply_is_refused(empty: str) -> None:
    with pytest.raises(ValueError, match="nothing to"):
        assess(empty, STALLED)


# --- judging ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "Why did you demo before you'd done discovery?",
        "What were you thinking?",
        "What is wrong with you?",
        "How could you let this happen?",
        "Do you even want to hit your number?",
        "Tell me why you messed this up.",
        "Why didn't you push back?",
        "How come you didn't tell me earlier?",
        "How many times do I have to tell you to confirm the paper process?",
        "What's your excuse this time?",
        "Who told you that you could promise a discount?",
        "What kind of manager can't call a forecast?",
        # sarcasm
        "Well, that went well.",
        "Great, another deal you've given away.",
        "Nice work, genius.",
        # polite judging
        "I'm a little surprised you sent pricing by email. What led to that?",
        "With respect, was there a reason you didn't qualify them first?",
        "Help me understand why you sent pricing before they agreed on value.",
        # verdicts on the person
        "That one's on you.",
        "Maybe sales isn't for you.",
    ],
)
def test_judging_is_flagged_with_a_reason_and_a_hint(reply: str) -> None:
    result = assess(reply, "I lost the Globex deal to the competitor.")
    assert "judging" in result.flags, reply
    assert result.reasons["judging"].startswith("says “")
    assert result.hints["judging"]


@pytest.mark.parametrize(
    "reply",
    [
        "Why do you think they went quiet?",
        "Why is this deal important to you?",
        "What led you to choose that approach?",
        "What went through your mind when the question came?",
        "How could you find out what the CFO needs?",
        "How come they went quiet?",
        "How hard is it for you to ask for the close?",
        "When you say you blew it, what does that mean for the deal?",
        "Well done for telling me straight. What did you learn?",
        "What do you make of that moment now?",
        "It's not your fault they left. What's your plan now?",
        "Nobody thinks you're incompetent. What's going on?",
    ],
)
def test_curious_questions_are_not_judging(reply: str) -> None:
    assert "judging" not in assess(reply, "I blew the demo.").flags, reply


def test_why_did_you_is_judging_even_when_curious() -> None:
    """The documented policy: "Why did you...?" about the rep's own action is always flagged."""
    result = assess("Why did you choose that approach?")
    assert result.move == "open" and result.flags == ("judging",)
    assert "What led you" in result.hints["judging"]


def test_praise_is_sarcasm_only_after_a_setback() -> None:
    assert assess("Nice work.", "I lost the Globex deal.").flags == ("judging",)
    assert assess("Nice work.", "I closed the Globex deal!").flags == ()
    assert assess("Great job.", "I finally got the meeting after they cancelled twice.").flags == ()
    assert assess("Well done for owning it.", "I lost the Globex deal.").flags == ()


def test_agreeing_with_a_rep_who_doubts_themselves_is_judging() -> None:
    doubt = "I don't think I'm cut out for enterprise sales."
    assert "judging" in assess("Honestly, I'm starting to agree with you.", doubt).flags
    assert "judging" not in assess("Honestly, I'm starting to agree with you.").flags
    assert "judging" not in assess("You're not alone. What's making you feel that way?",
                                   doubt).flags


# --- stacked ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "count"),
    [
        ("What happened in the demo? Who was in the room? And what did they say?", "three"),
        ("Who asked for it, what did they say it was for, and when do they need it?", "three"),
        ("What happened, and what are you going to do about it?", "two"),
        ("Is it budget? Did they get a competing quote?", "two"),
        ("Where would you go? Why?", "two"),
    ],
)
def test_more_than_one_question_is_stacked(reply: str, count: str) -> None:
    result = assess(reply, STALLED)
    assert "stacked" in result.flags
    assert f"asks {count} questions" in result.reasons["stacked"]
    assert result.hints["stacked"]


def test_stacked_hint_offers_the_first_question_alone() -> None:
    hint = assess("What happened, and what are you going to do about it?").hints["stacked"]
    assert "“What happened?”" in hint
    hint = assess("When you called them, what did they say? Who else was there?").hints["stacked"]
    assert "“When you called them, what did they say?”" in hint


@pytest.mark.parametrize(
    "reply",
    [
        "Can I ask you something? What do you think the customer heard?",
        "Do you have a minute? What's your plan for Friday?",
        "What would you do differently? Does that make sense?",
        "What's the real challenge here for you, and what else?",
        "What's going on with it? And what else?",
        "When you called them, what did they say?",
        "Is it the price, or is it the timing?",
        "What's behind the ask, do you think?",
        "What do you think is going on for them? I mean, on their side of the table.",
        "Three weeks? What happened?",
        "Walk me through the call. What surprised you?",
        "Which deals would you bet on, and why?",
        "What would you want from me in the room, if anything?",
        "When they said “why now?”, what did you hear?",
    ],
)
def test_one_question_with_tails_and_clauses_is_not_stacked(reply: str) -> None:
    assert "stacked" not in assess(reply, STALLED).flags, reply


# --- off topic and context ----------------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "What do you think about the weather today?",
        "How was your weekend?",
        "Did you catch the match last night?",
        "What's your favourite restaurant around here?",
        "Anyway, enough about work. What's new with you?",
    ],
)
def test_off_topic_is_flagged_when_context_is_given(reply: str) -> None:
    result = assess(reply, "They want 20% off or they walk.")
    assert "off_topic" in result.flags
    assert result.hints["off_topic"]
    assert "off_topic" not in assess(reply).flags  # no context: never off topic
    assert "off_topic" not in assess(reply, "   ").flags  # a blank context is no context


@pytest.mark.parametrize(
    "reply",
    [
        "What's going on?",
        "What else?",
        "How can I help?",
        "Walk me through it.",
        "How are you feeling about it?",
        "What do you make of that?",
        "What options do you see?",
        "Who else there knows the business case?",
    ],
)
def test_generic_coaching_questions_engage(reply: str) -> None:
    assert "off_topic" not in assess(reply, "The champion just left the company.").flags


def test_small_talk_that_picks_up_the_reps_words_engages() -> None:
    assert assess("What do you hope to get out of that lunch?",
                  "The customer wants to meet over lunch to talk renewal.").flags == ()
    assert assess("How's your kid doing now?",
                  "I had to miss the forecast call; my kid was sick.").flags == ()
    assert assess("What do you hope to get out of that lunch?",
                  "They want 20% off or they walk.").flags == ("off_topic",)


def test_off_topic_reason_names_the_topic() -> None:
    result = assess("What do you think about the weather today?", STALLED)
    assert "weather" in result.reasons["off_topic"]


# --- review findings ----------------------------------------------------------------------


def test_review_misreadings() -> None:
    assert assess("What is wrong with you?").flags == ("judging",)
    assert assess("How could you let this happen?").flags == ("judging",)
    assert assess("Tell me why you messed this up.").flags == ("judging",)
    assert assess("What do you think about the weather today?", STALLED).flags == ("off_topic",)
    assert classify("Could you send me the thread so I can take a look?").label == "rescue"


# --- thresholds on the corpus ---------------------------------------------------------------


def test_flag_corpus_has_contexts_a_split_and_enough_replies() -> None:
    heldout, dev = load_flag_corpus(HELDOUT), load_flag_corpus(DEV)
    assert len(heldout) + len(dev) >= 400
    for rows in (heldout, dev):
        assert all(row.context and row.text for row in rows)
        assert all(sum(1 for row in rows if flag in row.flags) >= 30 for flag in FLAGS)
        assert sum(1 for row in rows if row.move == "open" and not row.flags) >= 100
    assert not {(r.context, r.text) for r in heldout} & {(r.context, r.text) for r in dev}


@pytest.mark.parametrize("path", [HELDOUT, DEV], ids=["heldout", "dev"])
def test_each_flag_scores_f1_at_least_0_9_and_few_clean_questions_are_flagged(
    path: Path,
) -> None:
    report = evaluate_flags(load_flag_corpus(path))
    for score in report.scores:
        assert score.f1 >= 0.9, score
    assert report.clean_open >= 100
    assert report.false_positive_rate <= 0.05


def test_load_flag_corpus_rejects_bad_rows(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("flags\tmove\tcontext\ttext\nrude\topen\tHi.\tWhat?\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown flag"):
        load_flag_corpus(bad)
    bad.write_text("label\ttext\nopen\tWhat?\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header"):
        load_flag_corpus(bad)


def test_a_reply_is_kept_for_the_next_reader_only_when_it_is_short() -> None:
    from coachlab.analysis.assess import _assess
    from coachlab.analysis.text import MAX_CHARS

    _assess.cache_clear()
    assert assess("What happened?", "They went quiet.") is assess("What happened?",
                                                                  "They went quiet.")
    long_reply = "What happened? " * (MAX_CHARS // 10)
    assert assess(long_reply).move == assess("What happened?").move
    assert _assess.cache_info().currsize == 2  # the short reply in two contexts, not the long
