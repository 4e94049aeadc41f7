"""The call grading makes: never raises, sends nothing unless configured, and never from the
demo's synthetic cohort."""

from __future__ import annotations

import io
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from coachlab.cohort.grade import GRADED, Outcome
from coachlab.xapi.hook import after_step, disabled

OUTCOMES = [Outcome("ada", "01-tell-or-ask", GRADED, 1.0, 2.0)]


def _cohort(root: Path) -> SimpleNamespace:
    return SimpleNamespace(root=root, db_url=f"sqlite:///{root / 'none.db'}",
                           course_id="coachlab")


def test_nothing_configured_nothing_sent(tmp_path: Path) -> None:
    stream = io.StringIO()
    assert after_step(_cohort(tmp_path), "grade", OUTCOMES, stream) is None
    assert stream.getvalue() == "" and not (tmp_path / ".coachlab").exists()


def test_a_settings_mistake_costs_one_line_not_the_grading(tmp_path: Path) -> None:
    (tmp_path / ".coachlab").mkdir()
    (tmp_path / ".coachlab" / "xapi.toml").write_text("[lrs\n")
    stream = io.StringIO()
    assert after_step(_cohort(tmp_path), "feedback", OUTCOMES, stream) is None
    assert "xAPI: nothing sent (XapiConfigError" in stream.getvalue()
    assert "grading is unaffected" in stream.getvalue()


def test_disabled_block_sends_nothing_and_restores(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACHLAB_LRS_URL", "http://127.0.0.1:9/xAPI/")
    stream = io.StringIO()
    with disabled():
        assert after_step(_cohort(tmp_path), "grade", OUTCOMES, stream) is None
    assert "COACHLAB_XAPI" not in os.environ
    assert stream.getvalue() == "" and not (tmp_path / ".coachlab").exists()
    monkeypatch.setenv("COACHLAB_XAPI", "on")
    with disabled():
        assert os.environ["COACHLAB_XAPI"] == "off"
    assert os.environ["COACHLAB_XAPI"] == "on"
