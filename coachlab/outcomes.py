"""Grading outcomes and where they are kept: the gradebook's ``coachlab_grading`` table.

Every submission gets an outcome per step: graded, needs manual grading, or failed with nbgrader's
error in one line. :mod:`coachlab.cohort.grade` records them; the cohort report and the xAPI
statements read them, so a submission that failed to grade shows as failed even if an older score
is still in nbgrader's tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    MetaData,
    String,
    Table,
    Text,
    and_,
    create_engine,
    inspect,
    select,
)

from coachlab.retry import is_busy, with_backoff

GRADED = "graded"
NEEDS_MANUAL = "needs manual grading"
FAILED = "failed"
STATUS_TABLE = "coachlab_grading"
LOCK_RETRIES = 6
"""Tries of a gradebook write that meets a lock held by another worker."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one learner's submission of one exercise in one step."""

    learner: str
    assignment: str
    status: str               # GRADED, NEEDS_MANUAL or FAILED (feedback: "feedback" or FAILED)
    score: float | None = None
    max_score: float | None = None
    reason: str = ""
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        """Whether this step failed for the submission."""
        return self.status == FAILED


def status_table(metadata: Any) -> Any:
    """The outcome table, defined on SQLAlchemy ``metadata``."""
    return Table(STATUS_TABLE, metadata,
                 Column("learner", String(128), primary_key=True),
                 Column("assignment", String(128), primary_key=True),
                 Column("status", String(32), nullable=False),
                 Column("reason", Text),
                 Column("score", Float),
                 Column("max_score", Float),
                 Column("graded_at", DateTime))


def record(db_url: str, outcomes: list[Outcome]) -> None:
    """Store grading outcomes (replacing earlier ones for the same submissions)."""
    if not outcomes:
        return
    engine = create_engine(db_url)
    table = status_table(MetaData())
    now = datetime.now(UTC).replace(tzinfo=None)

    def write() -> None:
        with engine.begin() as connection:
            for o in outcomes:
                connection.execute(table.delete().where(and_(
                    table.c.learner == o.learner, table.c.assignment == o.assignment)))
            connection.execute(table.insert(), [
                {"learner": o.learner, "assignment": o.assignment, "status": o.status,
                 "reason": o.reason or None, "score": o.score, "max_score": o.max_score,
                 "graded_at": now} for o in outcomes])

    try:
        with_backoff(write, attempts=LOCK_RETRIES, base=0.2,
                     retry_error=is_busy)
    finally:
        engine.dispose()


def read_status(db_url: str) -> list[Outcome]:
    """The last grading outcome of every submission (empty if nothing was graded yet)."""
    engine = create_engine(db_url)
    try:
        if STATUS_TABLE not in inspect(engine).get_table_names():
            return []
        table = status_table(MetaData())
        with engine.connect() as connection:
            rows = connection.execute(select(table)).mappings().all()
        return [Outcome(r["learner"], r["assignment"], r["status"], r["score"],
                        r["max_score"], r["reason"] or "") for r in rows]
    finally:
        engine.dispose()
