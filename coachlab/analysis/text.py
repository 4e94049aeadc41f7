"""Normalise a manager's reply and split it into clauses.

Everything here is linear in the length of the input: the analysed text is capped at
``MAX_CHARS`` characters and every regular expression avoids nested, overlapping repetition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CHARS = 10_000
"""Only the first ``MAX_CHARS`` characters of a reply are analysed."""

_TAG = re.compile(r"<[^<>]{0,300}>")
_ENTITY = re.compile(r"&(?:[a-z]{2,8}|#\d{1,6});")
_LINK = re.compile(r"\[([^\[\]]{0,300})\]\([^()\s]{0,500}\)")
# Typographic quotes and dashes become plain ones; markdown markup characters become spaces.
_TRANSLATE = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": " - ",
    "\u2013": " - ", "\u2026": "...", "\u00a0": " ",
    **dict.fromkeys("*_`#>|~[]{}\\", " "),
})
# Contractions typed without an apostrophe ("dont", "whats"), restored for the rules.
_BARE = {
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "arent": "aren't",
    "wasnt": "wasn't", "werent": "weren't", "wouldnt": "wouldn't", "shouldnt": "shouldn't",
    "couldnt": "couldn't", "cant": "can't", "wont": "won't", "havent": "haven't",
    "hasnt": "hasn't", "hadnt": "hadn't", "whats": "what's", "hows": "how's", "whos": "who's",
    "wheres": "where's", "whens": "when's", "thats": "that's", "theres": "there's",
    "theyre": "they're", "youre": "you're", "youll": "you'll", "youd": "you'd",
    "youve": "you've", "im": "i'm", "ive": "i've", "wanna": "want to", "gonna": "going to",
    "ill": "i'll", "u": "you", "ur": "your",
}
_BARE_WORD = re.compile(r"\b(?:" + "|".join(_BARE) + r")\b")
_SPACE = re.compile(r"[ \t\r\f\v]+")

# A sentence ends at . ! ? ; or a line break (several in a row count once).
_SENTENCE = re.compile(r"[^.!?;\n]+(?:[.!?;\n]+|$)")
# Inside a sentence, a new clause starts after ", and" / ", but" / ", so" / ", then" / " - ".
_CLAUSE = re.compile(r",\s(?=(?:and|but|so|then|also|plus|or)\s)|\s-+\s|:\s")
# Leading fillers, interjections and discourse markers that carry no meaning for the label
# ("Actually, what do you think?", "Real talk: ...", "Out of curiosity, who ..."). The second
# group only counts when it stands alone or before a comma, since "Hold on to the price." and
# "Wait until Monday." are instructions.
_FILLER = re.compile(
    r"^(?:(?:(?:so|and|but|well|now|then|also|plus|oh|hey|look|listen|honestly|anyway|"
    r"ok|okay|alright|um+|uh+|hmm+|mm+|ah+|actually|basically|frankly|genuinely|seriously|"
    r"btw|by the way|real talk|quick question|quick one|one quick question|out of curiosity|"
    r"to be honest|to be fair|in fairness|tbh|fwiw|for what it's worth|question for you|"
    r"just wondering|tell you what|right)\b"
    r"|(?:hold on|hang on|wait|one sec(?:ond)?|first|first of all|first things first|"
    r"(?:just |honestly |genuinely |really )?curious)(?=$|[,.!]))[\s,.!]*)+"
)
_EDGE = " \t\n,\"'()-"
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Clause:
    """One clause of a reply: normalised text, its sentence number, and whether it asks."""

    text: str
    sentence: int
    question_mark: bool


def normalise(text: str) -> str:
    """Return ``text`` capped, stripped of HTML/markdown markup, lower-cased, single-spaced."""
    text = text[:MAX_CHARS]
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = _ENTITY.sub(" ", text)
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    text = _SPACE.sub(" ", text.translate(_TRANSLATE)).lower()
    return _BARE_WORD.sub(lambda match: _BARE[match.group(0)], text)


def clauses(text: str) -> list[Clause]:
    """Split normalised text into clauses, remembering which sentences end with '?'."""
    out: list[Clause] = []
    for number, match in enumerate(_SENTENCE.finditer(text)):
        sentence = match.group(0)
        asks = "?" in sentence[-3:]
        body = sentence.rstrip(".!?;\n ")
        parts = _CLAUSE.split(body)
        for index, part in enumerate(parts):
            part = part.strip(_EDGE)
            filler = _FILLER.match(part)
            if filler is not None:
                part = part[filler.end():].strip(_EDGE)
            if part.startswith("lets "):
                part = "let's " + part[5:]
            if _LETTER.search(part):
                out.append(Clause(part, number, asks and index == len(parts) - 1))
    return out
