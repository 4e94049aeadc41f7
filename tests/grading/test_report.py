"""ShapeReport: the feedback notebook cut down to what a manager reads, with one total."""

from __future__ import annotations

import pytest
from nbformat.v4 import new_code_cell

from coachlab.grading import report
from coachlab.grading.explain import MIME_MARK
from coachlab.grading.report import KEY, ShapeReport, heading_title, written_parts
from tests.helpers import cells


def _hidden(cell):
    cell.metadata["jupyter"] = {"source_hidden": True}
    return cell


def _exercise():
    setup = _hidden(new_code_cell("from coachlab.checks.quick import check_choices", id="setup"))
    widget = new_code_cell('self_assessment("00.selfassessment")', id="widget")
    widget.outputs = [{"output_type": "display_data", "metadata": {},
                       "data": {"text/plain": "VBox(children=(...))"}}]
    check = _hidden(new_code_cell('check_choices("AB", choice_1=choice_1)', id="check"))
    answer = cells.answer('choice_1 = "A"', "answers-b")
    answer.outputs = [{"output_type": "display_data", "metadata": {},
                       "data": {"text/html": "<script>alert(1)</script>"}}]
    test = cells.test("# Part B is scored here", "grade-b", points=4, outputs=[
        cells.stream("Fontconfig error: Cannot load default config file\n", "stderr"),
        cells.stream("Checked again outside your notebook.\n"),
        {"output_type": "display_data", "metadata": {MIME_MARK: True},
         "data": {"text/html": "<table></table>", "text/plain": "items"}},
        cells.error("AssertionError", "A hidden check for this part did not pass.")])
    test.metadata.nbgrader["score"] = 2
    return cells.notebook(
        cells.prose("# Exercise 00 · Chief revenue or chief rescue officer?", "intro"),
        setup, widget, check,
        _hidden(cells.prose("Instructor note kept out of sight", "hidden-note")),
        cells.prose("## Part B · Which mistake is it? (4 points)", "part-b"), answer, test,
        cells.prose("## Part C · Which one is yours? (4 points, read by your instructor)",
                    "part-c"),
        cells.reflection("I rescue.", points=4),
        new_code_cell("from coachlab.selfgrade import self_grade_button; self_grade_button()",
                      id="button"))


def test_helper_and_hidden_cells_are_dropped_answers_and_scores_kept() -> None:
    nb, _ = ShapeReport().preprocess(_exercise(), {})
    assert [c.id for c in nb.cells] == ["intro", "part-b", "answers-b", "grade-b", "part-c",
                                        "reflection"]


def test_a_score_cell_keeps_what_the_learner_reads_and_an_answer_loses_its_outputs() -> None:
    nb, _ = ShapeReport().preprocess(_exercise(), {})
    cell = {c.id: c for c in nb.cells}
    kinds = [(o.output_type, o.get("name")) for o in cell["grade-b"].outputs]
    assert kinds == [("stream", "stdout"), ("display_data", None), ("error", None)]
    assert cell["answers-b"].outputs == []  # learner HTML never reaches the page


def test_graded_cells_are_named_by_their_part() -> None:
    nb, resources = ShapeReport().preprocess(_exercise(), {})
    cell = {c.id: c for c in nb.cells}
    assert cell["grade-b"].metadata[KEY]["part"] == "Part B · Which mistake is it?"
    assert cell["reflection"].metadata[KEY]["part"] == "Part C · Which one is yours?"
    assert cell["answers-b"].metadata[KEY]["answer"] is True
    assert resources[KEY]["title"] == "Exercise 00 · Chief revenue or chief rescue officer?"
    assert [p["title"] for p in resources[KEY]["parts"]] == [
        "Part B · Which mistake is it?", "Part C · Which one is yours?"]


def test_one_total_says_what_the_instructor_still_reads(monkeypatch) -> None:
    monkeypatch.setattr(report, "_needs_reading", lambda resources: {"reflection"})
    _, resources = ShapeReport().preprocess(_exercise(), {})
    assert resources[KEY]["total"] == ("2 of 4 points checked automatically; Part C · Which one "
                                       "is yours? (4 points) is read by your instructor.")


def test_once_read_the_total_counts_the_instructors_points(monkeypatch) -> None:
    monkeypatch.setattr(report, "_needs_reading", lambda resources: set())
    nb = _exercise()
    nb.cells[-2].metadata.nbgrader["score"] = 3
    _, resources = ShapeReport().preprocess(nb, {})
    assert resources[KEY]["total"] == (
        "Your score: 5 of 8 points (2 of 4 points checked automatically; 3 of 4 for "
        "Part C · Which one is yours?).")


@pytest.mark.parametrize(("markdown", "title"), [
    ("## Part A · Where are you today? (2 points)\n\nHow often…", "Part A · Where are you today?"),
    ("## Part D · Your own (6 points, read by your instructor)", "Part D · Your own"),
    ("No heading here.", None),
])
def test_heading_title(markdown: str, title: str | None) -> None:
    assert heading_title(markdown) == title


def test_written_parts_name_each_reflection() -> None:
    assert written_parts(_exercise()) == [("Part C · Which one is yours?", 4.0)]
