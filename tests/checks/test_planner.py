"""Exercise 04's plan checks: two points per rule met, and a quick check that says how it reads."""

from __future__ import annotations

import pytest

from coachlab.checks.planner import check_plan_answer, score_plan_answer
from coachlab.planner import suggest_plan


def lines_for(skill: str, days: list[int], activity: str = "drill") -> list[str]:
    return [f"day {day}: {skill}: {activity}" for day in days]


GOOD = suggest_plan(["discovery questions", "objection handling"]).lines()


def test_score_two_points_per_rule_met() -> None:
    assert score_plan_answer(GOOD) == 6.0
    crammed = lines_for("negotiation", [1, 2, 3]) + lines_for("debrief", [1, 8, 15])
    assert score_plan_answer(crammed) == 4.0  # spacing fails
    rereads = [line.replace("drill", "re-read notes").replace("role play", "re-read notes")
               for line in GOOD]
    assert score_plan_answer(rereads) == 4.0  # retrieval fails


def test_score_is_zero_for_empty_one_skill_or_non_list_answers() -> None:
    assert score_plan_answer([""] * 10) == 0.0
    assert score_plan_answer(lines_for("negotiation", [1, 3, 7, 14])) == 0.0
    assert score_plan_answer(None) == 0.0
    assert score_plan_answer("\n".join(GOOD)) == 0.0

    class Liar(list):
        pass

    assert score_plan_answer(Liar(GOOD)) == 0.0


def test_score_counts_the_lines_it_can_read() -> None:
    assert score_plan_answer([*GOOD, "day 40: negotiation: drill"]) == 6.0


def test_quick_check_reports_what_is_missing_and_how_the_plan_reads(capsys) -> None:
    with pytest.raises(AssertionError, match="still empty"):
        check_plan_answer.__wrapped__(["", ""])
    with pytest.raises(AssertionError, match="the task asks for 2"):
        check_plan_answer.__wrapped__(lines_for("negotiation", [1, 3, 7]))
    with pytest.raises(AssertionError, match="list of lines in quotes"):
        check_plan_answer.__wrapped__(42)
    with pytest.raises(AssertionError, match='line 11 \\("day 99'):
        check_plan_answer.__wrapped__([*GOOD, "day 99: negotiation: drill"])
    capsys.readouterr()
    check_plan_answer(GOOD)
    out = capsys.readouterr().out
    assert "gaps between visits: 2, 4, 7, 14 days" in out
    assert "10 of 10 sessions are retrieval" in out
    assert "✓ Your plan reads as 10 sessions for 2 skills" in out
    assert "rule" not in out.lower()
