"""A clean check that cannot run is a grading error, never a score.

The check is broken on purpose, the way a loaded machine breaks it: its time limit is set to
nothing, so no check can finish in time. ``coachlab grade`` must then report every submission as
failed with the reason, after trying each once more, save no score, and exit non-zero naming them.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coachlab.grading import jail
from coachlab.grading.workspace import Workspace
from tests.cohort.conftest import MODULE
from tests.helpers.sandbox import require_sandbox
from tests.helpers.submissions import build

pytestmark = pytest.mark.pipeline


def test_a_check_that_cannot_run_fails_each_submission_with_the_reason(
        tmp_path: Path, course_root: Path) -> None:
    require_sandbox()
    root = tmp_path / "course"
    (root / "solutions").mkdir(parents=True)
    config = (course_root / "nbgrader_config.py").read_text()
    (root / "nbgrader_config.py").write_text(config + "\nc.ScoreAnswers.timeout = 0\n")
    shutil.copytree(course_root / "solutions" / MODULE, root / "solutions" / MODULE,
                    ignore=shutil.ignore_patterns("coachlab-answers.json*"))
    ws = Workspace(root, root)
    release = ws.generate(MODULE)
    for kind in ("solved", "partial"):
        ws.add_learner(kind)
        ws.submit(kind, MODULE, build(kind, MODULE, release, root / "solutions" / MODULE,
                                      tmp_path / kind))
    env = {**os.environ, "COACHLAB_ROOT": str(root)}
    env.pop("COACHLAB_DB_URL", None)
    env.pop(jail.SWITCH, None)
    done = subprocess.run([str(Path(sys.executable).parent / "coachlab"), "grade", "01",
                           "--jobs", "2"], cwd=root, env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 1, done.stdout + done.stderr[-2000:]
    for kind in ("solved", "partial"):
        line = next((line for line in done.stdout.splitlines()
                     if line.strip().startswith(f"{kind} / ")), "")
        assert "grading error, tried twice, no score saved" in line, done.stdout
        assert "check of the answers" in line, line
    with sqlite3.connect(root / "gradebook.db") as db:
        scores = db.execute("select auto_score from grade where auto_score is not null"
                            ).fetchall()
    assert scores == []
    assert not list((root / "autograded").rglob("*.ipynb"))
