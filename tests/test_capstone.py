"""The capstone conversation: the model's checks, replaying transcripts, scoring and grading."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from coachlab import capstone as cs
from coachlab.analysis import classify
from coachlab.responses import Journal

ROOT = Path(__file__).resolve().parent.parent
EXERCISE = ROOT / "solutions" / "05-capstone" / "capstone.yaml"
PRACTICE = ROOT / "course" / "practice" / "05-capstone.yaml"
CONVERSATION = cs.load_conversation(EXERCISE)

BEST = [
    {"choice": 0},
    {"text": "What makes you say you are just waiting?"},
    {"choice": 0},
    {"text": "What would help you feel ready to ask Dan yourself?"},
    {"text": "How can I help you get ready for his answer?"},
]
PARTIAL = [
    {"choice": 0},
    {"text": "Have you tried asking Dan to push the CFO harder?"},
    {"choice": 0},
    {"choice": 1},
]


def raw() -> dict:
    return yaml.safe_load(EXERCISE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", [EXERCISE, PRACTICE], ids=["exercise", "practice"])
def test_conversations_load_and_button_replies_read_as_their_move(path: Path) -> None:
    section = "conversation" if path == PRACTICE else None
    conversation = cs.load_conversation(path, section=section)
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
    turn = cs.take_turn(CONVERSATION, "legal_story", {"text": typed})
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
        [{"choice": 0}] * (cs.MAX_REPLIES + 1),
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


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["nodes"]["opening"]["choices"][0].update(next="nowhere"), "unknown node"),
        (lambda d: d["nodes"]["legal_story"]["free_text"]["branches"].pop("rescue"), "missing"),
        (lambda d: d["nodes"]["plan_own"]["free_text"]["branches"]["open"].update(
            next="opening"), "loop"),
        (lambda d: d["nodes"].update(orphan={"rep_says": "Hi", "ending": copy.deepcopy(
            d["nodes"]["push_end"]["ending"])}), "never reached"),
        (lambda d: d["nodes"]["opening"].update(ending=copy.deepcopy(
            d["nodes"]["push_end"]["ending"])), "exactly one"),
        (lambda d: d.update(root_cause="bad_luck"), "vocabulary"),
        (lambda d: d.update(colour="blue"), "Extra inputs"),
    ],
)
def test_broken_conversations_are_refused(tmp_path: Path, change, message: str) -> None:
    data = copy.deepcopy(raw())
    change(data)
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(cs.ConversationError, match=message):
        cs.load_conversation(path)


def test_unsafe_yaml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "alias.yaml"
    path.write_text("a: &x 1\nb: *x\n", encoding="utf-8")
    with pytest.raises(cs.ConversationError, match="not allowed"):
        cs.load_conversation(path)
    with pytest.raises(cs.ConversationError, match="no 'conversation' section"):
        cs.load_conversation(EXERCISE, section="conversation")


def test_graded_from_the_first_finished_play(tmp_path: Path) -> None:
    (tmp_path / "capstone.yaml").write_text(EXERCISE.read_text(encoding="utf-8"))
    journal = Journal.beside(tmp_path)
    assert cs.score_recorded("05.c", "capstone.yaml", 10, tmp_path) == 0.0
    with pytest.raises(AssertionError, match="Not yet"):
        cs.check_recorded.__wrapped__("05.c", "capstone.yaml", tmp_path)
    journal.record("05.c", {"conversation": CONVERSATION.id, "replies": PARTIAL,
                            "plays": [{"replies": BEST[:2]}]})
    assert cs.score_recorded("05.c", "capstone.yaml", 10, tmp_path) == 3.5
    assert cs.score_recorded("05.c", "capstone.yaml", 5, tmp_path) == 1.75
    # Replaying until the best ending does not raise the grade: the first finished play counts.
    journal.record("05.c", {"conversation": CONVERSATION.id, "replies": BEST,
                            "plays": [{"replies": PARTIAL}, {"replies": BEST}]})
    assert cs.score_recorded("05.c", "capstone.yaml", 10, tmp_path) == 3.5
    journal.record("05.c", {"conversation": CONVERSATION.id, "replies": PARTIAL,
                            "plays": [{"replies": BEST}], "score": 0})
    assert cs.score_recorded("05.c", "capstone.yaml", 10, tmp_path) == 10.0
    cs.check_recorded.__wrapped__("05.c", "capstone.yaml", tmp_path)
    journal.record("05.c", {"replies": PARTIAL[:2], "finished": True, "score": 10,
                            "root_cause_found": True})
    assert cs.score_recorded("05.c", "capstone.yaml", 10, tmp_path) == 0.0


def test_unreadable_journal_scores_zero(tmp_path: Path) -> None:
    (tmp_path / "capstone.yaml").write_text(EXERCISE.read_text(encoding="utf-8"))
    Journal.beside(tmp_path).path.write_text("{broken")
    assert cs.score_recorded("05.c", "capstone.yaml", 10, tmp_path) == 0.0


def test_score_needs_the_conversation_for_a_transcript() -> None:
    with pytest.raises(TypeError):
        cs.score(BEST)
    assert cs.score(BEST, EXERCISE).total == 10.0


class _Assessed:
    def __init__(self, move: str, flags: tuple[str, ...]):
        self.move, self.flags = move, flags
        self.reasons = tuple(f"reads as {flag}" for flag in flags)
        self.hints = tuple(f"rewrite it without {flag}" for flag in flags)
        self.clean_open = move == "open" and not flags


def test_a_flagged_open_question_never_takes_the_open_branch(monkeypatch) -> None:
    import coachlab.analysis as analysis

    seen = {}

    def fake_assess(reply: str, context: str | None = None) -> _Assessed:
        seen["context"] = context
        return _Assessed("open", ("judging",) if reply.startswith("Why did you") else ())

    monkeypatch.setattr(analysis, "assess", fake_assess, raising=False)
    turn = cs.take_turn(CONVERSATION, "legal_story", {"text": "Why did you let it sit for weeks?"})
    assert turn.move == "open" and turn.flags == ("judging",) and not turn.clean_open
    assert turn.next == "defensive_end" and turn.hint == "rewrite it without judging"
    assert seen["context"] == CONVERSATION.nodes["legal_story"].rep_says
    clean = cs.take_turn(CONVERSATION, "legal_story", {"text": "What makes you say that?"})
    assert clean.next == "cfo_probe" and clean.clean_open
    flagged_run = cs.score([{"choice": 0}, {"text": "Why did you let it sit for weeks?"}],
                           CONVERSATION)
    assert flagged_run.outcome == "poor" and flagged_run.open_share == 0.5


def test_every_flagged_branch_misses_the_best_ending() -> None:
    from coachlab.scenarios import parse_file

    scenario = parse_file(EXERCISE).scenario
    assert scenario is not None
    for node_id, node in CONVERSATION.nodes.items():
        if node.free_text is None:
            continue
        target = node.free_text.branches["flagged"].next
        assert all(walk.ending.outcome != "best" for walk in scenario.paths(start=target)), node_id


def test_the_exercise_conversations_pass_the_scenario_rules() -> None:
    from coachlab.scenarios import check_paths

    files = [EXERCISE, ROOT / "solutions" / "01-tell-or-ask" / "first-reply.yaml"]
    assert [str(f) for f in check_paths(files) if f.is_error] == []
