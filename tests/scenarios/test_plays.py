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


def test_read_plays_adds_the_latest_when_it_is_not_the_last_play() -> None:
    from coachlab.scenarios import read_plays

    assert read_plays(None) == []
    assert read_plays({"replies": [{"choice": 0}], "plays": [{"replies": []}]}) == [
        [], [{"choice": 0}]]
    assert read_plays({"path": [1], "plays": []}) == [[1]]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("0,1", "expected the saved plays as a mapping, found str"),
        ({"plays": {"path": [0]}}, '"plays" should be a list of plays, found dict'),
        ({"plays": [{"path": [0]}] * 51}, "51 plays are saved; at most 50 are ever kept"),
    ],
)
def test_an_unreadable_entry_is_a_clear_error(entry: object, message: str) -> None:
    from coachlab.scenarios import MAX_PLAYS, SavedPlayError, read_plays

    assert MAX_PLAYS == 50
    with pytest.raises(SavedPlayError, match=message):
        read_plays(entry)
    assert recorded_paths(entry) == []  # graders and reports: no plays, no crash


def test_add_play_keeps_the_first_and_the_latest_and_sets_aside_what_it_cannot_read() -> None:
    from coachlab.scenarios import MAX_PLAYS, add_play, read_plays

    entry, note = add_play(None, ("scenario", "s"), {"path": [0]}, {"path": [0]})
    assert entry == {"scenario": "s", "path": [0], "plays": [{"path": [0]}]} and note is None
    for number in range(1, MAX_PLAYS + 3):
        entry, note = add_play(entry, ("scenario", "s"), {"path": [number]}, {"path": [number]})
    assert len(entry["plays"]) == MAX_PLAYS and note is None
    assert read_plays(entry)[0] == [0] and read_plays(entry)[-1] == [MAX_PLAYS + 2]
    corrupt = {"scenario": "s", "plays": "lost?"}
    fresh, note = add_play(corrupt, ("scenario", "s"), {"path": [1]}, {"path": [1]})
    assert fresh["set_aside"] == corrupt and fresh["plays"] == [{"path": [1]}]
    assert note and "should be a list" in note
    later, note = add_play(fresh, ("scenario", "s"), {"path": [0]}, {"path": [0]})
    assert later["set_aside"] == corrupt and len(later["plays"]) == 2 and note is None


def test_follow_refuses_a_path_longer_than_any_conversation() -> None:
    from coachlab.scenarios import MAX_REPLIES

    assert load_scenario(SCENARIO).follow([0] * (MAX_REPLIES + 1)) is None
