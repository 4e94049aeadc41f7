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


FIRST_LINE = "What would you like to try first?"
"""An open first coaching line: it fits every coaching choice (scoring.FIRST_LINE_FITS)."""


def model_play(item: Item, budget: int | None = None) -> dict:
    """A play of an interview item that should reach its best outcome: for the facts that tell
    the cause from its look-alike, the rep's own paraphrases (each kept only if it reaches its
    fact), then the right cause, the fitting coaching and an open first line."""
    from coachlab.interview import Interview
    from coachlab.interview.scoring import needed
    from coachlab.practice.judge import load_practice_rep

    rep = load_practice_rep(item.rep_file)
    budget = budget or item.questions
    interview = Interview(rep)
    questions: list[str] = []
    found: set[str] = set()
    for fact in rep.discriminating:
        if fact.depth != "specific" or len(found) >= needed(rep):
            continue
        for question in rep.paraphrases.get(fact.id, ()):
            if len(questions) >= budget:
                break
            turn = interview.ask(question)
            questions.append(question)
            if turn.revealed == fact.id:
                found.add(fact.id)
                break
    return {"questions": questions, "diagnosis": rep.cause, "coaching": rep.coaching,
            "first_line": FIRST_LINE}


def right_answer(item: Item) -> object:
    """What a learner who knows the answer gives: the keyed answer, or a model interview."""
    return model_play(item) if item.kind == "interview" else item.answer
