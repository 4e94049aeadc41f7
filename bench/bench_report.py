"""Benchmark the cohort report on a synthetic gradebook: 1,000 learners × 6 modules.

Run from the repository root:  .venv/bin/python bench/bench_report.py [LEARNERS]
Rows are inserted straight into nbgrader's tables with SQL (5 graded cells per module, one of
them a written answer that sometimes still needs manual grading; a few learners skip modules).
Prints the time to read the gradebook and the time to write the whole report (CSV, PNG, HTML).
Target: the whole report in under 3 s.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coachlab.course import assignments, ensure_tools_on_path  # noqa: E402

MODULES = tuple(assignments(ROOT))  # the course's exercises, from solutions/
CELLS = (("grade-a", 10.0, "code"), ("grade-b", 6.0, "code"), ("grade-c", 4.0, "code"),
         ("grade-d", 4.0, "code"), ("reflection", 4.0, "markdown"))


def _id() -> str:
    return uuid.uuid4().hex


def fill(db_url: str, learners: int, seed: int = 1) -> None:
    """Create nbgrader's schema and insert a synthetic cohort with plain SQL."""
    from nbgrader.api import Gradebook
    from sqlalchemy import create_engine, text

    with Gradebook(db_url, "coachlab"):
        pass
    rng = random.Random(seed)
    due = datetime(2026, 3, 1)
    rows: dict[str, list[dict]] = {k: [] for k in (
        "assignment", "notebook", "base_cell", "grade_cells", "student",
        "submitted_assignment", "submitted_notebook", "grade")}
    cells: dict[str, list[tuple[str, float, str]]] = {}
    notebooks: dict[str, str] = {}
    for module in MODULES:
        aid, nid = _id(), _id()
        rows["assignment"].append({"id": aid, "name": module, "duedate": due,
                                   "course_id": "coachlab"})
        rows["notebook"].append({"id": nid, "name": module, "assignment_id": aid})
        notebooks[module] = nid
        cells[module] = []
        for name, points, kind in CELLS:
            cid = _id()
            rows["base_cell"].append({"id": cid, "name": name, "notebook_id": nid,
                                      "type": "GradeCell"})
            rows["grade_cells"].append({"id": cid, "max_score": points, "cell_type": kind})
            cells[module].append((cid, points, kind))
        cells[module + "#aid"] = [(aid, 0.0, "")]
    for n in range(learners):
        sid = f"learner{n:04d}"
        rows["student"].append({"id": sid, "first_name": "First", "last_name": f"L{n}",
                                "email": f"{sid}@example.org"})
        ability = rng.random()
        for module in MODULES:
            if rng.random() < 0.04:
                continue  # missing submission
            said, snid = _id(), _id()
            rows["submitted_assignment"].append({
                "id": said, "assignment_id": cells[module + "#aid"][0][0], "student_id": sid,
                "timestamp": due - timedelta(hours=rng.randint(-20, 200))})
            rows["submitted_notebook"].append({"id": snid, "assignment_id": said,
                                               "notebook_id": notebooks[module],
                                               "flagged": False})
            for cid, points, kind in cells[module]:
                manual = kind == "markdown"
                pending = manual and rng.random() < 0.3
                rows["grade"].append({
                    "id": _id(), "notebook_id": snid, "cell_id": cid,
                    "auto_score": None if manual else round(points * min(1, ability + 0.3
                                                                         * rng.random())),
                    "manual_score": None if pending or not manual else float(rng.randint(0, 4)),
                    "needs_manual_grade": pending})
    engine = create_engine(db_url)
    with engine.begin() as db:
        for table, items in rows.items():
            if items:
                columns = list(items[0])
                db.execute(text(f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                                f"({', '.join(':' + c for c in columns)})"), items)
    engine.dispose()


def main() -> None:
    """Fill a gradebook, then time collect() and the full report."""
    learners = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    ensure_tools_on_path()
    with tempfile.TemporaryDirectory(prefix="coachlab-bench-report-") as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'gradebook.db'}"
        start = time.perf_counter()
        fill(db_url, learners)
        print(f"synthetic gradebook: {learners} learners × {len(MODULES)} modules "
              f"in {time.perf_counter() - start:.2f} s")
        from coachlab.cohort.report import build, collect

        start = time.perf_counter()
        report = collect(db_url)
        read = time.perf_counter() - start
        start = time.perf_counter()
        report, files = build(db_url, Path(tmp) / "report")
        total = time.perf_counter() - start
        print(f"read the gradebook (one query): {read:.2f} s, {len(report.rows)} rows, "
              f"{len(report.at_risk)} learners at risk")
        print(f"whole report (read + CSV + {len(files.charts)} PNG + HTML): {total:.2f} s "
              f"(target < 3 s)")


if __name__ == "__main__":
    main()
