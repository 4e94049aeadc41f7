"""The shared quick checks: "Not yet" goes to stderr and Run All carries on; shapes, not answers."""

from __future__ import annotations

import pytest

from coachlab.checks.quick import (
    GRADED_LATER,
    NOT_YET,
    check_choices,
    check_labels,
    check_words,
    quick_check,
    report,
)
from coachlab.moves import MOVES


def test_report_lists_every_problem_after_not_yet() -> None:
    with pytest.raises(AssertionError) as caught:
        report(["a is still empty", "b is wrong"], "unused", intro="finish the table.")
    assert str(caught.value) == (f"{NOT_YET}: finish the table.\n"
                                 "  - a is still empty\n  - b is wrong")


def test_report_says_the_score_comes_later_on_success(capsys: pytest.CaptureFixture[str]) -> None:
    report([], "All done.")
    assert capsys.readouterr().out == f"✓ All done. {GRADED_LATER}\n"


def test_a_failing_quick_check_prints_to_stderr_and_returns(
        capsys: pytest.CaptureFixture[str]) -> None:
    @quick_check
    def failing() -> None:
        raise AssertionError

    assert failing() is None  # no exception: Run All goes on to the next cell
    assert capsys.readouterr().err == f"{NOT_YET}.\n"


def test_labels_accept_each_move_in_any_case(capsys: pytest.CaptureFixture[str]) -> None:
    check_labels(**{f"label_{i}": f" {move.upper()} " for i, move in enumerate(MOVES)})
    assert "All 5 answers name a coaching move" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="is not one of: tell, rescue, open, closed, leading"):
        check_labels.__wrapped__(label_1="advice")


def test_choices_and_words_name_what_is_allowed() -> None:
    with pytest.raises(AssertionError, match="not one of A, B, C"):
        check_choices.__wrapped__("ABC", choice_1="D")
    with pytest.raises(AssertionError, match='should be "step in" or "let them try"'):
        check_words.__wrapped__(("step in", "let them try"), call_1="wait")
    check_words.__wrapped__(("step in", "let them try"), call_1="  Let  them try")
