"""Benchmark a whole cohort: grade, feedback and report for LEARNERS learners x every module.

Run from the repository root:  .venv/bin/python bench/bench_cohort.py [LEARNERS]
Builds LEARNERS (default 200) synthetic learners' submissions of every exercise with the demo's
mix (correct, partial, blank, late, broken; ``coachlab.cohort.demo``), everyone submitting
everything, then times what an instructor runs: ``coachlab grade`` (2 workers), ``coachlab
feedback`` (2 workers) and ``coachlab report``, as the commands do them. Target on 2 cores, for
200 x 6: grade + feedback + report <= 10 minutes of wall time.
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

JOBS = 2


def build(out: Path, learners: int) -> tuple[object, list[str]]:
    """A course folder at ``out`` with every exercise generated and every learner's submission."""
    from coachlab.cohort.demo import KINDS, WEIGHTS, build_submission
    from coachlab.course import resolve_modules
    from coachlab.grading.workspace import Workspace

    names = resolve_modules(ROOT, [], every=True)
    ws = Workspace.from_course(out, ROOT)
    shutil.copyfile(ROOT / "nbgrader_config.py", out / "nbgrader_config.py")
    rng = random.Random(11)
    due = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=1)
    people = [f"learner{n:03d}" for n in range(learners)]
    for learner in people:
        ws.add_learner(learner)
    for index, module in enumerate(names):
        release = ws.generate(module)
        with ws.gradebook() as gradebook:
            gradebook.update_or_create_assignment(module, duedate=due)
        for number, learner in enumerate(people):
            kind = rng.choices(KINDS, WEIGHTS)[0]
            files = build_submission(kind, release, out / "solutions" / module,
                                     out / ".staging" / learner / module, rng,
                                     skill=(index + number % 3) / (len(names) + 2))
            ws.submit(learner, module, files)
    shutil.rmtree(out / ".staging", ignore_errors=True)
    return ws, names


def _cpu() -> float:
    """CPU seconds of this process and of every child it has waited for (the grading workers
    and, through them, their jailed checks)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def main() -> None:
    """Build the cohort, then time grade, feedback and report; print plain figures."""
    from coachlab.cohort.grade import Cohort, autograded, feedback, grade, submissions
    from coachlab.cohort.report import build as build_report
    from coachlab.course import ensure_tools_on_path
    from coachlab.xapi.hook import disabled

    learners = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    ensure_tools_on_path()
    os.environ["PYTHONPATH"] = f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"
    with tempfile.TemporaryDirectory(prefix="coachlab-bench-cohort-") as tmp:
        out = Path(tmp) / "course"
        start = time.perf_counter()
        ws, names = build(out, learners)
        built = time.perf_counter() - start
        print(f"{learners} learners x {len(names)} modules = {learners * len(names)} "
              f"submissions, {os.cpu_count()} CPU(s) (built in {built:.0f} s)")
        cohort = Cohort(out, ROOT, ws.db_url)
        cpu = _cpu()
        with disabled():  # synthetic learners never reach an LRS
            start = time.perf_counter()
            outcomes = grade(cohort, submissions(out, names), jobs=JOBS, progress=None)
            graded = time.perf_counter() - start
            failed = [o for o in outcomes if o.failed]
            print(f"coachlab grade --jobs {JOBS}: {graded:.0f} s "
                  f"({graded / len(outcomes):.2f} s per submission; {len(failed)} refused or "
                  f"failed, as the demo's broken notebooks should be)")
            start = time.perf_counter()
            made = feedback(cohort, autograded(out, names), jobs=JOBS, progress=None)
            fed = time.perf_counter() - start
            print(f"coachlab feedback --jobs {JOBS}: {fed:.0f} s "
                  f"({fed / max(1, len(made)):.2f} s per report)")
        start = time.perf_counter()
        build_report(ws.db_url, out / "report", root=out)
        reported = time.perf_counter() - start
        print(f"coachlab report: {reported:.1f} s")
        total = graded + fed + reported
        print(f"grade + feedback + report: {total:.0f} s = {total / 60:.1f} min (target <= 10 min)")
        used = _cpu() - cpu
        print(f"CPU time of every process that graded, made feedback and reported: {used:.0f} s; "
              f"divided by {JOBS} cores: {used / JOBS / 60:.1f} min (the wall time on an idle "
              f"machine cannot be shorter; on a shared one, compare this figure)")


if __name__ == "__main__":
    main()
