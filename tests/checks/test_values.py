"""Answers are read as plain text with str's own methods: a lying object never earns a point."""

from __future__ import annotations

import pytest

from coachlab.checks.values import normal, plain_text


@pytest.mark.parametrize(("value", "expected"), [
    ("  Let  them TRY ", "let them try"),
    ("open", "open"),
    ("", ""),
    ("   ", ""),
])
def test_text_is_lower_case_with_runs_of_spaces_as_one(value: str, expected: str) -> None:
    assert plain_text(value) == expected
    assert normal(value) == expected


@pytest.mark.parametrize("value", [None, 3, 3.0, True, ["open"], {"a": "open"}, b"open"])
def test_anything_but_text_is_none(value: object) -> None:
    assert plain_text(value) is None


def test_a_str_subclass_that_lies_is_not_text_and_its_methods_are_never_called() -> None:
    called = []

    class Liar(str):
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = str.__hash__

        def lower(self) -> str:  # type: ignore[override]
            called.append("lower")
            return "open"

    assert plain_text(Liar("anything")) is None
    assert called == []
