"""Typed replies: what a manager may type at a ``free_text`` node, and how it is read.

A typed reply is tidied (runs of spaces become one), refused when it is too short or too long to
be one coaching reply, and read by :func:`coachlab.analysis.assess`: its move, and any quality
flag (judging, stacked, off the deal) with the reasons and a rewrite hint. An open question that
raises a flag takes the node's ``flagged`` branch, never ``open``.
"""

from __future__ import annotations

from dataclasses import dataclass

from coachlab.analysis import assess, classify

MIN_WORDS = 2
"""A typed reply needs at least this many words ("What else?" is enough; "Why?" is not)."""

MAX_CHARS = 400
"""A typed reply longer than this is refused (a coaching reply is a sentence or two)."""


class ReplyError(ValueError):
    """A reply cannot be given at this point (wrong kind, out of range, too short or too long).

    The message is written for the learner: it says what to do instead.
    """


@dataclass(frozen=True)
class Judgement:
    """How a typed reply reads: its move, quality flags, and why."""

    move: str
    flags: tuple[str, ...]
    reasons: tuple[str, ...]
    hint: str | None

    @property
    def branch(self) -> str:
        """The ``free_text`` branch this reply takes: its move, or ``flagged`` for a flagged
        open question."""
        return "flagged" if self.move == "open" and self.flags else self.move


def tidy(text: object) -> str:
    """``text`` with its whitespace runs made single; ReplyError unless it can be said as is."""
    if type(text) is not str:
        raise ReplyError("Type your reply to the rep.")
    tidied = " ".join(str.split(text))
    if len(tidied.split()) < MIN_WORDS:
        raise ReplyError(f"Write at least {MIN_WORDS} words: say it the way you would say it.")
    if len(tidied) > MAX_CHARS:
        raise ReplyError(f"Keep it under {MAX_CHARS} characters: one or two sentences.")
    return tidied


def judge(text: str, context: str | None = None) -> Judgement:
    """Read a typed reply with ``coachlab.analysis.assess`` (``context``: what the rep said)."""
    result = assess(text, context=context)
    if result.flags:
        reasons = tuple(result.reasons[flag] for flag in result.flags if flag in result.reasons)
        hints = [result.hints[flag] for flag in result.flags if flag in result.hints]
        return Judgement(result.move, result.flags, reasons, hints[0] if hints else None)
    # No flag: the shape's own reasons and rewrite hint (e.g. how to open a leading question).
    shape = classify(text)
    return Judgement(result.move, (), tuple(shape.reasons), shape.hint)
