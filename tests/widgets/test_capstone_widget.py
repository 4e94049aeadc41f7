"""CapstoneConversation widget: buttons and typed replies, branching, debrief and the journal."""

from __future__ import annotations

import shutil
from pathlib import Path

import ipywidgets as widgets
import pytest

from coachlab import capstone as cs
from coachlab.responses import Journal
from coachlab.scenarios import MAX_PLAYS, ReplyError, load_scenario
from coachlab.widgets.capstone import (
    CapstoneConversation,
    capstone_conversation,
    practice_conversation,
)

ROOT = Path(__file__).resolve().parents[2]
EXERCISE = ROOT / "tests" / "data" / "scenarios" / "capstone.yaml"
CONVERSATION = load_scenario(EXERCISE)


def first_play_score(folder: Path) -> float:
    """The score of the first finished play saved in the journal, replayed."""
    from coachlab.scenarios import read_plays

    first = read_plays(Journal.beside(folder).get("05.capstone"))[0]
    return cs.score(first, CONVERSATION).total


def play_best(widget: CapstoneConversation) -> None:
    widget.choice_buttons[0].click()
    widget.text.value = "What makes you say you are just waiting?"
    widget.say_button.click()
    widget.choice_buttons[0].click()
    widget.say("What would help you feel ready to ask Dan yourself?")
    widget.say("How can I help you get ready for his answer?")


def test_starts_with_buttons_then_asks_for_typed_replies() -> None:
    widget = CapstoneConversation(CONVERSATION)
    assert isinstance(widget, widgets.VBox)
    assert len(widget.choice_buttons) == 4 and widget.text_box.layout.display == "none"
    assert all(b.description and b.tooltip for b in widget.choice_buttons)
    widget.choice_buttons[0].click()
    assert widget.node_id == "legal_story"
    assert widget.choice_buttons == [] and widget.text_box.layout.display == ""
    assert "type your own reply" in widget.prompt.value


def test_typed_reply_is_labelled_and_branches() -> None:
    widget = CapstoneConversation(CONVERSATION)
    widget.choose(0)
    widget.text.value = "Have you tried asking Dan to push the CFO harder?"
    widget.say_button.click()
    assert widget.node_id == "complies" and widget.text.value == ""
    assert "Leading question" in widget.transcript_html.value
    assert "you typed" in widget.transcript_html.value


@pytest.mark.parametrize("text", ["", "   ", "Why?"])
def test_too_short_replies_get_a_message_not_an_error(text: str) -> None:
    widget = CapstoneConversation(CONVERSATION)
    widget.choose(0)
    widget.text.value = text
    widget.say_button.click()
    assert widget.node_id == "legal_story" and "at least" in widget.notice.value


def test_a_button_at_a_typing_point_is_refused() -> None:
    widget = CapstoneConversation(CONVERSATION)
    widget.choose(0)
    with pytest.raises(ReplyError):
        widget.choose(0)


def test_debrief_shows_the_scored_components(tmp_path: Path) -> None:
    widget = CapstoneConversation(CONVERSATION)
    play_best(widget)
    assert widget.at_ending and widget.debrief_box.layout.display == ""
    debrief = widget.debrief.value
    assert "You found the root cause" in debrief and "10 of 10" in debrief
    assert "Ask ratio" in debrief and "Open-question share" in debrief
    assert widget.score.total == 10.0


def test_finished_plays_are_saved_as_replies_and_regraded(tmp_path: Path) -> None:
    shutil.copy(EXERCISE, tmp_path / "capstone.yaml")
    widget = capstone_conversation("capstone.yaml", "05.capstone", folder=tmp_path)
    widget.choose(1)  # rescue offer
    widget.choose(0)  # rescue
    assert widget.at_ending
    saved = Journal.beside(tmp_path).get("05.capstone")
    assert saved["replies"] == [{"choice": 1, "reply": CONVERSATION.nodes["opening"].choices[1]
                                 .reply}, {"choice": 0, "reply": CONVERSATION.nodes[
                                     "rescue_offer"].choices[0].reply}]
    # A rescue before the cause is known: poor outcome (0.5 of 4) and nothing else.
    assert first_play_score(tmp_path) == 0.5
    widget.replay_button.click()
    assert widget.turns == [] and widget.node_id == "opening"
    play_best(widget)
    saved = Journal.beside(tmp_path).get("05.capstone")
    assert len(saved["plays"]) == 2 and saved["replies"] == widget.transcript
    # The first complete conversation is kept first: replaying to the best ending leaves it be.
    assert first_play_score(tmp_path) == 0.5
    assert cs.score(widget.transcript, CONVERSATION).total == 10.0
    rebuilt = capstone_conversation("capstone.yaml", "05.capstone", folder=tmp_path)
    assert rebuilt.at_ending and rebuilt.transcript == widget.transcript


def test_unfinished_play_is_not_saved(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    widget = CapstoneConversation(CONVERSATION, journal=journal, key="05.capstone")
    widget.choose(0)
    assert journal.get("05.capstone") is None


def test_replies_are_escaped() -> None:
    widget = CapstoneConversation(CONVERSATION)
    widget.choose(0)
    widget.say("What <b>exactly</b> is Dan doing?")
    assert "<b>exactly</b>" not in widget.transcript_html.value
    assert "&lt;b&gt;exactly&lt;/b&gt;" in widget.transcript_html.value


def test_lesson_practice_conversation(tmp_path: Path) -> None:
    (tmp_path / "practice").mkdir()
    shutil.copy(ROOT / "course" / "practice" / "05-capstone.yaml", tmp_path / "practice")
    widget = practice_conversation(folder=tmp_path)
    widget.say("What happened in the demo, from your side?")
    widget.say("What would you ask them if you could do it again?")
    widget.choose(0)  # the model answer, then a try: best for a skill gap
    assert widget.at_ending and widget.score.root_cause_found and widget.score.outcome == "best"
    assert Journal.beside(tmp_path).get("05-capstone.practice")["finished"] is True


def test_needs_a_conversation() -> None:
    with pytest.raises(TypeError):
        CapstoneConversation({"id": "x"})  # type: ignore[arg-type]


def test_a_corrupt_saved_entry_is_reported_and_kept(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    corrupt = {"conversation": CONVERSATION.id, "replies": [],
               "plays": [{"replies": []}] * (MAX_PLAYS + 1)}
    journal.record("05.capstone", corrupt)
    widget = CapstoneConversation(CONVERSATION, journal=journal, key="05.capstone")
    assert "could not be read" in widget.notice.value
    assert f"at most {MAX_PLAYS}" in widget.notice.value
    assert widget.turns == [] and journal.get("05.capstone") == corrupt  # reading changes nothing
    play_best(widget)
    saved = journal.get("05.capstone")
    assert saved["set_aside"] == corrupt and saved["plays"] == [{"replies": widget.transcript}]
    assert "set_aside" in widget.notice.value
    widget.replay()
    play_best(widget)
    assert journal.get("05.capstone")["set_aside"] == corrupt  # still kept
    assert len(journal.get("05.capstone")["plays"]) == 2


def test_plays_are_capped_keeping_the_first(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    widget = CapstoneConversation(CONVERSATION, journal=journal, key="05.capstone")
    widget.choose(1)
    widget.choose(0)  # the first finished play: a rescue
    first = widget.transcript
    for _ in range(MAX_PLAYS + 2):
        widget.replay()
        widget.choose(3)
        while not widget.at_ending:
            if widget.choice_buttons:
                widget.choose(0)
            else:
                widget.say("What would you like to do next?")
    plays = journal.get("05.capstone")["plays"]
    assert len(plays) == MAX_PLAYS and plays[0] == {"replies": first}
