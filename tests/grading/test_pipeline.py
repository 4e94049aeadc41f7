"""The whole nbgrader pipeline on every exercise: generate, submit, autograde, score, feedback.

For each exercise three learners submit: the solution (full marks on autograded parts), the
untouched release (zero) and a partly correct copy (in between). Widget answers reach the grader
through the answer journal, made by driving the real widgets. Feedback must show no hidden test
and no rubric, and must explain every autograded item. The grading itself is done once for the
suite, by the shared graded course (tests/helpers/graded.py); these tests read what it made.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlab.course import assignments
from tests.helpers.explanations import assert_explained
from tests.helpers.graded import GROUP, GradedCourse
from tests.helpers.report import assert_reads_as_a_report, page_text
from tests.helpers.submissions import KINDS, hidden_snippets

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group(GROUP)]

EXERCISES = assignments(Path(__file__).resolve().parents[2])


@pytest.mark.parametrize("exercise", EXERCISES)
def test_solution_full_untouched_zero_partial_between(graded_course: GradedCourse,
                                                      exercise: str) -> None:
    graded = graded_course[exercise]
    release, solution = graded.release, graded.solution

    solved = graded.score("solved")
    untouched = graded.score("untouched")
    partial = graded.score("partial")
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
        reports = sorted(graded.feedback(learner).glob("*.html"))
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
