"""What the rep says when a question reveals nothing: one line per reaction, as data.

The rep's facts are authored per rep; these lines are shared. Each reaction lists wordings
said in turn (the n-th time a reaction happens, wording n modulo their count), so a repeated
move does not sound like a machine, and the same questions always give the same lines.
"""

from __future__ import annotations

LINES: dict[str, tuple[str, ...]] = {
    "not_sure": (
        "Not sure what you mean — the deal, or me?",
        "Sorry, I'm not sure what you're asking — about the deals, or about me?",
    ),
    "leading": (
        "Yeah, I suppose so. If you think that's it.",
        "Maybe. You're probably right.",
        "Sure, I can see that.",
    ),
    "tell": (
        "Okay. I'll do that, then.",
        "Right. If that's what you want, I'll do it.",
        "Fine, I'll give it a go.",
    ),
    "rescue": (
        "Oh — okay. If you're taking it, I'll step back and let you handle it.",
    ),
    "judging": (
        "Look, I'm doing my best here.",
        "I don't know. I just didn't, okay?",
    ),
    "judging_prefix": (
        "I mean — ",
    ),
    "closed_yes": (
        "Yes, I think so.",
        "Sort of, yes.",
    ),
    "withheld": (
        "Hm. I'd rather not get into that right now.",
        "I don't know... it's nothing, really.",
    ),
    "opener": (
        "I don't know. It's just... these deals, you know?",
        "I'm not sure where to start, honestly.",
        "I've told you what I know, I think. What do you want to know?",
    ),
    "not_yet": (
        "I don't know yet what it all adds up to.",
    ),
    "repeat": (
        "Like I said: ",
    ),
}
"""Reaction -> the rep's wordings for it."""


def line(reaction: str, count: int) -> str:
    """The rep's ``count``-th wording (from 0) for ``reaction``."""
    wordings = LINES[reaction]
    return wordings[count % len(wordings)]
