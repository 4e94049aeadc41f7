"""How many real questions does one turn ask? (the ``stacked`` flag: two or more)

The reply is split into sentences (at . ! ? ; and line breaks) and each sentence into pieces
(at commas, dashes, colons, and at "and"/"or"/"but" right before a question word). A piece
counts as a question when it opens like one ("what ...", "how ...", "did they ...",
"is it ...") or, in a sentence that ends with "?", when it is the sentence itself ("You let
them anchor you at twenty percent?"). These do not count:

- tails that leave the floor to the rep: "and what else?", "anything else?", "or something
  else?", a bare "and why?" or "and how?";
- alternatives and rephrasings: a piece or sentence opening with "or" ("Is it the price, or is
  it the timing?", "What happened? Or rather, what do you think happened?"), or with "I mean",
  "in other words", "that is";
- lead-in clauses: "When you called them, what did they say?" is one question;
- one-word echoes and fragments with no question word: "Three weeks?", "Really?", "Budget?";
- asking leave to ask and checking understanding: "Can I ask you something?", "Does that make
  sense?";
- exclamations: "What a finish.", "How awful.";
- invitations that are not questions: "Walk me through the call. What surprised you?" asks
  one question.

Quoted words ("when they said "why now?", ...") are left out.
"""

from __future__ import annotations

import re

from coachlab.analysis.text import MAX_CHARS

_QUOTED = re.compile(r'"[^"]{0,300}"')
_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;\n]*")
_PIECE = re.compile(
    r"\s*[,:]\s*|\s+-+\s+|\s+(?=(?:and|or|but|so|plus)\s+(?:what|how|why|who|whom|whose|when|"
    r"where|which|is|are|was|were|do|does|did|have|has|had|can|could|will|would|should|"
    r"may|might)\b)"
)
_WH = r"(?:what|how|why|who|whom|whose|when|where|which)"
_AUX = (
    r"(?:is|are|was|were|am|do|does|did|have|has|had|can|could|will|would|should|shall|may|"
    r"might|isn't|aren't|wasn't|weren't|don't|doesn't|didn't|haven't|hasn't|hadn't|can't|"
    r"couldn't|won't|wouldn't|shouldn't)"
)
_SUBJECT = (
    r"(?:you|they|we|i|he|she|it|there|that|this|these|those|the|your|their|our|my|his|her|"
    r"its|anyone|anything|someone|something|everyone|anybody|any|a|an|not|\w+'s)"
)
# Disbelief said as a question is not a question to answer ("Are you kidding me?").
_RHETORICAL = re.compile(
    r"^(?:are you (?:serious|kidding|joking|for real)(?: me| right now)?|you(?:'re| are) "
    r"(?:kidding|joking)(?: me)?|is this a joke|seriously|really|come on|you're not serious)$"
    # Asking leave to ask, and checking you were understood, are not questions about the work.
    r"|^(?:can|could|may) i (?:ask|be honest|share|offer|give you|push back|challenge|play back|"
    r"check|jump in|interrupt|say|suggest|reflect|be frank|be blunt)\b|^(?:do you )?mind if i\b"
    r"|^(?:do you )?have (?:you got )?a (?:minute|second|sec|moment)\b"
    r"|^(?:have you got|got) a (?:minute|second|sec|moment)\b"
    r"|^is (?:now|this) a (?:good|bad) time\b"
    r"|^(?:does that|that) make(?:s)? sense\b|^(?:you )?know what i mean$|^make sense$"
    r"|^(?:is that|that) (?:fair|ok|okay|alright|all right)$"
)
# "What? How did that happen?": surprise, not a question of its own.
_ECHO = frozenset(("what", "huh", "eh", "sorry", "pardon"))
_JOIN = re.compile(r"^(?:(?:and|but|so|then|also|plus|oh|okay|ok|well|now)\s+)+")
_ALTERNATIVE = re.compile(
    r"^(?:or|i mean|in other words|that is|or rather|rather|put another way|sorry|say|"
    r"like|meaning|to be clear|to put it another way)\b"
)
_TAIL = re.compile(
    r"^(?:(?:what|anything|something)\s+else(?:\s+(?:is there|comes to mind|could (?:it|there) "
    r"be|is going on|on your mind|do you (?:see|notice|think)))?"
    r"|if (?:anything|any|not|so)|(?:do|would|did) you (?:think|say|reckon|guess|feel)|"
    r"you (?:think|reckon)|in your (?:view|opinion|eyes)|as you see it|if you had to guess|"
    r"right|yeah|exactly|(?:or )?(?:something|anything) (?:else|like that)|or not)$"
)
_AUX_OPENS = re.compile(rf"^{_AUX}\s+\w+")
# "When you called them, ...": a subordinate clause, not a question.
_LEAD_IN = re.compile(rf"^(?:when|where|while|if|as|once|since|before|after|until|whenever)\s+"
                      rf"(?!{_AUX}\b)")
# "How awful." is an exclamation; "How much?" / "How long?" ask for an amount.
_EXCLAIM = re.compile(
    r"^(?:what an?\s|how\s+(?!much$|many$|long$|far$|often$|soon$|come$)\w+$)"
)
# A piece that ends on its question word: "compared to what", "looking for what", "since when".
_ENDS_WH = re.compile(
    r"\w \w+ (?:what|when|who|whom|where|which)$|^(?:since|against|with|from|for|by|about|"
    r"compared to|until) (?:when|whom|what|which|who)$"
)
_ASKS = re.compile(rf"^(?:{_WH}\b|(?:{_AUX})\s+{_SUBJECT}\b|(?:in|at|for|from|with|by|to|on|"
                   rf"about|of|over|within|under|against|since|until|after|before)\s+"
                   rf"(?:what|which|whom|whose|how)\b(?!\s+(?:you|i|we|they)\b))")
_WH_INSIDE = re.compile(rf"\s{_WH}\b")
_OPEN_NO_MARK = re.compile(rf"^(?:{_WH}(?:'s|'re)?\s+(?:{_AUX}|{_SUBJECT})\b|{_WH}'s\b|"
                           rf"{_AUX}\s+{_SUBJECT}\b)")


def _kind(piece: str, asks: bool) -> str:
    """"ask" when one piece of a sentence asks a question of its own, "skip" when it is a
    tail, an alternative, a lead-in or an exclamation, "other" otherwise."""
    joined = _JOIN.match(piece)
    conj = joined is not None
    if joined is not None:
        piece = piece[joined.end():]
    if (not piece or piece in _ECHO or _ALTERNATIVE.match(piece) or _TAIL.match(piece)
            or _RHETORICAL.match(piece)):
        return "skip"
    if conj and re.match(r"^(?:why|how)(?:\s+(?:not|so|those|that|this|them|come|then|that one|"
                         r"this one|those ones|these))?$", piece):
        return "skip"
    if asks and _ENDS_WH.search(piece):
        # An elliptical question: "Compared to what, and did they say?", "Since when?"
        return "ask"
    if _LEAD_IN.match(piece) or _EXCLAIM.match(piece):
        return "skip"
    if not asks:
        return "ask" if _OPEN_NO_MARK.match(piece) else "other"
    if conj and _AUX_OPENS.match(piece):
        # "..., and has legal seen it?": after "and", an auxiliary opens a question whatever
        # the subject ("legal", "finance", "Dana").
        return "ask"
    return "ask" if _ASKS.match(piece) else "other"


_SECOND = re.compile(
    rf"\s*(?:,|\s-+\s|:)?\s+(?:(?:and|but|so|plus)\s+)?(?=(?:{_WH}|(?:is|are|was|were|do|does|"
    r"did|have|has|can|could|will|would|should)\s+(?:you|they|we|it|there|the|your|their))\b)",
    re.IGNORECASE,
)


def first_question(reply: str) -> str | None:
    """The first question of a reply as the learner typed it, to suggest asking it alone."""
    plain = _QUOTED.sub(" ", reply[:MAX_CHARS].replace("\u201c", '"').replace("\u201d", '"'))
    asked = (m.group(0) for m in _SENTENCE.finditer(plain) if "?" in m.group(0))
    question = next(asked, "").strip().rstrip("?!.;\n ").strip(" \"'") + "?"
    # "What happened, and what will you do?" -> "What happened?" (but "When you called them,
    # what did they say?" is one question).
    for match in _SECOND.finditer(question):
        before = question[: match.start()].rstrip(" ,;:-")
        if len(before.split()) >= 2 and not _LEAD_IN.match(before.lower()):
            question = before + "?"
            break
    return question if len(question.split()) >= 2 else None


def count_questions(text: str) -> int:
    """The number of real questions in ``text`` (normalised: lower-case, plain quotes)."""
    text = _QUOTED.sub(" quote ", text)
    total = 0
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0)
        asks = "?" in sentence
        body = sentence.strip().rstrip(".!?;\n ").strip(" \"'()")
        if not body:
            continue
        pieces = [piece.strip(" \"'()") for piece in _PIECE.split(body)]
        pieces = [piece for piece in pieces if piece]
        kinds = [_kind(piece, asks) for piece in pieces]
        found = kinds.count("ask")
        if asks and not found and "other" in kinds and _WH_INSIDE.search(body):
            # "Exhausted from what, exactly?": a question word inside the sentence.
            found = 1
        total += found
    return total
