"""Answer keys that accept one answer or several."""

from __future__ import annotations

import pytest

from coachlab.checks.keys import accepted, score_accepts


def test_one_answer_or_any_of_several_earns_the_points() -> None:
    key = {"reason_5": ["D", "E"], "decision_5": "let them try"}
    assert score_accepts({"reason_5": "e", "decision_5": " Let  them TRY "}, key) == 2.0
    assert score_accepts({"reason_5": "D", "decision_5": "step in"}, key, points_each=0.5) == 0.5
    assert score_accepts({"reason_5": "F"}, key) == 0.0


def test_anything_but_exact_text_earns_nothing() -> None:
    class Liar(str):
        def __eq__(self, other: object) -> bool:
            return True

    key = {"choice_1": "b"}
    assert score_accepts({"choice_1": Liar("a")}, key) == 0.0
    assert score_accepts({"choice_1": ["b"]}, key) == 0.0
    assert score_accepts({}, key) == 0.0


@pytest.mark.parametrize("entry", [[], [1], 3, None])
def test_a_malformed_key_entry_is_refused(entry: object) -> None:
    with pytest.raises(TypeError, match="string or a list of strings"):
        accepted(entry)  # type: ignore[arg-type]
