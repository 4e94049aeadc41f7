"""Judge one reply on quality, not only shape: the move plus flags with reasons and hints."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from coachlab.analysis import judging, stacking, topic
from coachlab.analysis.classify import classify_normalised
from coachlab.analysis.text import MAX_CHARS, normalise

FLAGS = ("judging", "stacked", "off_topic")
"""The quality flags ``assess`` can raise, in the order they are reported."""

_STACKED_REASON = (
    "asks {count} questions in one turn. The rep can answer only one, and picks the easiest"
)
_STACKED_HINT = (
    "Ask one question and wait for the answer; the others can follow once the rep has "
    "answered. Keep the one that matters most, for example just: “{first}”"
)
_OFF_TOPIC_HINT = (
    "Start from what the rep just told you: pick their words back up and ask about them, "
    "or ask “What's going on?” / “What's the real challenge here for you?”"
)


def _frozen(values: dict[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(values))


@dataclass(frozen=True)
class Assessment:
    """One reply judged: its move (as ``classify`` labels it) and any quality flags.

    ``reasons`` and ``hints`` map each raised flag to why it was raised and how to rewrite the
    reply, in words a sales manager understands.
    """

    move: str
    flags: tuple[str, ...]
    # Read-only mappings; left out of the hash (a mapping has none), kept in equality.
    reasons: Mapping[str, str] = field(default_factory=lambda: _frozen({}), hash=False)
    hints: Mapping[str, str] = field(default_factory=lambda: _frozen({}), hash=False)

    @property
    def clean_open(self) -> bool:
        """True for an open question that raises no flag: the only reply worth full marks."""
        return self.move == "open" and not self.flags


def assess(reply: str, context: str | None = None) -> Assessment:
    """Label ``reply`` with its move and flag judging, stacked and off-topic questions.

    ``context`` is what the rep just said (or the situation). Without it, ``off_topic`` is never
    raised: a reply can only be off the topic when the topic is known.

    Raises:
        TypeError: if ``reply`` is not a ``str``, or ``context`` is neither ``str`` nor None.
        ValueError: if ``reply`` is empty or only whitespace.
    """
    if not isinstance(reply, str):
        raise TypeError(f"assess() expects str, got {type(reply).__name__}")
    if context is not None and not isinstance(context, str):
        raise TypeError(f"assess() expects the context as str or None, got "
                        f"{type(context).__name__}")
    if not reply.strip():
        raise ValueError("nothing to assess")
    if len(reply) > MAX_CHARS or (context is not None and len(context) > MAX_CHARS):
        return _read(reply, context)  # a long text is not kept: the cache's size stays bounded
    return _assess(reply, context)


@lru_cache(maxsize=4096)
def _assess(reply: str, context: str | None) -> Assessment:
    """``assess`` once per reply and context: an Assessment is immutable, and the practice
    pool, the scenario checker and the interview read the same replies many times."""
    return _read(reply, context)


def _read(reply: str, context: str | None) -> Assessment:
    """The reading itself: the move, then each flag with its reason and hint."""
    text = normalise(reply)
    move = classify_normalised(text).label
    about = _context(context) if context and context.strip() else None
    reasons: dict[str, str] = {}
    hints: dict[str, str] = {}

    found = judging.find(text, about.text if about else None)
    if found is not None:
        kind, words = found
        reasons["judging"] = f"says “{_sentence_case(words)}”: {judging.KINDS[kind].reason}"
        hints["judging"] = judging.KINDS[kind].hint

    count = stacking.count_questions(text)
    if count >= 2:
        reasons["stacked"] = _STACKED_REASON.format(count=_number(count))
        first = stacking.first_question(reply) or "What happened when they went quiet?"
        hints["stacked"] = _STACKED_HINT.format(first=first)

    if about is not None:
        elsewhere = topic.off_topic(text, about, reply)
        if elsewhere is not None:
            reasons["off_topic"] = (f"{elsewhere}: it does not pick up what the rep said or the "
                                    "deal, so the rep hears that their problem can wait")
            hints["off_topic"] = _OFF_TOPIC_HINT

    flags = tuple(flag for flag in FLAGS if flag in reasons)
    return Assessment(move, flags, _frozen(reasons), _frozen(hints))


@lru_cache(maxsize=256)
def _context(context: str) -> topic.Context:
    """A context read once: scenarios and exercises ask many replies about the same line."""
    return topic.Context.read(normalise(context[:MAX_CHARS]))


def _sentence_case(words: str) -> str:
    return words[:1].upper() + words[1:]


def _number(count: int) -> str:
    return ("two", "three", "four", "five")[count - 2] if count <= 5 else str(count)
