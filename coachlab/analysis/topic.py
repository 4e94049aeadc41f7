"""Does a reply engage with what the rep just said? (the ``off_topic`` flag)

The check judges relevance, not topics: a reply is off topic when it has a topic of its own
that the rep's line does not touch, whatever that topic is (the weekend, an expense claim,
another account, the rep's call count, a new tool). In order:

1. a reply that shares a content word with the rep's line (compared by stem: "integrations"
   and "integration" match) engages;
2. a reply that says it changes the subject ("Anyway, enough about work.") does not;
3. a question about the rep's activity numbers over a period ("How many calls did you log
   yesterday?") does not engage, unless the rep's line is about activity or numbers;
4. otherwise each content word of the reply is weighed (``vocabulary.GENERIC`` and
   ``vocabulary.CONCEPTS``): coaching words with no topic ("What makes you think that?") are
   neutral; words in a concept class the rep's line also touches ("discount" after "15% off")
   count for engaging, "who" counts half when the rep's line names a person; every other word
   counts against. More weight against than for: off topic.

When the rep's line has no content words at all ("Got a minute?"), there is nothing to be
relevant to, and the check falls back to the side topics the reply marks itself (small talk,
hobbies, "what are you up to") as before.
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
    r"coffee with (?:the|their|them|him|her)|over (?:lunch|dinner|coffee) with|of course|"
    r"in due course|on course|course of action)\b"
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
    return _content_of(_WORD.findall(text))


def _content_of(words: list[str]) -> list[tuple[str, str]]:
    """(word, stem) for every word in ``words`` that is not a function word."""
    out = []
    for word in words:
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


_CONCEPT_OF: dict[str, frozenset[str]] = {}
for _name, _members in vocab.CONCEPTS.items():
    for _member in _members:
        for _key in {_member, stem(_member)}:
            _CONCEPT_OF[_key] = _CONCEPT_OF.get(_key, frozenset()) | {_name}
_GENERIC = vocab.GENERIC
_PERSON = re.compile(r"\b(?:he|she|him|her|his|hers)\b")
# Pointing back at what the rep said: "What do you make of that?", "How did they react?"
_BACK = re.compile(r"\b(?:that|this|it|they|them|their|those|these|he|she|him|her)\b")
_NAME = re.compile(r"(?<=[a-z,;:&] )[A-Z][a-z]+(?:[ -](?:&|and|[A-Z][a-z]+))*")
# Capitalised words that are not names of accounts or people.
_NOT_NAMES = frozenset(
    "i i'm i've i'll i'd monday tuesday wednesday thursday friday saturday sunday january "
    "february march april may june july august september october november december ok okay "
    "cfo ceo cto cio coo vp it hr po".split()
)


def names(reply: str) -> frozenset[str]:
    """Lower-cased capitalised words inside the raw ``reply`` ("the Norland renewal"): names
    of accounts, people or tools, unless they are days, months or the pronoun "I"."""
    found = set()
    for match in _NAME.finditer(reply[:MAX_NAME_SCAN]):
        for word in match.group(0).lower().replace("-", " ").split():
            if word not in _NOT_NAMES and word not in ("&", "and"):
                found.add(word)
    return frozenset(found)


MAX_NAME_SCAN = 2_000
# The status of a deal: with a name the rep did not say, the reply asks about another account.
_STATUS = re.compile(
    r"\b(?:renewal|contract|proposal|po|order|order form|upsell|deal|account|opportunity|"
    r"expansion|rollout|negotiation|quote|pilot|signed|sign|close|closing|tracking)\b"
)
_WHO = re.compile(r"\bwho(?:m|se|'s)?\b")
_QUANTITY = re.compile(
    r"\b(?:how many|number of|numbers?|count|counts|rates?|coverage|on track for|touches|score|"
    r"activity|volume)\b"
)
_PERIOD = re.compile(
    r"\b(?:(?:this|last|next) (?:week|month|quarter|half|year)|yesterday|today|per day|a day|"
    r"each day|every day|this morning|this afternoon|at the moment|right now|currently|"
    r"so far|by (?:friday|monday|"
    r"tuesday|wednesday|thursday|the end of)|(?:for|in) q[1-4])\b"
)


_COMPOUND_WORDS = frozenset(vocab.COMPOUNDS)
_COMPOUND_FIRST = frozenset(term.split()[0] for term in vocab.COMPOUNDS)


def _joined_words(words: list[str]) -> list[str]:
    """``words`` with multi-word terms joined ("business", "case" -> "business-case")."""
    out: list[str] = []
    index, count = 0, len(words)
    while index < count:
        if words[index] not in _COMPOUND_FIRST:
            out.append(words[index])
            index += 1
        elif index + 2 < count and " ".join(words[index:index + 3]) in _COMPOUND_WORDS:
            out.append("-".join(words[index:index + 3]))
            index += 3
        elif index + 1 < count and f"{words[index]} {words[index + 1]}" in _COMPOUND_WORDS:
            out.append(f"{words[index]}-{words[index + 1]}")
            index += 2
        else:
            out.append(words[index])
            index += 1
    return out


def _joined(text: str) -> str:
    """``text``'s words with multi-word terms joined, as one string (for a context)."""
    return " ".join(_joined_words(_WORD.findall(text)))


def _concepts(word: str, root: str) -> frozenset[str]:
    return _CONCEPT_OF.get(word) or _CONCEPT_OF.get(root) or frozenset()


@dataclass(frozen=True)
class Context:
    """What the rep said, normalised: its content stems, concept classes, and whether it names
    a person."""

    text: str
    roots: frozenset[str]
    concepts: frozenset[str] = frozenset()
    person: bool = False

    @classmethod
    def read(cls, text: str) -> Context:
        """Read a normalised context once."""
        concepts: set[str] = set()
        for word, root in _content(_joined(text)):
            concepts |= _concepts(word, root)
        if "%" in text:  # "20% off", "40% behind": money or numbers
            concepts |= {"money", "forecast"}
        person = "buyer" in concepts or _PERSON.search(text) is not None
        return cls(text, frozenset(_roots(text)), frozenset(concepts), person)


def _overlaps(reply: list[tuple[str, str]], context: frozenset[str]) -> bool:
    for word, root in reply:
        if word in context or root in context or (len(root) >= 6 and root[:5] in context):
            return True
    return False


def off_topic(reply: str, context: Context | str, raw: str = "") -> str | None:
    """Why ``reply`` (normalised) does not engage with ``context`` (normalised), or None.

    ``raw`` is the reply as typed, for the names it capitalises (see :func:`names`): another
    account the rep did not mention is a topic of its own. The reason names the words that
    took the conversation elsewhere.
    """
    reply = _QUOTED.sub(" ", reply)
    words = _WORD.findall(_IDIOMS.sub(" ", reply))
    content = _content_of(words)
    if isinstance(context, str):
        context = Context.read(context)
    if _overlaps(content, context.roots):
        return None
    change = _TOPIC_CHANGE.search(reply)
    if change is not None:
        return f'changes the subject ("{change.group(0)}")'
    if not context.roots:
        return _side_topic(reply, content)
    if ("activity" not in context.concepts and "forecast" not in context.concepts
            and _QUANTITY.search(reply) and _PERIOD.search(reply)):
        return "asks about the rep's activity numbers, not about what the rep just said"
    return _unrelated(reply, context, raw, words, content)


def _small_talk(word: str) -> bool:
    # By the word and its plain plural only: a stem can collide ("cares" -> "car").
    return word in vocab.SMALL_TALK or (word.endswith("s") and word[:-1] in vocab.SMALL_TALK)


def _unrelated(reply: str, context: Context, raw: str, words: list[str],
               content: list[tuple[str, str]]) -> str | None:
    """Weigh each content word of the reply for and against the rep's line.

    For: a word in a concept class the rep's line touches (1), "who" when the rep's line
    names a person (0.5), a pronoun pointing back at what the rep said (0.5). Against: a word
    in a class outside the deal that the rep's line does not touch (tools, admin, activity),
    a name the rep did not say, a small-talk word (1 each: a topic of its own), and a word
    about another part of the deal or one the vocabulary does not know (0.5: a drift, or a
    coaching word it lacks). Off topic needs at least one topic of its own and more weight
    against than for.
    """
    shared = 0.5 if context.person and _WHO.search(reply) else 0.0
    if _BACK.search(reply):
        shared += 0.5
    strong: list[str] = []
    # Side topics the reply marks itself ("Which team do you support?", "the new house").
    chat = _SMALL_TALK.search(reply)
    if chat is not None:
        strong.append(chat.group(0))
    drift: list[str] = []
    status = _STATUS.search(reply) is not None
    # Names matter only when the reply asks about a deal's status: read them only then.
    capitalised = names(raw) if status else frozenset()
    for word, root in _content_of(_joined_words(words)):
        if status and (word in capitalised or root in capitalised):
            # A name the rep did not say is another account when the reply asks about that
            # account's deal ("the Norland renewal"); alone it may be the rep's own buyer or
            # account, named where the rep said "they", so it is weighed like any word.
            # Another account's deal is the whole topic: it outweighs a shared word.
            strong += [word.removesuffix("'s")] * 2
            continue
        if word in _GENERIC or root in _GENERIC:
            continue
        concepts = _concepts(word, root)
        if concepts & context.concepts or ("buyer" in concepts and context.person):
            shared += 1
        elif (concepts and concepts <= vocab.OUTSIDE_THE_DEAL) or _small_talk(word):
            strong.append(word)
        else:
            drift.append(word)
    weak = len(drift)
    side = _SIDE_TOPIC.search(reply) if not shared else None
    if side is not None and not any(
            _in(word, root, vocab.WORK) or _in(word, root, vocab.DEAL) for word, root in content):
        strong.append(side.group(0))
    if strong and len(strong) + weak / 2 > shared:
        named = ", ".join(f'"{word}"' for word in dict.fromkeys(strong[:3]))
        return f"talks about {named}, which the rep did not raise"
    return None


def _side_topic(reply: str, content: list[tuple[str, str]]) -> str | None:
    """With nothing to be relevant to, flag only the side topics a reply marks itself."""
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
