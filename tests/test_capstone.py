"""The capstone's scoring: replaying transcripts through the conversation and scoring the run.

Loading, checking and walking the conversation are the scenario engine's (tests/scenarios);
reading recorded plays and grading them are the capstone checks' (tests/checks).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlab import capstone as cs
from coachlab.analysis import classify
from coachlab.scenarios import MAX_REPLIES, load_scenario
from tests.helpers.capstone import BEST, PARTIAL

ROOT = Path(__file__).resolve().parent.parent
EXERCISE = ROOT / "tests" / "data" / "scenarios" / "capstone.yaml"
PRACTICE = ROOT / "course" / "practice" / "05-capstone.yaml"
CONVERSATION = load_scenario(EXERCISE)



@pytest.mark.parametrize("path", [EXERCISE, PRACTICE], ids=["exercise", "practice"])
def test_conversations_load_and_button_replies_read_as_their_move(path: Path) -> None:
    section = "conversation" if path == PRACTICE else None
    conversation = load_scenario(path, section=section)
    assert any(node.free_text for node in conversation.nodes.values())
    for node in conversation.nodes.values():
        for choice in node.choices:
            assert classify(choice.reply).label == choice.move, choice.reply


def test_exercise_mixes_choices_and_free_text_on_the_best_path() -> None:
    run = cs.replay(CONVERSATION, BEST)
    assert run.finished and run.ending.root_cause_found
    assert [turn.typed for turn in run.turns] == [False, True, False, True, True]
    assert run.moves == ["open"] * 5


def test_best_path_earns_full_marks() -> None:
    result = cs.score(BEST, CONVERSATION)
    assert result.finished and result.root_cause_found and result.no_rescue
    assert result.ask_ratio == 1.0 and result.open_share == 1.0
    assert result.total == result.max_points == 10.0


def test_partial_path_earns_some_points() -> None:
    result = cs.score(PARTIAL, CONVERSATION)
    assert result.finished and not result.root_cause_found and result.no_rescue
    assert result.ask_ratio == 0.5
    assert result.outcome == "poor"
    assert result.points == {"outcome": 0.5, "no_rescue": 2.0, "ask_ratio": 0.0,
                             "open_share": 1.0}


@pytest.mark.parametrize(
    ("typed", "expected_next"),
    [
        ("What makes you say you are just waiting?", "cfo_probe"),
        ("Did Dan give you a date?", "cfo_fact"),
        ("Have you tried asking Dan to push the CFO harder?", "complies"),
        ("Just chase Dan again today.", "complies"),
        ("Forward me the thread and I will call the CFO.", "rescue_end"),
    ],
)
def test_free_text_branches_on_the_analyzer_label(typed: str, expected_next: str) -> None:
    turn = CONVERSATION.take("legal_story", {"text": typed})
    assert turn.move == classify(typed).label and turn.next == expected_next
    assert turn.record() == {"text": typed}


def test_rescue_after_finding_the_cause_loses_the_rescue_points() -> None:
    transcript = [*BEST[:3], {"text": "Leave the CFO to me, I will present it myself."}]
    result = cs.score(transcript, CONVERSATION)
    assert result.finished and result.root_cause_found and not result.no_rescue
    assert result.points["no_rescue"] == 0.0 and result.points["outcome"] == 0.5


@pytest.mark.parametrize(
    "transcript",
    [
        None,
        "What?",
        [],
        BEST[:3],  # unfinished
        [{"choice": 7}],
        [{"choice": True}],
        [{"choice": "0"}],
        [{"text": "What do you think is really keeping it?"}],  # text at a choice point
        [{"choice": 0}, {"choice": 0}],  # a button at a free-text point
        [{"choice": 0}, {"text": "Why?"}],  # too short
        [{"choice": 0}, {"text": "What " + "really " * 100 + "happened?"}],  # too long
        [*BEST, {"choice": 0}],  # past the ending
        [{"choice": 0}] * (MAX_REPLIES + 1),
    ],
)
def test_invalid_or_unfinished_transcripts_earn_nothing(transcript: object) -> None:
    run = cs.replay(CONVERSATION, transcript)
    assert not run.finished
    assert cs.score(run).total == 0.0


def test_recorded_labels_and_outcomes_are_ignored() -> None:
    claimed = [{"choice": 1, "move": "open"}, {"choice": 0, "reply": "What do you make of it?"}]
    run = cs.replay(CONVERSATION, claimed)
    assert run.moves[0] == "rescue"  # the author's move for choice 1, not the claim
    assert run.turns[1].reply == "Great, send it over and I'll handle it from here."
    assert cs.score(run).points["no_rescue"] == 0.0


def test_score_needs_the_conversation_for_a_transcript() -> None:
    with pytest.raises(TypeError):
        cs.score(BEST)
    assert cs.score(BEST, EXERCISE).total == 10.0


class _Assessed:
    def __init__(self, move: str, flags: tuple[str, ...]):
        self.move, self.flags = move, flags
        self.reasons = {flag: f"reads as {flag}" for flag in flags}
        self.hints = {flag: f"rewrite it without {flag}" for flag in flags}
        self.clean_open = move == "open" and not flags


def test_a_flagged_open_question_never_takes_the_open_branch(monkeypatch) -> None:
    import coachlab.scenarios.typed as typed

    seen = {}

    def fake_assess(reply: str, context: str | None = None) -> _Assessed:
        seen["context"] = context
        return _Assessed("open", ("judging",) if reply.startswith("Why did you") else ())

    monkeypatch.setattr(typed, "assess", fake_assess)
    turn = CONVERSATION.take("legal_story", {"text": "Why did you let it sit for weeks?"})
    assert turn.move == "open" and turn.flags == ("judging",) and not turn.clean_open
    assert turn.next == "defensive_end" and turn.hint == "rewrite it without judging"
    assert seen["context"] == CONVERSATION.nodes["legal_story"].rep_says
    clean = CONVERSATION.take("legal_story", {"text": "What makes you say that?"})
    assert clean.next == "cfo_probe" and clean.clean_open
    flagged_run = cs.score([{"choice": 0}, {"text": "Why did you let it sit for weeks?"}],
                           CONVERSATION)
    assert flagged_run.outcome == "poor" and flagged_run.open_share == 0.5


def test_every_flagged_branch_misses_the_best_ending() -> None:
    for node_id, node in CONVERSATION.nodes.items():
        if node.free_text is None:
            continue
        target = node.free_text.branches["flagged"].next
        assert all(walk.ending.outcome != "best"
                   for walk in CONVERSATION.paths(start=target)), node_id


def test_the_exercise_conversations_pass_the_scenario_rules() -> None:
    from coachlab.scenarios import check_paths

    files = [EXERCISE, ROOT / "solutions" / "01-tell-or-ask" / "first-reply.yaml"]
    assert [str(f) for f in check_paths(files) if f.is_error] == []


@pytest.mark.parametrize(
    ("typed", "flag"),
    [
        ("Why did you let it sit in legal for two weeks?", "judging"),
        ("What is Dan doing, when did you last talk to the CFO, and what is your plan?",
         "stacked"),
    ],
)
def test_typed_replies_are_judged_by_assess(typed: str, flag: str) -> None:
    from coachlab.analysis import assess

    assert flag in assess(typed, context=CONVERSATION.nodes["legal_story"].rep_says).flags
    turn = CONVERSATION.take("legal_story", {"text": typed})
    assert flag in turn.flags and turn.next == "defensive_end" and turn.hint
