"""Fixtures for the xAPI tests: a small graded cohort of module 01 and real ralph LRSs."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coachlab.cohort.grade import Cohort, autograded, feedback, grade, submissions
from coachlab.grading.workspace import Workspace
from tests.helpers.submissions import KINDS, build
from tests.xapi.lrs import LRSMissing, Ralph

MODULE = "01-tell-or-ask"
XAPI_ENV = ("COACHLAB_LRS_URL", "COACHLAB_LRS_USERNAME", "COACHLAB_LRS_PASSWORD",
            "COACHLAB_XAPI", "COACHLAB_XAPI_CONFIG")


@pytest.fixture(autouse=True)
def _no_lrs_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in XAPI_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="package")
def cohort(tmp_path_factory: pytest.TempPathFactory, course_root: Path) -> tuple[Workspace,
                                                                                   Cohort]:
    """Module 01 for solved, untouched and partial learners (plus ``absent``, on the roster
    only): graded, the reflections given points in the gradebook as formgrader would, and
    feedback made. No LRS is configured while this happens."""
    saved = {name: os.environ.pop(name) for name in XAPI_ENV if name in os.environ}
    root = tmp_path_factory.mktemp("xapi") / "course"
    ws = Workspace.from_course(root, course_root)
    shutil.copyfile(course_root / "nbgrader_config.py", root / "nbgrader_config.py")
    release = ws.generate(MODULE)
    staging = root.parent / "staging"
    for learner in (*KINDS, "absent"):
        ws.add_learner(learner, first=learner.title(), last="Learner",
                       email=f"{learner}@example.org")
    for kind in KINDS:
        ws.submit(kind, MODULE, build(kind, MODULE, release, root / "solutions" / MODULE,
                                      staging / kind))
    cohort = Cohort(ws.root, course_root, ws.db_url)
    grade(cohort, submissions(ws.root, [MODULE]), jobs=1, progress=None)
    grade_reflections(ws)
    feedback(cohort, autograded(ws.root, [MODULE]), jobs=1, progress=None)
    os.environ.update(saved)
    return ws, cohort


def grade_reflections(ws: Workspace) -> None:
    """Give the written reflections their points, as the instructor does in formgrader:
    full marks for solved, one point for the others."""
    with ws.gradebook() as gradebook:
        for kind in KINDS:
            for notebook in gradebook.find_submission(MODULE, kind).notebooks:
                for item in notebook.grades:
                    if item.needs_manual_grade:
                        item.manual_score = item.max_score if kind == "solved" else 1
                        item.needs_manual_grade = False  # as formgrader does on saving
        gradebook.db.commit()


@pytest.fixture()
def ralph(tmp_path: Path) -> Iterator[Callable[[], Ralph]]:
    """Start real ralph LRSs (each with its own data); all are stopped after the test. Skipped
    when ralph's environment is missing, unless COACHLAB_REQUIRE_LRS=1 (CI), which fails."""
    started: list[Ralph] = []

    def start() -> Ralph:
        try:
            server = Ralph(tmp_path / f"ralph-{len(started)}")
        except LRSMissing as error:
            if os.environ.get("COACHLAB_REQUIRE_LRS") == "1":
                pytest.fail(f"COACHLAB_REQUIRE_LRS=1 but {error}")
            pytest.skip(str(error))
        started.append(server)
        server.start()
        return server

    yield start
    for server in started:
        server.stop()
