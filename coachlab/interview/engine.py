"""The interview: ask in your own words, the rep reacts to the move, then diagnose and coach.

Each question is read twice: by :func:`coachlab.analysis.assess` for its move and flags (in
the context of the rep's last line), and by the matcher for the fact it is about. The move
decides what the rep does with the fact (the contract's reaction table); the state keeps what
was revealed, trust and turns. Everything is deterministic: the same questions give the same
interview.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coachlab.analysis import assess

from . import reactions
from .matcher import Reading, matcher_for
from .model import Rep
from .scoring import Result, needed, score
from .state import TRUST_FOR_TRUST_FACTS, State
from .words import spelled_out

MAX_TURNS = 60
"""Questions accepted per interview; more are refused (a replayed journal cannot grow
without limit)."""

# Asking the rep to reflect or sum up: after enough evidence, the rep says their summary.
_SUMMARY = re.compile(
    r"\b(?:sum (?:it |this |that |things |everything )?up|summari[sz]e|in a nutshell|"
    r"what do you make of|pattern|common thread|in common|behind (?:all )?(?:this|it|that)|"
    r"root cause|underlying|underneath|big picture|step(?:ping)? back|looking back|"
    r"(?:what's|what is) really going on|(?:what's|what is) the real|what connects|what ties|"
    r"put your finger on|real reason|heart of it|adds? up to|all together)\b"
)
_YES_NO = re.compile(r"^\W*(?:do|does|did|have|has|had|is|are|was|were|can|could|will|would|"
                     r"should|any|anything)\b")
# A question after one detail ("Who signs off?", "When do you ask about budget?"): the
# classifier reads it as closed (a single fact), but it is no yes/no question, and the fact it
# reaches is the rep's answer. ("How many users?" and "How long have you been here?" stay
# closed: such a detail is rarely what a fact is about.)
_DETAIL = re.compile(r"^\W*(?:(?:and|so|but|ok|okay|right|then)\W+)*(?:who|whom|whose|who's|"
                     r"when|where|which)\b")
# Questions the classifier takes for another move although they ask the rep about the rep:
# "Why do you want me on the call?" is no takeover, "How do you feel about me joining?" asks
# for the rep's feelings, not for agreement with the manager's idea; "Can I read one of your
# emails?" asks to see the rep's work, not to do it.
_ASKS_THE_REP = re.compile(r"^\W*(?:(?:and|so|but|ok|okay|right|then)\W+)*(?:(?:why|what|how|"
                           r"when|where|who)\s+(?:do|did|does|would|are|were|was|have|has)\s+"
                           r"you\b|how (?:do|did|does|would) you feel about\b|"
                           r"(?:can|could|may) i (?:read|see|look at|have a look|hear|listen)\b)")
DETAIL_EXPLAINED = True
"""A closed one-detail question reveals a fact only when the fact's material explains every
word of it."""
# A stacked turn: the rep answers only the last question.
_QUESTION = re.compile(r"[^?]+\?")
# A sentence ends inside the text: what follows may be a tell or a takeover.
_CLAUSE_END = re.compile(r"[.!?;]\s*\S")
_PART = re.compile(r",\s*(?:and|or|but|so)\s+|\s+(?:and|or)\s+(?=(?:what|how|why|who|when|"
                   r"where|which|did|do|does|have|has|is|are|was|were|can|could|would)\b)",
                   re.IGNORECASE)


class InterviewOver(RuntimeError):
    """Raised when a question is asked after the interview has ended."""


@dataclass(frozen=True)
class Turn:
    """One question and the rep's reaction, with how the question was read."""

    you: str
    move: str
    flags: tuple[str, ...]
    revealed: str | None
    rep: str
    trust_after: int
    reading: str
    reaction: str

    def as_dict(self) -> dict[str, object]:
        """The turn as the CLI's JSON shape."""
        return {"you": self.you, "move": self.move, "flags": list(self.flags),
                "revealed": self.revealed, "rep": self.rep}


class Interview:
    """One interview of ``rep``: ``ask`` questions, then ``diagnose`` and ``coach``."""

    def __init__(self, rep: Rep, leave_one_out: bool = False):
        """``leave_one_out`` is the checker's mode: a question that is one of the rep's
        paraphrases is read without that paraphrase (see :class:`Matcher`)."""
        self.rep = rep
        self.state = State()
        self._matcher = matcher_for(rep, leave_one_out)
        self._turns: list[Turn] = []
        self._last_line = rep.persona.opening
        self._diagnosis: str | None = None
        self._clean_open = 0

    @property
    def turns(self) -> tuple[Turn, ...]:
        """Every turn so far."""
        return tuple(self._turns)

    # ------------------------------------------------------------------------------ asking
    def ask(self, text: str) -> Turn:
        """Ask one question; the rep reacts to its move and to the fact it is about.

        Raises:
            TypeError: if ``text`` is not a ``str``; ValueError: if it is empty.
            InterviewOver: after a rescue, after coaching, or after ``MAX_TURNS`` questions.
        """
        if not isinstance(text, str):
            raise TypeError(f"ask() expects str, got {type(text).__name__}")
        if not text.strip():
            raise ValueError("nothing to ask")
        if self.state.ended or self.state.turns >= MAX_TURNS:
            raise InterviewOver("the interview is over")
        text = text.strip()
        # Read as typed in a hurry: chat spellings written out ("walk me thru" invites).
        plain = spelled_out(text)
        judged = assess(plain, context=self._last_line)
        move, flags = _move(plain, judged.move), judged.flags
        self.state.turns += 1
        if judged.clean_open:
            self._clean_open += 1
        part = _last_question(text) if "stacked" in flags else text
        reading = self._matcher.read(part)
        reaction, revealed, said = self._react(move, flags, part, reading)
        turn = Turn(text, move, flags, revealed, said, self.state.trust, reading.explain(),
                    reaction)
        self._turns.append(turn)
        self._last_line = said
        return turn

    def _react(self, move: str, flags: tuple[str, ...], text: str, reading: Reading
               ) -> tuple[str, str | None, str]:
        """(reaction, revealed fact id or None, the rep's line) for one question."""
        state = self.state
        if move == "rescue":
            state.ended = state.rescued = True
            return "rescue", None, self._say("rescue")
        if move == "tell":
            state.change_trust(-1)
            return "tell", None, self._say("tell")
        if move == "leading":
            return "leading", None, self._say("leading")
        if "judging" in flags:
            state.change_trust(-1)
            fact = self.rep.fact(reading.fact) if reading.fact else None
            if fact is not None and not fact.deep:
                state.reveal(fact.id)
                short = _first_sentence(self._answer(fact.id))
                return "judging", fact.id, reactions.line("judging_prefix", 0) + short
            return "judging", None, self._say("judging")
        if _SUMMARY.search(text.lower()) and move == "open":
            found = {fact.id for fact in self.rep.discriminating} & set(state.revealed)
            if len(found) >= needed(self.rep):
                state.summarised = True
                state.change_trust(+1)
                return "summary", None, self.rep.summary[
                    state.count("summary") % len(self.rep.summary)]
            if reading.content_free:
                return self._surface("not_yet")
        if reading.content_free:
            return self._surface("opener")
        fact = self.rep.fact(reading.fact) if reading.fact else None
        if fact is None:
            return "not_sure", None, self._say("not_sure")
        if move == "closed" and _DETAIL.match(text.lower()):
            move = "detail"  # answered like an open question, without the trust it earns
        if move == "closed" and DETAIL_EXPLAINED and not _YES_NO.match(text.lower()) \
                and not self._matcher.explains(reading):
            # A one-detail question ("What time is the call on Thursday?", "How many dials a
            # day?") that names a topic in full but asks for something the fact never says.
            return "closed", None, self._say("not_sure")
        if move == "closed" and not reading.exact:
            # A closed question reveals a fact only when it names one of its topics in full;
            # otherwise a yes/no question gets its yes, and a question after one detail ("How
            # many users?", "What time is the call?") an honest "not sure".
            if _YES_NO.match(text.lower()):
                return "closed", None, self._say("closed_yes")
            return "closed", None, self._say("not_sure")
        if fact.deep and not reading.about_topic:
            return "not_sure", None, self._say("not_sure")
        if fact.depth == "trust" and state.trust < TRUST_FOR_TRUST_FACTS:
            return "withheld", None, self._say("withheld")
        again = fact.id in state.revealed
        state.reveal(fact.id)
        if fact.deep and not again and move == "open" and not flags:
            state.change_trust(+1)  # heard on something that matters: the rep opens up
        said = self._answer(fact.id)
        if move == "closed" and _YES_NO.match(text.lower()):
            said = f"Yes. {said}"  # a yes/no question gets its yes before the fact
        return ("deeper" if again else "reveal"), fact.id, said

    def _surface(self, fallback: str) -> tuple[str, str | None, str]:
        """A content-free question: the next surface fact not yet said, else a plain line."""
        for fact in self.rep.facts:
            if fact.depth == "surface" and fact.id not in self.state.revealed:
                self.state.reveal(fact.id)
                return "surface", fact.id, self._answer(fact.id)
        return fallback, None, self._say(fallback)

    def _answer(self, fact_id: str) -> str:
        """The rep's next wording about a fact: first answer, then deeper lines, then the
        other answers in turn."""
        fact = self.rep.fact(fact_id)
        assert fact is not None
        lines = (fact.answers[0], *fact.deeper, *fact.answers[1:])
        return lines[self.state.count(fact_id) % len(lines)]

    def _say(self, reaction: str) -> str:
        return reactions.line(reaction, self.state.count("~" + reaction))

    # ------------------------------------------------------------------------------ ending
    def diagnose(self, cause: str) -> None:
        """Name the root cause (an unknown name is simply a wrong diagnosis)."""
        self._diagnosis = str(cause)

    def coach(self, choice: str, first_line: str = "") -> Result:
        """Choose how to coach and say the first coaching line; ends the interview."""
        first_move: str | None = None
        first_flags: tuple[str, ...] = ()
        if first_line.strip():
            judged = assess(first_line, context=self._last_line)
            first_move, first_flags = judged.move, judged.flags
        self.state.ended = True
        return score(self.rep, list(self.state.revealed), self._diagnosis, str(choice),
                     first_move, first_flags, self.state.turns, self.state.trust,
                     self._clean_open, self.state.rescued)

    def result(self) -> Result:
        """The score so far, without coaching (an interview left unfinished)."""
        return score(self.rep, list(self.state.revealed), self._diagnosis, None, None, (),
                     self.state.turns, self.state.trust, self._clean_open, self.state.rescued)

    # ------------------------------------------------------------------------------ explaining
    def missed(self) -> list[tuple[str, str]]:
        """Facts not reached, each with a question that would have reached it."""
        out = []
        for fact in self.rep.facts:
            if fact.id in self.state.revealed:
                continue
            questions = self.rep.paraphrases.get(fact.id)
            question = questions[0] if questions else f"What's going on with {fact.topics[0]}?"
            out.append((fact.id, question))
        return out

    def transcript(self) -> str:
        """The interview as text: each question, how it was read, and the rep's line."""
        name = self.rep.persona.name
        lines = [f"{name}: {self.rep.persona.opening}"]
        for turn in self._turns:
            flags = f" ({', '.join(turn.flags)})" if turn.flags else ""
            lines.append(f"You: {turn.you}")
            lines.append(f"  [{turn.move}{flags}; {turn.reading}; trust {turn.trust_after}]")
            lines.append(f"{name}: {turn.rep}")
        return "\n".join(lines)


def _move(plain: str, move: str) -> str:
    """The classifier's move, except for a question that asks about the rep (see
    ``_ASKS_THE_REP``) read as leading or as a rescue: that one is open.

    ``plain`` is the question as :func:`spelled_out` writes it ("can i see one of ur emails"
    becomes "can i see one of your emails"); its question mark may be left off, as long as it
    is one clause (no full stop, "?", "!" or ";" where a takeover could follow: "Can I see
    your deck? I'll fix it").
    """
    if move not in ("leading", "rescue"):
        return move
    plain = plain.rstrip()
    one_question = plain.endswith("?") or not _CLAUSE_END.search(plain)
    return "open" if one_question and _ASKS_THE_REP.match(plain) else move


def _last_question(text: str) -> str:
    questions = _QUESTION.findall(text)
    last = questions[-1].strip() if questions else text
    return _PART.split(last)[-1].strip() or last


def _first_sentence(text: str) -> str:
    match = re.match(r".+?[.!?](?=\s|$)", text)
    return match.group(0) if match else text
