"""Conversations with typed replies are scenarios: one loader, one checker, one engine."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from coachlab.cli import main
from coachlab.scenarios import (
    MAX_CHARS,
    ReplyError,
    ScenarioError,
    course_scenario_files,
    load_scenario,
)

ROOT = Path(__file__).resolve().parents[2]
EXERCISE = ROOT / "tests" / "data" / "scenarios" / "capstone.yaml"
PRACTICE = ROOT / "course" / "practice" / "05-capstone.yaml"
CONVERSATION = load_scenario(EXERCISE)


def _raw() -> dict:
    return yaml.safe_load(EXERCISE.read_text(encoding="utf-8"))


def test_the_scripted_capstone_passes_the_course_rules(capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    # A test fixture now (exercise 05 is an interview): not shipped, still held to the same rules.
    assert EXERCISE not in course_scenario_files(ROOT)
    assert main(["scenarios", "check", str(EXERCISE)]) == 0
    assert "0 error(s)" in capsys.readouterr().out


def test_the_lesson_practice_conversation_passes_the_same_rules() -> None:
    practice = load_scenario(PRACTICE, section="conversation")
    assert any(node.free_text for node in practice.nodes.values())
    with pytest.raises(ScenarioError, match='no "conversation:" section'):
        load_scenario(EXERCISE, section="conversation")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["nodes"]["opening"]["choices"][0].update(next="nowhere"),
         'goes to missing node "nowhere"'),
        (lambda d: d["nodes"]["legal_story"]["free_text"]["branches"].pop("rescue"),
         r"free_text needs a branch for every label; missing \['rescue'\]"),
        (lambda d: d["nodes"]["legal_story"]["free_text"]["branches"]["open"].update(
            next="nowhere"), 'the open branch of node "legal_story" goes to missing node'),
        (lambda d: d["nodes"].update(orphan={"rep_says": "Hi", "ending": copy.deepcopy(
            d["nodes"]["push_end"]["ending"])}), 'node "orphan" is unreachable'),
        (lambda d: d["nodes"]["legal_story"].update(ending=copy.deepcopy(
            d["nodes"]["push_end"]["ending"])), "exactly one of choices, free_text or ending"),
        (lambda d: d.update(root_cause="bad_luck"), "not in the vocabulary"),
        (lambda d: d.update(colour="blue"), 'unknown key "colour"'),
        (lambda d: d["nodes"]["legal_story"]["free_text"].update(promt="x"),
         'unknown key "promt" in nodes.legal_story.free_text; did you mean "prompt"'),
    ],
)
def test_broken_conversations_are_refused_with_file_and_line(tmp_path: Path, change,
                                                             message: str) -> None:
    data = copy.deepcopy(_raw())
    change(data)
    path = tmp_path / "capstone.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ScenarioError, match=message) as raised:
        load_scenario(path)
    assert all(finding.path == path and finding.line for finding in raised.value.findings)
    assert main(["scenarios", "check", str(path)]) == 1


def test_unsafe_yaml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "alias.yaml"
    path.write_text("a: &x 1\nb: *x\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"alias\.yaml:1: error: refused: anchors"):
        load_scenario(path)


@pytest.mark.parametrize(
    ("node", "reply", "message"),
    [
        ("opening", 7, "Choose a reply from 1 to 4"),
        ("opening", True, "Choose a reply from 1 to 4"),
        ("opening", {"choice": "0"}, "Choose a reply from 1 to 4"),
        ("opening", {"text": "What is really keeping it?"}, "Choose a reply"),
        ("legal_story", 0, "Type your reply"),
        ("legal_story", "Why?", "at least 2 words"),
        ("legal_story", "What " + "really " * 100 + "happened?", f"under {MAX_CHARS}"),
        ("push_end", 0, "has ended"),
        ("nowhere", 0, "no point"),
    ],
)
def test_a_reply_that_does_not_fit_says_why(node: str, reply: object, message: str) -> None:
    with pytest.raises(ReplyError, match=message):
        CONVERSATION.take(node, reply)


def test_typed_replies_are_tidied_and_recorded_as_text() -> None:
    step = CONVERSATION.take("legal_story", {"text": "  What makes   you say\nthat? "})
    assert step.typed and step.choice_index is None
    assert step.reply == "What makes you say that?" and step.record() == {"text": step.reply}
    button = CONVERSATION.take("opening", {"choice": 0, "move": "rescue"})  # a claim is ignored
    assert button.record() == {"choice": 0, "reply": button.reply} and button.move == "open"


def test_follow_walks_choices_and_typed_replies_alike() -> None:
    path = [0, "What makes you say you are just waiting?", {"choice": 0}]
    followed = CONVERSATION.follow(path)
    assert followed is not None
    steps, node = followed
    assert [step.typed for step in steps] == [False, True, False] and node == steps[-1].next
    assert CONVERSATION.follow([0, "Why?"]) is None
