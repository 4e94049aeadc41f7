"""A grading workspace: one nbgrader course folder driven in-process through nbgrader's API.

It holds solutions/ (the course's source), exercises/, submitted/, autograded/, feedback/ and a
gradebook. The cohort commands and the tests use it, so every step is one Python call instead of
one nbgrader start-up per step. Steps run through :mod:`coachlab.grading.steps`, so a failure
arrives as the exception nbgrader or a preprocessor raised.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from nbgrader.api import Grade, Gradebook, GradeCell, SolutionCell, SubmittedNotebook, TaskCell
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory

from coachlab.course import JOURNAL_FILE, load_config, sqlite_gradebook, with_driver
from coachlab.grading import engines, intake, steps
from coachlab.grading.steps import StepFailed

__all__ = ["Score", "StepFailed", "Workspace"]


@dataclass(frozen=True)
class Score:
    """A learner's result on one exercise, from the gradebook."""

    auto: float          # points from autograded tests
    auto_max: float
    manual: float        # points given by the instructor so far
    manual_max: float
    needs_manual_grade: bool

    @property
    def total(self) -> float:
        """Autograded plus manually graded points."""
        return self.auto + self.manual

    @property
    def max(self) -> float:
        """All points available."""
        return self.auto_max + self.manual_max


class Workspace:
    """An nbgrader course folder at ``root`` with the settings of the course at ``course``."""

    def __init__(self, root: Path, course: Path, db_url: str | None = None) -> None:
        self.root = Path(root)
        self.course = Path(course)
        self.root.mkdir(parents=True, exist_ok=True)
        self.db_url = with_driver(db_url) if db_url else sqlite_gradebook(self.root)
        # Grading opens about ten gradebooks per submission: one engine per URL compiles SQL once.
        engines.share()
        self.config = load_config(self.course, course_root=self.root, db_url=self.db_url)
        self.api = NbGraderAPI(CourseDirectory(config=self.config), config=self.config)

    @classmethod
    def from_course(cls, root: Path, course: Path, db_url: str | None = None) -> Workspace:
        """A workspace whose solutions/ is a copy of the course's."""
        root = Path(root)
        if not (root / "solutions").exists():
            shutil.copytree(Path(course) / "solutions", root / "solutions",
                            ignore=shutil.ignore_patterns(f"{JOURNAL_FILE}*", ".ipynb_checkpoints"))
        if not (root / "exercises").exists() and (Path(course) / "exercises").exists():
            shutil.copytree(Path(course) / "exercises", root / "exercises",
                            ignore=shutil.ignore_patterns(f"{JOURNAL_FILE}*", ".ipynb_checkpoints"))
        return cls(root, course, db_url)

    def gradebook(self) -> Any:
        """nbgrader's Gradebook for this workspace (use it as a context manager)."""
        return Gradebook(self.db_url, self.config.CourseDirectory.course_id)

    def generate(self, assignment: str) -> Path:
        """Generate the learners' copy of ``assignment``; returns its folder."""
        steps.generate_assignment(self.api, assignment).check()
        return self.root / "exercises" / assignment

    def add_learner(self, learner: str, first: str = "", last: str = "", email: str = "") -> None:
        """Create or update a learner in the gradebook."""
        with self.gradebook() as gradebook:
            gradebook.update_or_create_student(learner, first_name=first or None,
                                               last_name=last or None, email=email or None)

    def submit(self, learner: str, assignment: str, files: Mapping[str, Path | bytes],
               when: datetime | None = None) -> Path:
        """Place files as ``learner``'s submission, as nbgrader's collect would."""
        folder = self.root / "submitted" / learner / assignment
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for name, content in files.items():
            target = folder / name
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                shutil.copyfile(content, target)
        stamp = (when or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M:%S.%f %Z")
        (folder / "timestamp.txt").write_text(stamp.strip(), encoding="utf-8")
        if when is not None:  # as collect would record it: the grader's receipt

            intake.write_receipt(folder, when)
        return folder

    def autograde(self, assignment: str, learner: str) -> Any:
        """Autograde one submission (a :class:`~coachlab.grading.steps.StepResult`); raises
        StepFailed with the exception grading failed with, or with the reason when the
        submission holds links, devices, FIFOs or too many bytes (the learner's code itself
        runs in the jail, :mod:`coachlab.grading.jail`)."""
        folder = self.root / "submitted" / learner / assignment
        reason = intake.refused_at_collect(folder) or intake.refusal(folder)
        if reason is not None:
            raise StepFailed(f"not graded: {reason}")
        intake.settle_timestamp(folder)
        return steps.autograde(self.api, assignment, learner).check()

    def feedback(self, assignment: str, learner: str) -> Path:
        """Generate the learner's feedback; returns the feedback folder."""
        steps.generate_feedback(self.api, assignment, learner).check()
        return self.root / "feedback" / learner / assignment

    def score(self, assignment: str, learner: str) -> Score:
        """The learner's points for ``assignment`` from the gradebook (nbgrader's
        ``MissingEntry`` when there is no such submission)."""
        auto = auto_max = manual = manual_max = 0.0
        pending = False
        with self.gradebook() as gradebook:
            submission = gradebook.find_submission(assignment, learner)
            grades = _grades(gradebook.db, submission.id)
            answers = _answer_cells(gradebook.db, {notebook for _, notebook, *_ in grades})
        for name, notebook, cell_type, points, auto_score, manual_score, waiting in grades:
            # A graded answer cell (a written reflection) is graded by hand, never by tests.
            if cell_type == "code" and (name, notebook) not in answers:
                auto += auto_score or 0.0
                auto_max += points
            else:
                manual += manual_score or 0.0
                manual_max += points
                pending = pending or bool(waiting)
        return Score(auto, auto_max, manual, manual_max, pending)


def _grades(db: Any, submission_id: str) -> list[tuple[Any, ...]]:
    """Each grade of a submission with its cell: name, source notebook id, cell type, points,
    auto and manual score, needs manual grade. Two queries (grade cells, task cells), where
    walking the ORM's relationships took one query per grade."""
    rows: list[tuple[Any, ...]] = []
    for cell in (GradeCell, TaskCell):
        rows += (db.query(cell.name, cell.notebook_id, cell.cell_type, cell.max_score,
                          Grade.auto_score, Grade.manual_score, Grade.needs_manual_grade)
                 .join(Grade, Grade.cell_id == cell.id)
                 .join(SubmittedNotebook, SubmittedNotebook.id == Grade.notebook_id)
                 .filter(SubmittedNotebook.assignment_id == submission_id)
                 .all())
    return rows


def _answer_cells(db: Any, notebooks: set[str]) -> set[tuple[str, str]]:
    """(name, notebook id) of the solution cells of these source notebooks."""
    if not notebooks:
        return set()
    return set(db.query(SolutionCell.name, SolutionCell.notebook_id)
               .filter(SolutionCell.notebook_id.in_(notebooks)).all())
