"""Blanking answers for the learners' copy keeps the shape and removes every answer."""

from __future__ import annotations

import nbformat
import pytest

from coachlab.grading.answers import blank_literals
from coachlab.grading.release import BlankAnswers


@pytest.mark.parametrize(("code", "blanked"), [
    ('label_1 = "leading"', 'label_1 = ""'),
    ("answers = ['open', 'tell']  # two replies", 'answers = ["", ""]  # two replies'),
    ("confidence = 3\nready = True", "confidence = None\nready = None"),
    ('plan = {\n    "day_1": "drill",\n}', 'plan = {\n    "": "",\n}'),
    ('text = """line one\nline two"""', 'text = ""'),
])
def test_blank_literals(code: str, blanked: str) -> None:
    assert blank_literals(code) == blanked


@pytest.mark.parametrize("code", ["print('hi')", "def f(:", "x ="])
def test_blank_literals_declines_what_is_not_an_answer(code: str) -> None:
    assert blank_literals(code) is None


def _solution_cell(source: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"solution": True, "grade": False, "locked": False,
                                 "grade_id": "a", "schema_version": 3}
    return cell


def test_blank_answers_keeps_text_outside_the_region() -> None:
    cell = _solution_cell('# keep me\n### BEGIN SOLUTION\nchoice = "C"\n### END SOLUTION\nprint(1)')
    BlankAnswers()._replace_solution_region(cell, "python")
    assert cell.source == '# keep me\nchoice = ""\nprint(1)'


def test_blank_answers_falls_back_to_the_stub_for_code() -> None:
    cell = _solution_cell("### BEGIN SOLUTION\nprint('solution')\n### END SOLUTION")
    BlankAnswers()._replace_solution_region(cell, "python")
    assert "solution" not in cell.source
    assert "raise NotImplementedError()" in cell.source


def test_blank_answers_refuses_an_unclosed_region() -> None:
    cell = _solution_cell('### BEGIN SOLUTION\nchoice = "C"')
    with pytest.raises(RuntimeError, match="no end solution"):
        BlankAnswers()._replace_solution_region(cell, "python")


@pytest.mark.parametrize(("cell_type", "source", "blank"), [
    ("code", 'label_1 = ""\nlabel_2 = ""', True),
    ("code", 'label_1 = "open"\nlabel_2 = ""', False),
    ("code", "plan = []", True),
    ("code", 'plan = ["day 1: drill"]', False),
    ("code", "print('my own code')", False),
    ("code", "", True),
    ("markdown", "_Write your answer here._", True),
    ("markdown", "I told Sam to call the CFO.", False),
])
def test_is_unanswered(cell_type: str, source: str, blank: bool) -> None:
    from coachlab.grading.answers import is_unanswered

    assert is_unanswered(cell_type, source) is blank

