"""The rescue-or-coach model: bounds, growth, the trade-off it illustrates, and validation."""

from __future__ import annotations

import dataclasses
import itertools
import math

import pytest

from coachlab.simulation import (
    POLICIES,
    Comparison,
    TeamParameters,
    compare,
    easy_win_rate,
    growth,
    hard_win_rate,
    simulate,
    starting_capabilities,
)

GRID = [
    TeamParameters(team_size=size, quarters=6, rescue_share=share,
                   coaching_hours_per_rep_per_week=hours, manager_hours_per_week=budget)
    for size, share, hours, budget in itertools.product(
        (1, 4, 15), (0.0, 0.5, 1.0), (0.0, 1.0, 4.0), (2.0, 15.0, 40.0))
]


def test_series_have_one_value_per_quarter() -> None:
    params = TeamParameters(quarters=5)
    for policy in POLICIES:
        run = simulate(policy, params)
        assert run.policy == policy
        assert len(run.capability) == len(run.attainment) == len(run.manager_hours) == 5


@pytest.mark.parametrize("params", GRID)
def test_values_stay_in_bounds(params: TeamParameters) -> None:
    budget = params.manager_hours_per_quarter
    # Best case: every deal won by whoever wins most often.
    best = params.deals_per_rep * max(easy_win_rate(1), params.manager_win_rate)
    ceiling = 100 * best / params.quota_deals
    for run in compare(params).rescue, compare(params).coach:
        assert all(0.0 <= c <= 1.0 for c in run.capability)
        assert all(0.0 <= a <= ceiling + 1e-9 for a in run.attainment)
        assert all(0.0 <= h <= budget + 1e-9 for h in run.manager_hours)


@pytest.mark.parametrize("params", GRID)
def test_capability_never_falls_under_coaching(params: TeamParameters) -> None:
    run = simulate("coach", params)
    series = [run.start_capability, *run.capability]
    assert all(b >= a for a, b in itertools.pairwise(series))


@pytest.mark.parametrize("params", GRID)
def test_capability_never_grows_under_rescue(params: TeamParameters) -> None:
    run = simulate("rescue", params)
    series = [run.start_capability, *run.capability]
    assert all(b <= a for a, b in itertools.pairwise(series))


def test_coaching_grows_capability_with_diminishing_returns() -> None:
    run = simulate("coach")
    gains = [b - a for a, b in itertools.pairwise([run.start_capability, *run.capability])]
    assert all(g > 0 for g in gains)
    assert all(later < earlier for earlier, later in itertools.pairwise(gains))
    params = TeamParameters()
    per_hour = [growth(0.4, h + 1, params) - growth(0.4, h, params) for h in range(0, 40, 5)]
    assert all(later < earlier for earlier, later in itertools.pairwise(per_hour))
    assert growth(0.4, 10, params) > growth(0.8, 10, params)


def test_defaults_rescue_wins_the_first_quarter_and_loses_by_the_end() -> None:
    result = compare()
    assert result.rescue.attainment[0] > result.coach.attainment[0]
    assert result.rescue.attainment[-1] < result.coach.attainment[-1]
    assert result.rescue.capability[-1] < result.coach.capability[-1]
    assert 1 < (result.crossover_quarter() or 0) <= TeamParameters().quarters


def test_coaching_needs_fewer_hours_as_reps_grow() -> None:
    hours = simulate("coach").manager_hours
    assert all(later < earlier for earlier, later in itertools.pairwise(hours))


def test_without_coaching_hours_nothing_grows() -> None:
    run = simulate("coach", TeamParameters(coaching_hours_per_rep_per_week=0.0))
    assert all(math.isclose(c, run.start_capability) for c in run.capability)
    assert all(h == 0 for h in run.manager_hours)


def test_rescue_share_zero_costs_no_hours_and_no_confidence() -> None:
    run = simulate("rescue", TeamParameters(rescue_share=0.0))
    assert all(h == 0 for h in run.manager_hours)
    assert all(math.isclose(c, run.start_capability) for c in run.capability)


def test_limited_hours_cap_rescues() -> None:
    small = TeamParameters(team_size=15, rescue_share=1.0, manager_hours_per_week=5.0)
    run = simulate("rescue", small)
    assert all(math.isclose(h, small.manager_hours_per_quarter) for h in run.manager_hours)
    roomy = dataclasses.replace(small, manager_hours_per_week=80.0)
    assert simulate("rescue", roomy).attainment[0] > run.attainment[0]


def test_deterministic() -> None:
    assert compare() == compare()


def test_starting_capabilities_spread_evenly_around_the_mean() -> None:
    params = TeamParameters(team_size=5, start_capability=0.5, capability_spread=0.2)
    reps = starting_capabilities(params)
    assert reps[0] == pytest.approx(0.4) and reps[-1] == pytest.approx(0.6)
    assert sum(reps) / len(reps) == pytest.approx(0.5)
    assert starting_capabilities(TeamParameters(team_size=1)) == [0.4]


def test_win_rates_rise_with_capability() -> None:
    assert easy_win_rate(0) < easy_win_rate(1) and hard_win_rate(0) < hard_win_rate(1)
    assert hard_win_rate(0.4) < TeamParameters().manager_win_rate


def test_crossover_none_when_coaching_never_catches_up() -> None:
    result = compare(TeamParameters(quarters=2))
    assert isinstance(result, Comparison) and result.crossover_quarter() is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("team_size", 0, "team_size must be between 1 and 50"),
        ("team_size", 2.5, "team_size must be a whole number"),
        ("quarters", 0, "quarters must be between"),
        ("rescue_share", 1.5, r"rescue_share must be in \[0.0, 1.0\]"),
        ("rescue_share", -0.1, "rescue_share must be in"),
        ("rescue_share", float("nan"), "rescue_share must be a number"),
        ("rescue_share", "half", "rescue_share must be a number"),
        ("coaching_hours_per_rep_per_week", -1.0, "coaching_hours_per_rep_per_week"),
        ("manager_hours_per_week", 100.0, "manager_hours_per_week"),
        ("quota_deals", 0.0, r"quota_deals must be in \(0.0"),
        ("quota_deals", 9.0, "quota_deals"),
        ("rescue_hours_per_deal", 0.0, "rescue_hours_per_deal"),
        ("start_capability", 0.95, "start_capability ± capability_spread/2"),
        ("capability_spread", 0.9, "capability_spread"),
    ],
)
def test_out_of_range_values_raise_clear_errors(field: str, value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        TeamParameters(**{field: value})


def test_unknown_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="policy must be one of rescue, coach"):
        simulate("ignore")  # type: ignore[arg-type]
