"""Exercise 02's quick check accepts only the root-cause names, and says what is missing."""

from __future__ import annotations

import pytest

from coachlab.checks.diagnosis import check_causes
from coachlab.diagnosis import CAUSES


def test_check_accepts_every_name_in_any_case(capsys: pytest.CaptureFixture[str]) -> None:
    check_causes(**{f"cause_{i}": f"  {c.upper()} " for i, c in enumerate(CAUSES, 1)})
    assert "All 7 answers name a root cause" in capsys.readouterr().out


@pytest.mark.parametrize(("value", "message"), [
    ("", "still empty"),
    ("lacks confidence", "not one of the root-cause names"),
    ("confidence", "not one of the root-cause names"),
    (3, "should be a name in quotes"),
    (None, "should be a name in quotes"),
])
def test_check_reports_what_is_missing(value: object, message: str) -> None:
    with pytest.raises(AssertionError, match=message):
        check_causes.__wrapped__(cause_1=value)


def test_check_refuses_a_string_subclass_that_lies() -> None:
    class Liar(str):
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = str.__hash__

    with pytest.raises(AssertionError, match="should be a name in quotes"):
        check_causes.__wrapped__(cause_1=Liar("anything"))


def test_check_names_every_problem_at_once() -> None:
    with pytest.raises(AssertionError) as caught:
        check_causes.__wrapped__(cause_1="", cause_2="poor_pitch", cause_3="poor_message")
    text = str(caught.value)
    assert "cause_1" in text and "cause_2" in text and "cause_3" not in text
