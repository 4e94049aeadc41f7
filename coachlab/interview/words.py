"""A question's content words: lower-cased, lightly stemmed, stopwords dropped, concepts mapped.

The matcher compares sets of *terms*: a stem ("email", "prepar") or a concept id from
:mod:`coachlab.interview.concepts` ("@decider"). The same reading is applied to a fact's topics
and to the manager's question, so neither side needs the other's exact words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .concepts import CONCEPT_PHRASES, CONTENT_FREE, IRREGULAR, STOPWORDS, TEXT_SPEAK

MAX_QUESTION_CHARS = 500
"""Only the first 500 characters of a question are read (a question, not an essay)."""

# Typographic quotes and dashes become plain ones (a question typed on a phone has them).
_PLAIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                        "\u2014": " ", "\u2013": " ", "-": " ", "/": " "})
_VOWEL = re.compile(r"[aeiouy]")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Longest suffix first; each entry: (suffix, replacement). Only applied to words long enough
# that the stem keeps three letters, so "vp", "cfo" and "ask" stay whole.
_SUFFIXES = (
    ("ational", "ate"), ("fulness", "ful"), ("iveness", "ive"), ("ization", "ize"),
    ("ations", "ate"), ("ation", "ate"), ("ingly", ""), ("edly", ""), ("ments", ""),
    ("ment", ""), ("ness", ""), ("ities", ""), ("ity", ""), ("ying", "y"), ("ing", ""),
    ("ies", "y"), ("ied", "y"), ("ers", ""), ("er", ""), ("ed", ""), ("es", ""), ("ly", ""),
    ("s", ""),
)


# Whole words only: not inside "r&d", "n.h.s." or "it's".
_SPEAK = re.compile(r"(?<![a-z0-9'&.])(?:" + "|".join(
    re.escape(w) for w in sorted(TEXT_SPEAK, key=len, reverse=True))
    + r")(?![a-z0-9'&]|\.[a-z])")


def spelled_out(text: str) -> str:
    """``text`` lower-cased, typographic marks made plain, chat spellings written out
    ("how do u feel abt ur emails" -> "how do you feel about your emails")."""
    text = " ".join(text[:MAX_QUESTION_CHARS].translate(_PLAIN).lower().split())
    return _SPEAK.sub(lambda match: TEXT_SPEAK[match.group(0)], text)


@lru_cache(maxsize=1)
def _phrases() -> re.Pattern[str]:
    """Phrases of several words, matched as whole words, longest first ("decision maker" wins
    over "decision"); single words go through their stem instead. Compiled on first use."""
    phrases = sorted((p.replace("-", " ") for p in CONCEPT_PHRASES if " " in p or "-" in p),
                     key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")s?\b")


_HYPHENS = {p.replace("-", " "): c for p, c in CONCEPT_PHRASES.items()}


def stem(word: str) -> str:
    """A light, deterministic stem: "emailed", "emailing" and "emails" all become "email"."""
    word = word.removesuffix("'s").removesuffix("'")
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith("ss"):
        return word  # "process", "boss": no plural to strip
    # A short word's "er" is no suffix ("offer", "order"), in the plural too: "offers" is
    # "offer", not "off".
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 \
                and _VOWEL.search(word[: len(word) - len(suffix)]) \
                and not (suffix in ("er", "ers") and len(word.removesuffix("s")) < 6):
            base = word[: len(word) - len(suffix)] + replacement
            # "stopped" -> "stopp" -> "stop": a doubled final consonant left by the suffix.
            if replacement == "" and suffix in ("ing", "ed", "er", "ers") and len(base) > 3 \
                    and base[-1] == base[-2] and base[-1] not in "aeiouls":
                base = base[:-1]
            # "prepare"/"preparing" -> "prepar"; drop a final e so both forms meet.
            return base[:-1] if base.endswith("e") and len(base) > 3 else base
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


TEXT_SPEAK_ON = True
"""Chat spellings are written out before reading (``plain``)."""

DISTINGUISH = True
"""Next to a topic, the content-free words become distinguishing words (``~`` terms)."""

WH_TERMS = True
# The question word that opens the question (after "and", "so"...), not a "when" inside it.
_LEAD = r"^\W*(?:(?:and|so|but|ok|okay|right|then)\W+)*"
_WH = ((re.compile(_LEAD + r"(?:who|whom|whose|who's)\b"), "?who"),
       (re.compile(_LEAD + r"(?:when's|when (?:do|does|did|is|are|was|were|will|would|"
                                  r"should|can|could|have|has|had))\b"), "?when"),
       (re.compile(_LEAD + r"why\b|\b(?:about|know|idea|sure|understand|wonder(?:ing)?) why\b"),
        "?why"),
       (re.compile(_LEAD + r"how (?:many|often|much(?! (?:of|do|does|did|is|are|was|"
                                  r"were|have|has|had|can|could|will|would)\b))\b"), "?many"))

# Words of what was said, next to a topic ("What do your emails say?"); not "tell me about".
_SAY = re.compile(r"\b(?:say|says|said|saying|told|tells|telling)\b|\btell (?!me\b|us\b)")

# Feeling words: content-free alone ("How do you feel?"), about feelings next to a topic.
_SOFT = frozenset({"feel", "feels", "feeling", "feelings", "felt"})

# Inflected single words ("emailing", "worrying") reach their concept through their stem.
_STEM_CONCEPT: dict[str, str] = {
    stem(word): concept for word, concept in CONCEPT_PHRASES.items()
    if " " not in word and "-" not in word
}


@lru_cache(maxsize=4096)
def terms(text: str) -> frozenset[str]:
    """The content terms of ``text``: concept ids for known phrases, stems for other words.

    Words that belong to a concept phrase are replaced by the concept; stopwords are dropped.
    The content-free words ("think", "more", "need", "see") are dropped too, unless the text has
    a content word: next to one, they become distinguishing words (``~need``, ``~see``), weak
    terms that tell apart facts sharing a main noun ("What does the board need to see?" asks
    for the board's case, not for who sits on the board). A text with only content-free words
    still has no terms (it is content-free).
    """
    text = spelled_out(text) if TEXT_SPEAK_ON else " ".join(
        text[:MAX_QUESTION_CHARS].translate(_PLAIN).lower().split())
    found: set[str] = set()

    def concept(match: re.Match[str]) -> str:
        phrase = match.group(0)
        found.add(_HYPHENS.get(phrase) or _HYPHENS[phrase[:-1]])
        return " "

    text = _phrases().sub(concept, text)
    soft = False
    plain: set[str] = set()
    for word in _WORD.findall(text):
        if word in _SOFT:
            soft = True
            continue
        if word in CONTENT_FREE and word not in STOPWORDS and DISTINGUISH:
            plain.add("~" + stem(word))
            continue
        if word in STOPWORDS or word in CONTENT_FREE or "'" in word.removesuffix("'s"):
            continue  # "don't", "they'll": function words too
        stemmed = stem(word)
        if stemmed in _STEM_CONCEPT:
            found.add(_STEM_CONCEPT[stemmed])
        elif stemmed not in STOPWORDS and stemmed not in CONTENT_FREE and len(stemmed) > 1:
            found.add(stemmed)
    if soft and found:
        found.add("@feel")  # "How do you feel about the CFO?" asks about feelings
    if found and WH_TERMS:
        # Next to a topic, the question word says what is asked about it: "Who are the
        # leads?" asks who they are, "When does the SE join?" asks when (weak terms).
        found.update(term for pattern, term in _WH if pattern.search(text))
        if _SAY.search(text):
            found.add("@say")  # "What do the leads tell you?" asks what was said
    if found and DISTINGUISH:
        found.update(plain)
    return frozenset(found)


def is_content_free(text: str) -> bool:
    """True when ``text`` has no content word beyond the small content-free list
    ("What do you think?", "Tell me more", "What else?", "Go on")."""
    return not terms(text)
