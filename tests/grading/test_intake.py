"""Intake at grade time: CheckSubmittedFiles refuses what collect would have refused (refusal()
itself is tested piece by piece in test_jail.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coachlab.grading import intake
from tests.helpers import cells


def _resources() -> dict:
    return {"nbgrader": {"student": "ada", "assignment": "ex", "notebook": "ex"}}


@pytest.fixture()
def submission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # nbgrader converts in the course root
    folder = tmp_path / "submitted" / "ada" / "ex"
    folder.mkdir(parents=True)
    (folder / "ex.ipynb").write_text("{}", encoding="utf-8")
    return folder


def test_plain_files_are_graded(submission: Path) -> None:
    nb = cells.notebook()
    assert intake.CheckSubmittedFiles().preprocess(nb, _resources())[0] is nb


def test_a_link_placed_after_collect_is_refused(submission: Path, tmp_path: Path) -> None:
    # Guards refusal() in preprocess: `nbgrader autograde` alone must not follow the link.
    (tmp_path / "solutions.ipynb").write_text("secret", encoding="utf-8")
    os.symlink(tmp_path / "solutions.ipynb", submission / "data.yaml")
    with pytest.raises(intake.Refused, match="ada / ex not graded: data.yaml is a link"):
        intake.CheckSubmittedFiles().preprocess(cells.notebook(), _resources())


def test_a_submission_refused_at_collect_stays_refused(submission: Path) -> None:
    # Guards refused_at_collect() in preprocess.
    (submission / intake.REFUSED_FILE).write_text("ex.ipynb is a link\n", encoding="utf-8")
    with pytest.raises(intake.Refused, match="refused at collect: ex.ipynb is a link"):
        intake.CheckSubmittedFiles().preprocess(cells.notebook(), _resources())


# SafeCollect is tested through a real `nbgrader collect` in test_jail.py.


@pytest.mark.parametrize(("name", "limit", "what"), [
    ("ex.ipynb", intake.MAX_NOTEBOOK_BYTES, "notebook"),
    ("coachlab-answers.json", intake.MAX_JOURNAL_BYTES, "answer journal"),
])
def test_a_notebook_or_journal_over_its_limit_is_refused_unread(
        submission: Path, name: str, limit: int, what: str) -> None:
    assert name == "ex.ipynb" or name == intake.JOURNAL_FILE
    (submission / name).write_bytes(b" " * limit)
    assert intake.refusal(submission) is None
    (submission / name).write_bytes(b" " * (limit + 1))
    assert f"over the {what} limit" in (intake.refusal(submission) or "")
    with pytest.raises(intake.Refused, match=f"over the {what} limit"):
        intake.CheckSubmittedFiles().preprocess(cells.notebook(), _resources())


def test_a_notebook_nested_too_deep_is_refused_unread(submission: Path) -> None:
    deep = intake.MAX_NESTING + 1
    (submission / "ex.ipynb").write_text("[" * deep + "]" * deep, encoding="utf-8")
    assert f"nests {deep} levels deep" in (intake.refusal(submission) or "")
    shallow = intake.MAX_NESTING
    (submission / "ex.ipynb").write_text("[" * shallow + "]" * shallow, encoding="utf-8")
    assert intake.refusal(submission) is None


def test_lateness_is_the_graders_receipt_never_the_learners_timestamp(submission: Path) -> None:
    from datetime import UTC, datetime

    (submission / "timestamp.txt").write_text("2000-01-01 00:00:00.000000 UTC",
                                              encoding="utf-8")
    intake.write_receipt(submission, datetime(2026, 12, 7, 9, 30, tzinfo=UTC))
    stamp = intake.settle_timestamp(submission)
    assert stamp == "2026-12-07 09:30:00.000000 UTC"
    assert (submission / "timestamp.txt").read_text(encoding="utf-8").strip() == stamp
    # Placed by hand, without a receipt: one is made from the files' change times (now).
    intake.receipt_path(submission).unlink()
    assert not intake.settle_timestamp(submission).startswith("2000")
