"""One graded course for the whole suite: every exercise generated once, and graded once per kind
of learner, with feedback made once.

Grading an exercise is the slowest thing the suite does (a jailed kernel per submission), and the
same claim (the solution earns full marks, the untouched release none, a partly correct copy
something in between, a handed-in reference play nothing) used to be graded again by every test
file that makes it. Tests now read the scores, the graded notebooks and the feedback from
:func:`graded_course` instead.

The learners, per exercise (in one workspace, one SQLite gradebook, through the same
:class:`~coachlab.grading.workspace.Workspace` steps an instructor's commands use):

- ``solved``, ``untouched``, ``partial``: :data:`tests.helpers.submissions.KINDS`, built by
  :func:`tests.helpers.submissions.build` (widget answers made by driving the real widgets);
- ``tampered``: the untouched release plus a copy of the exercise's reference play, which must
  count for nothing and never reach the grading folder.

Self-graded feedback (reflections' rubrics as a self-review checklist, as ``coachlab self-grade``
writes it) is made on request from the same graded notebooks, by a second view of the workspace
with the self-grade settings, into ``self-graded-feedback/``.

Each exercise is graded the first time a test asks for it, so ``-k 01`` grades one exercise only.
The fixture is session-scoped: tests that use it are marked ``xdist_group(GROUP)`` so that
``--dist loadgroup`` builds it on one worker only (tests/test_xdist_groups.py).
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from coachlab.course import CONFIG_FILE
from coachlab.grading.workspace import Score, Workspace
from coachlab.responses import REFERENCE_FILENAME
from coachlab.selfgrade import _CONFIG
from tests.helpers.submissions import KINDS, build

#: The xdist group of every test that reads the shared graded course.
GROUP = "graded-course"
#: A learner who hands in the blank release with the reference play beside it.
TAMPERED = "tampered"
LEARNERS = (*KINDS, TAMPERED)
#: Where the self-graded feedback goes, beside nbgrader's ``feedback/``.
SELF_GRADED_FEEDBACK = "self-graded-feedback"


@dataclass
class GradedExercise:
    """One exercise of the shared course, graded for every learner in :data:`LEARNERS`."""

    name: str
    workspace: Workspace
    release: Path
    #: (step, learner) -> the error it raised; a test asking for that learner fails with it.
    #: The same workspace with self-grading's feedback settings (see :class:`GradedCourse`).
    self_grading: Workspace | None = None
    errors: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def solution(self) -> Path:
        """The exercise's source folder (solutions, hidden tests, rubrics, reference play)."""
        return self.workspace.root / "solutions" / self.name

    def _ok(self, learner: str) -> None:
        failed = {step: error for step, error in self.errors.items()
                  if step.endswith(f" {learner}") or step == "generate"}
        if failed:
            pytest.fail(f"{self.name} could not be graded for {learner}: "
                        + "\n".join(f"{step}: {error}" for step, error in failed.items()),
                        pytrace=False)

    def score(self, learner: str) -> Score:
        """``learner``'s points from the gradebook."""
        self._ok(learner)
        return self.workspace.score(self.name, learner)

    def autograded(self, learner: str) -> Path:
        """The folder nbgrader graded ``learner``'s submission in."""
        self._ok(learner)
        return self.workspace.root / "autograded" / learner / self.name

    def feedback(self, learner: str) -> Path:
        """``learner``'s feedback folder (made for :data:`KINDS` only)."""
        self._ok(learner)
        return self.workspace.root / "feedback" / learner / self.name

    def self_graded_feedback(self, learner: str) -> Path:
        """``learner``'s feedback as self-grading makes it (made on first request)."""
        self._ok(learner)
        assert self.self_grading is not None
        folder = self.workspace.root / SELF_GRADED_FEEDBACK / learner / self.name
        if not folder.exists():
            self.self_grading.feedback(self.name, learner)
        return folder


class GradedCourse:
    """The course's exercises, each generated and graded on first use (see the module's doc)."""

    def __init__(self, root: Path, course: Path) -> None:
        self.workspace = Workspace.from_course(root, course)
        self.staging = root.parent / "staging"
        for learner in LEARNERS:
            self.workspace.add_learner(learner, first=learner.title(), last="Learner")
        self._graded: dict[str, GradedExercise] = {}
        # Self-grading's own settings file, pointed at this workspace with feedback written
        # beside the cohort's. The private constant is read, not copied, so a change to what
        # self-grading shows is what these tests check.
        settings = root.parent / "self-grading"
        settings.mkdir(parents=True, exist_ok=True)
        (settings / CONFIG_FILE).write_text(
            _CONFIG.format(course=str(course))
            + f"c.CourseDirectory.feedback_directory = {SELF_GRADED_FEEDBACK!r}\n",
            encoding="utf-8")
        self.self_grading = Workspace(root, settings, self.workspace.db_url)

    def __getitem__(self, exercise: str) -> GradedExercise:
        if exercise not in self._graded:
            self._graded[exercise] = self._grade(exercise)
        return self._graded[exercise]

    def _grade(self, exercise: str) -> GradedExercise:
        started = time.perf_counter()
        ws = self.workspace
        graded = GradedExercise(exercise, ws, ws.root / "exercises" / exercise,
                                self.self_grading)
        try:
            graded.release = ws.generate(exercise)
        except Exception:
            graded.errors["generate"] = traceback.format_exc(limit=3)
            return graded
        for learner in LEARNERS:
            try:
                ws.submit(learner, exercise, self._files(learner, graded))
            except Exception:
                graded.errors[f"submit {learner}"] = traceback.format_exc(limit=3)
                continue
            try:
                ws.autograde(exercise, learner)
            except Exception:
                graded.errors[f"autograde {learner}"] = traceback.format_exc(limit=3)
                continue
            if learner in KINDS:
                try:
                    ws.feedback(exercise, learner)
                except Exception:
                    graded.errors[f"feedback {learner}"] = traceback.format_exc(limit=3)
        graded.seconds = time.perf_counter() - started
        return graded

    def _files(self, learner: str, graded: GradedExercise) -> dict[str, Path]:
        out = self.staging / graded.name / learner
        if learner != TAMPERED:
            return build(learner, graded.name, graded.release, graded.solution, out)
        files = {p.name: p for p in sorted(graded.release.glob("*.ipynb"))}
        reference = graded.solution / REFERENCE_FILENAME
        if reference.is_file():  # a copy of the answers the course itself grades against
            files[REFERENCE_FILENAME] = reference
        return files


@pytest.fixture(scope="session")
def graded_course(tmp_path_factory: pytest.TempPathFactory, course_root: Path) -> GradedCourse:
    """The shared graded course; index it by exercise (``graded_course["01-tell-or-ask"]``)."""
    return GradedCourse(tmp_path_factory.mktemp("graded-course") / "course", course_root)
