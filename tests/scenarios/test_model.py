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
    assert info.value.findings[0].line == 24


def test_node_needs_exactly_one_of_choices_or_ending():
    with pytest.raises(ValidationError, match="dead end"):
        Node(rep_says="Hi.")
    choice = {"reply": "Why?", "move": "open", "next": "x", "consequence": "c"}
    ending = {"outcome": "poor", "deal": "open", "root_cause_found": False, "debrief": "d",
              "rep_learned": "r", "numbers": "n"}
    with pytest.raises(ValidationError, match="not both"):
        Node(rep_says="Hi.", choices=[choice], ending=ending)


def test_paths_enumerates_every_route_to_an_ending():
    scenario = load_scenario(GOOD)
    walks = paths(scenario)
    assert [walk.moves for walk in walks] == [
        ("open", "open", "open"),
        ("open", "open", "open"),
        ("open", "open", "closed"),
        ("open", "tell"),
        ("rescue",),
    ]
    assert [walk.end for walk in walks] == ["found", "tried", "lost", "lost", "lost"]
    assert walks[0].asks_only and walks[0].ending.root_cause_found
    assert scenario.paths() == walks


def test_paths_from_a_later_node_shows_what_other_replies_lead_to():
    scenario = load_scenario(GOOD)
    walks = paths(scenario, start="c")
    assert [(w.steps[0].choice.reply, w.end) for w in walks] == [
        ("What would help you feel ready?", "found"),
        ("Why did you let it stall?", "tried"),
        ("Did they sign?", "lost"),
    ]


def test_paths_terminate_on_loops_and_respect_the_limit():
    from coachlab.scenarios.loader import parse_file

    scenario = parse_file(HERE / "broken" / "loop_no_exit.yaml").scenario
    assert scenario is not None
    walks = paths(scenario)
    assert all(len(set(w.steps)) == len(w.steps) for w in walks)
    assert len(paths(scenario, limit=1)) == 1


def test_ending_outcome_and_deal_are_required_and_best_finds_the_cause():
    from coachlab.scenarios import Ending

    base = {"root_cause_found": True, "debrief": "d", "rep_learned": "r", "numbers": "n"}
    with pytest.raises(ValidationError, match="outcome"):
        Ending(deal="won", **base)
    with pytest.raises(ValidationError, match="a best ending must find the root cause"):
        Ending(outcome="best", deal="won", **{**base, "root_cause_found": False})
    tried = Ending(outcome="good", deal="lost", rep_tried=True, **base)
    assert tried.tried_and_failed and not Ending(outcome="good", deal="won", **base).rep_tried


def test_causes_split_into_skill_gaps_and_will():
    from coachlab.scenarios import SKILL_GAP_CAUSES, WILL_CAUSES

    assert SKILL_GAP_CAUSES == {"lacks_competence", "unsure_which_questions", "poor_message",
                                "poor_delivery"}
    assert WILL_CAUSES == {"lacks_confidence", "fears_being_stumped",
                           "manager_fears_missing_number"}
    assert "answer" in ROOT_CAUSE_DESCRIPTIONS["fears_being_stumped"]


def test_asks_then_tells_needs_a_tell_after_a_question():
    scenario = load_scenario(GOOD)
    walk = paths(scenario)[0]
    assert walk.asks and not walk.asks_then_tells
    from coachlab.scenarios.model import ScenarioPath, Step

    def fake(*moves):
        steps = tuple(Step("n", 0, scenario.nodes["a"].choices[0].model_copy(update={"move": m}))
                      for m in moves)
        return ScenarioPath(steps=steps, end="found", ending=walk.ending)

    assert fake("open", "tell").asks_then_tells
    assert fake("closed", "open", "tell").asks_then_tells
    assert not fake("tell", "open").asks_then_tells
    assert not fake("tell").asks


def test_free_text_branches_are_walked_as_options():
    from coachlab.scenarios import FreeText

    branches = {label: {"next": f"to_{label}", "consequence": "c"}
                for label in ("tell", "rescue", "open", "closed", "leading", "flagged")}
    node = Node(rep_says="Hi.", free_text=FreeText(prompt="Say?", branches=branches))
    moves = {choice.next: choice.move for choice in node.options}
    assert moves["to_flagged"] == "open" and moves["to_open"] == "open"
    with pytest.raises(ValidationError, match="missing \\['flagged'\\]"):
        FreeText(prompt="Say?", branches={k: v for k, v in branches.items() if k != "flagged"})
