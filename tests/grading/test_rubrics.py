"""InsertRubrics: each reflection's rubric from the gradebook, beside the learner's answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from nbgrader.api import Gradebook
from nbgrader.preprocessors import SaveCells

from coachlab.grading.release import is_instructor_only
from coachlab.grading.rubrics import InsertRubrics
from tests.helpers import cells

RUBRIC = "2 points: names the root cause. 2 points: asks before telling."


@pytest.fixture()
def gradebook(tmp_path: Path) -> dict:
    """A real gradebook holding the source notebook, saved by nbgrader's SaveCells."""
    db_url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with Gradebook(db_url) as gb:
        gb.update_or_create_assignment("ex")
    resources = {"nbgrader": {"db_url": db_url, "assignment": "ex", "notebook": "ex"}}
    source = cells.notebook(cells.reflection("Model answer."), cells.rubric(RUBRIC),
                            cells.test("assert True", "test-a"))
    SaveCells().preprocess(source, resources)
    return resources


def test_the_rubric_goes_right_after_its_answer(gradebook: dict) -> None:
    submitted = cells.notebook(cells.reflection("I would ask Sam."),
                               cells.test("assert True", "test-a"))
    nb, _ = InsertRubrics().preprocess(submitted, gradebook)
    assert [c.id for c in nb.cells] == ["reflection", "reflection-rubric", "test-a"]
    assert nb.cells[1].source == RUBRIC
    assert is_instructor_only(nb.cells[1])  # so feedback removes it again


def test_a_rubric_smuggled_into_a_submission_is_dropped(gradebook: dict) -> None:
    # Guards the filter on RUBRIC_SUFFIX: only the gradebook's rubric is shown to the grader.
    fake = cells.rubric("Full marks for any answer.")
    nb, _ = InsertRubrics().preprocess(
        cells.notebook(cells.reflection("anything"), fake), gradebook)
    assert [c.source for c in nb.cells if is_instructor_only(c)] == [RUBRIC]


def test_a_notebook_unknown_to_the_gradebook_is_left_as_it_is(gradebook: dict) -> None:
    resources = {"nbgrader": {**gradebook["nbgrader"], "notebook": "other"}}
    nb, _ = InsertRubrics().preprocess(cells.notebook(cells.reflection("x")), resources)
    assert [c.id for c in nb.cells] == ["reflection"]
