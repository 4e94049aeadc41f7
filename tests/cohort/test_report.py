"""The cohort report from a real gradebook: CSV rows, PNG charts, one self-contained HTML page,
and at-risk learners with their reasons."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from coachlab.cohort.grade import Cohort, Outcome
from coachlab.cohort.report import build, collect
from coachlab.grading.workspace import Workspace
from tests.cohort.conftest import COHORT_GROUP, MODULE
from tests.helpers.notebooks import points

ROOT = Path(__file__).resolve().parents[2]
AUTO, MANUAL = points(ROOT / "solutions" / MODULE / f"{MODULE}.ipynb")

# One worker builds the package's graded cohort (tests/cohort/conftest.py) for both files.
pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group(COHORT_GROUP)]
Graded = tuple[Workspace, Cohort, list[Outcome]]
PNG = b"\x89PNG\r\n\x1a\n"


def check_report(db_url: str, root: Path, out: Path) -> None:
    """The report for the cohort made by tests/cohort/conftest.make_cohort."""
    report, files = build(db_url, out, root=root)
    with files.csv.open(encoding="utf-8") as handle:
        rows = {r["learner"]: r for r in csv.DictReader(handle)}
    assert sorted(rows) == ["absent", "broken", "crashing", "missing", "oversized", "partial",
                            "renamed", "solved", "untouched"]
    assert {r["module"] for r in rows.values()} == {MODULE}
    assert rows["solved"]["status"] == "needs manual grading"
    assert rows["solved"]["score"] == f"{AUTO:g}"
    assert rows["solved"]["max"] == f"{AUTO + MANUAL:g}"
    assert rows["solved"]["percent"] == "100"  # of the points graded so far
    assert rows["untouched"]["status"] == "graded" and rows["untouched"]["score"] == "0"
    assert rows["broken"]["status"] == "failed" and rows["broken"]["score"] == ""
    assert "JSON" in rows["broken"]["reason"]
    assert rows["absent"]["status"] == "missing"

    assert rows["oversized"]["status"] == "failed" and "MB limit" in rows["oversized"]["reason"]
    assert set(report.at_risk) == {"absent", "broken", "missing", "untouched", "partial",
                                   "renamed", "oversized", "crashing"} - \
        ({"partial"} if float(rows["partial"]["percent"]) >= 60 else set())
    assert "not submitted" in report.at_risk["absent"][0]
    assert "could not be graded" in report.at_risk["broken"][0]
    assert "0% (below 60%)" in report.at_risk["untouched"][0]
    assert "solved" not in report.at_risk

    names = sorted(p.name for p in files.charts)
    assert names == ["funnel.png", "scores.png", "skills.png"]  # journals hold scenario plays
    for chart in files.charts:
        assert chart.read_bytes().startswith(PNG)
    page = files.html.read_text(encoding="utf-8")
    sources = re.findall(r"src='([^']*)'", page)
    assert len(sources) == 3 and all(s.startswith("data:image/png;base64,") for s in sources)
    assert "absent" in page and "not submitted" in page


def test_report_from_sqlite(graded: Graded, tmp_path: Path) -> None:
    ws, cohort, _ = graded
    check_report(cohort.db_url, ws.root, tmp_path / "report")


def test_report_without_journals_omits_the_skill_chart_with_a_note(graded: Graded,
                                                                   tmp_path: Path) -> None:
    _, cohort, _ = graded
    report, files = build(cohort.db_url, tmp_path / "plain")
    assert sorted(p.name for p in files.charts) == ["funnel.png", "scores.png"]
    assert report.skills_note
    assert "Skill growth chart omitted" in files.html.read_text(encoding="utf-8")


def test_empty_gradebook(tmp_path: Path) -> None:
    report = collect(f"sqlite:///{tmp_path / 'none.db'}")
    assert report.rows == [] and report.at_risk == {}
