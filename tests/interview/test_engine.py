"""The rep's reactions by move (the contract's table), trust, depth and the summary."""

from __future__ import annotations

import pytest

from coachlab.interview import Interview, InterviewOver, Rep
from coachlab.interview.reactions import LINES

NOT_SURE = "Not sure what you mean — the deal, or me?"
CONTENT_FREE = ("What do you think?", "Tell me more", "What else?", "Go on",
                "What's going on?", "Anything else?", "Say more.")


def test_specific_open_question_reveals_its_fact(dana: Rep) -> None:
    turn = Interview(dana).ask("What have you tried to reach the decision maker?")
    assert (turn.move, turn.flags, turn.revealed) == ("open", (), "drafted-email-to-cfo")
    assert turn.rep == "I wrote an email to their CFO twice. I didn't send it."
    assert 'reached "drafted-email-to-cfo"' in turn.reading


def test_the_same_fact_again_goes_deeper(dana: Rep) -> None:
    interview = Interview(dana)
    interview.ask("What have you tried to reach the decision maker?")
    again = interview.ask("What happened when you thought about emailing the CFO?")
    assert again.revealed == "drafted-email-to-cfo" and again.reaction == "deeper"
    assert again.rep == "It felt like going over Priya's head. And what if he just says no?"


def test_content_free_questions_reach_surface_facts_then_the_opener(dana: Rep) -> None:
    interview = Interview(dana)
    turns = [interview.ask(question) for question in CONTENT_FREE]
    revealed = [turn.revealed for turn in turns]
    assert revealed[:2] == ["only-talks-to-champion", "deals-went-quiet"]
    assert revealed[2:] == [None] * (len(CONTENT_FREE) - 2)
    assert all(turn.rep in LINES["opener"] for turn in turns[2:])


@pytest.mark.parametrize("question", CONTENT_FREE)
def test_content_free_never_reveals_a_deep_fact_even_at_full_trust(dana: Rep, sam: Rep,
                                                                   question: str) -> None:
    for rep in (dana, sam):
        interview = Interview(rep)
        interview.state.trust = 3
        for _ in range(len(rep.facts) + 2):
            turn = interview.ask(question)
            fact = rep.fact(turn.revealed) if turn.revealed else None
            assert fact is None or fact.depth == "surface"


def test_closed_question_answers_yes_and_reveals_only_when_it_names_the_fact(dana: Rep) -> None:
    named = Interview(dana).ask("Have you contacted the CFO?")
    assert named.move == "closed" and named.revealed == "drafted-email-to-cfo"
    assert named.rep.startswith("Yes. ")
    vague = Interview(dana).ask("Do you know the CFO?")
    assert vague.move == "closed" and vague.revealed is None
    assert vague.rep in (*LINES["closed_yes"], NOT_SURE)


def test_leading_question_agrees_and_reveals_nothing(dana: Rep) -> None:
    turn = Interview(dana).ask("Don't you think you should email the CFO?")
    assert turn.move == "leading" and turn.revealed is None and turn.rep in LINES["leading"]
    assert turn.trust_after == 1


def test_stacked_question_answers_only_the_last_part(dana: Rep) -> None:
    turn = Interview(dana).ask("How did the deals stall, and what have you tried to reach "
                               "the decision maker?")
    assert "stacked" in turn.flags and turn.revealed == "drafted-email-to-cfo"


def test_judging_question_makes_the_rep_defensive_and_costs_trust(dana: Rep) -> None:
    interview = Interview(dana)
    turn = interview.ask("Why did you only talk to the champion?")
    assert "judging" in turn.flags and turn.trust_after == 0
    # A surface fact still comes out, shorter; a specific one does not.
    assert turn.revealed in (None, "only-talks-to-champion")
    deep = interview.ask("Why haven't you built a business case?")
    assert "judging" in deep.flags and deep.revealed is None


def test_telling_complies_without_owning_it_and_costs_trust(dana: Rep) -> None:
    turn = Interview(dana).ask("You need to email the CFO today.")
    assert turn.move == "tell" and turn.revealed is None and turn.rep in LINES["tell"]
    assert turn.trust_after == 0


def test_rescue_ends_the_interview_poor(dana: Rep) -> None:
    interview = Interview(dana)
    turn = interview.ask("Let me call the CFO for you.")
    assert turn.move == "rescue" and interview.state.ended and interview.state.rescued
    with pytest.raises(InterviewOver):
        interview.ask("What happened?")
    interview.diagnose("lacks_confidence")
    assert interview.coach("ask", "What would you like to try?").outcome == "poor"


def test_off_topic_gets_an_honest_not_sure(dana: Rep) -> None:
    turn = Interview(dana).ask("How was your holiday in Portugal?")
    assert turn.revealed is None and turn.rep == NOT_SURE


def test_trust_fact_waits_for_trust(dana: Rep) -> None:
    cold = Interview(dana).ask("How confident are you with executives?")
    assert cold.revealed is None and cold.rep in LINES["withheld"]
    interview = Interview(dana)
    assert interview.ask("What have you tried to reach the decision maker?").trust_after == 2
    warm = interview.ask("How confident are you with executives?")
    assert warm.revealed == "nervous-with-seniors"


def test_trust_stays_between_zero_and_three(dana: Rep) -> None:
    interview = Interview(dana)
    for _ in range(3):
        interview.ask("You need to email the CFO today.")
    assert interview.state.trust == 0
    interview = Interview(dana)
    for question in ("What have you tried to reach the decision maker?",
                     "What's stopping you from going higher?",
                     "How would you build a business case for this?",
                     "How confident are you with executives?"):
        interview.ask(question)
    assert interview.state.trust == 3


def test_summary_needs_evidence_first(dana: Rep) -> None:
    early = Interview(dana).ask("What do you make of all this?")
    assert early.rep not in dana.summary
    interview = Interview(dana)
    interview.ask("What have you tried to reach the decision maker?")
    interview.ask("How would you build a business case for this?")
    late = interview.ask("What do you make of all this?")
    assert late.rep == dana.summary[0] and late.reaction == "summary"


def test_transcript_and_missed_explain_the_interview(dana: Rep) -> None:
    interview = Interview(dana)
    interview.ask("What have you tried to reach the decision maker?")
    text = interview.transcript()
    assert text.splitlines()[0] == f"Dana: {dana.persona.opening}"
    assert "You: What have you tried to reach the decision maker?" in text
    assert 'reached "drafted-email-to-cfo"' in text
    missed = dict(interview.missed())
    assert "drafted-email-to-cfo" not in missed
    assert missed["knows-the-method"] == "How would you build a business case for this?"


def test_ask_refuses_what_is_not_a_question(dana: Rep) -> None:
    interview = Interview(dana)
    with pytest.raises(TypeError):
        interview.ask(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        interview.ask("   ")


@pytest.mark.parametrize(("question", "fact"), [
    ("Who are you dealing with on their side?", "only-talks-to-champion"),
    ("Who is involved at the client?", "only-talks-to-champion"),
])
def test_a_who_question_is_answered_with_its_fact(dana: Rep, question: str,
                                                          fact: str) -> None:
    # The classifier reads "Who...?" or "When...?" as closed (one detail); they are no yes/no
    # questions, so the rep answers with the fact they reach, as to an open question.
    turn = Interview(dana).ask(question)
    assert turn.move == "closed" and turn.revealed == fact
    assert not turn.rep.startswith("Yes")


def test_a_how_many_detail_question_still_gets_not_sure(dana: Rep) -> None:
    turn = Interview(dana).ask("How many users are in the deal?")
    assert turn.move == "closed" and turn.revealed is None and turn.rep == NOT_SURE


def test_a_question_about_the_rep_is_no_rescue(dana: Rep) -> None:
    # "me on the call" reads as a takeover to the classifier; asked about the rep's wish, it
    # is a question, and the interview goes on.
    interview = Interview(dana)
    turn = interview.ask("Why do you want me on the call with the CFO?")
    assert turn.move == "open" and not interview.state.ended
    still = interview.ask("What have you tried to reach the decision maker?")
    assert still.revealed == "drafted-email-to-cfo"


def test_a_feelings_question_is_open_not_leading(dana: Rep) -> None:
    turn = Interview(dana).ask("How do you feel about emailing the CFO?")
    assert turn.move == "open" and turn.rep not in LINES["leading"]


def test_asking_to_see_the_rep_s_work_is_no_rescue(dana: Rep) -> None:
    interview = Interview(dana)
    turn = interview.ask("Can I read the email you wrote to the CFO?")
    assert turn.move == "open" and not interview.state.ended
    assert turn.revealed == "drafted-email-to-cfo"


def test_asking_to_see_the_work_in_chat_spelling_without_a_question_mark_is_no_rescue(
        dana: Rep) -> None:
    interview = Interview(dana)
    turn = interview.ask("can i read the email u wrote to the cfo")
    assert turn.move == "open" and not interview.state.ended
    assert turn.revealed == "drafted-email-to-cfo"


@pytest.mark.parametrize("question", ["walk me thru the email to the cfo",
                                      "walk me thru the email u wrote to the cfo"])
def test_an_invitation_in_chat_spelling_is_read_as_the_words_it_stands_for(
        dana: Rep, question: str) -> None:
    # "walk me thru" is "walk me through": an invitation to talk, not an instruction.
    turn = Interview(dana).ask(question)
    assert turn.move == "open", turn
    assert turn.revealed == "drafted-email-to-cfo"
    assert turn.you == question  # the transcript keeps what was typed


@pytest.mark.parametrize("takeover", ["Can I read the email you wrote to the CFO? I'll send it "
                                      "myself.",
                                      "can i see ur email. ill rewrite it for u"])
def test_a_takeover_after_the_question_is_still_a_rescue(dana: Rep, takeover: str) -> None:
    interview = Interview(dana)
    turn = interview.ask(takeover)
    assert turn.move == "rescue" and interview.state.ended


@pytest.mark.parametrize("question", ["What time is the call with the champion?",
                                      "How old is the champion?"])
def test_a_detail_the_fact_never_gives_gets_not_sure(dana: Rep, question: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # "champion" is a topic of the champion fact, named in full, but the time of a call or the
    # champion's age is nothing the rep's fact says.
    from coachlab.interview import engine, matcher

    turn = Interview(dana).ask(question)
    assert turn.move == "closed" and turn.revealed is None and turn.rep == NOT_SURE
    # (The matcher alone may be unsure too: "old" is a word the rep's material never uses.)
    monkeypatch.setattr(matcher, "UNKNOWN_SHARE", 1.0)
    monkeypatch.setattr(engine, "DETAIL_EXPLAINED", False)
    assert Interview(dana).ask(question).revealed == "only-talks-to-champion"
