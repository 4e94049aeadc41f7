"""nbgrader's generate, autograde and feedback steps, run in-process, failing with exceptions.

``NbGraderAPI`` reports a failed step as log text: nbgrader's converters catch what went wrong
with each submission, log it, and end with a generic "see the error log". Here each converter is
nbgrader's own class with one addition: it keeps the first exception its public
``init_assignment`` or ``convert_single_notebook`` raised. A step's result carries that
exception object, so callers look at its type and attributes, never at log lines. The log is
kept only to show a person.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from typing import Any

from nbgrader import converters
from nbgrader.utils import temp_attrs
from traitlets.config import Config


@dataclass(frozen=True)
class StepResult:
    """What one nbgrader step did: the exception it failed with (None on success), its log."""

    step: str
    error: BaseException | None = None
    log: str = ""

    @property
    def success(self) -> bool:
        """Whether the step completed."""
        return self.error is None

    @property
    def reason(self) -> str:
        """Why the step failed, in one line (empty on success)."""
        return "" if self.error is None else one_line(self.error)

    def check(self) -> StepResult:
        """This result, or :class:`StepFailed` if the step failed."""
        if self.error is not None:
            raise StepFailed.of(self)
        return self


class StepFailed(RuntimeError):
    """A grading step failed; the message says why (with nbgrader's log, if it ran)."""

    def __init__(self, message: str, result: StepResult | None = None) -> None:
        super().__init__(message)
        self.result = result

    @classmethod
    def of(cls, result: StepResult) -> StepFailed:
        """The failure of an nbgrader step, caused by the exception it failed with."""
        failure = cls(f"nbgrader {result.step} failed: {result.reason}\n{result.log}", result)
        failure.__cause__ = result.error
        return failure


def one_line(error: BaseException, limit: int = 200) -> str:
    """``Type: first line of the message``, at most ``limit`` characters."""
    lines = str(error).strip().splitlines()
    text = f"{type(error).__name__}: {lines[0] if lines else ''}".rstrip(": ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _KeepFailure:
    """Mixin for an nbgrader converter: keep the first exception a submission raised."""

    failure: BaseException | None = None

    def init_assignment(self, assignment_id: str, student_id: str) -> None:
        try:
            super().init_assignment(assignment_id, student_id)  # type: ignore[misc]
        except Exception as error:
            self.failure = self.failure or error
            raise

    def convert_single_notebook(self, notebook_filename: str) -> None:
        try:
            super().convert_single_notebook(notebook_filename)  # type: ignore[misc]
        except Exception as error:
            self.failure = self.failure or error
            raise


class GenerateAssignment(_KeepFailure, converters.GenerateAssignment):
    """nbgrader's GenerateAssignment, keeping the exception it failed with."""


class Autograde(_KeepFailure, converters.Autograde):
    """nbgrader's Autograde, keeping the exception a submission failed with."""


class GenerateFeedback(_KeepFailure, converters.GenerateFeedback):
    """nbgrader's GenerateFeedback, keeping the exception a submission failed with."""


def _run(step: str, app: Any) -> StepResult:
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(logging.Formatter("[%(levelname)s] %(message)s"))
    app.log.addHandler(handler)
    try:
        app.start()
    except Exception as error:  # noqa: BLE001 - the step's failure is its result
        return StepResult(step, app.failure or error, buffer.getvalue())
    finally:
        app.log.removeHandler(handler)
    # nbgrader ends a failed step with an exception; a kept failure without one is still one.
    return StepResult(step, app.failure, buffer.getvalue())


def generate_assignment(api: Any, assignment: str) -> StepResult:
    """Generate the learners' copy of ``assignment`` (``NbGraderAPI.generate_assignment``)."""
    with temp_attrs(api.coursedir, assignment_id=assignment):
        app = GenerateAssignment(coursedir=api.coursedir, parent=api)
        app.force = True
        app.create_assignment = True
        return _run("generate_assignment", app)


def autograde(api: Any, assignment: str, learner: str) -> StepResult:
    """Autograde ``learner``'s submission of ``assignment`` (``NbGraderAPI.autograde``)."""
    with temp_attrs(api.coursedir, assignment_id=assignment, student_id=learner):
        app = Autograde(coursedir=api.coursedir, parent=api)
        app.force = True
        app.create_student = True
        return _run("autograde", app)


def generate_feedback(api: Any, assignment: str, learner: str) -> StepResult:
    """Make ``learner``'s feedback report (``NbGraderAPI.generate_feedback``)."""
    config = Config()
    config.HTMLExporter.template_name = "feedback"  # as NbGraderAPI does
    with temp_attrs(api.coursedir, assignment_id=assignment, student_id=learner):
        app = GenerateFeedback(coursedir=api.coursedir, parent=api)
        app.update_config(config)
        app.force = True
        return _run("generate_feedback", app)
