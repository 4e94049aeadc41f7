"""A fake clock and the course's own item pool, shared by the practice tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from coachlab.practice import Item, build_pool

COURSE = Path(__file__).resolve().parents[2] / "course"


class FakeClock:
    """A clock the test moves by hand; starts on a Tuesday morning, UTC."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, days: float = 0, hours: float = 0) -> None:
        self.now += timedelta(days=days, hours=hours)

    def go_to(self, moment: datetime) -> None:
        self.now = moment


@pytest.fixture()
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def pool() -> list[Item]:
    return build_pool(COURSE)
