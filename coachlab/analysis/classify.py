"""Label one manager reply: tell, rescue, open, closed or leading, with reasons and a hint."""

from __future__ import annotations

from dataclasses import dataclass

from coachlab.analysis import rules
from coachlab.analysis.hints import hint_for
from coachlab.analysis.text import Clause, clauses, normalise
from coachlab.moves import MOVES

LABELS = MOVES
"""The labels a reply can get: the five moves (:data:`coachlab.moves.MOVES`)."""

# The strongest move in a reply decides its label.
_STRENGTH = {"rescue": 5, "leading": 4, "tell": 3, "open": 2, "closed": 1}


@dataclass(frozen=True)
class Classification:
    """The label of one reply, why it was chosen, and a rewrite tip (None for ``open``)."""

    label: str
    reasons: tuple[str, ...]
    hint: str | None


@dataclass(frozen=True)
class _Call:
    label: str
    rule: str
    reason: str


def _quote(matched: str, at_start: bool, reason: str) -> str:
    words = matched.strip(" ,")
    words = words[:1].upper() + words[1:]
    where = "starts with" if at_start else "says"
    return f'{where} "{words}" \u2014 {reason}'


def _from(label: str, ruleset: rules.RuleSet, text: str) -> _Call | None:
    found = ruleset.find(text)
    if found is None:
        return None
    rule, matched = found
    at_start = text.startswith(matched)
    return _Call(label, rule.name, _quote(matched, at_start, rule.reason))


def _label_clause(clause: Clause) -> _Call | None:
    """Label one clause; None means it only acknowledges (or reflects, or narrates)."""
    text = clause.text
    ack = rules.ACK.match(text)
    if ack is not None:
        text = text[ack.end():].strip(" ,")
        if not text:
            return None
    lead_in = rules.LEAD_IN.match(text)
    if lead_in is not None:
        text = text[lead_in.end():]
    call = _from("open", rules.ASK_HELP, text) or _from("rescue", rules.RESCUE, text)
    if call:
        return call
    starts_like_question = rules.QUESTION_START.match(text) is not None
    if clause.question_mark or starts_like_question:
        for label, ruleset in (
            ("leading", rules.LEADING),
            ("open", rules.OPEN_INVITE),
            ("closed", rules.CLOSED_FACT),
            ("open", rules.OPEN_WH),
        ):
            call = _from(label, ruleset, text)
            if call:
                return call
        told = None if starts_like_question else rules.TELL.find(text)
        if told is not None:
            rule, matched = told
            return _Call("leading", rule.name,
                         _quote(matched, text.startswith(matched), "advice phrased as a question"))
        call = _from("closed", rules.CLOSED_YES_NO, text)
        if call:
            return call
        return _Call("closed", "c_other", f'"{_short(text)}?" \u2014 a question that asks for '
                     "a yes/no or a single fact")
    for label, ruleset in (("open", rules.OPEN_INVITE), ("leading", rules.TAG)):
        call = _from(label, ruleset, text)
        if call:
            return call
    if rules.NEUTRAL.match(text):
        return None
    call = _from("tell", rules.TELL, text)
    if call:
        return call
    return _Call("tell", "t_statement", f'"{_short(text)}" \u2014 a statement that gives the rep '
                 "an answer or an opinion")


def _short(text: str, limit: int = 40) -> str:
    text = text[:1].upper() + text[1:]
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def classify(text: str) -> Classification:
    """Label one manager reply as ``tell``, ``rescue``, ``open``, ``closed`` or ``leading``.

    A reply of several sentences takes the label of its strongest move, in the order
    rescue > leading > tell > open > closed. Acknowledgements ("I hear you.") are ignored when
    anything else is said; a reply that only acknowledges is labelled ``closed``.

    Raises:
        TypeError: if ``text`` is not a ``str``.
        ValueError: if ``text`` is empty or only whitespace.
    """
    if not isinstance(text, str):
        raise TypeError(f"classify() expects str, got {type(text).__name__}")
    if not text.strip():
        raise ValueError("nothing to classify")
    return classify_normalised(normalise(text))


def classify_normalised(text: str) -> Classification:
    """``classify`` for text already passed through ``normalise`` (saves doing it twice)."""
    calls = [call for clause in clauses(text) if (call := _label_clause(clause))]
    if not calls:
        return Classification(
            "closed",
            ("only acknowledges \u2014 it neither tells nor invites the rep's thinking",),
            hint_for("closed", "ack"),
        )
    best = max(_STRENGTH[call.label] for call in calls)
    winners = [call for call in calls if _STRENGTH[call.label] == best]
    reasons = tuple(dict.fromkeys(call.reason for call in winners))[:3]
    label = winners[0].label
    return Classification(label, reasons, hint_for(label, winners[0].rule))
