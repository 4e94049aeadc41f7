"""The batch always completes: a submission that kills its grading worker fails alone.

With the jail on, learner code cannot reach the worker at all (tests/cohort/test_hostile.py).
The worker pool is a second line that holds whatever kills a worker: here the jail is switched
off, so a learner's cell can kill the worker process that runs its kernel.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from coachlab.cohort.grade import FAILED, Cohort, grade, submissions
from coachlab.grading.workspace import Workspace
from tests.cohort.conftest import MODULE
from tests.helpers.submissions import build

pytestmark = pytest.mark.pipeline

KILLER = "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\nos._exit(0)"


def test_a_worker_killed_by_a_submission_fails_only_that_submission(
        tmp_path: Path, course_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACHLAB_SANDBOX", "off")
    ws = Workspace.from_course(tmp_path / "course", course_root)
    release = ws.generate(MODULE)
    solution = ws.root / "solutions" / MODULE
    for kind in ("solved", "partial"):
        ws.submit(kind, MODULE, build(kind, MODULE, release, solution, tmp_path / kind))
    nb = nbformat.read(release / f"{MODULE}.ipynb", as_version=4)
    next(c for c in nb.cells if c.id == "answers-a").source = KILLER
    nbformat.write(nb, tmp_path / "killer.ipynb")
    for learner in ("a-killer", "z-killer"):
        ws.submit(learner, MODULE, {f"{MODULE}.ipynb": tmp_path / "killer.ipynb"})
    outcomes = {o.learner: o for o in grade(Cohort(ws.root, course_root, ws.db_url),
                                            submissions(ws.root, [MODULE]), jobs=2,
                                            progress=None)}
    for killer in ("a-killer", "z-killer"):
        assert outcomes[killer].status == FAILED
        assert "grading process died on this submission twice (killed by signal 9)" in \
            outcomes[killer].reason
    solved, partial = ws.score(MODULE, "solved"), ws.score(MODULE, "partial")
    assert outcomes["solved"].status != FAILED and solved.auto == solved.auto_max > 0
    assert outcomes["partial"].status != FAILED and 0 < partial.auto < partial.auto_max
