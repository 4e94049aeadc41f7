"""Spacing with FSRS (the ``fsrs`` package): one card per item, rated from the answer.

Practice is daily, so the scheduler works in days: a new item answered right comes back in a
couple of days and then at growing intervals; a miss (a lapse) brings it back the next day. The
intervals are not fuzzed, so a learner's schedule is reproducible from their journal.
"""

from __future__ import annotations

import zlib
from datetime import UTC, datetime, timedelta
from typing import Any

from fsrs import Card, Rating, Scheduler

from coachlab.practice.items import FREE_TEXT, INTERVIEW, Item
from coachlab.practice.judge import PARTLY, RIGHT

DESIRED_RETENTION = 0.9
"""FSRS's default target: schedule each item when recall is estimated at 90%."""

RELEARN_AFTER = timedelta(days=1)
"""A missed item is due again the next day."""


def scheduler() -> Any:
    """The course's FSRS scheduler (day-based steps, no fuzz)."""
    return Scheduler(desired_retention=DESIRED_RETENTION, learning_steps=(),
                     relearning_steps=(RELEARN_AFTER,), enable_fuzzing=False)


def new_card(item_id: str, now: datetime) -> Any:
    """A fresh card for ``item_id``, due ``now``."""
    return Card(card_id=zlib.crc32(item_id.encode("utf-8")) + 1, due=_utc(now))


def card_from(data: dict[str, Any]) -> Any:
    """A card from its saved dictionary (``Card.to_dict``)."""
    return Card.from_dict(data)  # type: ignore[arg-type]


def seconds_budget(item: Item) -> float:
    """How long a considered answer may take: reading at about 200 words a minute, plus time
    to think (and to type, for a rewrite). Slower right answers are rated Hard."""
    return 20 + item.words * 0.3 + (60 if item.kind == FREE_TEXT else 0)


def rating_for(item: Item, result: str, seconds: float | None) -> Any:
    """FSRS rating from correctness and time.

    Wrong is Again, partly right Hard, right Good (Hard when slower than the item's budget).
    An interview's time is not a recall speed (a good interview takes as long as it takes), so
    only its outcome rates it.
    """
    if result == RIGHT:
        slow = (seconds is not None and item.kind != INTERVIEW
                and seconds > seconds_budget(item))
        return Rating.Hard if slow else Rating.Good
    if result == PARTLY:
        return Rating.Hard
    return Rating.Again


def review(card: Any, rating: Any, now: datetime, seconds: float | None = None) -> Any:
    """The card after a review at ``now``."""
    duration = None if seconds is None else int(seconds * 1000)
    reviewed, _ = scheduler().review_card(card, rating, _utc(now), duration)
    return reviewed


def recall(card: Any, now: datetime) -> float:
    """FSRS's estimate of the chance the learner gets this item right at ``now`` (0 if new)."""
    return float(scheduler().get_card_retrievability(card, _utc(now)))


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("practice times must carry a time zone (use datetime.now(UTC))")
    return moment.astimezone(UTC)
