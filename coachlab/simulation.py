"""An illustrative model of a sales team under two management policies: rescue or coach.

This is a teaching model, not an empirical claim. Its parameters are assumptions chosen so a
manager can see a trade-off and argue with it: change them and watch what happens. See
``docs/simulation-model.md`` for every rule and default, and why each was chosen.

Each quarter, every rep works ``deals_per_rep`` deals, ``hard_deal_share`` of them hard. A rep's
capability (0 to 1) sets how many deals they win. The manager has ``manager_hours_per_week`` for
reps' deals and follows one policy:

- **rescue**: the manager takes over ``rescue_share`` of each rep's hard deals and closes them at
  ``manager_win_rate``. Each rescue costs ``rescue_hours_per_deal``. The rep learns nothing from a
  deal they did not run, and loses a little confidence (``confidence_loss`` per quarter at a full
  rescue share).
- **coach**: the rep runs every deal. The manager spends ``coaching_hours_per_rep_per_week`` on
  each rep (pre-briefs, debriefs) at the start; a rep needs less as they grow. Capability grows
  with diminishing returns: toward 1, and by less for each extra hour.

Everything is deterministic: the same parameters always give the same series. Deal outcomes are
expected values (a win rate times a number of deals), not random draws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Policy = Literal["rescue", "coach"]
POLICIES: tuple[Policy, ...] = ("rescue", "coach")

#: Highest capability a rep may start with, so a coached rep always has room to grow.
MAX_START = 0.95


@dataclass(frozen=True)
class TeamParameters:
    """The assumptions of the model. Every one can be changed; out-of-range values raise.

    Counts are per rep per quarter unless named otherwise; shares and rates lie in 0..1.
    """

    team_size: int = 6
    quarters: int = 8
    rescue_share: float = 0.5
    coaching_hours_per_rep_per_week: float = 1.0
    manager_hours_per_week: float = 15.0
    start_capability: float = 0.4
    capability_spread: float = 0.2
    deals_per_rep: int = 8
    hard_deal_share: float = 0.5
    quota_deals: float = 4.0
    rescue_hours_per_deal: float = 6.0
    manager_win_rate: float = 0.7
    confidence_loss: float = 0.03
    max_growth: float = 0.25
    growth_hours: float = 20.0
    weeks_per_quarter: int = 13

    def __post_init__(self) -> None:
        _whole(self, "team_size", 1, 50)
        _whole(self, "quarters", 1, 40)
        _whole(self, "deals_per_rep", 1, 200)
        _whole(self, "weeks_per_quarter", 1, 26)
        for name in ("rescue_share", "start_capability", "hard_deal_share", "manager_win_rate",
                     "confidence_loss", "max_growth"):
            _number(self, name, 0.0, 1.0)
        _number(self, "capability_spread", 0.0, 0.5)
        _number(self, "coaching_hours_per_rep_per_week", 0.0, 40.0)
        _number(self, "manager_hours_per_week", 0.0, 80.0)
        _number(self, "quota_deals", 0.0, float(self.deals_per_rep), low_open=True)
        _number(self, "rescue_hours_per_deal", 0.0, 100.0, low_open=True)
        _number(self, "growth_hours", 0.0, 1000.0, low_open=True)
        low = self.start_capability - self.capability_spread / 2
        high = self.start_capability + self.capability_spread / 2
        if low < -1e-9 or high > MAX_START + 1e-9:
            raise ValueError(
                f"start_capability ± capability_spread/2 must stay within 0..{MAX_START}; "
                f"got {low:.2f}..{high:.2f}")

    @property
    def hard_deals(self) -> float:
        """Hard deals per rep per quarter."""
        return self.deals_per_rep * self.hard_deal_share

    @property
    def easy_deals(self) -> float:
        """Other deals per rep per quarter."""
        return self.deals_per_rep - self.hard_deals

    @property
    def manager_hours_per_quarter(self) -> float:
        """The manager's hours for reps' deals in one quarter."""
        return self.manager_hours_per_week * self.weeks_per_quarter


def _whole(params: TeamParameters, name: str, low: int, high: int) -> None:
    value = getattr(params, name)
    if type(value) is not int:
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low} and {high}, got {value}")


def _number(params: TeamParameters, name: str, low: float, high: float,
            low_open: bool = False) -> None:
    value = getattr(params, name)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a number, got {value!r}")
    too_low = value <= low if low_open else value < low
    if too_low or value > high:
        bracket = "(" if low_open else "["
        raise ValueError(f"{name} must be in {bracket}{low}, {high}], got {value}")


@dataclass(frozen=True)
class PolicyRun:
    """One policy's per-quarter series (index 0 is quarter 1).

    ``capability`` is the team's mean capability at the end of each quarter (0..1);
    ``attainment`` the team's deals won as a percentage of quota; ``manager_hours`` the hours
    the manager spent on reps' deals (rescuing them, or pre-briefing and debriefing them).
    """

    policy: Policy
    capability: tuple[float, ...]
    attainment: tuple[float, ...]
    manager_hours: tuple[float, ...]
    start_capability: float


@dataclass(frozen=True)
class Comparison:
    """Both policies run on the same team and assumptions."""

    parameters: TeamParameters
    rescue: PolicyRun
    coach: PolicyRun

    def crossover_quarter(self) -> int | None:
        """The first quarter (1-based) from which coaching's attainment stays at or above
        rescuing's for the rest of the run, or None if it never does."""
        rescue, coach = self.rescue.attainment, self.coach.attainment
        for index in range(len(coach)):
            if all(c >= r for c, r in zip(coach[index:], rescue[index:], strict=True)):
                return index + 1
        return None


def starting_capabilities(params: TeamParameters) -> list[float]:
    """Each rep's capability at the start: evenly spread around ``start_capability``."""
    n = params.team_size
    if n == 1:
        return [params.start_capability]
    half = params.capability_spread / 2
    return [params.start_capability - half + params.capability_spread * i / (n - 1)
            for i in range(n)]


def easy_win_rate(capability: float) -> float:
    """Share of ordinary deals a rep wins on their own: 50% at capability 0, 90% at 1."""
    return 0.5 + 0.4 * capability


def hard_win_rate(capability: float) -> float:
    """Share of hard deals a rep wins on their own: 0% at capability 0, 60% at 1."""
    return 0.6 * capability


def growth(capability: float, hours: float, params: TeamParameters) -> float:
    """Capability gained in a quarter from ``hours`` of coaching.

    Diminishing returns twice over: the gain is a share of the room left to grow (1 - capability),
    and each extra hour adds less than the one before. Never negative, never past 1.
    """
    share = params.max_growth * (1.0 - math.exp(-max(hours, 0.0) / params.growth_hours))
    return share * (1.0 - capability)


def simulate(policy: Policy, params: TeamParameters | None = None) -> PolicyRun:
    """Run one policy for ``params.quarters`` quarters and return its series."""
    if policy not in POLICIES:
        raise ValueError(f"policy must be one of {', '.join(POLICIES)}, got {policy!r}")
    params = params or TeamParameters()
    start = starting_capabilities(params)
    reps = list(start)
    capability: list[float] = []
    attainment: list[float] = []
    hours: list[float] = []
    for _ in range(params.quarters):
        step = _rescue_quarter if policy == "rescue" else _coach_quarter
        won, spent, reps = step(reps, start, params)
        attainment.append(100.0 * won / (params.quota_deals * params.team_size))
        hours.append(spent)
        capability.append(sum(reps) / len(reps))
    return PolicyRun(policy, tuple(capability), tuple(attainment), tuple(hours),
                     sum(start) / len(start))


def compare(params: TeamParameters | None = None) -> Comparison:
    """Run both policies on the same assumptions."""
    params = params or TeamParameters()
    return Comparison(params, simulate("rescue", params), simulate("coach", params))


def _rescue_quarter(reps: list[float], start: list[float],
                    params: TeamParameters) -> tuple[float, float, list[float]]:
    wanted = params.rescue_share * params.hard_deals
    # The manager's hours are limited: with too many rescues wanted, each rep gets fewer.
    affordable = params.manager_hours_per_quarter / params.rescue_hours_per_deal / len(reps)
    rescued = min(wanted, affordable)
    won = 0.0
    after = []
    for c in reps:
        won += params.easy_deals * easy_win_rate(c)
        won += rescued * params.manager_win_rate + (params.hard_deals - rescued) * hard_win_rate(c)
        share = rescued / params.hard_deals if params.hard_deals else 0.0
        after.append(max(0.0, c - params.confidence_loss * share))
    return won, rescued * params.rescue_hours_per_deal * len(reps), after


def _coach_quarter(reps: list[float], start: list[float],
                   params: TeamParameters) -> tuple[float, float, list[float]]:
    # A rep needs less of the manager's time as they grow: the full weekly hours at their
    # starting capability, shrinking with the room they have left to grow.
    needed = [params.coaching_hours_per_rep_per_week * params.weeks_per_quarter
              * (1.0 - c) / (1.0 - c0) for c, c0 in zip(reps, start, strict=True)]
    total = sum(needed)
    scale = min(1.0, params.manager_hours_per_quarter / total) if total else 1.0
    won = 0.0
    after = []
    for c, need in zip(reps, needed, strict=True):
        won += params.easy_deals * easy_win_rate(c) + params.hard_deals * hard_win_rate(c)
        after.append(min(1.0, c + growth(c, need * scale, params)))
    return won, total * scale, after
