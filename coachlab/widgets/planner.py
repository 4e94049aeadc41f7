"""PlannerWidget: build a 30-day reinforcement plan and see the rules and a chart update live.

The rules and the plan model live in :mod:`coachlab.planner`; this module only draws them.
The chart is a matplotlib ``Figure`` built without pyplot (so nothing is shown twice and no
figure is kept open), rendered to PNG and displayed in an ``Output``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from coachlab.figures import output_record, png
from coachlab.planner import (
    ACTIVITIES,
    DAYS,
    SKILLS,
    Plan,
    RuleResult,
    Session,
    as_plan,
    check_plan,
    format_session,
    read_plan,
    suggest_plan,
)
from coachlab.responses import Journal
from coachlab.widgets._common import JournalSlot, button, esc, status, style_block

#: How each activity is drawn: (marker, colour). Re-reading is hollow and grey: not retrieval.
ACTIVITY_STYLE: dict[str, tuple[str, str]] = {
    "role play": ("o", "#1f77b4"),
    "drill": ("s", "#2ca02c"),
    "pre-brief": ("^", "#9467bd"),
    "debrief": ("v", "#8c564b"),
    "quiz yourself": ("D", "#ff7f0e"),
    "re-read notes": ("o", "#9e9e9e"),
}


def plan_figure(plan: Plan) -> Any:
    """A matplotlib Figure of ``plan``: one timeline per skill over days 1–30, a marker per
    session shaped and coloured by activity (hollow grey for re-reading notes)."""
    # Deferred: matplotlib.figure took 3.5 s to import (``python -X importtime``); the chart is
    # drawn when the plan is, not when the lesson starts.
    from matplotlib.figure import Figure

    skills = plan.skills
    rows = max(len(skills), 1)
    figure = Figure(figsize=(8.5, 1.6 + 0.5 * rows), dpi=90)
    axes = figure.add_subplot()
    axes.set_xlim(0.5, DAYS + 0.5)
    axes.set_ylim(-0.6, rows - 0.4)
    axes.set_xticks([1, 5, 10, 15, 20, 25, 30])
    axes.set_xlabel("day")
    axes.set_yticks(range(len(skills)), skills)
    axes.invert_yaxis()
    axes.grid(axis="x", color="#e0e0e0", linewidth=0.6)
    for spine in ("top", "right"):
        axes.spines[spine].set_visible(False)
    used: set[str] = set()
    for row, skill in enumerate(skills):
        days = plan.days_for(skill)
        axes.plot([days[0], days[-1]], [row, row], color="#cccccc", linewidth=1.5, zorder=1)
        seen_on_day: dict[int, int] = {}
        for session in plan.sessions_for(skill):
            marker, colour = ACTIVITY_STYLE[session.activity]
            nudge = 0.18 * seen_on_day.get(session.day, 0)
            seen_on_day[session.day] = seen_on_day.get(session.day, 0) + 1
            hollow = session.activity == "re-read notes"
            axes.scatter([session.day], [row - nudge], marker=marker, s=70, zorder=3,
                         facecolors="white" if hollow else colour, edgecolors=colour,
                         linewidths=1.5,
                         label=session.activity if session.activity not in used else None)
            used.add(session.activity)
    if not skills:
        axes.text(DAYS / 2, 0, "No sessions yet", ha="center", va="center", color="#777777")
        axes.set_yticks([])
    else:
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8,
                    title="activity", title_fontsize=8)
    axes.set_title("Your 30 days: one line per skill, one marker per session", fontsize=10)
    figure.tight_layout()
    return figure


def chart_alt(plan: Plan) -> str:
    """The plan chart's text alternative: what it shows, then every skill's sessions."""
    what = "Timeline of the 30-day plan, one line per skill, one marker per session"
    return f"{what}. {timeline_text(plan).replace(chr(10), '; ')}"


def rules_html(results: Sequence[RuleResult]) -> str:
    """The rule checks as a list of ✓/✗ lines."""
    lines = []
    for result in results:
        mark, kind = ("✓", "right") if result.passed else ("✗", "wrong")
        lines.append(f'<li class="coachlab-{kind}">{mark} <b>{esc(result.title)}.</b> '
                     f"{esc(result.message)}</li>")
    met = sum(r.passed for r in results)
    return status(f"<b>{met} of {len(results)} rules met</b><ul>{''.join(lines)}</ul>",
                  "right" if met == len(results) else "note")


def timeline_text(plan: Plan) -> str:
    """The plan as text, one line per skill (a text alternative to the chart)."""
    if not plan.sessions:
        return "No sessions yet."
    return "\n".join(
        f"{skill}: " + ", ".join(f"day {s.day} {s.activity}" for s in plan.sessions_for(skill))
        for skill in plan.skills
    )


class _PlanDisplay:
    """Rule checks, chart and text timeline for a plan; shared by the widget and show_plan."""

    def __init__(self) -> None:
        self.checks = widgets.HTML("")
        self.chart = widgets.Output()
        self.timeline = widgets.HTML("")
        self.png: bytes = b""
        self.figure: Any = None

    @property
    def children(self) -> list[widgets.Widget]:
        return [self.checks, self.chart, self.timeline]

    def show(self, plan: Plan) -> list[RuleResult]:
        results = check_plan(plan)
        self.checks.value = rules_html(results)
        self.figure = plan_figure(plan)
        self.png = png(self.figure)
        self.chart.outputs = (output_record(self.png, chart_alt(plan)),)
        self.timeline.value = (
            "<details><summary>The plan as text</summary>"
            f"<pre>{esc(timeline_text(plan))}</pre></details>"
        )
        return results


class PlannerWidget(widgets.VBox):
    """Choose skills, add sessions (or suggest a plan), and watch the rules and chart update.

    With a ``journal``, the plan is saved under ``key`` as
    ``{"skills": [...], "sessions": [{"day": 1, "skill": ..., "activity": ...}, ...]}`` after
    every change and restored when the widget is built again. ``plan`` (a Plan or lines of
    text) is the starting plan when nothing is saved yet.
    """

    def __init__(self, journal: Journal | None = None, key: str | None = None,
                 plan: Plan | Sequence[str] | None = None) -> None:
        self._slot = JournalSlot(journal, key, "PlannerWidget")
        self.plan = Plan()
        self.skill_boxes = {
            skill: widgets.Checkbox(value=False, description=skill, indent=False,
                                    layout=widgets.Layout(width="auto", margin="0 1em 0 0"))
            for skill in SKILLS
        }
        self.day = widgets.BoundedIntText(value=1, min=1, max=DAYS, description="Day:",
                                          style={"description_width": "initial"},
                                          layout=widgets.Layout(width="8em"))
        self.skill = widgets.Dropdown(options=list(SKILLS), value=SKILLS[0], description="Skill:",
                                      style={"description_width": "initial"})
        self.activity = widgets.Dropdown(options=list(ACTIVITIES), value=ACTIVITIES[0],
                                         description="Activity:",
                                         style={"description_width": "initial"})
        self.add_button = button("Add session", "Add this day, skill and activity to the plan",
                                 button_style="primary", icon="plus")
        self.suggest_button = button(
            "Suggest a plan",
            "Replace the plan with sessions on days 1, 3, 7, 14 and 28 for each chosen skill",
            icon="magic")
        self.sessions = widgets.Select(options=[], rows=6, description="Sessions:",
                                       style={"description_width": "initial"},
                                       layout=widgets.Layout(width="28em"))
        self.remove_button = button("Remove selected", "Remove the selected session",
                                    icon="trash")
        self.clear_button = button("Clear plan", "Remove every session", icon="eraser")
        self.message = widgets.HTML("")
        self.notice = widgets.HTML("")
        self.view = _PlanDisplay()

        self._restore(plan)
        for box in self.skill_boxes.values():
            box.observe(lambda _change: self._on_skills(), names="value")
        self.add_button.on_click(lambda _: self.add(self.day.value, self.skill.value,
                                                    self.activity.value))
        self.suggest_button.on_click(lambda _: self.suggest())
        self.remove_button.on_click(lambda _: self.remove(self.sessions.index))
        self.clear_button.on_click(lambda _: self.clear())
        self._sync_skill_options()
        self._refresh(save=False)

        skills_row = widgets.HBox(list(self.skill_boxes.values()),
                                  layout=widgets.Layout(flex_flow="row wrap"))
        super().__init__([
            style_block(),
            widgets.HTML("<b>1. Which skills will your team reinforce this month?</b>"),
            skills_row,
            widgets.HTML("<b>2. Add sessions, or let the planner suggest a start.</b>"),
            widgets.HBox([self.day, self.skill, self.activity, self.add_button]),
            widgets.HBox([self.suggest_button, self.clear_button]),
            widgets.HBox([self.sessions, self.remove_button]),
            self.message,
            widgets.HTML("<b>3. How does your plan read?</b>"),
            *self.view.children,
            self.notice,
        ])
        self.add_class("coachlab")
        self.add_class("coachlab-planner")

    # ------------------------------------------------------------------ API for tests and lessons

    @property
    def chosen_skills(self) -> list[str]:
        """The ticked skills, in the vocabulary's order."""
        return [skill for skill, box in self.skill_boxes.items() if box.value]

    @property
    def results(self) -> list[RuleResult]:
        """The rule checks for the current plan."""
        return check_plan(self.plan)

    def choose_skills(self, *skills: str) -> None:
        """Tick exactly ``skills`` (as clicking the boxes would)."""
        unknown = [s for s in skills if s not in SKILLS]
        if unknown:
            raise ValueError(f"Unknown skills {unknown}; choose from {', '.join(SKILLS)}.")
        for skill, box in self.skill_boxes.items():
            box.value = skill in skills

    def add(self, day: int, skill: str, activity: str) -> bool:
        """Add a session; returns False (with a message shown) if it is not valid."""
        try:
            session = Session(day=day, skill=skill, activity=activity)
        except ValueError as error:
            self._say(_first_error(error), "wrong")
            return False
        self.plan = self.plan.adding(session)
        if not self.skill_boxes[session.skill].value:
            self.skill_boxes[session.skill].value = True
        self._say(f"Added: {format_session(session)}.", "note")
        self._refresh()
        return True

    def suggest(self) -> bool:
        """Replace the plan with an expanding-interval plan for the chosen skills."""
        if not self.chosen_skills:
            self._say("Tick at least one skill first, then ask for a suggestion.", "wrong")
            return False
        self.plan = suggest_plan(self.chosen_skills)
        self._say("Suggested: each skill on days that spread out (1, 3, 7, 14, 28, or a day "
                  "later for the second skill). Change it to fit your team's calendar.", "note")
        self._refresh()
        return True

    def remove(self, index: int | None) -> bool:
        """Remove the session at ``index`` (in day order)."""
        if index is None or not 0 <= index < len(self.plan.sessions):
            self._say("Select a session in the list first.", "wrong")
            return False
        removed = self.plan.sessions[index]
        self.plan = self.plan.without(index)
        self._say(f"Removed: {format_session(removed)}.", "note")
        self._refresh()
        return True

    def clear(self) -> None:
        """Remove every session."""
        self.plan = Plan()
        self._say("The plan is empty.", "note")
        self._refresh()

    # ------------------------------------------------------------------ internals

    def _on_skills(self) -> None:
        self._sync_skill_options()
        self._save()

    def _sync_skill_options(self) -> None:
        options = self.chosen_skills or list(SKILLS)
        current = self.skill.value
        self.skill.options = options
        self.skill.value = current if current in options else options[0]

    def _refresh(self, save: bool = True) -> None:
        self.sessions.options = [format_session(s) for s in self.plan.sessions]
        self.view.show(self.plan)
        if save:
            self._save()

    def _save(self) -> None:
        problem = self._slot.save({"skills": self.chosen_skills, "sessions": self.plan.records()})
        self.notice.value = status(esc(problem), "wrong") if problem else ""

    def _say(self, text: str, kind: str) -> None:
        self.message.value = status(esc(text), kind)

    def _restore(self, start: Plan | Sequence[str] | None) -> None:
        saved, problem = self._slot.load()
        if problem:
            self.notice.value = status(esc(problem), "wrong")
        if isinstance(saved, dict):
            sessions = [s for s in saved.get("sessions") or [] if _valid_record(s)]
            self.plan = Plan(sessions=tuple(Session(**s) for s in sessions))
            skills = [s for s in saved.get("skills") or [] if s in SKILLS]
        elif start is not None:
            self.plan = as_plan(start)
            skills = []
        else:
            return
        for skill in {*skills, *self.plan.skills}:
            self.skill_boxes[skill].value = True


def _valid_record(record: object) -> bool:
    if not isinstance(record, dict):
        return False
    try:
        Session(**record)
    except (TypeError, ValueError):
        return False
    return True


def _first_error(error: ValueError) -> str:
    errors = getattr(error, "errors", None)
    if callable(errors):
        first = errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ()))
        message = str(first.get("msg", "")).removeprefix("Value error, ")
        if field == "day":
            return f"Choose a day from 1 to {DAYS}."
        return message or f"That {field} is not valid."
    return str(error)


class PlanView(widgets.VBox):
    """A read-only view of a plan: rule checks, chart and text timeline."""

    def __init__(self, plan: Plan | Sequence[str]) -> None:
        self.view = _PlanDisplay()
        self.problems: list[str] = []
        if isinstance(plan, Plan):
            self.plan = plan
        else:
            self.plan, self.problems = read_plan(plan)
        self.results = self.view.show(self.plan)
        header = widgets.HTML(
            status("Some lines could not be read:<ul>"
                   + "".join(f"<li>{esc(p)}</li>" for p in self.problems) + "</ul>", "wrong")
            if self.problems else "")
        super().__init__([style_block(), header, *self.view.children])
        self.add_class("coachlab")


def show_plan(plan: Plan | Sequence[str]) -> PlanView:
    """Show a plan (a Plan or lines like "day 1: discovery questions: role play") with its
    rule checks and chart."""
    return PlanView(plan)
