"""The root causes: the course's one definition of their names, descriptions and pairs.

Six causes come in pairs a manager must tell apart (the same symptom, different coaching), plus
the manager's own fears: of missing the number, and of being judged for it by their own boss.
Scenarios name one of these causes (:mod:`coachlab.scenarios`), exercise 02 asks learners to name
them, and practice items offer the look-alike cause as the tempting wrong answer.
"""

from __future__ import annotations

ROOT_CAUSE_DESCRIPTIONS: dict[str, str] = {
    # Pair 1, symptom: the rep is not reaching the right decision makers.
    "lacks_confidence": (
        "The rep knows what to do but doubts themselves, so they hesitate, over-prepare "
        "or wait for permission, and the right decision makers never hear from them."
    ),
    "lacks_competence": (
        "The rep has not yet learned the skill the situation needs, such as building a "
        "business case or running a negotiation, so the right decision makers are not reached "
        "or not won."
    ),
    # Pair 2, symptom: the rep is not asking prospects enough questions.
    "unsure_which_questions": (
        "The rep wants to go deeper with the buyer but does not know which questions to ask, "
        "so discovery stays on the surface."
    ),
    "fears_being_stumped": (
        "The rep knows the questions but avoids asking them, afraid of being stumped by the "
        "prospect's answer (\"it's over budget\", \"we're talking to your competitor\"), so "
        "discovery stays polite and shallow."
    ),
    # Pair 3, symptom: leads are not turning into discovery conversations.
    "poor_message": (
        "What the rep says is the problem: a generic pitch, features instead of outcomes, "
        "or a story that does not fit this buyer, so prospects see no reason to talk."
    ),
    "poor_delivery": (
        "The message is right but the way it lands is not: rushing, monologues, reading "
        "slides, talking over the buyer, so prospects do not stay in the conversation."
    ),
    # Not the rep's cause: the manager's own.
    "manager_fears_missing_number": (
        "The blocker is the manager: fear of missing the number, and of being judged for "
        "it by their own boss, makes them step in, which teaches the rep to wait to be rescued."
    ),
}
"""One sentence per root cause, for debriefs and the authoring guide, in the course's order."""

CAUSE_NAMES: dict[str, str] = {
    "lacks_confidence": "lacks confidence",
    "lacks_competence": "lacks competence",
    "unsure_which_questions": "doesn't know which questions to ask",
    "fears_being_stumped": "fears being stumped by the answer",
    "poor_message": "poor messaging",
    "poor_delivery": "poor delivery",
    "manager_fears_missing_number": ("the manager's fear of missing the number "
                                     "and of being judged by their own boss"),
}
"""Each root cause in the words a learner sees."""

CAUSES: tuple[str, ...] = tuple(ROOT_CAUSE_DESCRIPTIONS)
"""Every root-cause name, in the order the course presents them."""

ROOT_CAUSES: frozenset[str] = frozenset(CAUSES)
"""The vocabulary of root causes a scenario may name."""

PAIRS: tuple[tuple[str, str], ...] = tuple(zip(CAUSES[0:6:2], CAUSES[1:6:2], strict=True))
"""Causes that look alike from the outside: the same symptom, different coaching.

Each pair has its own typical symptom: not reaching the people who decide (confidence or
competence); not asking prospects enough questions (not knowing which to ask, or fearing the
prospect's answer); leads not turning into discovery conversations (the message or its delivery).
"""

MANAGER_CAUSE = CAUSES[-1]
"""The cause that sits with the manager rather than the rep."""

SKILL_GAP_CAUSES: frozenset[str] = frozenset(
    {"lacks_competence", "unsure_which_questions", "poor_message", "poor_delivery"}
)
"""Causes where a skill is missing: the best coaching diagnoses, then teaches or models."""

WILL_CAUSES: frozenset[str] = ROOT_CAUSES - SKILL_GAP_CAUSES
"""Will and confidence causes (the rep's or the manager's): asking still matters there."""


def partner(cause: str) -> str | None:
    """The other member of ``cause``'s diagnostic pair, or None for the manager's own cause."""
    for first, second in PAIRS:
        if cause == first:
            return second
        if cause == second:
            return first
    return None
