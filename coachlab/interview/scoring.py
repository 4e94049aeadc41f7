"""Score a finished interview: evidence surfaced, diagnosis, coaching fit, trust, asking.

Points (12): evidence 5 (discriminating facts found / needed), diagnosis 3, coaching 2 (the
choice fits 1, the first coaching line fits the choice 1), trust at the end >= 2: 1, asking
1 (at least half the turns clean open questions). The weights keep guessing honest: a right
diagnosis and coaching with no evidence earn at most 6 of 12 (50%), so a script of only
content-free, leading or telling questions can never pass 60% nor reach best.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Rep

POINTS: dict[str, int] = {"evidence": 5, "diagnosis": 3, "coaching": 2, "trust": 1, "asking": 1}
"""Points per part; their sum is the maximum score."""

MAX_SCORE = sum(POINTS.values())

EVIDENCE_NEEDED = 2
"""Discriminating facts needed for full evidence (fewer if the rep has fewer)."""

TURN_BUDGET = 25
"""More questions than this and the best outcome drops to good: found, but slowly."""

# The first coaching line fits the choice when its move is one of these.
FIRST_LINE_FITS: dict[str, frozenset[str]] = {
    "ask": frozenset({"open"}),
    "let_try": frozenset({"open"}),
    "join": frozenset({"open", "closed", "tell"}),
    "teach": frozenset({"open", "closed", "tell"}),
    "step_in": frozenset({"open", "closed", "tell", "rescue", "leading"}),
}


@dataclass(frozen=True)
class Result:
    """How the interview went: the parts of the score and the outcome."""

    rep: str
    found: int
    needed: int
    diagnosis: str | None
    diagnosis_right: bool
    coaching: str | None
    coaching_fits: bool
    first_line_fits: bool
    turns: int
    trust: int
    rescued: bool
    outcome: str
    score: int
    max_score: int = MAX_SCORE
    points: dict[str, int] = field(default_factory=dict)

    @property
    def share(self) -> float:
        """The score as a share of the maximum, 0..1."""
        return self.score / self.max_score


def needed(rep: Rep) -> int:
    """How many discriminating facts full evidence needs for ``rep``."""
    return min(EVIDENCE_NEEDED, len(rep.discriminating)) or 1


def score(rep: Rep, revealed: list[str], diagnosis: str | None, coaching: str | None,
          first_move: str | None, first_flags: tuple[str, ...], turns: int, trust: int,
          clean_open: int, rescued: bool) -> Result:
    """Score one interview from plain values (only fact ids the rep has can count)."""
    discriminating = {fact.id for fact in rep.discriminating}
    found = len(discriminating & set(revealed))
    need = needed(rep)
    found = min(found, need)
    right = diagnosis == rep.cause
    fits = coaching in rep.fits
    line_fits = fits and first_move in FIRST_LINE_FITS.get(str(coaching), frozenset()) \
        and "judging" not in first_flags
    points = {
        "evidence": round(POINTS["evidence"] * found / need),
        "diagnosis": POINTS["diagnosis"] if right else 0,
        # A manager who took the call over has not coached, whatever they choose afterwards.
        "coaching": 0 if rescued else int(fits) + int(line_fits),
        "trust": POINTS["trust"] if trust >= 2 and not rescued else 0,
        "asking": POINTS["asking"] if turns and clean_open * 2 >= turns else 0,
    }
    if rescued:
        outcome = "poor"
    elif right and fits and found >= need:
        outcome = "best" if turns <= TURN_BUDGET else "good"
    elif right and found >= 1 and (fits or found >= need):
        outcome = "good"
    elif right or fits:
        outcome = "mixed"
    else:
        outcome = "poor"
    return Result(rep.id, found, need, diagnosis, right, coaching, fits, line_fits, turns, trust,
                  rescued, outcome, sum(points.values()), MAX_SCORE, points)
