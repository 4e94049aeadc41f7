"""The cohort commands end to end on a small course folder (module 01 only)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from coachlab.cli import main
from coachlab.grading.workspace import Workspace
from tests.cohort.conftest import MODULE

pytestmark = pytest.mark.pipeline


@pytest.fixture()
def course(tmp_path: Path, course_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "course"
    (root / "solutions").mkdir(parents=True)
    shutil.copyfile(course_root / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(course_root / "solutions" / MODULE, root / "solutions" / MODULE,
                    ignore=shutil.ignore_patterns("coachlab-answers.json*"))
    monkeypatch.setenv("COACHLAB_ROOT", str(root))
    monkeypatch.delenv("COACHLAB_DB_URL", raising=False)
    return root


def test_cohort_commands(course: Path, tmp_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,first_name,last_name,email\nada,Ada,L,ada@\n", encoding="utf-8")
    assert main(["roster", "import", str(bad)]) == 1
    assert "line 2: bad email" in capsys.readouterr().err
    roster = tmp_path / "roster.csv"
    roster.write_text("id,first name,last name,email\nada,Ada,Lovelace,ada@example.org\n"
                      "bo,Bo,Brandt,bo@example.org\n", encoding="utf-8")
    assert main(["roster", "import", str(roster)]) == 0
    assert "2 learner(s) added, 0 updated" in capsys.readouterr().out
    assert main(["roster", "import", str(roster)]) == 0
    assert "0 learner(s) added, 2 updated" in capsys.readouterr().out

    ws = Workspace(course, course)
    ws.generate(MODULE)
    ws.submit("ada", MODULE, {f"{MODULE}.ipynb": course / "solutions" / MODULE / f"{MODULE}.ipynb"})
    ws.submit("bo", MODULE, {f"{MODULE}.ipynb": b"not a notebook"})

    assert main(["grade"]) == 2
    assert "--all" in capsys.readouterr().err
    assert main(["grade", "01", "--jobs", "2"]) == 1  # one submission failed
    out = capsys.readouterr()
    assert "bo / 01-tell-or-ask: NotJSONError" in out.out
    assert "autograde [" in out.err
    assert main(["feedback", "--all"]) == 0
    assert "feedback made for 1 submission(s)" in capsys.readouterr().out
    assert (course / "feedback" / "ada" / MODULE / f"{MODULE}.html").is_file()

    assert main(["report", "--out", str(tmp_path / "report")]) == 0
    out = capsys.readouterr().out
    assert "bo: 01-tell-or-ask: could not be graded" in out
    with (tmp_path / "report" / "report.csv").open(encoding="utf-8") as handle:
        rows = {r["learner"]: r["status"] for r in csv.DictReader(handle)}
    assert rows == {"ada": "needs manual grading", "bo": "failed"}

    assert main(["progress", "--no-validate", "--chart", str(tmp_path / "me.png")]) == 0
    assert "Next:" in capsys.readouterr().out
    assert (tmp_path / "me.png").is_file()


def test_demo(course: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "demo"
    assert main(["demo", "--learners", "3", "--modules", "01", "--out", str(out),
                 "--jobs", "2"]) == 0
    printed = capsys.readouterr().out
    assert f"demo report: {out / 'report' / 'report.html'}" in printed
    with (out / "report" / "report.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3 and {r["module"] for r in rows} == {MODULE}
