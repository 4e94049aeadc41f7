"""Does a reply engage with what the rep said, or with the deal? (the ``off_topic`` flag)

A reply engages when any of these holds, checked in order:

1. it shares a content word with the rep's line (compared by stem: "integrations" and
   "integration" match);
2. it names the deal or the people and papers around it (``vocabulary.DEAL``);
3. it is small talk or changes the subject ("What do you think about the weather today?",
   "Anyway, enough about work."): *not* engaged;
4. it points back at what was said ("it", "they", "that" on its own), talks about the work or
   the rep's thinking and feelings (``vocabulary.WORK``), or has no topic of its own at all:
   the generic coaching questions "What's going on?", "What else?", "How can I help?",
   "Walk me through it." all engage;
5. anything else names a topic the rep never raised: not engaged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from coachlab.analysis import vocabulary as vocab

_WORD = re.compile(r"[a-z][a-z'-]*")
_QUOTED = re.compile(r'"[^"]{0,300}"')
# The guard in front skips positions that cannot start a word (several times faster).
_AT_WORD = r"(?:(?<=[\s,.!?;:])|^)(?=[a-z])(?:"
_SMALL_TALK = re.compile(_AT_WORD + "|".join(vocab.SMALL_TALK_PHRASES) + ")")
_SIDE_TOPIC = re.compile(_AT_WORD + "|".join(vocab.SIDE_TOPIC_PHRASES) + ")")
_TOPIC_CHANGE = re.compile(_AT_WORD + "|".join(vocab.TOPIC_CHANGE) + ")")
# Fixed expressions whose words would otherwise read as small talk ("game plan").
_IDIOMS = re.compile(
    r"\b(?:game plan|game changer|ball game|long game|end game|home in|trade show|road ?show|"
    r"(?:your|my|their|our) (?:a-)?game\b(?! (?:on|last|this|at))|"
    r"third party|party line|cold call\w*|hot lead|in-house|match (?:their|the|what)|"
    r"coffee with (?:the|their|them|him|her)|over (?:lunch|dinner|coffee) with)\b"
)
_SUFFIXES = ("ings", "ing", "ied", "ies", "ers", "ed", "es", "er", "ly", "s")


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light stem: strip one common English suffix from words of five letters or more."""
    word = word.strip("'-")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) >= 5:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                if suffix in ("ied", "ies"):
                    word += "y"
                break
    return word


def _in(word: str, root: str, words: frozenset[str]) -> bool:
    return word in words or root in words


def _content(text: str) -> list[tuple[str, str]]:
    """(word, stem) for every word of ``text`` that is not a function word."""
    out = []
    for word in _WORD.findall(text):
        root = stem(word)
        if not _in(word, root, vocab.FUNCTION):
            out.append((word, root))
    return out


def _roots(text: str) -> set[str]:
    roots = set()
    for word, root in _content(text):
        roots.add(root)
        if len(root) >= 6:
            roots.add(root[:5])
        roots.add(word)
    return roots


@dataclass(frozen=True)
class Context:
    """What the rep said, normalised, with the stems its content words share with a reply."""

    text: str
    roots: frozenset[str]

    @classmethod
    def read(cls, text: str) -> Context:
        """Read a normalised context once."""
        return cls(text, frozenset(_roots(text)))


def _overlaps(reply: list[tuple[str, str]], context: frozenset[str]) -> bool:
    for word, root in reply:
        if word in context or root in context or (len(root) >= 6 and root[:5] in context):
            return True
    return False


def off_topic(reply: str, context: Context | str) -> str | None:
    """Why ``reply`` (normalised) does not engage with ``context`` (normalised), or None.

    The reason names the words that took the conversation elsewhere.
    """
    reply = _QUOTED.sub(" ", reply)
    content = _content(_IDIOMS.sub(" ", reply))
    if isinstance(context, str):
        context = Context.read(context)
    if _overlaps(content, context.roots):
        return None
    change = _TOPIC_CHANGE.search(reply)
    if change is not None:
        return f'changes the subject ("{change.group(0)}")'
    chat = _SMALL_TALK.search(reply)
    small = [word for word, root in content if _in(word, root, vocab.SMALL_TALK)]
    if small and any(_in(word, root, vocab.DEAL) and not _in(word, root, vocab.SHARED)
                     for word, root in content):
        return None
    if chat is not None or small:
        topic = chat.group(0) if chat is not None else small[0]
        return f'talks about "{topic}", not the rep\'s situation'
    side = _SIDE_TOPIC.search(reply)
    if side is not None and not any(_in(word, root, vocab.WORK) or _in(word, root, vocab.DEAL)
                                    for word, root in content):
        return f'talks about "{side.group(0)}", not the rep\'s situation'
    return None
