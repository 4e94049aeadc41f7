"""Hidden-test helpers: what of a test cell a learner's kernel sees, cut by nbgrader."""

from __future__ import annotations

from coachlab.grading.hidden import is_test, removed_lines, visible_source
from tests.helpers import cells


def test_visible_source_cuts_hidden_regions_and_leaves_the_cell() -> None:
    cell = cells.test("check(a)\n### BEGIN HIDDEN TESTS\nassert a == 'x'\n### END HIDDEN TESTS")
    before = cell.source
    assert visible_source(cell) == "check(a)"
    assert cell.source == before


def test_is_test_only_for_graded_code_that_is_not_an_answer() -> None:
    assert is_test(cells.test("pass"))
    assert not is_test(cells.answer("a = 1"))
    assert not is_test(cells.reflection("text"))
    assert not is_test(cells.prose("text"))


def test_removed_lines_counts_repeats() -> None:
    before = "a\nx\nB\nx\ny\nE"
    assert sorted(removed_lines(before, "a\nx")) == ["B", "E", "x", "y"]
