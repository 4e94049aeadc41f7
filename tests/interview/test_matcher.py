"""Reading questions: content words, concepts, spelling, and the fact each question reaches."""

from __future__ import annotations

import pytest

from coachlab.interview import Rep
from coachlab.interview.matcher import matcher_for
from coachlab.interview.words import is_content_free, spelled_out, stem, terms


@pytest.mark.parametrize("question", [
    "What do you think?", "Tell me more", "What else?", "Go on", "What's really going on?",
    "And what else is happening?", "Say more.", "Anything else you want to tell me?",
])
def test_content_free_questions_have_no_content_words(question: str) -> None:
    assert is_content_free(question)


def test_concepts_join_a_manager_s_words() -> None:
    for question in ("Have you met the CFO?", "Who is the economic buyer?",
                     "Does the exec know?", "Who holds the budget? The budget holder?"):
        assert "@decider" in terms(question), question
    assert terms("What's stopping you?") == {"@blocker"}


def test_stemming_meets_inflections() -> None:
    assert stem("emailing") == stem("emailed") == stem("emails") == "email"
    assert stem("preparing") == stem("prepare")
    assert stem("stopped") == "stop"
    assert stem("cfo") == "cfo"


def test_stemming_keeps_apart_words_a_dropped_e_would_merge() -> None:
    assert stem("care") == stem("cares") == stem("caring") == "care"
    assert len({stem("car"), stem("care"), stem("career")}) == 3
    assert stem("sites") == "site" != stem("sitting") == "sit"


def test_rather_is_a_function_word_and_better_keeps_its_stem() -> None:
    assert "rath" not in terms("What is it about the pricing that you'd rather I did?")
    assert stem("better") == "better" != stem("bet")


def test_finding_out_is_asking_and_finding_is_a_feeling() -> None:
    assert "@question" in terms("How do you find out about competitors?")
    assert "@feel" not in terms("How do you find out about competitors?")
    assert "@feel" in terms("How do you find the new role?")


def test_a_form_of_a_known_word_is_not_read_as_a_typo(dana: Rep) -> None:
    matcher = matcher_for(dana)
    assert "lead" in matcher._known and "leading" not in matcher._known
    assert matcher._spell("Who is leading it?") == "Who is leading it?"  # not "landing"


def test_a_short_words_er_is_kept_in_the_plural_too() -> None:
    for word in ("offer", "order", "paper", "answer", "number", "caller"):
        assert stem(word + "s") == stem(word), word
    assert stem("offers") != stem("off")
    assert "@team" in terms("Why do the others book more second meetings?")


def test_every_fixture_paraphrase_reaches_its_fact(dana: Rep, sam: Rep) -> None:
    for rep in (dana, sam):
        matcher = matcher_for(rep)
        for fact_id, questions in rep.paraphrases.items():
            for question in questions:
                assert matcher.read(question).fact == fact_id, (rep.id, question)


def test_a_misspelt_word_still_matches(dana: Rep) -> None:
    assert matcher_for(dana).read("How would you build a busines case?").fact == \
        "knows-the-method"


def test_unrelated_question_reaches_nothing(dana: Rep) -> None:
    reading = matcher_for(dana).read("What did you have for lunch?")
    assert reading.fact is None and "no fact matched" in reading.explain()


def test_matching_needs_no_author_words(dana: Rep) -> None:
    # None of these words is in the fact's topics; the concepts carry them.
    assert matcher_for(dana).read("Have you approached the finance director?").fact == \
        "drafted-email-to-cfo"


def test_paraphrases_teach_the_matcher_but_never_vouch_for_themselves(dana: Rep) -> None:
    odd = "How was the weather at the offsite?"
    paraphrases = dict(dana.paraphrases)
    paraphrases["waits-for-permission"] = (*paraphrases["waits-for-permission"], odd)
    taught = dana.with_paraphrases(paraphrases)
    assert matcher_for(taught).read(odd).fact == "waits-for-permission"
    # The checker reads each paraphrase without itself: this one has nothing else to go on.
    assert matcher_for(taught, leave_one_out=True).read(odd).fact is None


def test_two_facts_equally_likely_reach_neither(dana: Rep) -> None:
    reading = matcher_for(dana).read("Do you know the CFO?")
    assert reading.fact is None


def test_readings_do_not_depend_on_the_hash_seed() -> None:
    # Sets of terms iterate in an order that changes with PYTHONHASHSEED; scores must not.
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = (
        "from coachlab.interview import load_reps\n"
        "from coachlab.interview.matcher import matcher_for\n"
        "for rep in load_reps('course/reps').values():\n"
        "    m = matcher_for(rep, leave_one_out=True)\n"
        "    for qs in rep.paraphrases.values():\n"
        "        for q in qs:\n"
        "            r = m.read(q)\n"
        "            print(r.fact, repr(r.score))\n"
    )
    outputs = {
        subprocess.run([sys.executable, "-c", code], cwd=root, check=True, capture_output=True,
                       text=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_a_misspelt_content_free_word_leaves_the_question_content_free(dana: Rep) -> None:
    assert matcher_for(dana).read("What's hapening?").content_free


def test_the_opening_question_word_and_said_words_are_weak_terms() -> None:
    assert terms("Who are these leads?") == {"@lead", "?who"}
    assert terms("When do people hang up?") >= {"?when", "hang"}
    assert "?when" not in terms("How do you feel when I'm on your calls?")  # not the question word
    assert "?many" in terms("How many emails do you send a day?")
    assert "?many" not in terms("How much did you get to say?")
    assert "@say" in terms("What do your emails say?")
    assert "@say" not in terms("Tell me about the Fenwick deal.")
    assert terms("Why?") == frozenset()  # alone, still content-free


def test_a_bare_what_is_stopping_the_deals_is_content_free() -> None:
    assert is_content_free("What's stopping these deals?")
    assert is_content_free("What's blocking these deals?")
    assert "@stall" in terms("What's holding things up?")


def test_one_slip_of_the_finger_is_a_typo_but_another_word_is_not(dana: Rep) -> None:
    matcher = matcher_for(dana)
    assert "busienss" not in matcher._spell("How would you build a busienss case?")
    assert matcher._spell("What's the contract value?") == "What's the contract value?"


def test_two_facts_about_equally_likely_go_to_the_one_closer_in_wording(
        dana: Rep, monkeypatch: pytest.MonkeyPatch) -> None:
    # "Confident" is the nervous fact's word, "what holds you back" the permission fact's
    # topic word for word: the scores tie, the wording decides.
    from coachlab.interview import matcher

    question = "How confident are you about what holds you back?"
    ranked = matcher.Matcher(dana).rank(question)
    assert {ranked[0].fact, ranked[1].fact} == {"nervous-with-seniors", "waits-for-permission"}
    assert ranked[0].score - ranked[1].score < matcher.MARGIN * ranked[0].score
    assert matcher.Matcher(dana).read(question).fact == "waits-for-permission"
    monkeypatch.setattr(matcher, "TIE_BREAK", False)
    assert matcher.Matcher(dana).read(question).fact is None


def test_three_facts_about_equally_likely_still_reach_none(dana: Rep) -> None:
    # "Do you know the CFO?" names what three facts are about: no wording decides it.
    ranked = matcher_for(dana).rank("Do you know the CFO?")
    assert ranked[0].score - ranked[2].score < 0.2 * ranked[0].score
    assert matcher_for(dana).read("Do you know the CFO?").fact is None


def test_the_manager_s_absence_is_one_concept() -> None:
    # "If I wasn't there" has only function words; it asks what the rep would do alone.
    for question in ("What would you do if I wasn't there?", "And if I wasn't on the call?",
                     "What would you do on your own?"):
        assert terms(question) == {"@own"}, question


def test_status_words_are_one_concept() -> None:
    assert terms("What's the latest?") == terms("What's the status?") == \
        terms("Where do things stand?") == {"@status"}


def test_a_question_mostly_about_unknown_words_reaches_nothing(dana: Rep) -> None:
    # "champion" fits a surface fact, but the offsite is a topic the rep's material never
    # mentions: the question is about something else, and the rep says it is not sure.
    matcher = matcher_for(dana)
    assert matcher.rank("How was the offsite with your champion?")[0].fact == \
        "only-talks-to-champion"
    assert matcher.read("How was the offsite with your champion?").fact is None
    # Named with a word the rep does know ("who else"), the same champion is reached.
    assert matcher.read("Who else was at the conference with your champion?").fact == \
        "only-talks-to-champion"


def test_chat_spellings_are_read_as_the_words_they_stand_for(dana: Rep) -> None:
    assert spelled_out("hows ur champion? dont u email the CFO") == \
        "how's your champion? don't you email the cfo"
    # Whole words only: not inside "r&d", "it's" or an abbreviation with dots.
    assert spelled_out("our R&D team, it's the N.H.S.") == "our r&d team, it's the n.h.s."
    assert terms("whats ur business case") == terms("What's your business case?")
    matcher = matcher_for(dana)
    # "ur" and "dont" would otherwise weigh as words the rep has never heard of.
    assert matcher.read("whats ur business case").fact == "knows-the-method"
    assert matcher.read("why dont u email the cfo").fact == "drafted-email-to-cfo"
    assert matcher.read("hows ur champion").fact == "only-talks-to-champion"
