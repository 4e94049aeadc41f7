"""An axe-core audit (WCAG 2 A/AA) of every exercise as a learner first sees it: Run All on the
blank release, widgets included (exercise 00 is audited with its self-assessment in
test_course.py, exercise 01 with its Part D play in test_exercise.py). Run All reaches every
cell, and every quick check says in words that a blank answer is not there yet ("Not yet")."""

from __future__ import annotations

import pytest

from tests.browser.audit import assert_accessible
from tests.browser.lab import Notebook, assert_blank_exercise_ran
from tests.helpers.course import exercises

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

#: Every exercise in the course folder but 00 and 01, whose blank runs are audited in
#: test_course.py and test_exercise.py (each notebook is opened and run once in the suite).
EXERCISES = [m.exercise_path for m in exercises() if m.number not in ("00", "01")]


@pytest.mark.parametrize("path", EXERCISES, ids=lambda path: path.split("/")[1])
def test_blank_exercise_passes_the_audit(page, lab_server, path: str) -> None:
    notebook = Notebook.open(page, lab_server, path)
    notebook.run_all()
    assert_blank_exercise_ran(notebook)
    assert_accessible(page, path)
