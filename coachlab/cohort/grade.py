"""Autograde (and make feedback for) a cohort in worker processes sharing one gradebook.

nbgrader has no parallel autograde, and each nbgrader start costs seconds. Here each worker
process (:mod:`coachlab.cohort.worker`) builds one ``NbGraderAPI`` (a
:class:`~coachlab.grading.workspace.Workspace`) and grades many submissions in-process; the
workers share the gradebook (SQLite or PostgreSQL). A write
that finds the database busy (SQLite's "database is locked", PostgreSQL's serialization failure)
is retried with backoff.

Every submission gets an outcome (:mod:`coachlab.outcomes`): graded, needs manual grading,
or failed with the exception grading failed with, in one line (:mod:`coachlab.grading.steps`),
stored in the gradebook beside nbgrader's tables, so a submission that failed to grade shows as
failed in the report even if an older score is still there.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable
from multiprocessing.connection import wait
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from nbgrader.api import Gradebook
from sqlalchemy import MetaData, create_engine

from coachlab.cohort import worker
from coachlab.cohort.worker import Cohort, serve_in
from coachlab.course import ensure_tools_on_path
from coachlab.grading import jail
from coachlab.grading.neutral import for_terminal
from coachlab.outcomes import (
    FAILED,
    GRADED,
    NEEDS_MANUAL,
    Outcome,
    read_status,
    record,
    status_table,
)
from coachlab.textbar import TextBar
from coachlab.xapi.hook import after_step

if TYPE_CHECKING:  # Windows has no ForkServerContext to import
    from multiprocessing.context import ForkServerContext, SpawnContext

# ------------------------------------------------------------------------------ finding work

def submissions(root: Path, assignments: Iterable[str]) -> list[tuple[str, str]]:
    """(assignment, learner) for every folder submitted/<learner>/<assignment>/, sorted."""
    found = []
    for assignment in assignments:
        for folder in sorted((Path(root) / "submitted").glob(f"*/{assignment}")):
            if folder.is_dir() and not folder.parent.name.startswith("."):
                found.append((assignment, folder.parent.name))
    return found


def autograded(root: Path, assignments: Iterable[str]) -> list[tuple[str, str]]:
    """(assignment, learner) for every autograded/<learner>/<assignment>/ folder, sorted."""
    found = []
    for assignment in assignments:
        for folder in sorted((Path(root) / "autograded").glob(f"*/{assignment}")):
            if folder.is_dir():
                found.append((assignment, folder.parent.name))
    return found


# ------------------------------------------------------------------------------ running steps

def grade(cohort: Cohort, work: list[tuple[str, str]], jobs: int | None = None,
          progress: TextIO | None = sys.stderr, pool: _Pool | None = None) -> list[Outcome]:
    """Autograde each (assignment, learner) with ``jobs`` worker processes (default: one per
    CPU); record every outcome in the gradebook and return them in ``work``'s order.
    ``pool``: workers already started (see :func:`grade_and_feedback`)."""
    prepare_gradebook(cohort)
    outcomes = _run(cohort, "autograde", work, jobs, progress, pool)
    record(cohort.db_url, outcomes)
    after_step(cohort, "grade", outcomes, progress)  # xAPI to the LRS, if one is configured
    return outcomes


def feedback(cohort: Cohort, work: list[tuple[str, str]], jobs: int | None = None,
             progress: TextIO | None = sys.stderr, pool: _Pool | None = None
             ) -> list[Outcome]:
    """Generate feedback for each autograded (assignment, learner) whose last grading did not
    fail. Hidden tests are removed by the course's feedback preprocessor."""
    failed = {(o.assignment, o.learner) for o in read_status(cohort.db_url) if o.failed}
    todo = [item for item in work if item not in failed]
    outcomes = _run(cohort, "feedback", todo, jobs, progress, pool)
    after_step(cohort, "feedback", outcomes, progress)  # xAPI to the LRS, if one is configured
    return outcomes


def grade_and_feedback(cohort: Cohort, work: list[tuple[str, str]], jobs: int | None = None,
                       progress: TextIO | None = sys.stderr
                       ) -> tuple[list[Outcome], list[Outcome]]:
    """:func:`grade`, then :func:`feedback` for what did not fail, in the same worker processes:
    each worker starts (and imports nbgrader) once, not once a step. Self-grading a notebook
    is one submission, where starting a worker costs as much as grading it."""
    workers = _jobs(jobs, work)
    with _Pool(cohort, workers, quiet=workers > 1) as pool:
        graded = grade(cohort, work, jobs, progress, pool)
        made = feedback(cohort, work, jobs, progress, pool)
    return graded, made


def _jobs(jobs: int | None, work: list[tuple[str, str]]) -> int:
    return max(1, min(jobs or os.cpu_count() or 1, len(work) or 1))


def _run(cohort: Cohort, step: str, work: list[tuple[str, str]], jobs: int | None,
         progress: TextIO | None, pool: _Pool | None = None) -> list[Outcome]:
    jobs = _jobs(jobs, work)
    bar = ProgressBar(len(work), step, progress)
    results: dict[tuple[str, str], Outcome] = {}
    if work:
        if step == "autograde":
            jail.check()  # a missing bubblewrap stops the batch with one clear message
            if not jail.enabled() and progress is not None:
                progress.write(f"warning: {jail.OFF_WARNING}\n")

        def done(outcome: Outcome) -> None:
            results.setdefault((outcome.assignment, outcome.learner), bar.add(outcome))

        if pool is not None:
            pool.run(step, work, done)
        else:
            with _Pool(cohort, jobs, quiet=jobs > 1) as own:
                own.run(step, work, done)
    bar.close()
    return [results[item] for item in work]


#: A submission still grading after this many seconds is stopped and reported as failed.
SUBMISSION_TIMEOUT = 30 * 60


def worker_context() -> SpawnContext | ForkServerContext:
    """How grading workers start. Where the platform has a fork server (Linux, macOS), workers
    are forked from it once it has imported what grading needs (:mod:`coachlab.cohort.worker`:
    nbgrader, nbconvert, SQLAlchemy, 1.6 s), so in a process that grades more than once (a
    script, a test process) only the first pool pays for that import; a later worker starts in
    milliseconds. A command that grades once (``coachlab grade``, the grade button's
    ``coachlab self-grade``) costs the same either way. A forked worker is still a fresh
    process with nothing of an earlier submission; it is given the pool's environment
    (``serve_in``), and the working folder and ``sys.path`` as a spawned one is. Elsewhere,
    spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([worker.__name__])
    return context


class _Pool:
    """Worker processes that grade one submission at a time, so the grader always knows which
    submission a worker was grading when it died. A submission whose worker dies (killed, out of
    memory, crashed) is tried once more in a fresh worker, then reported as failed with the
    reason; the other submissions are never charged for it and keep being graded."""

    def __init__(self, cohort: Cohort, jobs: int, quiet: bool) -> None:
        self.cohort, self.jobs, self.quiet = cohort, jobs, quiet
        self.context = worker_context()
        self.timeout = SUBMISSION_TIMEOUT
        #: Live workers, kept from one :meth:`run` to the next until :meth:`close`.
        self.workers: list[dict[str, Any]] = []

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Let every worker go (killed if it lingers)."""
        while self.workers:
            self._stop(self.workers.pop())

    def run(self, step: str, work: list[tuple[str, str]],
            done: Callable[[Outcome], Any]) -> None:
        """Do ``step`` for every item of ``work``; call ``done`` with each outcome as it comes.
        On any error every worker is stopped (a worker may be mid-submission)."""
        pending = list(reversed(work))
        tries: dict[tuple[str, str], int] = {}
        workers = self.workers
        try:
            while pending or any(w["item"] for w in workers):
                busy = sum(bool(w["item"]) for w in workers)
                while len(workers) < min(self.jobs, len(pending) + busy):
                    workers.append(self._start())
                for worker in workers:
                    if worker["item"] is None and pending:
                        item = pending.pop()
                        worker["item"], worker["since"] = item, time.monotonic()
                        worker["conn"].send((step, *item))
                running = [w for w in workers if w["item"]]
                ready = wait([w["conn"] for w in running] + [w["process"].sentinel
                                                             for w in running], timeout=5)
                for worker in running:
                    item = worker["item"]
                    if worker["conn"] in ready or worker["process"].sentinel in ready:
                        try:
                            outcome = worker["conn"].recv()
                        except (EOFError, OSError):
                            outcome = self._died(worker, item, tries, pending)
                    elif time.monotonic() - worker["since"] > self.timeout:
                        worker["process"].kill()
                        worker["process"].join()
                        outcome = Outcome(item[1], item[0], FAILED, reason=(
                            f"still grading after {self.timeout // 60} minutes, so it was "
                            "stopped; the other submissions were graded"))
                    else:
                        continue
                    worker["item"] = None
                    if not worker["process"].is_alive():
                        workers.remove(worker)
                        worker["conn"].close()
                    if outcome is not None:
                        done(outcome)
        except BaseException:
            self.close()
            raise

    def _died(self, worker: dict[str, Any], item: tuple[str, str],
              tries: dict[tuple[str, str], int], pending: list[tuple[str, str]]
              ) -> Outcome | None:
        process = worker["process"]
        process.join(5)
        if process.is_alive():
            process.kill()
            process.join()
        code = process.exitcode
        how = (f"killed by signal {-code}" if code is not None and code < 0
               else f"exit code {code}")
        worker["item"] = None
        tries[item] = tries.get(item, 0) + 1
        if tries[item] < 2:
            pending.append(item)  # once more, in a fresh worker
            return None
        return Outcome(item[1], item[0], FAILED, reason=(
            f"the grading process died on this submission twice ({how}); the other "
            "submissions were graded in fresh workers"))

    def _start(self) -> dict[str, Any]:
        parent, child = self.context.Pipe()
        process = self.context.Process(target=serve_in, daemon=True,
                                       args=(dict(os.environ), child, self.cohort, self.quiet))
        process.start()
        child.close()
        return {"process": process, "conn": parent, "item": None, "since": 0.0}

    @staticmethod
    def _stop(worker: dict[str, Any]) -> None:
        try:
            worker["conn"].send(None)
        except (OSError, ValueError):
            pass
        worker["process"].join(10)
        if worker["process"].is_alive():
            worker["process"].kill()
            worker["process"].join()
        worker["conn"].close()


# ------------------------------------------------------------------------------ the gradebook

def prepare_gradebook(cohort: Cohort) -> None:
    """Create the gradebook (nbgrader's tables first) and the grading status table."""
    ensure_tools_on_path()
    with Gradebook(cohort.db_url, cohort.course_id):
        pass
    engine = create_engine(cohort.db_url)
    try:
        metadata = MetaData()
        status_table(metadata)
        metadata.create_all(engine)
    finally:
        engine.dispose()


# ------------------------------------------------------------------------------ what the user sees

class ProgressBar(TextBar):
    """The grading bar: submissions done, and how many failed."""

    def __init__(self, total: int, label: str, stream: TextIO | None, width: int = 30) -> None:
        super().__init__(total, label, stream, width)
        self.failed = 0

    def add(self, outcome: Outcome) -> Outcome:
        """Count one finished submission and redraw; returns ``outcome``."""
        self.failed += outcome.failed
        self.advance()
        return outcome

    def suffix(self) -> str:
        return f"  failed {self.failed}"


def summary(outcomes: list[Outcome]) -> str:
    """A plain-text table: per exercise, how many were graded, need manual grading, failed;
    then each failure with its reason (learner-chosen text neutralised for the terminal)."""
    if not outcomes:
        return "nothing to grade: no submissions found under submitted/<learner>/<exercise>/"
    names = sorted({o.assignment for o in outcomes})
    width = max(len("exercise"), *(len(for_terminal(name)) for name in names))
    lines = [f"{'exercise':<{width}}  {'graded':>6}  {'manual':>6}  {'failed':>6}"]
    for name in names:
        mine = [o for o in outcomes if o.assignment == name]
        counts = [sum(o.status == s for o in mine) for s in (GRADED, NEEDS_MANUAL, FAILED)]
        shown = for_terminal(name)
        lines.append(f"{shown:<{width}}  {counts[0]:>6}  {counts[1]:>6}  {counts[2]:>6}")
    failures = [o for o in outcomes if o.failed]
    if failures:
        lines.append("")
        lines.append("failed (an earlier score, if any, is marked failed in the report):")
        # Names and reasons may carry learner-chosen text (ids, file names): one line each.
        lines += [f"  {for_terminal(o.learner)} / {for_terminal(o.assignment)}: "
                  f"{for_terminal(o.reason)}" for o in failures]
    manual = sum(o.status == NEEDS_MANUAL for o in outcomes)
    if manual:
        lines.append("")
        lines.append(f"{manual} submission(s) need manual grading: open Formgrader "
                     "(jupyter lab › Nbgrader › Formgrader).")
    return "\n".join(lines)
