"""Benchmark cohort grading: stock serial ``nbgrader autograde`` vs ``coachlab grade --jobs 2``.

Run from the repository root:  .venv/bin/python bench/bench_grading.py [SUBMISSIONS]
Builds SUBMISSIONS (default 40) submissions of module 01 (a mix of solved, partial and blank),
then grades identical copies twice: once with one stock ``nbgrader autograde 01-tell-or-ask`` run
over all learners (nbgrader's own pipeline, which executes every notebook), once with coachlab's
worker processes, which read the answers and never run the notebook. Prints both wall times and
the speed-up (target >= 5x on 2 cores), and coachlab's time per submission against the floor:
executing the same notebook once with nbclient (target <= 0.5, grading faster than running the
notebook once). The check of the answers runs in the bubblewrap jail (coachlab/grading/jail.py),
as it does by default; the jail's cost is one worker's time per submission with the jail on
against ``COACHLAB_SANDBOX=off``.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MODULE = "01-tell-or-ask"
JOBS = 2


def make_course(base: Path, count: int) -> Path:
    """A course folder with module 01 generated and ``count`` submissions."""
    from coachlab.cohort.demo import build_submission
    from coachlab.grading.workspace import Workspace

    root = base / "course"
    ws = Workspace.from_course(root, ROOT)
    shutil.copyfile(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    release = ws.generate(MODULE)
    rng = random.Random(3)
    for n in range(count):
        kind = ("correct", "partial", "blank")[n % 3]
        files = build_submission(kind, release, root / "solutions" / MODULE,
                                 base / "staging" / f"l{n:03d}", rng)
        ws.submit(f"l{n:03d}", MODULE, files)
    shutil.rmtree(base / "staging")
    return root


#: nbgrader's own pipeline for the course's folders: nothing of coachlab's but where things are.
STOCK_CONFIG = """c = get_config()
c.CourseDirectory.course_id = "coachlab"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.Execute.timeout = 60
"""


def stock_serial(root: Path) -> float:
    """Wall time of one stock ``nbgrader autograde`` CLI run over every learner."""
    (root / "nbgrader_config.py").write_text(STOCK_CONFIG)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(ROOT)}
    env.pop("COACHLAB_DB_URL", None)
    start = time.perf_counter()
    done = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "autograde", MODULE,
                           "--force"], cwd=root, env=env, capture_output=True, text=True)
    if done.returncode:
        print(f"nbgrader autograde exited {done.returncode}: {done.stderr[-600:]}")
    return time.perf_counter() - start


def coachlab_parallel(root: Path, jobs: int = JOBS) -> tuple[float, list[float]]:
    """Wall time of coachlab's grading with ``jobs`` workers, and each submission's time."""
    from coachlab.cohort import gradebook_url
    from coachlab.cohort.grade import Cohort, grade, submissions

    cohort = Cohort(root, ROOT, gradebook_url(root, f"sqlite:///{root / 'gradebook.db'}"))
    start = time.perf_counter()
    outcomes = grade(cohort, submissions(root, [MODULE]), jobs=jobs, progress=None)
    wall = time.perf_counter() - start
    failed = [o for o in outcomes if o.failed]
    if failed:
        print(f"warning: {len(failed)} failed, e.g. {failed[0].reason}")
    return wall, [o.seconds for o in outcomes]


def nbclient_floor(root: Path, runs: int = 7) -> float:
    """Median time to execute the solved notebook once with nbclient, in its folder."""
    import nbformat
    from nbclient import NotebookClient

    folder = root / "floor"
    if not folder.exists():
        shutil.copytree(root / "solutions" / MODULE, folder)
        for path in (root / "submitted" / "l000" / MODULE).iterdir():
            shutil.copyfile(path, folder / path.name)
    times = []
    for _ in range(runs):
        nb = nbformat.read(folder / f"{MODULE}.ipynb", as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=60, kernel_name="python3",
                       resources={"metadata": {"path": str(folder)}}).execute()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def per_submission(base: Path, name: str, sandbox: bool, count: int = 10) -> float:
    """Median seconds one worker spends on a submission, with the jail on or off."""
    os.environ["COACHLAB_SANDBOX"] = "on" if sandbox else "off"
    try:
        root = make_course(base / name, count)
        _, per_one = coachlab_parallel(root, jobs=1)
    finally:
        os.environ.pop("COACHLAB_SANDBOX", None)
    return statistics.median(per_one)


def main() -> None:
    """Build the submissions, grade them both ways, print plain figures."""
    from coachlab.course import ensure_tools_on_path

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    ensure_tools_on_path()
    os.environ["PYTHONPATH"] = f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"
    with tempfile.TemporaryDirectory(prefix="coachlab-bench-grading-") as tmp:
        base = Path(tmp)
        stock_root = make_course(base / "stock", count)
        ours_root = base / "ours" / "course"
        shutil.copytree(stock_root, ours_root)
        print(f"{count} submissions of {MODULE}, {os.cpu_count()} CPU(s)")
        serial = stock_serial(stock_root)
        print(f"nbgrader autograde (stock, serial, one CLI run): {serial:.1f} s "
              f"({serial / count:.2f} s per submission)")
        wall, per = coachlab_parallel(ours_root)
        print(f"coachlab grade --jobs {JOBS}: {wall:.1f} s ({wall / count:.2f} s per submission)")
        print(f"speed-up: {serial / wall:.2f}x (target >= 5x)")
        # Per-submission cost is measured one at a time, like the floor: with two workers on two
        # cores each submission also waits for the CPU, which says nothing about overhead.
        # Interleaved, so a busy moment on a shared machine does not land on one side only.
        floor = nbclient_floor(ours_root)
        on = per_submission(base, "serial-on", sandbox=True)
        floor = min(floor, nbclient_floor(ours_root))
        off = per_submission(base, "serial-off", sandbox=False)
        print(f"nbclient execution of one notebook (the floor): {floor:.2f} s")
        print(f"per-submission cost, one worker (10 submissions, median): {on:.2f} s with the "
              f"jail, {off:.2f} s without: jail cost {100 * (on / off - 1):+.1f}%")
        print(f"one worker per submission against running the notebook once: ratio "
              f"{on / floor:.2f} (target <= 0.5)")
        print(f"--jobs {JOBS} per submission against running the notebook once: ratio "
              f"{wall / count / floor:.2f}")
        print(f"(with {JOBS} workers sharing {os.cpu_count()} cores, each submission took "
              f"{statistics.fmean(per):.2f} s of wall time on average)")


if __name__ == "__main__":
    main()
