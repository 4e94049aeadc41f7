"""Fixtures for the cohort tests: a small graded cohort of module 01 and a PostgreSQL server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from coachlab.cohort.grade import Cohort, Outcome, grade, submissions
from coachlab.course import JOURNAL_FILE
from coachlab.grading.workspace import Workspace
from tests.cohort.postgres import PostgresMissing, running_server
from tests.helpers.submissions import KINDS, build

MODULE = "01-tell-or-ask"
#: The xdist group of every test that reads ``graded``: with ``--dist loadgroup`` one worker
#: grades the cohort, instead of each worker grading its own (30 s each).
COHORT_GROUP = "cohort-graded"
LEARNERS = (*KINDS, "broken", "missing", "renamed", "oversized", "crashing")


def make_cohort(root: Path, course: Path, db_url: str | None = None) -> tuple[Workspace, Path]:
    """A workspace with module 01 generated and one submission per kind of learner: solved,
    untouched, partial, broken (not JSON) and missing (no notebook). Plus ``absent`` on the
    roster, who submits nothing."""
    ws = Workspace.from_course(root, course, db_url)
    release = ws.generate(MODULE)
    solution = ws.root / "solutions" / MODULE
    staging = root.parent / f"{root.name}-staging"
    for learner in (*LEARNERS, "absent"):
        ws.add_learner(learner, first=learner.title(), last="Learner")
    for kind in KINDS:
        ws.submit(kind, MODULE, build(kind, MODULE, release, solution, staging / kind))
    ws.submit("broken", MODULE, {f"{MODULE}.ipynb": b'{"cells": [ not json'})
    journal = build("solved", MODULE, release, solution, staging / "missing")[JOURNAL_FILE]
    ws.submit("missing", MODULE, {JOURNAL_FILE: journal})
    solved = build("solved", MODULE, release, solution, staging / "renamed")
    ws.submit("renamed", MODULE, {"my-answers.ipynb": solved[f"{MODULE}.ipynb"]})
    oversized = dict(build("solved", MODULE, release, solution, staging / "oversized"))
    (staging / "video.mp4").write_bytes(b"\0" * (51 * 1024 * 1024))
    ws.submit("oversized", MODULE, {**oversized, "video.mp4": staging / "video.mp4"})
    ws.submit("crashing", MODULE, build("crashing", MODULE, release, solution, staging / "crash"))
    return ws, release


@pytest.fixture(scope="package")
def graded(tmp_path_factory: pytest.TempPathFactory,
           course_root: Path) -> tuple[Workspace, Cohort, list[Outcome]]:
    """Module 01 graded with two worker processes (SQLite gradebook)."""
    ws, _ = make_cohort(tmp_path_factory.mktemp("cohort") / "course", course_root)
    cohort = Cohort(ws.root, course_root, ws.db_url)
    outcomes = grade(cohort, submissions(ws.root, [MODULE]), jobs=2, progress=None)
    return ws, cohort, outcomes


@pytest.fixture(scope="package")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database; skipped (or failed with COACHLAB_REQUIRE_POSTGRES=1) when
    PostgreSQL is not installed."""
    try:
        with running_server() as url:
            yield url
    except PostgresMissing as error:
        if os.environ.get("COACHLAB_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"COACHLAB_REQUIRE_POSTGRES=1 but {error}")
        pytest.skip(str(error))
