"""PlannerWidget and show_plan: choosing skills, adding sessions, live rules, chart, journal."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest

from coachlab.planner import EXPANDING_DAYS, check_plan
from coachlab.responses import Journal
from coachlab.widgets.planner import PlannerWidget, plan_figure, show_plan, timeline_text

PNG = b"\x89PNG"


def test_starts_empty_with_every_rule_failing_and_a_chart() -> None:
    planner = PlannerWidget()
    assert isinstance(planner, widgets.VBox)
    assert planner.chosen_skills == [] and planner.plan.sessions == ()
    assert "0 of 3 rules met" in planner.view.checks.value
    assert planner.view.png.startswith(PNG)
    assert isinstance(planner.view.chart, widgets.Output)


def test_suggest_needs_a_skill_then_builds_an_expanding_plan() -> None:
    planner = PlannerWidget()
    planner.suggest_button.click()
    assert "Tick at least one skill" in planner.message.value
    planner.choose_skills("discovery questions", "negotiation")
    planner.suggest_button.click()
    assert planner.plan.days_for("discovery questions") == list(EXPANDING_DAYS)
    assert "3 of 3 rules met" in planner.view.checks.value
    assert len(planner.sessions.options) == 10


def test_adding_sessions_updates_rules_list_and_skills() -> None:
    planner = PlannerWidget()
    for day in (1, 3, 15):
        planner.day.value = day
        planner.skill.value = "debrief"
        planner.activity.value = "role play"
        planner.add_button.click()
    assert planner.chosen_skills == ["debrief"]  # adding a session ticks its skill
    assert planner.skill.options == ("debrief",)
    assert [r.passed for r in planner.results] == [True, True, True]
    assert "3 of 3 rules met" in planner.view.checks.value
    assert planner.sessions.options[0] == "day 1: debrief: role play"
    planner.add(9, "debrief", "re-read notes")
    planner.add(10, "debrief", "re-read notes")
    assert "✗" in planner.view.checks.value and "Recall, don" in planner.view.checks.value


def test_invalid_session_is_refused_with_a_message() -> None:
    planner = PlannerWidget()
    assert planner.add(31, "debrief", "drill") is False
    assert "from 1 to 30" in planner.message.value
    assert planner.add(2, "cold calling", "drill") is False
    assert "not one of the skills" in planner.message.value
    assert planner.plan.sessions == ()


def test_remove_and_clear() -> None:
    planner = PlannerWidget()
    planner.choose_skills("pre-brief")
    planner.suggest()
    planner.remove_button.click()
    assert "Select a session" in planner.message.value
    planner.sessions.index = 0
    planner.remove_button.click()
    assert len(planner.plan.sessions) == 4 and 1 not in planner.plan.days_for("pre-brief")
    planner.clear_button.click()
    assert planner.plan.sessions == ()


def test_plan_is_saved_and_restored_from_the_journal(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    planner = PlannerWidget(journal=journal, key="04.plan")
    planner.choose_skills("objection handling", "open questions")
    planner.suggest()
    saved = journal.get("04.plan")
    assert saved["skills"] == ["objection handling", "open questions"]
    assert len(saved["sessions"]) == 10
    assert all(r.passed for r in check_plan(saved["sessions"]))
    again = PlannerWidget(journal=journal, key="04.plan")
    assert again.plan == planner.plan
    assert again.chosen_skills == ["objection handling", "open questions"]


def test_damaged_saved_sessions_are_skipped(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    journal.record("04.plan", {"skills": ["debrief", "juggling"], "sessions": [
        {"day": 2, "skill": "debrief", "activity": "drill"},
        {"day": 99, "skill": "debrief", "activity": "drill"}, "nonsense"]})
    planner = PlannerWidget(journal=journal, key="04.plan")
    assert planner.plan.lines() == ["day 2: debrief: drill"]
    assert planner.chosen_skills == ["debrief"]


def test_unreadable_journal_is_reported_not_raised(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    journal.path.write_text("{broken", encoding="utf-8")
    planner = PlannerWidget(journal=journal, key="04.plan")
    assert "could not be read" in planner.notice.value


def test_a_journal_needs_a_key(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="needs a key"):
        PlannerWidget(journal=Journal.beside(tmp_path))


def test_starting_plan_is_shown_when_nothing_is_saved() -> None:
    planner = PlannerWidget(plan=["day 1: negotiation: drill", "day 2: negotiation: drill"])
    assert planner.chosen_skills == ["negotiation"]
    assert len(planner.plan.sessions) == 2


def test_show_plan_reads_lines_and_reports_the_unreadable_ones() -> None:
    view = show_plan(["day 1: negotiation: drill", "day 2: <b>negotiation</b>"])
    assert len(view.plan.sessions) == 1
    assert len(view.problems) == 1
    html = view.children[1].value
    assert "&lt;b&gt;" in html and "<b>negotiation" not in html
    assert [r.passed for r in view.results] == [False, False, True]
    assert view.view.png.startswith(PNG)


def test_chart_has_one_row_per_skill_and_a_text_alternative() -> None:
    plan = show_plan(["day 1: negotiation: drill", "day 1: negotiation: re-read notes",
                      "day 4: debrief: quiz yourself"]).plan
    figure = plan_figure(plan)
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert labels == ["debrief", "negotiation"]
    legend = [t.get_text() for t in figure.axes[0].get_legend().get_texts()]
    assert sorted(legend) == ["drill", "quiz yourself", "re-read notes"]
    assert timeline_text(plan) == ("debrief: day 4 quiz yourself\n"
                                   "negotiation: day 1 drill, day 1 re-read notes")
