"""FSRS driven by a fake clock: right answers grow the intervals, a lapse brings the item back."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from fsrs import Rating

from coachlab.practice import Item, Session, schedule
from coachlab.practice.state import KEY
from coachlab.responses import Journal

from .conftest import FakeClock, right_answer


def _interval(due: datetime, now: datetime) -> timedelta:
    return due - now


def test_right_answers_grow_the_intervals(clock: FakeClock) -> None:
    card = schedule.new_card("sort:x", clock())
    intervals = []
    for _ in range(5):
        card = schedule.review(card, Rating.Good, clock())
        intervals.append(_interval(card.due, clock()))
        clock.go_to(card.due)
    assert intervals[0] >= timedelta(days=1)
    assert all(later > earlier for earlier, later in zip(intervals, intervals[1:], strict=False))
    assert intervals[-1] > timedelta(days=60)


def test_a_lapse_brings_the_item_back_the_next_day(clock: FakeClock) -> None:
    card = schedule.new_card("sort:x", clock())
    for _ in range(4):
        card = schedule.review(card, Rating.Good, clock())
        clock.go_to(card.due)
    long_gap = _interval(card.due, card.last_review)
    assert long_gap > timedelta(days=30)
    card = schedule.review(card, Rating.Again, clock())
    assert _interval(card.due, clock()) <= timedelta(days=1)
    clock.go_to(card.due)
    card = schedule.review(card, Rating.Good, clock())
    assert _interval(card.due, clock()) < long_gap  # relearning restarts shorter


def test_new_item_missed_comes_back_the_next_day(clock: FakeClock) -> None:
    card = schedule.review(schedule.new_card("sort:x", clock()), Rating.Again, clock())
    assert _interval(card.due, clock()) == timedelta(days=1)


def test_recall_estimate_falls_with_time(clock: FakeClock) -> None:
    card = schedule.review(schedule.new_card("sort:x", clock()), Rating.Good, clock())
    now = clock()
    assert schedule.recall(card, now) == pytest.approx(1.0)
    later = schedule.recall(card, now + timedelta(days=3))
    much_later = schedule.recall(card, now + timedelta(days=30))
    assert 1.0 > later > much_later > 0
    assert schedule.recall(schedule.new_card("x", now), now) == 0


def test_rating_comes_from_correctness_and_time(pool: list[Item]) -> None:
    item = next(i for i in pool if i.skill == "sort")
    assert schedule.rating_for(item, "right", 5) == Rating.Good
    assert schedule.rating_for(item, "right", None) == Rating.Good
    assert schedule.rating_for(item, "right", schedule.seconds_budget(item) + 1) == Rating.Hard
    assert schedule.rating_for(item, "partly", 5) == Rating.Hard
    assert schedule.rating_for(item, "wrong", 5) == Rating.Again


def test_times_without_a_zone_are_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        schedule.new_card("x", datetime(2026, 12, 1, 9))


def test_sessions_over_weeks_space_a_remembered_item_further_apart(tmp_path, pool, clock) -> None:  # type: ignore[no-untyped-def]
    """Through the journal: an item always answered right is seen less and less often."""
    journal = Journal.beside(tmp_path)
    seen_on: dict[str, list[datetime]] = {}
    for _ in range(35):
        session = Session(pool, journal, clock=clock)
        while session.current:
            item = session.current
            seen_on.setdefault(item.id, []).append(clock())
            session.answer(right_answer(item), 5)
        clock.advance(days=1)
    cards = journal.get(KEY)["cards"]
    first_day = min(seen_on, key=lambda i: seen_on[i][0])
    days = seen_on[first_day]
    gaps = [(b - a).days for a, b in zip(days, days[1:], strict=False)]
    assert len(gaps) >= 2 and gaps == sorted(gaps) and gaps[-1] > gaps[0]
    assert cards[first_day]["reviews"] == len(days)
