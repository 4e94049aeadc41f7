"""An axe-core audit (WCAG 2 A/AA) of every exercise as a learner first sees it: Run All on the
blank release, widgets included (exercise 00 is audited with its self-assessment in
test_course.py). Quick checks that find a blank answer say so in words ("Not yet")."""

from __future__ import annotations

import pytest

from tests.browser.audit import assert_accessible
from tests.browser.lab import Notebook, error_outputs, unrun_cells
from tests.helpers.course import exercises

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

#: Every exercise in the course folder but 00 (audited with its self-assessment in test_course.py).
EXERCISES = [m.exercise_path for m in exercises() if m.number != "00"]


@pytest.mark.parametrize("path", EXERCISES, ids=lambda path: path.split("/")[1])
def test_blank_exercise_passes_the_audit(page, lab_server, path: str) -> None:
    notebook = Notebook.open(page, lab_server, path)
    notebook.run_all()
    assert unrun_cells(notebook) == 0, "Run All should reach every cell of a blank exercise"
    checks = error_outputs(notebook)
    assert checks and all("Not yet" in said for said in checks), checks
    assert_accessible(page, path)
