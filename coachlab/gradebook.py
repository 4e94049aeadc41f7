"""Every read of nbgrader's gradebook, through nbgrader's own API (``nbgrader.api.Gradebook``).

The cohort report and a learner's progress read scores here and nowhere else, so a change in
nbgrader's schema is nbgrader's business: its API and its models keep working. SQLite or
PostgreSQL: a plain ``postgresql://`` URL gets the driver SQLAlchemy needs
(:func:`coachlab.course.with_driver`).

    >>> scores = read_scores("sqlite:///gradebook.db")
    >>> scores.results["learner1", "01-tell-or-ask"].score
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from coachlab.course import COURSE_ID, with_driver


@dataclass(frozen=True)
class Learner:
    """A learner on the gradebook's roster."""

    id: str
    first_name: str = ""
    last_name: str = ""


@dataclass(frozen=True)
class Result:
    """One learner's submission of one exercise, as nbgrader scores it."""

    learner: str
    assignment: str
    score: float            # nbgrader's score: a manual score where given, else the auto score,
    #                         plus extra credit
    max_score: float        # points of the graded cells in the submission
    graded_max: float       # points of the cells graded so far (not awaiting a manual grade)
    pending: int            # cells awaiting a manual grade
    timestamp: datetime | None = None

    @property
    def needs_manual_grade(self) -> bool:
        """Some cell still waits for the instructor."""
        return self.pending > 0


@dataclass(frozen=True)
class Scores:
    """The whole gradebook's scores: what each exercise is worth and every submission."""

    max_scores: dict[str, float] = field(default_factory=dict)        # exercise -> points
    duedates: dict[str, datetime | None] = field(default_factory=dict)
    learners: dict[str, Learner] = field(default_factory=dict)
    results: dict[tuple[str, str], Result] = field(default_factory=dict)  # (learner, exercise)

    def of(self, learner: str) -> dict[str, Result]:
        """One learner's results by exercise."""
        return {assignment: result for (who, assignment), result in self.results.items()
                if who == learner}


def exists(url: str) -> bool:
    """False for a SQLite gradebook whose file is missing (opening it would create one)."""
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///")).is_file()
    return True


@contextmanager
def open_gradebook(url: str, course_id: str = COURSE_ID) -> Iterator[Any]:
    """nbgrader's Gradebook at ``url``, closed on leaving the block."""
    # Deferred: nbgrader.api took 13.6 s to import (``python -X importtime``, loaded 2-core
    # machine); a learner's progress imports this module and reads a gradebook only for a named
    # learner.
    from nbgrader.api import Gradebook

    with Gradebook(with_driver(url), course_id) as gradebook:
        yield gradebook


def read_scores(url: str, course_id: str = COURSE_ID) -> Scores:
    """Every exercise's points, every learner and every submission's score in the gradebook at
    ``url``; an empty Scores when there is no gradebook yet (nothing is created)."""
    if not exists(url):
        return Scores()
    with open_gradebook(url, course_id) as gradebook:
        assignments = gradebook.assignments
        max_scores = {a.name: float(a.max_score or 0.0) for a in assignments}
        duedates = {a.name: a.duedate for a in assignments}
        learners = {s.id: Learner(s.id, s.first_name or "", s.last_name or "")
                    for s in gradebook.students}
        results = _submissions(gradebook)
    return Scores(max_scores, duedates, learners, results)


def _submissions(gradebook: Any) -> dict[tuple[str, str], Result]:
    """Every submission's scores, in one aggregate query over nbgrader's models.

    ``Gradebook.submission_dicts`` gives the same scores but, per exercise, takes seconds for a
    thousand learners on SQLite, and it does not say how many points are still to be graded.
    """
    # Deferred with open_gradebook's import (nbgrader.api: 13.6 s, sqlalchemy: 1.4 s to import).
    from nbgrader.api import Assignment, Grade, GradeCell, SubmittedAssignment, SubmittedNotebook
    from sqlalchemy import case, func

    waiting = Grade.needs_manual_grade.is_(True)
    query = (gradebook.db.query(
        SubmittedAssignment.student_id, Assignment.name, SubmittedAssignment.timestamp,
        func.sum(Grade.score), func.sum(GradeCell.max_score),
        func.sum(case((waiting, 0.0), else_=GradeCell.max_score)),
        func.sum(case((waiting, 1), else_=0)))
        .select_from(SubmittedAssignment)
        .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
        # A submission without grades yet (autograde never finished) still counts as one.
        .outerjoin(SubmittedNotebook, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
        .outerjoin(Grade, Grade.notebook_id == SubmittedNotebook.id)
        .outerjoin(GradeCell, GradeCell.id == Grade.cell_id)
        .group_by(SubmittedAssignment.student_id, Assignment.name,
                  SubmittedAssignment.timestamp))
    return {(learner, name): Result(learner, name, float(score or 0.0), float(maximum or 0.0),
                                    float(graded or 0.0), int(pending or 0), stamp)
            for learner, name, stamp, score, maximum, graded, pending in query}
