"""Scoring, replay and determinism: the interview is scored from what was typed, nothing else."""

from __future__ import annotations

import pytest

from coachlab.interview import Interview, Rep, parse_script, play, replay
from coachlab.interview.checks import no_evidence_scripts, replay_script
from coachlab.interview.engine import MAX_TURNS

GOOD = (
    "What's going on with these deals?",
    "What have you tried to reach the decision maker?",
    "How would you build a business case for this?",
    "What do you make of all this?",
)


def test_a_good_interview_is_best(dana: Rep) -> None:
    result = replay(dana, GOOD, "lacks_confidence", "ask", "What would you like to try first?")
    assert (result.outcome, result.found, result.needed) == ("best", 2, 2)
    assert result.score == result.max_score == 12


def test_wrong_diagnosis_or_coaching_costs(dana: Rep) -> None:
    wrong = replay(dana, GOOD, "lacks_competence", "ask", "What would you like to try first?")
    assert wrong.outcome == "mixed" and not wrong.diagnosis_right
    teach = replay(dana, GOOD, "lacks_confidence", "step_in", "I'll take the CFO call.")
    assert teach.outcome == "good" and not teach.coaching_fits


@pytest.mark.parametrize("kind", ["content-free", "leading", "telling"])
def test_no_evidence_scripts_never_pass(dana: Rep, sam: Rep, kind: str) -> None:
    for rep in (dana, sam):
        result = replay_script(rep, no_evidence_scripts(rep)[kind])
        assert result.outcome != "best" and result.share <= 0.6, (rep.id, kind, result)


def test_a_forged_journal_earns_nothing(dana: Rep) -> None:
    # A journal may claim anything; replay reads only the typed questions. Fact ids typed as
    # questions, non-text entries and unknown names earn nothing.
    forged = ["drafted-email-to-cfo", "knows-the-method", {"revealed": "knows-the-method"}, 42]
    result = replay(dana, forged, "lacks_confidence", "ask", "What would you like to try?")
    assert result.found == 0 and result.points["evidence"] == 0 and result.outcome != "best"
    nothing = replay(dana, [], "not-a-cause", "not-a-choice", 7)
    assert nothing.score == 0 and nothing.outcome == "poor"


def test_only_the_rep_s_own_facts_count(dana: Rep) -> None:
    interview = Interview(dana)
    interview.state.revealed.extend(["forged-fact", "another"])
    interview.diagnose("lacks_confidence")
    assert interview.coach("ask", "What would you try?").found == 0


def test_replay_asks_at_most_max_turns(dana: Rep) -> None:
    result = replay(dana, ["What else?"] * (MAX_TURNS + 20), None, None, None)
    assert result.turns == MAX_TURNS


def test_replay_is_deterministic(dana: Rep, sam: Rep) -> None:
    for rep in (dana, sam):
        questions = [q for qs in rep.paraphrases.values() for q in qs]
        first = Interview(rep)
        second = Interview(rep)
        assert [first.ask(q) for q in questions] == [second.ask(q) for q in questions]
        assert replay(rep, questions, rep.cause, rep.coaching, "What next?") == \
            replay(rep, questions, rep.cause, rep.coaching, "What next?")


def test_a_script_plays_like_replay(dana: Rep) -> None:
    script = parse_script("\n".join(GOOD) + "\n!diagnose lacks_confidence\n!coach ask\n"
                          "What would you like to try first?\n")
    interview, result = play(dana, script)
    assert result == replay(dana, GOOD, "lacks_confidence", "ask",
                            "What would you like to try first?")
    assert len(interview.turns) == len(GOOD)


def test_script_errors_name_the_line() -> None:
    from coachlab.interview import ScriptError

    with pytest.raises(ScriptError, match="line 2: expected `!diagnose CAUSE`"):
        parse_script("What happened?\n!diagnosis lacks_confidence\n")
    with pytest.raises(ScriptError, match="line 3: questions come before !diagnose"):
        parse_script("What happened?\n!diagnose lacks_confidence\nWhat else?\n")
