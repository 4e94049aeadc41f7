"""Release preprocessors (BlankAnswers, RemoveInstructorCells) on hand-built notebooks."""

from __future__ import annotations

import pytest
from nbformat.v4 import new_code_cell
from nbgrader.preprocessors import ClearSolutions

from coachlab.grading.release import BlankAnswers, RemoveInstructorCells
from tests.helpers import cells

STUB = "# YOUR CODE HERE\nraise NotImplementedError()"


def _blank(*nb_cells):
    nb, _ = BlankAnswers().preprocess(cells.notebook(*nb_cells), {})
    return [cell.source for cell in nb.cells]


def test_it_is_nbgraders_clear_solutions_through_public_methods_only() -> None:
    assert issubclass(BlankAnswers, ClearSolutions)
    assert not [name for name in vars(BlankAnswers) if name.startswith("_replace")]


def test_an_answer_is_blanked_and_text_outside_the_region_kept() -> None:
    # Guards _fill: numbered lines come back as they were, the marker as the blanked region.
    source = '# keep me\n### BEGIN SOLUTION\nchoice = "C"\n### END SOLUTION\nprint(1)'
    assert _blank(cells.answer(source)) == ['# keep me\nchoice = ""\nprint(1)']


def test_every_region_of_a_cell_is_blanked_in_place() -> None:
    # Guards _regions: back-to-back regions each get their own blanks.
    source = ("### BEGIN SOLUTION\na = 'x'\n### END SOLUTION\n"
              "### BEGIN SOLUTION\nb = 2\n### END SOLUTION\n"
              "between = 1\n"
              "    ### BEGIN SOLUTION\n    c = [True]\n    ### END SOLUTION")
    assert _blank(cells.answer(source)) == [
        'a = ""\nb = None\nbetween = 1\n    c = [None]']


def test_code_that_is_not_an_answer_gets_the_stock_stub() -> None:
    # Guards the fallback in _blank_region: no answer literal may survive.
    (source,) = _blank(cells.answer("### BEGIN SOLUTION\nprint('solution')\n### END SOLUTION"))
    assert source == STUB


def test_a_solution_cell_without_a_region_gets_the_stock_stub() -> None:
    assert _blank(cells.answer('choice = "C"')) == [STUB]


def test_a_written_answer_gets_the_text_stub() -> None:
    assert _blank(cells.reflection("I would ask first.")) == ["YOUR ANSWER HERE"]


def test_an_unclosed_region_is_refused_by_nbgrader() -> None:
    with pytest.raises(RuntimeError, match="no end solution"):
        _blank(cells.answer('### BEGIN SOLUTION\nchoice = "C"'))


def test_a_region_outside_a_solution_cell_is_refused_and_the_cell_restored() -> None:
    cell = new_code_cell("### BEGIN SOLUTION\na = 1\n### END SOLUTION")
    with pytest.raises(RuntimeError, match="non-solution cell"):
        BlankAnswers().preprocess(cells.notebook(cell), {})
    assert cell.source == "### BEGIN SOLUTION\na = 1\n### END SOLUTION"


def test_the_configured_stub_is_kept_after_each_cell() -> None:
    # Guards the finally: the marker stub must never outlive one cell.
    pre = BlankAnswers()
    pre.preprocess(cells.notebook(cells.answer("### BEGIN SOLUTION\na = 1\n### END SOLUTION")), {})
    assert pre.code_stub["python"] == STUB


def test_instructor_cells_are_removed_from_the_release() -> None:
    # Guards RemoveInstructorCells' filter.
    nb, _ = RemoveInstructorCells().preprocess(
        cells.notebook(cells.reflection("answer"), cells.rubric("3 points: asks first")), {})
    assert [c.id for c in nb.cells] == ["reflection"]
