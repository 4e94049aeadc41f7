"""Reading played scenarios back from the journal: recorded paths and following them."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlab.scenarios import load_scenario, recorded_paths

SCENARIO = Path(__file__).resolve().parents[2] / "solutions" / "01-tell-or-ask" / "first-reply.yaml"


def test_recorded_paths_prefers_the_kept_plays() -> None:
    entry = {"path": [0], "plays": [{"path": [1, 1]}, {"path": [0]}, "junk"]}
    assert recorded_paths(entry) == [[1, 1], [0]]
    assert recorded_paths({"path": [2, 0]}) == [[2, 0]]
    assert recorded_paths(["not", "an", "entry"]) == []


def test_follow_walks_valid_choices_to_the_node_reached() -> None:
    scenario = load_scenario(SCENARIO)
    walked = scenario.follow([2, 0])
    assert walked is not None
    steps, node = walked
    assert [s.choice.move for s in steps] == ["rescue", "rescue"]
    assert scenario.nodes[node].ending is not None
    assert scenario.follow([]) == ([], scenario.start)


@pytest.mark.parametrize("path", [[9], [0, -1], ["0"], [True], "0,1", None])
def test_follow_refuses_what_is_not_a_valid_path(path: object) -> None:
    assert load_scenario(SCENARIO).follow(path) is None
