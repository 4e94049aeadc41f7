"""Reading what the instructor graded by hand, for tests: the course itself shows it in
formgrader, so only the tests read it back (through nbgrader's API, as coachlab.gradebook does)."""

from __future__ import annotations

from dataclasses import dataclass

from coachlab.course import COURSE_ID
from coachlab.gradebook import open_gradebook


@dataclass(frozen=True)
class ManualGrade:
    """One graded cell of a submission, as the instructor sees it in formgrader."""

    notebook: str
    cell: str               # the cell's grade_id
    auto_score: float | None
    manual_score: float | None
    max_score: float
    needs_manual_grade: bool
    comment: str | None = None


def manual_grades(url: str, assignment: str, learner: str,
                  course_id: str = COURSE_ID) -> list[ManualGrade]:
    """Every graded cell of ``learner``'s submission of ``assignment`` with its scores and the
    instructor's comment (if the cell has one), in notebook order."""
    with open_gradebook(url, course_id) as gradebook:
        submission = gradebook.find_submission(assignment, learner)
        found: list[ManualGrade] = []
        for notebook in submission.notebooks:
            comments = {c.name: c.comment for c in notebook.comments}
            for grade in notebook.grades:
                found.append(ManualGrade(
                    notebook.name, grade.name, grade.auto_score, grade.manual_score,
                    float(grade.max_score or 0.0), bool(grade.needs_manual_grade),
                    comments.get(grade.name)))
    return found
