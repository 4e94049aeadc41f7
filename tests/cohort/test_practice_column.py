"""The cohort report's practice column: sessions in the last 14 days and streak per learner."""

from __future__ import annotations

import csv
import json
from datetime import date, timedelta
from pathlib import Path

from coachlab.cohort.report import CohortReport, Row, cohort_practice, write
from coachlab.practice.state import KEY

TODAY = date(2026, 12, 10)


def _journal(path: Path, offsets: list[int]) -> None:
    days = {(TODAY - timedelta(days=o)).isoformat(): {"answered": 4, "right": 3}
            for o in offsets}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "answers": {
        KEY: {"value": {"cards": {}, "days": days}, "updated": "2026-12-10T09:00:00+00:00"},
        "01.sorter": {"value": {"choices": {}}, "updated": "2026-12-10T09:00:00+00:00"},
    }}), encoding="utf-8")


def test_practice_from_submitted_journals(tmp_path: Path) -> None:
    submitted = tmp_path / "submitted"
    _journal(submitted / "ada" / "01-tell-or-ask" / "coachlab-answers.json", [0, 1, 2, 30])
    _journal(submitted / "ada" / "02-find-the-root-cause" / "coachlab-answers.json", [3, 9])
    _journal(submitted / "ben" / "01-tell-or-ask" / "coachlab-answers.json", [20])
    practice = cohort_practice(tmp_path, ["ada", "ben", "cy"], TODAY)
    assert (practice["ada"].sessions, practice["ada"].streak) == (5, 4)
    assert (practice["ben"].sessions, practice["ben"].streak) == (0, 0)
    assert practice["ben"].last_day == TODAY - timedelta(days=20)
    assert practice["cy"].text == "none yet"

    rows = [Row(learner, "", "", "01-tell-or-ask", 10.0, 20.0, "graded", graded_max=20.0)
            for learner in ("ada", "ben", "cy")]
    report = CohortReport(["01-tell-or-ask"], ["ada", "ben", "cy"], rows, {},
                          practice=practice)
    files = write(report, tmp_path / "out")
    page = files.html.read_text(encoding="utf-8")
    assert "<h2>Practice</h2>" in page
    assert "<td>ada</td><td>5 in 14 days, streak 4</td><td>2026-12-10</td>" in page
    assert "<td>cy</td><td>none yet</td><td>–</td>" in page
    with files.csv.open(encoding="utf-8") as handle:
        found = {r["learner"]: r for r in csv.DictReader(handle)}
    assert (found["ada"]["practice_sessions_14d"], found["ada"]["practice_streak"]) == ("5", "4")
    assert found["cy"]["practice_sessions_14d"] == "0"
