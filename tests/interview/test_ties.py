"""Facts that share a main noun: the distinguishing words pick one, a plain tie is "not sure".

A rep's facts often share their main noun (the board, the committee, the CFO). A question that
names only the noun is equally about each of them, and the rep says it is not sure what the
manager means rather than guess (a wrong fact is worse than an honest "not sure"). A question
whose other words ("need to see", "who sits on") are the words of one fact's topics reaches
that fact.
"""

from __future__ import annotations

import pytest

from coachlab.interview import Interview, Rep
from coachlab.interview.matcher import matcher_for
from coachlab.interview.model import Fact
from coachlab.interview.reactions import LINES
from coachlab.interview.words import terms


@pytest.fixture(scope="module")
def board_rep(dana: Rep) -> Rep:
    """Dana's persona with four facts, three of them about the board."""
    facts = (
        Fact(id="who-sits-on-the-board", depth="specific",
             topics=("who sits on the board", "board members", "who chairs the board"),
             answers=("The medical director chairs it; finance and IT sit on it.",)),
        Fact(id="what-the-board-needs", depth="specific",
             topics=("what the board needs to see", "board paper", "business case"),
             answers=("They want the savings on bed management, in their own numbers.",)),
        Fact(id="board-slipped", depth="surface",
             topics=("board cycle", "when the board meets", "slipped", "delays"),
             answers=("It went to the next board cycle; the papers weren't ready.",)),
        Fact(id="it-leads", depth="surface",
             topics=("IT leads", "weekly calls", "who you talk to"),
             answers=("The IT leads are great. We talk every week.",)),
    )
    return dana.model_copy(update={"id": "fx-board", "facts": facts}).with_paraphrases({})


def test_the_board_names_three_facts_at_once(board_rep: Rep) -> None:
    ranked = matcher_for(board_rep).rank("How's the board?")
    board_facts = {"who-sits-on-the-board", "what-the-board-needs", "board-slipped"}
    assert {reading.fact for reading in ranked[:3]} == board_facts
    assert ranked[0].score - ranked[2].score < 0.1 * ranked[0].score  # a tie


@pytest.mark.parametrize("question", ["How's the board?", "Tell me about the board.",
                                      "What's going on with the board?", "And the board?"])
def test_a_tie_answers_not_sure(board_rep: Rep, question: str) -> None:
    # Which topic is closer in wording would rest on "how", "the" or "about": not sure.
    interview = Interview(board_rep)
    interview.state.trust = 2
    turn = interview.ask(question)
    assert turn.revealed is None
    assert turn.rep in LINES["not_sure"]
    assert "no fact matched" in turn.reading


@pytest.mark.parametrize(("question", "fact"), [
    ("What does the board need to see?", "what-the-board-needs"),
    ("Who sits on the board?", "who-sits-on-the-board"),
    ("When does the board meet?", "board-slipped"),
])
def test_a_distinguishing_word_wins_a_shared_noun_tie(board_rep: Rep, question: str,
                                                     fact: str) -> None:
    interview = Interview(board_rep)
    interview.state.trust = 2
    assert interview.ask(question).revealed == fact


def test_distinguishing_words_are_read_only_next_to_a_topic() -> None:
    # "need" and "see" are content-free on their own; next to "board" they tell facts apart.
    assert terms("What do you need to see?") == frozenset()
    found = terms("What does the board need to see?")
    assert {"~need", "~see"} <= found and "@decider" in found
