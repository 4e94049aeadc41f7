"""The scenario model, safe loading and path enumeration."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from coachlab.scenarios import (
    ROOT_CAUSE_DESCRIPTIONS,
    ROOT_CAUSES,
    Node,
    ScenarioError,
    load_scenario,
    paths,
)

HERE = Path(__file__).parent
GOOD = HERE / "good" / "minimal.yaml"


def test_vocabulary_has_seven_causes_each_described():
    assert ROOT_CAUSES == {
        "lacks_confidence", "lacks_competence", "unsure_which_questions", "fears_being_stumped",
        "poor_message", "poor_delivery", "manager_fears_missing_number",
    }
    assert all(ROOT_CAUSE_DESCRIPTIONS[cause] for cause in ROOT_CAUSES)


def test_load_scenario_returns_typed_objects():
    scenario = load_scenario(GOOD)
    assert scenario.id == "minimal"
    assert scenario.rep.name == "Sam"
    assert scenario.nodes["a"].choices[0].move == "open"
    assert scenario.nodes["found"].ending.root_cause_found is True


def test_load_scenario_refuses_a_broken_file():
    with pytest.raises(ScenarioError) as info:
        load_scenario(HERE / "broken" / "missing_next.yaml")
    assert 'goes to missing node "lots"' in str(info.value)
    assert info.value.findings[0].line == 23


def test_node_needs_exactly_one_of_choices_or_ending():
    with pytest.raises(ValidationError, match="dead end"):
        Node(rep_says="Hi.")
    choice = {"reply": "Why?", "move": "open", "next": "x", "consequence": "c"}
    ending = {"root_cause_found": False, "debrief": "d", "rep_learned": "r", "numbers": "n"}
    with pytest.raises(ValidationError, match="not both"):
        Node(rep_says="Hi.", choices=[choice], ending=ending)


def test_paths_enumerates_every_route_to_an_ending():
    scenario = load_scenario(GOOD)
    walks = paths(scenario)
    assert [walk.moves for walk in walks] == [
        ("open", "open", "open"),
        ("open", "open", "closed"),
        ("open", "tell"),
        ("rescue",),
    ]
    assert [walk.end for walk in walks] == ["found", "lost", "lost", "lost"]
    assert walks[0].asks_only and walks[0].ending.root_cause_found
    assert scenario.paths() == walks


def test_paths_from_a_later_node_shows_what_other_replies_lead_to():
    scenario = load_scenario(GOOD)
    walks = paths(scenario, start="c")
    assert [(w.steps[0].choice.reply, w.end) for w in walks] == [
        ("What would help you feel ready?", "found"),
        ("Did they sign?", "lost"),
    ]


def test_paths_terminate_on_loops_and_respect_the_limit():
    from coachlab.scenarios.loader import parse_file

    scenario = parse_file(HERE / "broken" / "loop_no_exit.yaml").scenario
    assert scenario is not None
    walks = paths(scenario)
    assert all(len(set(w.steps)) == len(w.steps) for w in walks)
    assert len(paths(scenario, limit=1)) == 1
