"""Grade a small cohort of module 01 with two worker processes against real nbgrader."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlab.cohort.grade import (
    FAILED,
    GRADED,
    NEEDS_MANUAL,
    Cohort,
    Outcome,
    autograded,
    feedback,
    grade,
    read_status,
    submissions,
    summary,
)
from coachlab.grading.workspace import Workspace
from tests.cohort.conftest import COHORT_GROUP, MODULE
from tests.helpers.submissions import hidden_snippets

# One worker builds the package's graded cohort (tests/cohort/conftest.py) for both files.
pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group(COHORT_GROUP)]
Graded = tuple[Workspace, Cohort, list[Outcome]]
#: The learners graded again by the rerun test: one per outcome.
RERUN = ("broken", "solved", "untouched")


def _by_learner(outcomes: list[Outcome]) -> dict[str, Outcome]:
    return {o.learner: o for o in outcomes}


def test_scores_failures_and_the_rest_graded(graded: Graded) -> None:
    ws, _, outcomes = graded
    result = _by_learner(outcomes)
    assert sorted(result) == ["broken", "crashing", "missing", "oversized", "partial", "renamed",
                              "solved", "untouched"]
    solved, untouched, partial = (ws.score(MODULE, k) for k in ("solved", "untouched", "partial"))
    assert solved.auto == solved.auto_max > 0
    assert untouched.auto == 0
    assert 0 < partial.auto < partial.auto_max
    assert result["solved"].status == NEEDS_MANUAL  # the reflection waits for the instructor
    assert result["solved"].score == solved.total and result["solved"].max_score == solved.max
    assert result["untouched"].status == GRADED  # an empty reflection scores zero by itself
    assert result["broken"].status == FAILED
    assert "not appear to be JSON" in result["broken"].reason
    assert "\n" not in result["broken"].reason
    assert result["missing"].status == FAILED
    assert "no notebook submitted" in result["missing"].reason
    assert result["renamed"].status == FAILED
    assert "no notebook submitted (expected 01-tell-or-ask.ipynb)" in result["renamed"].reason
    assert result["oversized"].status == FAILED
    assert "over the 50 MB limit" in result["oversized"].reason
    # A kernel killed by os._exit, then a memory hog: graded, and no more than the honest answers
    # (label_1 right, one open question) would earn.
    crashing = ws.score(MODULE, "crashing")
    assert result["crashing"].status in (GRADED, NEEDS_MANUAL), result["crashing"].reason
    assert crashing.auto <= 1 + 2, crashing
    table = summary(outcomes)
    assert "broken / 01-tell-or-ask: NotJSONError" in table
    assert "need manual grading" in table


def test_outcomes_are_stored_and_rerun_is_safe(graded: Graded) -> None:
    ws, cohort, outcomes = graded
    stored = {(o.learner, o.status) for o in read_status(cohort.db_url)}
    assert stored == {(o.learner, o.status) for o in outcomes}
    # Rerun one submission of each outcome (graded, waiting for the instructor, failed): each
    # gives the same outcome again and is stored once. Re-grading all eight proved no more and
    # cost as much as the first grading.
    again = grade(cohort, [(MODULE, learner) for learner in RERUN], jobs=2, progress=None)
    first = _by_learner(outcomes)
    assert {(o.learner, o.status, o.score) for o in again} == \
        {(first[learner].learner, first[learner].status, first[learner].score)
         for learner in RERUN}
    assert {o.status for o in again} == {GRADED, NEEDS_MANUAL, FAILED}
    assert len(read_status(cohort.db_url)) == len(outcomes)
    assert {(o.learner, o.status) for o in read_status(cohort.db_url)} == stored
    with ws.gradebook() as gradebook:
        # broken, crashing, partial, solved, untouched: each once, no duplicates
        assert len(gradebook.find_assignment(MODULE).submissions) == 5


def test_feedback_has_no_hidden_tests(graded: Graded) -> None:
    ws, cohort, _ = graded
    made = feedback(cohort, autograded(ws.root, [MODULE]), jobs=2, progress=None)
    assert sorted(o.learner for o in made) == ["crashing", "partial", "solved", "untouched"]
    assert not any(o.failed for o in made)
    secrets = hidden_snippets(ws.root / "solutions" / MODULE)
    assert secrets
    for learner in ("crashing", "partial", "solved", "untouched"):
        html = (ws.root / "feedback" / learner / MODULE / f"{MODULE}.html").read_text()
        assert "points checked automatically" in html and 'name="coachlab-score"' in html
        assert not [s for s in secrets if s in html], learner


def test_a_failed_regrade_does_not_leave_the_old_score_current(
        tmp_path: Path, course_root: Path) -> None:
    ws = Workspace.from_course(tmp_path / "course", course_root)
    ws.generate(MODULE)
    solution = ws.root / "solutions" / MODULE / f"{MODULE}.ipynb"
    ws.submit("ada", MODULE, {f"{MODULE}.ipynb": solution})
    cohort = Cohort(ws.root, course_root, ws.db_url)
    first = grade(cohort, submissions(ws.root, [MODULE]), jobs=1, progress=None)
    assert first[0].status == NEEDS_MANUAL and first[0].score
    ws.submit("ada", MODULE, {f"{MODULE}.ipynb": b"{"})
    second = grade(cohort, submissions(ws.root, [MODULE]), jobs=1, progress=None)
    assert second[0].status == FAILED
    from coachlab.cohort.report import collect

    row = collect(cohort.db_url).rows[0]
    assert (row.learner, row.status, row.percent) == ("ada", FAILED, None)
    assert "JSON" in row.reason

