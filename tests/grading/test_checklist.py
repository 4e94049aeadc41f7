"""Self-graded feedback: rubrics become self-review checklists; a note says what the score means."""

from __future__ import annotations

from nbformat.v4 import new_markdown_cell

from coachlab.grading.checklist import CHECKLIST, RubricChecklist, SelfGradedNote
from coachlab.grading.feedback import HideInstructorContent
from coachlab.grading.release import is_instructor_only
from tests.helpers import cells


def _reinserted_rubric(text: str) -> new_markdown_cell:
    # As InsertRubrics writes it: no nbgrader metadata, named by its cell id.
    cell = new_markdown_cell(text, id="reflection-rubric")
    cell.metadata["coachlab"] = {"instructor_only": True}
    return cell


def test_a_rubric_becomes_a_checklist_that_survives_feedback() -> None:
    nb = cells.notebook(cells.reflection("I asked."), _reinserted_rubric("names the cause"))
    nb, _ = RubricChecklist().preprocess(nb, {})
    nb, _ = HideInstructorContent().preprocess(nb, {})
    (checklist,) = [c for c in nb.cells if c.metadata.get("coachlab", {}).get(CHECKLIST)]
    assert checklist.source.startswith("**Self-review checklist.**")
    assert checklist.source.endswith("names the cause")


def test_other_instructor_cells_stay_hidden() -> None:
    # Guards the RUBRIC_SUFFIX check: a model answer marked instructor-only is not a rubric.
    model = new_markdown_cell("Model answer: ask what the CFO said.", id="model-answer")
    model.metadata["coachlab"] = {"instructor_only": True}
    nb, _ = RubricChecklist().preprocess(cells.notebook(model), {})
    assert is_instructor_only(nb.cells[0])
    nb, _ = HideInstructorContent().preprocess(nb, {})
    assert nb.cells == []


def test_the_note_counts_autograded_points_and_names_the_written_ones() -> None:
    graded = cells.test("pass", "test-a", points=4)
    graded.metadata.nbgrader["score"] = 3
    nb = cells.notebook(graded, cells.reflection("text", points=2))
    nb, _ = SelfGradedNote().preprocess(nb, {})
    assert nb.cells[0].source.startswith("**Self-graded: 3 of 4 points checked automatically.**")
    assert "written answers (2 points) are not graded here" in nb.cells[0].source
