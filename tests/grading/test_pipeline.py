"""The whole nbgrader pipeline on every exercise: generate, submit, autograde, score, feedback.

For each exercise three learners submit: the solution (full marks on autograded parts), the
untouched release (zero) and a partly correct copy (in between). Widget answers reach the grader
through the answer journal, made by driving the real widgets. Feedback must show no hidden test
and no rubric, and must explain every autograded item.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlab.course import assignments
from coachlab.grading.workspace import Workspace
from tests.helpers.explanations import assert_explained
from tests.helpers.report import assert_reads_as_a_report, page_text
from tests.helpers.submissions import KINDS, build, hidden_snippets

pytestmark = pytest.mark.pipeline

EXERCISES = assignments(Path(__file__).resolve().parents[2])


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, course_root: Path) -> Workspace:
    ws = Workspace.from_course(tmp_path_factory.mktemp("course"), course_root)
    for learner in KINDS:
        ws.add_learner(learner, first=learner.title(), last="Learner")
    return ws


@pytest.mark.parametrize("exercise", EXERCISES)
def test_solution_full_untouched_zero_partial_between(workspace: Workspace, exercise: str,
                                                      tmp_path: Path) -> None:
    release = workspace.generate(exercise)
    solution = workspace.root / "solutions" / exercise
    for learner in KINDS:
        files = build(learner, exercise, release, solution, tmp_path / learner)
        workspace.submit(learner, exercise, files)
        workspace.autograde(exercise, learner)

    solved = workspace.score(exercise, "solved")
    untouched = workspace.score(exercise, "untouched")
    partial = workspace.score(exercise, "partial")
    assert solved.auto_max > 0
    assert solved.auto == solved.auto_max, solved
    assert untouched.auto == 0, untouched
    assert 0 < partial.auto < partial.auto_max, partial
    # Untouched written answers score zero; the others wait for the instructor.
    assert untouched.manual == 0
    assert solved.needs_manual_grade

    secrets = hidden_snippets(solution)
    assert secrets, "expected hidden tests and rubrics in the solution"
    notebooks = sorted(p.stem for p in release.glob("*.ipynb"))
    for learner in KINDS:
        reports = sorted(workspace.feedback(exercise, learner).glob("*.html"))
        assert [r.stem for r in reports] == notebooks
        for report in reports:
            html = report.read_text(encoding="utf-8")
            leaked = [s for s in secrets if s in html]
            assert not leaked, f"{learner}'s feedback shows hidden material: {leaked[:3]}"
            assert "Self-review checklist" not in html  # only self-grading shows rubrics
            # Every autograded item: the learner's answer, a verdict and its explanation.
            assert_explained(html, solution, learner)
            assert_reads_as_a_report(html, solution)
            if learner != "untouched":  # a blank reflection is scored 0 without being read
                assert "read by your instructor." in page_text(html)
