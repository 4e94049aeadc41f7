"""Every notebook of the course is run top to bottom somewhere in the suite, once.

A learner's notebook (a lesson, practice, progress, a blank exercise) is run by Run All in a
real JupyterLab, and its page checked for errors (tests/browser/). A solution is run by
nbgrader's validator, which with ``validate_all`` fails on any cell that errors or writes to
stderr (tests/grading/test_source_validates.py). So no notebook is run a second time by a
kernel of its own here: this test only fails when a notebook is added that no run covers. How
long each takes to run is a figure of ``make bench`` (bench/bench_notebooks.py), not a timed
test.
"""

from __future__ import annotations

from pathlib import Path

from tests.browser import test_accessibility, test_course, test_exercise, test_lesson
from tests.grading.test_source_validates import EXERCISES

ROOT = Path(__file__).resolve().parents[2]

#: What the browser tests open and run with Run All, from their own constants.
RUN_IN_THE_BROWSER = {
    *test_course.RUNS,
    test_lesson.LESSON,
    test_exercise.EXERCISE,
    *test_accessibility.EXERCISES,
}


def learner_notebooks() -> set[str]:
    """Every notebook a learner opens: course/*.ipynb and exercises/*/*.ipynb."""
    found = [*ROOT.glob("course/*.ipynb"), *ROOT.glob("exercises/*/*.ipynb")]
    return {str(path.relative_to(ROOT)) for path in found if ".ipynb_checkpoints" not in path.parts}


def test_every_learner_notebook_is_run_in_the_browser() -> None:
    missing = sorted(learner_notebooks() - RUN_IN_THE_BROWSER)
    assert not missing, (f"no browser test runs {missing}: open it with Notebook.open, Run All "
                         "and assert_no_errors (or assert_blank_exercise_ran) in tests/browser/")
    gone = sorted(RUN_IN_THE_BROWSER - learner_notebooks())
    assert not gone, f"browser tests name notebooks that are not in the course: {gone}"


def test_every_solution_is_run_by_the_validator() -> None:
    solutions = {path.parent.name for path in ROOT.glob("solutions/*/*.ipynb")}
    assert solutions and solutions == set(EXERCISES)
