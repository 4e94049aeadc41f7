"""Self-graded feedback: rubrics become self-review checklists addressed to the learner; the report
is marked self-graded, so its one total says the reflections are the learner's to review."""

from __future__ import annotations

from nbformat.v4 import new_markdown_cell

from coachlab.grading.checklist import CHECKLIST, RubricChecklist, SelfGradedNote, for_learner
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
    assert checklist.source.startswith(
        "**Self-review checklist: check your reflection against these points.**")
    assert checklist.source.endswith("names the cause")


def test_other_instructor_cells_stay_hidden() -> None:
    # Guards the RUBRIC_SUFFIX check: a model answer marked instructor-only is not a rubric.
    model = new_markdown_cell("Model answer: ask what the CFO said.", id="model-answer")
    model.metadata["coachlab"] = {"instructor_only": True}
    nb, _ = RubricChecklist().preprocess(cells.notebook(model), {})
    assert is_instructor_only(nb.cells[0])
    nb, _ = HideInstructorContent().preprocess(nb, {})
    assert nb.cells == []


RUBRIC = """**Rubric for Part C (4 points; instructor only)**

| Points | Look for |
| --- | --- |
| 1 | Names one of the three mistakes. |

Half points are fine. Reply with one sentence that connects their example to the module where it is
practised (01 telling, 03 rescuing, 04 reinforcing)."""


def test_the_checklist_keeps_the_points_and_drops_what_is_said_to_the_grader() -> None:
    shown = for_learner(RUBRIC)
    assert shown.startswith("| Points | Look for |")
    assert "| 1 | Names one of the three mistakes. |" in shown
    for grader in ("instructor only", "Rubric for", "Half points", "Reply with", "practised"):
        assert grader not in shown


def test_the_note_marks_the_report_self_graded() -> None:
    from coachlab.grading.report import SELF_GRADED, ShapeReport

    graded = cells.test("pass", "test-a", points=4)
    graded.metadata.nbgrader["score"] = 3
    nb = cells.notebook(cells.prose("## Part C · Yours (2 points)"),
                        cells.reflection("text", points=2), graded)
    nb, resources = SelfGradedNote().preprocess(nb, {})
    assert resources["coachlab"][SELF_GRADED] is True
    assert len(nb.cells) == 3  # no cell of its own: the report's one total says it
    _, resources = ShapeReport().preprocess(nb, resources)
    assert resources["coachlab_report"]["total"] == (
        "Self-graded: 3 of 4 points checked automatically. Part C · Yours (2 points) is not "
        "graded here: review your answer yourself against its checklist below.")
