"""ScenarioPlayer: play through, debrief, other replies, replay and the journal."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest

from coachlab.responses import Journal
from coachlab.scenarios import Scenario, load_bank
from coachlab.widgets import ScenarioPlayer


def test_is_a_vbox_showing_title_rep_challenge_and_first_line(scenario: Scenario) -> None:
    player = ScenarioPlayer(scenario)
    assert isinstance(player, widgets.VBox)
    assert "The &lt;stalled&gt; deal" in player.header.value  # escaped
    assert "Ana &amp; Co" in player.header.value and "8 months" in player.header.value
    assert "Keen, quick to say yes." in player.header.value
    assert "three weeks" in player.header.value
    assert "they&#x27;re just busy" in player.transcript.value
    assert player.node_id == "opening" and player.path == [] and not player.at_ending
    assert player.ending is None and player.ending_id is None


def test_one_button_per_choice_with_reply_text_tooltip_and_wrapping(scenario: Scenario) -> None:
    player = ScenarioPlayer(scenario)
    buttons = player.choice_buttons
    assert [b.description for b in buttons] == [
        "What makes you say they're busy?",
        "Just call the CFO tomorrow.",
    ]
    assert all(b.tooltip for b in buttons)
    assert all("coachlab-choice" in b._dom_classes for b in buttons)
    assert all(b.layout.width == "auto" and b.layout.height == "auto" for b in buttons)
    assert list(player.choices_box.children) == buttons


def test_clicking_a_reply_shows_consequence_and_next_node(scenario: Scenario) -> None:
    player = ScenarioPlayer(scenario)
    player.choice_buttons[0].click()
    assert player.path == [0] and player.node_id == "digging"
    assert "Ana pauses and thinks." in player.transcript.value
    assert "not sure what the CFO would ask me" in player.transcript.value
    assert [b.description for b in player.choice_buttons][1].startswith("I'll join the call")
    assert player.debrief_box.layout.display == "none"


def test_scenario_text_is_escaped(scenario: Scenario) -> None:
    player = ScenarioPlayer(scenario)
    player.choose(1)
    assert "Ana nods &lt;b&gt;too fast&lt;/b&gt;." in player.transcript.value
    assert "<b>too fast</b>" not in player.transcript.value


def test_ending_shows_the_full_debrief(scenario: Scenario) -> None:
    player = ScenarioPlayer(scenario)
    player.choose(0)
    player.choose(1)
    assert player.at_ending and player.ending_id == "rescued_end"
    assert player.ending is not None and player.ending.root_cause_found is False
    assert player.choice_buttons == [] and player.choices_box.children == ()
    assert player.debrief_box.layout.display == ""
    text = player.debrief.value
    assert "You took the call off Ana&#x27;s hands." in text
    # path with moves
    assert "What makes you say they&#x27;re busy?" in text and "(Open question)" in text
    assert "I&#x27;ll join the call" in text and "(Rescue)" in text
    # ask ratio and counts from analyze_conversation over the two replies
    assert "Ask ratio: 50%" in text and "1 of 2 replies ask" in text
    assert "1 × Open question" in text and "1 × Rescue" in text
    # root cause revealed in plain words
    assert "root cause was missed" in text
    assert "avoids asking them, afraid of being stumped" in text
    assert "Ana learned to wait for you." in text and "you spent 3 hours" in text


def test_found_root_cause_is_reported(scenario: Scenario) -> None:
    player = ScenarioPlayer(scenario)
    player.choose(0)
    player.choose(0)
    assert "You found the root cause" in player.debrief.value
    assert "Ask ratio: 100%" in player.debrief.value


def test_other_replies_lists_every_decision_with_all_choices(scenario: Scenario) -> None:
    player = ScenarioPlayer(scenario)
    player.choose(0)
    player.choose(0)
    assert player.others.layout.display == "none"
    player.others_button.click()
    assert player.others.layout.display == ""
    text = player.others.value
    assert "Decision 1" in text and "Decision 2" in text
    for reply, consequence in [
        ("Just call the CFO tomorrow.", "Ana nods &lt;b&gt;too fast&lt;/b&gt;."),
        ("I&#x27;ll join the call and handle the CFO for you.", "Ana looks relieved."),
        ("What would you most like to be ready for?", "Ana lists three questions she fears."),
    ]:
        assert reply in text and consequence in text
    assert text.count("(your reply)") == 2
    assert "(Tell)" in text and "(Rescue)" in text
    player.others_button.click()  # a second click hides the list again
    assert player.others.layout.display == "none"


def test_replay_resets_to_the_start(scenario: Scenario) -> None:
    player = ScenarioPlayer(scenario)
    player.choose(1)
    player.show_other_replies()
    player.replay_button.click()
    assert player.path == [] and player.node_id == "opening" and not player.at_ending
    assert len(player.choice_buttons) == 2
    assert player.debrief_box.layout.display == "none"
    assert player.others.layout.display == "none"
    assert "Ana nods" not in player.transcript.value


def test_choose_refuses_bad_indices_and_choices_after_the_end(scenario: Scenario) -> None:
    player = ScenarioPlayer(scenario)
    with pytest.raises(IndexError):
        player.choose(5)
    with pytest.raises(IndexError):
        player.choose(True)  # type: ignore[arg-type]
    player.choose(1)
    with pytest.raises(RuntimeError, match="replay"):
        player.choose(0)


def test_needs_a_scenario() -> None:
    with pytest.raises(TypeError, match="Scenario"):
        ScenarioPlayer({"id": "x"})  # type: ignore[arg-type]


def test_journal_records_finished_play_and_restores_it(scenario: Scenario, tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    player = ScenarioPlayer(scenario, journal=journal, key="02.scenario")
    player.choose(0)
    assert journal.get("02.scenario") is None  # only finished plays are recorded
    player.choose(1)
    saved = Journal.beside(tmp_path).get("02.scenario")
    assert saved["scenario"] == "tiny-deal"
    assert saved["path"] == [0, 1]
    assert saved["ending"] == "rescued_end"
    assert saved["root_cause_found"] is False
    assert saved["plays"] == [{"path": [0, 1], "ending": "rescued_end", "root_cause_found": False,
                               "outcome": "poor"}]

    again = ScenarioPlayer(scenario, journal=Journal.beside(tmp_path), key="02.scenario")
    assert again.path == [0, 1] and again.at_ending and again.ending_id == "rescued_end"
    assert "You took the call" in again.debrief.value

    again.replay()
    again.choose(0)
    again.choose(0)
    saved = Journal.beside(tmp_path).get("02.scenario")
    assert saved["path"] == [0, 0] and saved["root_cause_found"] is True
    assert [play["root_cause_found"] for play in saved["plays"]] == [False, True]
    assert "your first complete run counts" in again.debrief.value


def test_the_first_finished_play_is_always_kept(scenario: Scenario, tmp_path: Path) -> None:
    from coachlab.scenarios import MAX_PLAYS

    player = ScenarioPlayer(scenario, journal=Journal.beside(tmp_path), key="02.scenario")
    player.choose(1)  # the first complete play: told
    for _ in range(MAX_PLAYS + 5):
        player.replay()
        player.choose(0)
        player.choose(0)
    plays = Journal.beside(tmp_path).get("02.scenario")["plays"]
    assert len(plays) == MAX_PLAYS
    assert plays[0]["ending"] == "told_end" and plays[-1]["ending"] == "found_end"


def test_default_journal_key_names_the_scenario(scenario: Scenario, tmp_path: Path) -> None:
    player = ScenarioPlayer(scenario, journal=Journal.beside(tmp_path))
    player.choose(1)
    assert Journal.beside(tmp_path).get("scenario.tiny-deal")["ending"] == "told_end"


def test_saved_path_that_no_longer_fits_starts_fresh(scenario: Scenario, tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    journal.record("k", {"scenario": "tiny-deal", "path": [0, 7], "ending": "x"})
    player = ScenarioPlayer(scenario, journal=journal, key="k")
    assert player.path == [] and player.node_id == "opening"


def test_corrupt_journal_is_reported_not_raised(scenario: Scenario, tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    journal.path.write_text("{oops", encoding="utf-8")
    player = ScenarioPlayer(scenario, journal=journal, key="k")
    assert "could not be read" in player.notice.value and "corrupt-" in player.notice.value
    player.choose(1)
    assert journal.get("k")["ending"] == "told_end"


def test_plays_every_path_of_the_course_bank() -> None:
    bank = load_bank()
    assert bank
    for scenario in bank:
        # one player per scenario, started over with Replay for each path: building the
        # player's widgets took most of this test's time (913 players for 26 scenarios)
        player = ScenarioPlayer(scenario)
        for walk in scenario.paths(limit=50):
            player.replay()
            assert player.path == [] and not player.at_ending
            for step in walk.steps:
                player.choose(step.choice_index)
            assert player.at_ending and player.ending_id == walk.end
            assert "Debrief" in player.debrief.value


def test_replaced_reply_buttons_are_closed_and_share_layout_and_style(scenario: Scenario) -> None:
    player = ScenarioPlayer(scenario)
    first = player.choice_buttons
    assert len({id(b.layout) for b in first}) == len({id(b.style) for b in first}) == 1
    assert all(b.comm is not None for b in first)
    player.choose(0)
    assert all(b.comm is None for b in first), "the buttons of the last step are still open"
    assert all(b.comm is not None for b in player.choice_buttons)
    assert tuple(player.choice_buttons) == player.choices_box.children


def test_a_corrupt_saved_entry_is_reported_and_kept(scenario: Scenario, tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    corrupt = {"scenario": "tiny-deal", "path": [0, 0], "ending": "found_end", "plays": "0,0"}
    journal.record("k", corrupt)
    player = ScenarioPlayer(scenario, journal=journal, key="k")
    assert "could not be read" in player.notice.value and "should be a list" in player.notice.value
    assert player.path == [] and journal.get("k") == corrupt
    player.choose(1)
    saved = journal.get("k")
    assert saved["set_aside"] == corrupt and saved["path"] == [1] and len(saved["plays"]) == 1


def test_plays_another_scenario_saved_under_the_key_are_kept(scenario: Scenario,
                                                             tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    other = {"scenario": "other", "path": [1], "plays": [{"path": [1]}]}
    journal.record("k", other)
    player = ScenarioPlayer(scenario, journal=journal, key="k")
    assert player.path == [] and player.notice.value == ""
    player.choose(1)
    assert journal.get("k")["set_aside"] == other
