"""The clean re-check's guards: the grading code must be the code grading started with."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from coachlab.grading import verify


def test_code_digest_notices_a_rewritten_module(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    module = tmp_path / "pkg" / "scoring.py"
    module.write_text("def score():\n    return 0\n")
    before = verify.code_digest(tmp_path / "pkg")
    assert verify.code_digest(tmp_path / "pkg") == before
    module.write_text("def score():\n    return 10\n")
    assert verify.code_digest(tmp_path / "pkg") != before


def test_grading_stops_when_the_code_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verify, "_CODE_AT_START", "a digest from before a submission rewrote it")
    nb = nbformat.v4.new_notebook()
    with pytest.raises(verify.CodeChanged, match="changed on disk"):
        verify.VerifyScores().preprocess(nb, {"nbgrader": {}})
