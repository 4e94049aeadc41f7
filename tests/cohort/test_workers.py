"""The batch always completes: a submission whose grading worker is killed fails alone.

Grading never runs learner code (tests/cohort/test_hostile.py), so no submission can reach its
worker. The worker pool is a second line that holds whatever kills a worker anyway (the kernel's
out-of-memory killer, an operator): here the course's config gets one extra step that kills the
worker when it grades a learner whose id ends in "killer".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlab.cohort.grade import FAILED, Cohort, grade, submissions, worker_context
from coachlab.grading.workspace import Workspace
from tests.cohort.conftest import MODULE
from tests.helpers.submissions import build

pytestmark = pytest.mark.pipeline

KILL_THE_WORKER = """
from nbgrader.preprocessors import NbGraderPreprocessor


class KillTheWorker(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        if str(resources.get("nbgrader", {}).get("student", "")).endswith("killer"):
            import os, signal
            os.kill(os.getpid(), signal.SIGKILL)
        return nb, resources


c.Autograde.sanitize_preprocessors = [KillTheWorker, *c.Autograde.sanitize_preprocessors]
"""


def test_a_worker_killed_by_a_submission_fails_only_that_submission(
        tmp_path: Path, course_root: Path) -> None:
    ws = Workspace.from_course(tmp_path / "course", course_root)
    config = (course_root / "nbgrader_config.py").read_text(encoding="utf-8")
    (ws.root / "nbgrader_config.py").write_text(config + KILL_THE_WORKER, encoding="utf-8")
    release = ws.generate(MODULE)
    solution = ws.root / "solutions" / MODULE
    for kind in ("solved", "partial"):
        ws.submit(kind, MODULE, build(kind, MODULE, release, solution, tmp_path / kind))
    for learner in ("a-killer", "z-killer"):
        ws.submit(learner, MODULE, {f"{MODULE}.ipynb": release / f"{MODULE}.ipynb"})
    outcomes = {o.learner: o for o in grade(Cohort(ws.root, ws.root, ws.db_url),
                                            submissions(ws.root, [MODULE]), jobs=2,
                                            progress=None)}
    for killer in ("a-killer", "z-killer"):
        assert outcomes[killer].status == FAILED
        assert "grading process died on this submission twice (killed by signal 9)" in \
            outcomes[killer].reason
    solved, partial = ws.score(MODULE, "solved"), ws.score(MODULE, "partial")
    assert outcomes["solved"].status != FAILED and solved.auto == solved.auto_max > 0
    assert outcomes["partial"].status != FAILED and 0 < partial.auto < partial.auto_max


def test_a_grading_worker_parses_submissions_under_a_memory_limit(tmp_path: Path,
                                                                  course_root: Path) -> None:
    # A worker parses notebooks and journals: whatever still blows up fails there, not the machine.
    import subprocess
    import sys

    from coachlab.cohort.worker import WORKER_MEMORY_MB

    probe = ("import resource, sys\n"
             "from pathlib import Path\n"
             "from coachlab.cohort.worker import Cohort, _init_worker\n"
             "_init_worker(Cohort(Path(sys.argv[1]), Path(sys.argv[2]),\n"
             "                    f'sqlite:///{sys.argv[1]}/gradebook.db'), quiet=False)\n"
             "print(resource.getrlimit(resource.RLIMIT_AS)[0])\n")
    done = subprocess.run([sys.executable, "-c", probe, str(tmp_path), str(course_root)],
                          capture_output=True, text=True, timeout=300, check=True)
    assert int(done.stdout.split()[-1]) == WORKER_MEMORY_MB * 2**20


def test_a_worker_process_imports_only_what_grading_needs() -> None:
    """A grading worker never imports the LRS hook or the practice bank (1.1 s a worker)."""
    import subprocess
    import sys

    code = ("import sys, coachlab.cohort.worker; "
            "print(sorted(m for m in sys.modules if m.startswith(('coachlab.xapi', "
            "'coachlab.practice', 'coachlab.cohort.grade'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.strip() == "[]", done.stdout


SAY_THE_MARK = """
import os

from nbgrader.preprocessors import NbGraderPreprocessor


class SayTheMark(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        raise RuntimeError("mark=" + os.environ.get("COACHLAB_TEST_WORKER_MARK", "unset"))


c.Autograde.sanitize_preprocessors = [SayTheMark, *c.Autograde.sanitize_preprocessors]
"""


def test_workers_start_from_the_fork_server_in_the_pools_current_environment(
        tmp_path: Path, course_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers are forked from a server that imported grading once; each still sees the
    environment of the moment its pool started it, not the server's."""
    assert worker_context().get_start_method() == "forkserver"
    ws = Workspace.from_course(tmp_path / "course", course_root)
    config = (course_root / "nbgrader_config.py").read_text(encoding="utf-8")
    (ws.root / "nbgrader_config.py").write_text(config + SAY_THE_MARK, encoding="utf-8")
    release = ws.generate(MODULE)
    ws.submit("learner", MODULE, {f"{MODULE}.ipynb": release / f"{MODULE}.ipynb"})
    cohort = Cohort(ws.root, ws.root, ws.db_url)
    reasons = []
    for mark in ("first", "second"):
        monkeypatch.setenv("COACHLAB_TEST_WORKER_MARK", mark)
        [outcome] = grade(cohort, submissions(ws.root, [MODULE]), jobs=1, progress=None)
        assert outcome.status == FAILED
        reasons.append(outcome.reason)
    assert "mark=first" in reasons[0] and "mark=second" in reasons[1], reasons
