"""HideInstructorContent (nbgrader's ClearHiddenTests for feedback) on hand-built notebooks."""

from __future__ import annotations

import pytest
from nbgrader.preprocessors import ClearHiddenTests

from coachlab.grading.feedback import HideInstructorContent
from tests.helpers import cells

HIDDEN = "assert score_secret(answer) == 3, 'secret key: open, tell, rescue'"
TEST = f"check(answer)\n### BEGIN HIDDEN TESTS\n{HIDDEN}\n### END HIDDEN TESTS\nprint('done')"


def _run(*nb_cells):
    nb, _ = HideInstructorContent().preprocess(cells.notebook(*nb_cells), {})
    return nb


def test_it_is_nbgraders_clear_hidden_tests() -> None:
    assert issubclass(HideInstructorContent, ClearHiddenTests)


def test_hidden_region_is_removed_from_test_cells() -> None:
    # Guards preprocess_cell's call to ClearHiddenTests.preprocess_cell.
    nb = _run(cells.test(TEST))
    assert nb.cells[0].source == "check(answer)\nprint('done')"


def test_rubric_cells_are_dropped() -> None:
    # Guards the is_instructor_only filter in preprocess.
    nb = _run(cells.reflection("I asked."), cells.rubric("Full marks: names the cause."))
    assert [c.id for c in nb.cells] == ["reflection"]


def test_a_traceback_quoting_a_hidden_test_is_cut_to_its_last_line() -> None:
    # Guards _safe_error's new traceback: only "ename: evalue" survives.
    trace = ["Traceback (most recent call last):", f"    {HIDDEN}", "AssertionError: wrong"]
    nb = _run(cells.test(TEST, outputs=[cells.error("AssertionError", "wrong", trace)]))
    assert nb.cells[0].outputs[0].traceback == ["AssertionError: wrong"]


def test_an_error_message_quoting_a_hidden_test_is_replaced() -> None:
    # Guards the _quotes_any check in _safe_error.
    nb = _run(cells.test(TEST, outputs=[cells.error("AssertionError", HIDDEN)]))
    (error,) = nb.cells[0].outputs
    assert "secret" not in "\n".join(error.traceback) + error.evalue
    assert error.evalue == HideInstructorContent.hidden_failure_message.default_value


def test_an_error_that_quotes_nothing_hidden_is_kept() -> None:
    out = cells.error("NameError", "name 'answer' is not defined")
    nb = _run(cells.test(TEST, outputs=[out]))
    assert nb.cells[0].outputs[0].evalue == "name 'answer' is not defined"
    assert nb.cells[0].outputs[0].traceback == ["NameError: name 'answer' is not defined"]


def test_stream_lines_quoting_a_hidden_test_are_removed() -> None:
    # Guards _without_quotes on stream outputs.
    out = cells.stream(f"Not yet: two answers missing.\n>>> {HIDDEN}\n")
    nb = _run(cells.test(TEST, outputs=[out]))
    assert nb.cells[0].outputs[0].text == "Not yet: two answers missing.\n"


def test_a_stream_left_empty_is_dropped() -> None:
    nb = _run(cells.test(TEST, outputs=[cells.stream(f"{HIDDEN}\n")]))
    assert nb.cells[0].outputs == []


def test_an_answer_cell_holding_the_delimiter_text_is_left_alone() -> None:
    # Guards the is_test check in preprocess_cell: nbgrader would refuse a hidden region
    # in a non-grade cell, and the learner's own text would stop their feedback.
    text = 'answer = "### BEGIN HIDDEN TESTS"'
    nb = _run(cells.answer(text), cells.test(TEST))
    assert nb.cells[0].source == text
    with pytest.raises(RuntimeError, match="non-grade cell"):
        ClearHiddenTests().preprocess(cells.notebook(cells.answer(f"{text}\n### END HIDDEN TESTS")),
                                      {})


def test_an_unclosed_region_in_a_test_cell_fails_loudly() -> None:
    with pytest.raises(RuntimeError, match="No end hidden tests"):
        _run(cells.test("### BEGIN HIDDEN TESTS\nassert False"))


def test_configured_delimiters_are_nbgraders() -> None:
    from traitlets.config import Config

    config = Config()
    config.ClearHiddenTests.begin_test_delimeter = "SECRET START"
    config.ClearHiddenTests.end_test_delimeter = "SECRET END"
    nb, _ = HideInstructorContent(config=config).preprocess(
        cells.notebook(cells.test("a = 1\n# SECRET START\nb = 2\n# SECRET END")), {})
    assert nb.cells[0].source == "a = 1"
