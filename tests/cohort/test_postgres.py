"""The same grading and report against a real PostgreSQL server started by the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlab.cohort.grade import FAILED, NEEDS_MANUAL, Cohort, grade, submissions
from tests.cohort.conftest import MODULE, make_cohort
from tests.cohort.test_report import check_report

pytestmark = pytest.mark.pipeline


def test_grade_and_report_on_postgres(postgres_url: str, tmp_path: Path,
                                      course_root: Path) -> None:
    ws, _ = make_cohort(tmp_path / "course", course_root, db_url=postgres_url)
    assert ws.db_url.startswith("postgresql")
    cohort = Cohort(ws.root, course_root, postgres_url)
    outcomes = {o.learner: o for o in grade(cohort, submissions(ws.root, [MODULE]), jobs=2,
                                            progress=None)}
    assert outcomes["solved"].status == NEEDS_MANUAL
    assert outcomes["broken"].status == outcomes["missing"].status == FAILED
    assert ws.score(MODULE, "partial").auto > 0
    assert not (ws.root / "gradebook.db").exists()
    check_report(postgres_url, ws.root, tmp_path / "report")
