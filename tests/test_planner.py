"""Reinforcement plans: the model, the text form, the three rules and suggestions."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from coachlab.planner import (
    ACTIVITIES,
    EXPANDING_DAYS,
    RETRIEVAL_ACTIVITIES,
    SKILLS,
    Plan,
    PlanError,
    Session,
    check_plan,
    parse_plan,
    read_plan,
    suggest_plan,
)


def lines_for(skill: str, days: list[int], activity: str = "drill") -> list[str]:
    return [f"day {day}: {skill}: {activity}" for day in days]


def verdicts(plan: Plan | list[str]) -> dict[str, bool]:
    return {result.rule: result.passed for result in check_plan(plan)}


# ------------------------------------------------------------------------------------ model

def test_session_accepts_the_vocabulary_and_forgives_case_and_aliases() -> None:
    session = Session(day=3, skill="  Objections ", activity="RolePlay")
    assert (session.day, session.skill, session.activity) == (3, "objection handling", "role play")
    assert session.retrieval
    assert not Session(day=1, skill="debrief", activity="reread notes").retrieval


@pytest.mark.parametrize("day", [0, 31, -1, True, "3", 2.0])
def test_session_day_must_be_a_whole_number_from_1_to_30(day: object) -> None:
    with pytest.raises(ValidationError):
        Session(day=day, skill="negotiation", activity="drill")


def test_unknown_skill_or_activity_is_named_with_a_suggestion() -> None:
    with pytest.raises(ValidationError, match='Did you mean "negotiation"'):
        Session(day=1, skill="negotation", activity="drill")
    with pytest.raises(ValidationError, match="not one of the activities"):
        Session(day=1, skill="negotiation", activity="watch a video")


def test_vocabularies_and_retrieval_activities() -> None:
    assert "discovery questions" in SKILLS and "objection handling" in SKILLS
    assert set(ACTIVITIES) - RETRIEVAL_ACTIVITIES == {"re-read notes"}


def test_plan_keeps_sessions_by_day_and_round_trips_its_text_and_records() -> None:
    plan = parse_plan(["day 9: debrief: role play", "day 2: debrief: drill"])
    assert [s.day for s in plan.sessions] == [2, 9]
    assert parse_plan(plan.lines()) == plan
    assert Plan(sessions=tuple(plan.records())) == plan
    assert plan.skills == ["debrief"]


# ------------------------------------------------------------------------------------ text form

def test_parse_forgives_spacing_case_and_blank_lines() -> None:
    plan = parse_plan(["Day 1 : Discovery Questions : Role Play", "", "  ", "day3:discovery:quiz"])
    assert plan.lines() == ["day 1: discovery questions: role play",
                            "day 3: discovery questions: quiz yourself"]


def test_parse_names_every_unreadable_line_and_why() -> None:
    with pytest.raises(PlanError) as caught:
        parse_plan(["day 31: negotiation: drill", "negotiation drill", 7,
                    "tomorrow: negotiation: drill", "day 2: negotiation: drill"])
    problems = caught.value.problems
    assert len(problems) == 4
    assert problems[0].startswith('line 1 ("day 31') and "from 1 to 30" in problems[0]
    assert "three parts separated by colons" in problems[1]
    assert problems[2].startswith("line 3 should be text in quotes")
    assert '"tomorrow" is not a day' in problems[3]


def test_a_missing_comma_between_lines_is_pointed_out() -> None:
    plan, problems = read_plan(["day 1: debrief: drill" "day 3: debrief: drill"])
    assert not plan.sessions and "is a comma missing" in problems[0]
    _, problems = read_plan(["debrief drill"])
    assert "comma" not in problems[0]


def test_read_plan_keeps_what_it_can_read() -> None:
    plan, problems = read_plan(["day 2: negotiation: drill", "day 2 negotiation"])
    assert len(plan.sessions) == 1 and len(problems) == 1


def test_text_that_pretends_to_be_a_string_is_refused() -> None:
    class Sly(str):
        pass

    plan, problems = read_plan([Sly("day 1: negotiation: drill")])
    assert not plan.sessions and problems


# ------------------------------------------------------------------------------------ rules

def test_empty_plan_fails_every_rule_with_a_message() -> None:
    results = check_plan(Plan())
    assert [r.rule for r in results] == ["practice", "spacing", "retrieval"]
    assert not any(r.passed for r in results)
    assert all("no sessions yet" in r.message for r in results)
    assert all(r.title for r in results)


def test_suggested_plan_meets_every_rule() -> None:
    plan = suggest_plan(["discovery questions", "objection handling"])
    assert all(r.passed for r in check_plan(plan))
    assert plan.days_for("discovery questions") == list(EXPANDING_DAYS)
    assert plan.days_for("objection handling") == [d + 1 for d in EXPANDING_DAYS]


def test_practice_needs_three_sessions_of_each_skill() -> None:
    plan = lines_for("negotiation", [1, 3, 9]) + lines_for("debrief", [2, 5])
    result = check_plan(plan)[0]
    assert not result.passed and "debrief (2 times)" in result.message
    assert "negotiation" not in result.message
    assert check_plan(lines_for("negotiation", [1, 3, 9]))[0].passed


@pytest.mark.parametrize(("days", "passed", "phrase"), [
    ([1, 3, 7, 14, 28], True, "gaps of 2, 4, 7, 14 days"),   # widening
    ([1, 8, 15, 22], True, "gaps of 7, 7, 7 days"),          # equal gaps are as good
    ([1, 12, 15], True, "gaps of 11, 3 days"),               # so are shrinking ones
    ([1, 2, 3], False, "within 3 days (days 1, 2, 3)"),      # crammed
    ([1, 10, 12], False, "within 12 days"),                  # over too soon
    ([1, 5], False, "on 2 days (days 1, 5)"),
    ([4, 4, 4], False, "1 day (day 4)"),                     # the same day counts once
])
def test_spacing_needs_three_days_spread_over_two_weeks_whatever_the_gaps(
        days: list[int], passed: bool, phrase: str) -> None:
    result = check_plan(lines_for("negotiation", days))[1]
    assert result.passed is passed
    assert phrase in result.message


def test_spacing_is_judged_per_skill_and_names_the_skill_that_fails() -> None:
    plan = lines_for("negotiation", [1, 3, 17]) + lines_for("debrief", [1, 2, 3])
    result = check_plan(plan)[1]
    assert not result.passed and result.message.startswith("debrief:")


def test_two_sessions_on_one_day_are_one_visit_for_spacing() -> None:
    plan = lines_for("negotiation", [1, 1, 3, 17])
    assert Plan.gaps_for(parse_plan(plan), "negotiation") == [2, 14]
    assert verdicts(plan)["spacing"]


@pytest.mark.parametrize(("rereads", "passed"), [(0, True), (2, True), (3, False), (8, False)])
def test_retrieval_needs_three_in_four_sessions_to_be_recall(rereads: int, passed: bool) -> None:
    days = [1, 2, 4, 8, 12, 16, 20, 28]  # 8 sessions: at most 2 re-reads pass (75%)
    plan = [f"day {d}: negotiation: {'re-read notes' if i < rereads else 'quiz yourself'}"
            for i, d in enumerate(days)]
    result = check_plan(plan)[2]
    assert result.passed is passed
    if not passed:
        assert "re-reading notes" in result.message.lower()


def test_exactly_three_quarters_retrieval_passes() -> None:
    plan = lines_for("negotiation", [1, 3, 7], "drill") + ["day 14: negotiation: re-read notes"]
    assert verdicts(plan)["retrieval"]


# ------------------------------------------------------------------------------------ suggesting

def test_suggest_plan_offsets_skills_and_refuses_unknown_or_empty() -> None:
    plan = suggest_plan(["negotiation", "debrief", "pre-brief", "open questions", "negotiation"])
    assert plan.skills == ["open questions", "pre-brief", "debrief", "negotiation"]
    assert plan.days_for("pre-brief") == [d + 2 for d in EXPANDING_DAYS]
    assert plan.days_for("open questions") == list(EXPANDING_DAYS)
    assert all(r.passed for r in check_plan(plan))
    with pytest.raises(ValueError, match="not one of the skills"):
        suggest_plan(["cold calling"])
    with pytest.raises(ValueError, match="at least one skill"):
        suggest_plan([])
