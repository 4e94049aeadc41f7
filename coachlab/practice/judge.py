"""Judging an answer: right, partly right or wrong, with the words to say why.

Choice items are right when the keyed option is picked. A typed rewrite is read by the course's
reply analyzer (``coachlab.analysis``: ``assess`` where it exists, else ``classify``) and must also
stay on this rep's situation: a generic question such as "What do you think?" asks, but it would
fit any conversation, so it does not count as rewriting this tell. The exceptions are the
questions the course itself teaches as fitting any conversation (:data:`TAUGHT_QUESTIONS`, such
as Bungay Stanier's "What's the real challenge here for you?" and "And what else?"): a learner
who types what the lessons model is never wrong, and is partly right where the item asks for a
question about this rep's situation (so one taught question cannot pass every item).

A short interview is judged by replaying what the learner typed with :mod:`coachlab.interview`
(never a claimed outcome): best is right, good is partly right, mixed and poor are wrong
(:data:`INTERVIEW_RESULTS`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from coachlab.analysis import assess
from coachlab.interview import RepError, load_rep, replay
from coachlab.practice.items import INTERVIEW, Item

RIGHT, PARTLY, WRONG = "right", "partly", "wrong"

# Words that carry no topic: a question made only of these fits any conversation.
_GENERIC = frozenset("""
a about after again all also am an and any anything are as ask at be been before being but by
call can could did do does doing done else end even ever every feel first for from get go going
good got had has have help here how i if in into is it its just keep know last let like look make
makes many me mean might mind more most much my need next no not now of off on one only open
option options or other our out over plan real really right say see should so some something
start still sure take tell than that the their them then there these they thing things think
this those through time to too try up us very walk want was way we well were what when where
which while who why will with would yes yet you your yourself
tried tries trying thought thinking seen saw did went gone said says saying wanted wants wanting
needed needs needing felt feels feeling happen happened happening happens worked work works
working looks looking looked made making takes took taking gets getting knew knowing knows
asked asking asks told telling tells helps helped helping stop stops stopping stopped far
success successful succeed going doing idea ideas way ways thoughts step steps stuck happy
""".split())

_WORD = re.compile(r"[a-z0-9]+")

TAUGHT_QUESTIONS: frozenset[str] = frozenset({
    # Bungay Stanier, The Coaching Habit (2016), as lessons 02 and 05 teach them.
    "what's on your mind", "and what else", "what's the real challenge here for you",
    "how can i help",
    # Lesson 03: the pre-brief and the debrief (What? So what? Now what?).
    "how will you open", "walk me through the first ten minutes",
    "what will tell you the call went well", "walk me through the call",
    "what would you do differently if you ran it again",
    "what will you do before the next call", "what would you like to practise before then",
    "what did you notice about what i did on the call",
    # Lesson 02: the same open question to six reps, the competence check, and the check on
    # the manager's own fear.
    "what's happening with it", "walk me through how you'd do it",
    "what would you do if i weren't on this deal",
})
"""Questions the lessons model as fitting any conversation, normalised (:func:`taught`). The
topic check does not apply to them: they are content-free by design, and the course teaches
them as the right thing to ask. ``tests/practice/test_judge.py`` checks that every model
question in the lessons and exercises is accepted."""


def taught(reply: str) -> bool:
    """True when ``reply`` is one of :data:`TAUGHT_QUESTIONS` (case, curly apostrophes, end
    punctuation and a leading "so" or "and" forgiven: "And what else?" and "What else?")."""
    text = " ".join(reply.lower().replace("’", "'").split()).rstrip(" ?.!")
    return (text in TAUGHT_QUESTIONS or f"and {text}" in TAUGHT_QUESTIONS
            or text.removeprefix("so ") in TAUGHT_QUESTIONS)


@dataclass(frozen=True)
class Verdict:
    """How an answer was judged: right, partly or wrong, and why in a learner's words."""

    result: str
    message: str

    @property
    def right(self) -> bool:
        """True for a right answer."""
        return self.result == RIGHT


INTERVIEW_RESULTS: dict[str, str] = {"best": RIGHT, "good": PARTLY, "mixed": WRONG,
                                      "poor": WRONG}
"""An interview's outcome as a practice result (and so an FSRS rating: Good, Hard, Again).

Best needs the evidence, the cause and coaching that fits: recalled. Good is the right cause
with the evidence or the fit still missing: recalled with effort. Mixed (the cause or the
coaching missed) and poor have to be learnt again, tomorrow."""

_OUTCOME_WORDS = {"best": "best", "good": "good", "mixed": "mixed", "poor": "poor"}


def judge(item: Item, answer: str | Mapping[str, Any]) -> Verdict:
    """Judge ``answer`` (an option's value, typed text, or an interview's play) for ``item``."""
    if item.kind == INTERVIEW:
        return judge_interview(item, answer)
    if not isinstance(answer, str):
        return Verdict(WRONG, "No answer was given.")
    if item.options:
        return _judge_choice(item, answer)
    return judge_rewrite(answer, item.rep_line, item.context)


def judge_interview(item: Item, play: object) -> Verdict:
    """Judge a short interview from its play: ``{"questions": [...], "diagnosis",
    "coaching", "first_line"}``, untrusted data. Only the first ``item.questions`` questions
    are asked; the engine replays them and scores the evidence, the diagnosis and the fit."""
    outcome, result = replay_interview(item, play)
    if result is None:
        return Verdict(WRONG, outcome)
    evidence = (f"You surfaced {result.found} of the {result.needed} facts that tell the cause "
                f"from its look-alike in {result.turns} question(s)")
    cause = "named the cause" if result.diagnosis_right else "missed the cause"
    fit = ("chose coaching that fits" if result.coaching_fits
           else "chose coaching that does not fit")
    return Verdict(INTERVIEW_RESULTS[result.outcome],
                   f"Outcome: {_OUTCOME_WORDS[result.outcome]}. {evidence}, {cause} and {fit} "
                   f"({result.score} of {result.max_score} points).")


def replay_interview(item: Item, play: object) -> tuple[str, Any]:
    """(a message, the engine's ``Result``) for an interview item's play; the result is None,
    with the message saying why, when the play or the rep cannot be read."""
    if not isinstance(play, Mapping) or not isinstance(play.get("questions"), list):
        return "No interview was played.", None
    try:
        rep = load_practice_rep(item.rep_file)
    except (RepError, OSError) as error:
        return f"The rep could not be loaded: {error}", None
    questions = [q for q in play["questions"] if isinstance(q, str) and q.strip()]
    return "", replay(rep, questions[: item.questions], play.get("diagnosis"),
                      play.get("coaching"), play.get("first_line"))


def load_practice_rep(rep_file: str) -> Any:
    """The rep in ``rep_file``, loaded once per version of the file."""
    path = Path(rep_file)
    return _load_rep(str(path.resolve()), path.stat().st_mtime_ns)


@lru_cache(maxsize=16)
def _load_rep(path: str, _version: int) -> Any:
    return load_rep(path)


def _judge_choice(item: Item, answer: str) -> Verdict:
    keyed = item.keyed
    assert keyed is not None, f"item {item.id} has no keyed option"
    if answer == keyed.value:
        return Verdict(RIGHT, f"You chose: {_sentence(keyed.text)}")
    chosen = next((o for o in item.options if o.value == answer), None)
    picked = f"You chose: {_sentence(chosen.text)}" if chosen else "No answer was chosen."
    return Verdict(WRONG, f"{picked} The answer: {_sentence(keyed.text)}")


def _sentence(text: str) -> str:
    """``text`` ending with one full stop (or its own ? or ! or closing quote)."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!", "”", "…")) else text + "."


def read_reply(reply: str, rep_line: str) -> tuple[str, frozenset[str], str]:
    """(move, quality flags, one reason) for a typed reply, from the course's analyzer."""
    found = assess(reply, rep_line or None)
    flags = tuple(found.flags)
    reason = found.reasons.get(flags[0], "") if flags else ""
    return found.move, frozenset(flags), reason


def topic_words(text: str) -> set[str]:
    """The words of ``text`` that name something (not generic coaching words), crudely stemmed."""
    stems = {_stem(w) for w in _WORD.findall(text.lower()) if w not in _GENERIC and len(w) > 2}
    return stems - _GENERIC_STEMS


def on_topic(reply: str, *context: str) -> bool:
    """True when ``reply`` names something from the conversation (a word the rep or the
    manager used), so it could not be asked in any conversation at all."""
    mine = topic_words(reply)
    theirs: set[str] = set()
    for text in context:
        theirs |= topic_words(text)
    return bool(mine & theirs)


def judge_rewrite(reply: str, rep_line: str, context: tuple[str, ...] = ()) -> Verdict:
    """Judge a typed rewrite of a tell: an open question, clean, about this rep's situation."""
    if not isinstance(reply, str) or not reply.strip():
        return Verdict(WRONG, "Type your question first.")
    move, flags, reason = read_reply(reply, rep_line)
    because = f" ({reason})" if reason else ""
    if move in ("tell", "rescue", "leading"):
        return Verdict(WRONG, f"That still reads as {_MOVE_WORDS[move]}{because}.")
    in_context = bool(rep_line) or any(context)  # no conversation: nothing to be off
    if in_context and not taught(reply) and not on_topic(reply, rep_line, *context):
        return Verdict(WRONG, "That asks, but it would fit any conversation: name something "
                              "from what the rep said, so it is about this situation.")
    if move == "closed":
        return Verdict(PARTLY, f"A question, but a closed one{because}: open it with what or "
                               "how, so the rep does the thinking.")
    problems = sorted(flags & {"judging", "stacked", "off_topic"})
    if problems:
        words = ", ".join(_FLAG_WORDS.get(p, p) for p in problems)
        return Verdict(PARTLY, f"Open, but {words}{because}.")
    if in_context and taught(reply) and not on_topic(reply, rep_line, *context):
        # Partly, not right: one taught question typed into every item would otherwise pass the
        # whole skill. It is never wrong, since the course teaches it.
        return Verdict(PARTLY, "A question the course teaches for any conversation, so the "
                               "thinking stays with the rep. To rewrite this tell, ask about "
                               "this situation: use the rep's own words, so they know you "
                               "heard them.")
    return Verdict(RIGHT, "An open question about this rep's situation: the thinking stays with "
                          "the rep.")


_MOVE_WORDS = {"tell": "telling", "rescue": "a rescue", "leading": "a leading question"}
_FLAG_WORDS = {
    "judging": "it judges the rep",
    "stacked": "it stacks several questions into one",
    "off_topic": "it moves away from what the rep raised",
}


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


_GENERIC_STEMS = frozenset(_stem(word) for word in _GENERIC)
