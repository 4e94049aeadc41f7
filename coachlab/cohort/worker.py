"""A grading worker process: it builds one workspace, then grades what its pool sends.

Kept apart from :mod:`coachlab.cohort.grade` (the pool and the cohort's steps), so that a worker
process imports only what grading needs: ``grade`` also reports each step to the company's LRS
(:mod:`coachlab.xapi.hook`, which brings the practice bank). ``python -X importtime``: importing
this module takes 1.6 s, importing ``coachlab.cohort.grade`` 2.7 s, and a worker did nothing
with the difference.
"""

from __future__ import annotations

import logging
import os
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coachlab.course import load_config
from coachlab.grading import checkserver, intake, steps
from coachlab.grading.limits import memory_cap
from coachlab.grading.score import CheckFailed
from coachlab.grading.steps import one_line
from coachlab.grading.workspace import Workspace
from coachlab.outcomes import FAILED, GRADED, LOCK_RETRIES, NEEDS_MANUAL, Outcome
from coachlab.retry import is_busy, with_backoff


@dataclass(frozen=True)
class Cohort:
    """Where a cohort's files live: ``root`` (submitted/, autograded/...), the settings of the
    course at ``course``, and the gradebook ``db_url``."""

    root: Path
    course: Path
    db_url: str

    @property
    def course_id(self) -> str:
        """nbgrader's course id from the course settings."""
        return str(load_config(self.course).CourseDirectory.course_id or "default_course")


#: Address-space limit of a grading worker, in MiB. A worker parses each submission's notebook
#: and journal (after the byte and nesting limits); input that still blows up while parsing
#: fails that submission with a MemoryError, or kills its worker, instead of the machine.
WORKER_MEMORY_MB = 4096


def serve_in(environ: dict[str, str], conn: Any, cohort: Cohort, quiet: bool) -> None:
    """:func:`serve`, in the environment the pool had when it started this worker. A spawned
    worker inherits that environment; a forked one would keep the fork server's, from the
    moment the server started, so it is handed the pool's here."""
    os.environ.clear()
    os.environ.update(environ)
    try:
        serve(conn, cohort, quiet)
    finally:
        # A forked worker ends with os._exit, which runs no atexit handler: stop this
        # worker's check server and remove its scratch folder here, as a spawned one would.
        checkserver.reset()


def serve(conn: Any, cohort: Cohort, quiet: bool) -> None:
    """A worker's life: build the workspace once, then grade what the pool sends until None."""
    _init_worker(cohort, quiet)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        step, assignment, learner = task
        try:
            outcome = _do(step, assignment, learner)
        except Exception as error:  # noqa: BLE001 - every failure is an outcome with a reason
            outcome = Outcome(learner, assignment, FAILED, reason=_first_line(error))
        conn.send(outcome)


# ------------------------------------------------------------------------------ inside a worker

_WORKSPACE: Any = None


def _init_worker(cohort: Cohort, quiet: bool) -> None:
    """Build this process's one NbGraderAPI; silence nbgrader's and the kernels' chatter."""
    global _WORKSPACE

    cap = memory_cap(WORKER_MEMORY_MB)
    if cap is not None:
        cap()
    warnings.filterwarnings("ignore")
    logging.getLogger("traitlets").setLevel(logging.ERROR)
    if quiet:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
    _WORKSPACE = Workspace(cohort.root, cohort.course, cohort.db_url)


def _do(step: str, assignment: str, learner: str) -> Outcome:
    start = time.perf_counter()
    outcome = (_autograde if step == "autograde" else _feedback)(assignment, learner)
    return Outcome(outcome.learner, outcome.assignment, outcome.status, outcome.score,
                   outcome.max_score, outcome.reason, time.perf_counter() - start)


def _autograde(assignment: str, learner: str) -> Outcome:
    ws = _WORKSPACE
    refused = _refused(ws.root, assignment, learner)
    if refused is not None:
        return Outcome(learner, assignment, FAILED, reason=refused)
    # Lateness is judged by the grader's receipt, never by a timestamp.txt the learner wrote.
    intake.settle_timestamp(ws.root / "submitted" / learner / assignment)
    result = _with_retry(lambda: steps.autograde(ws.api, assignment, learner))
    if not result.success and isinstance(result.error, CheckFailed):
        # The grader's fault (a loaded machine, a broken install), not the learner's: once more.
        result = _with_retry(lambda: steps.autograde(ws.api, assignment, learner))
        if not result.success and isinstance(result.error, CheckFailed):
            return Outcome(learner, assignment, FAILED, reason=(
                f"grading error, tried twice, no score saved: {result.reason}"))
    if not result.success:
        return Outcome(learner, assignment, FAILED, reason=result.reason)
    try:
        score = _with_retry_call(lambda: ws.score(assignment, learner))
    except Exception as error:
        return Outcome(learner, assignment, FAILED, reason=_first_line(error))
    status = NEEDS_MANUAL if score.needs_manual_grade else GRADED
    return Outcome(learner, assignment, status, score.total, score.max)


def _feedback(assignment: str, learner: str) -> Outcome:
    ws = _WORKSPACE
    result = _with_retry(lambda: steps.generate_feedback(ws.api, assignment, learner))
    if not result.success:
        return Outcome(learner, assignment, FAILED, reason=result.reason)
    return Outcome(learner, assignment, "feedback")


def _missing_notebooks(root: Path, assignment: str, learner: str) -> str | None:
    """A reason when the submission holds none of the exercise's notebooks."""
    source = root / "solutions" / assignment
    expected = sorted(p.name for p in source.glob("*.ipynb"))
    folder = root / "submitted" / learner / assignment
    if expected and not any((folder / name).is_file() and not (folder / name).is_symlink()
                            for name in expected):
        return f"no notebook submitted (expected {', '.join(expected)})"
    return None


def _refused(root: Path, assignment: str, learner: str) -> str | None:
    """Why a submission is not graded at all: refused at collect, links, devices, FIFOs, too
    large (:mod:`coachlab.grading.intake`), or no notebook. Looked at without following links."""
    folder = root / "submitted" / learner / assignment
    return (intake.refused_at_collect(folder) or intake.refusal(folder)
            or _missing_notebooks(root, assignment, learner))


def _with_retry(call: Callable[[], Any]) -> Any:
    """A step's result, run again with backoff while the gradebook was busy."""
    return with_backoff(call, attempts=LOCK_RETRIES, base=0.2,
                        retry_result=lambda result: not result.success and is_busy(result.error))


def _with_retry_call(call: Callable[[], Any]) -> Any:
    return with_backoff(call, attempts=LOCK_RETRIES, base=0.2, retry_error=is_busy)


def _first_line(error: BaseException) -> str:
    return one_line(error)
