"""SimulationExplorer: number fields over the rescue-or-coach model, with three charts that follow.

The model lives in :mod:`coachlab.simulation`; this widget only collects the values, runs
``compare`` and draws the result. Charts are built as a matplotlib ``Figure`` (no pyplot, no
global state), rendered to PNG and shown in an ``Output``, so the widget works the same in a
notebook and in a test.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import ipywidgets as widgets

from coachlab.figures import output_record, png
from coachlab.simulation import Comparison, TeamParameters, compare
from coachlab.widgets._common import button, esc, status, style_block

if TYPE_CHECKING:
    # Deferred: matplotlib.figure took 3.5 s to import (``python -X importtime``); the chart is
    # drawn on the first run, not when the lesson starts.
    from matplotlib.figure import Figure

#: How each policy is drawn: label, colour, line style, marker (told apart without colour too).
STYLES = {
    "rescue": ("Rescue", "#c62828", "--", "o"),
    "coach": ("Coach", "#1565c0", "-", "s"),
}

#: The controls (labelled number fields), each named for the TeamParameters field it sets.
SLIDERS = ("team_size", "quarters", "rescue_share", "coaching_hours_per_rep_per_week",
           "manager_hours_per_week")


def draw(comparison: Comparison) -> Figure:
    """Three small charts side by side: team capability, attainment, manager hours."""
    # Deferred: matplotlib.figure took 3.5 s to import (``python -X importtime``); the chart is
    # drawn on the first run, not when the lesson starts.
    from matplotlib.figure import Figure

    params = comparison.parameters
    quarters = list(range(1, params.quarters + 1))
    figure = Figure(figsize=(11, 3.3), dpi=80)
    figure.subplots_adjust(left=0.05, right=0.99, bottom=0.16, top=0.9, wspace=0.22)
    axes = figure.subplots(1, 3)
    panels = (
        ("Team capability (0–1)", "capability"),
        ("Attainment (% of quota)", "attainment"),
        ("Your hours on reps' deals, per quarter", "manager_hours"),
    )
    for ax, (title, series) in zip(axes, panels, strict=True):
        for run in (comparison.rescue, comparison.coach):
            label, colour, style, marker = STYLES[run.policy]
            ax.plot(quarters, getattr(run, series), label=label, color=colour, linestyle=style,
                    marker=marker, markersize=4)
        ax.set_title(title, fontsize=11)
        ax.set_xlabel("Quarter")
        ax.grid(alpha=0.3)
        ax.set_xticks(quarters if len(quarters) <= 12 else quarters[::2])
    axes[0].set_ylim(0, 1)
    axes[1].axhline(100, color="#555", linewidth=0.8, linestyle=":")
    axes[1].set_ylim(0, max(140.0, *comparison.rescue.attainment, *comparison.coach.attainment)
                     + 5)
    budget = params.manager_hours_per_quarter
    axes[2].axhline(budget, color="#555", linewidth=0.8, linestyle=":")
    axes[2].text(quarters[0], budget, " all your hours", va="bottom", fontsize=8, color="#555")
    axes[2].set_ylim(0, budget * 1.15 if budget else 1)
    axes[0].legend(loc="lower left", fontsize=9)
    return figure


def chart_alt(comparison: Comparison) -> str:
    """The three charts' text alternative: each series from its first to its last quarter."""
    quarters = len(comparison.coach.attainment)

    def span(values: list[float], unit: str, digits: int = 0) -> str:
        return f"{values[0]:.{digits}f}{unit} to {values[-1]:.{digits}f}{unit}"

    def panel(title: str, series: str, unit: str, digits: int = 0) -> str:
        runs = (f"{label} {span(list(getattr(run, series)), unit, digits)}"
                for label, run in (("rescue", comparison.rescue), ("coach", comparison.coach)))
        return f"{title}: {', '.join(runs)}"

    return (f"Three line charts over {quarters} quarters, rescuing against coaching, from the "
            "first quarter to the last. "
            + "; ".join((panel("Team capability (0 to 1)", "capability", "", 2),
                         panel("Attainment", "attainment", "% of quota"),
                         panel("Your hours on reps' deals per quarter", "manager_hours", " h")))
            + ".")


def summary_html(comparison: Comparison) -> str:
    """The charts' story in words (also the text alternative to the picture)."""
    rescue, coach = comparison.rescue, comparison.coach
    last = len(coach.attainment)
    crossover = comparison.crossover_quarter()
    if crossover is None:
        verdict = (f"Within these {last} quarters, coaching does <b>not</b> catch up with rescuing "
                   "on attainment. What would it take? Try more quarters or coaching hours.")
    elif crossover == 1:
        verdict = "Coaching matches or beats rescuing on attainment from the first quarter."
    else:
        verdict = (f"Rescuing hits more of the number at first; coaching catches up in "
                   f"<b>quarter {crossover}</b> and stays ahead.")
    rows = "".join(
        f"<tr><th>{label}</th><td>{run.attainment[0]:.0f}%</td><td>{run.attainment[-1]:.0f}%</td>"
        f"<td>{run.start_capability:.2f} → {run.capability[-1]:.2f}</td>"
        f"<td>{sum(run.manager_hours):.0f} h</td></tr>"
        for label, run in (("Rescue", rescue), ("Coach", coach))
    )
    return (
        f"<p>{verdict}</p>"
        '<table class="coachlab-table"><tr><th></th><th>Attainment, quarter 1</th>'
        f"<th>Attainment, quarter {last}</th><th>Team capability</th>"
        f"<th>Your hours on deals, all {last} quarters</th></tr>{rows}</table>"
        '<p class="coachlab-note">An illustrative model: its numbers are assumptions for '
        "discussion, not research findings.</p>"
    )


class SimulationExplorer(widgets.VBox):
    """Number fields for the team and the manager's choices, three charts and a summary in words.

    Every change of a number re-runs :func:`coachlab.simulation.compare` and redraws. ``comparison``
    holds the latest result, ``figure`` the latest matplotlib figure and ``draws`` counts redraws,
    so the widget can be driven and checked from Python.
    """

    def __init__(self, parameters: TeamParameters | None = None) -> None:
        self.defaults = parameters or TeamParameters()
        d = self.defaults
        # Labelled number fields, not sliders: an ipywidgets 8 slider's handle has no
        # accessible name in JupyterLab (its label is not tied to it and no aria attribute can
        # be set from Python), while a number field's label is, and arrow keys still step it.
        common = {"continuous_update": False, "style": {"description_width": "18rem"},
                  "layout": widgets.Layout(width="26rem")}
        self.team_size = widgets.BoundedIntText(
            value=d.team_size, min=1, max=15, step=1, description="Reps on your team (1–15)",
            **common)
        self.quarters = widgets.BoundedIntText(
            value=d.quarters, min=2, max=12, step=1, description="Quarters to simulate (2–12)",
            **common)
        self.rescue_share = widgets.BoundedFloatText(
            value=d.rescue_share, min=0.0, max=1.0, step=0.05,
            description="Share of hard deals you rescue (0–1)", **common)
        self.coaching_hours_per_rep_per_week = widgets.BoundedFloatText(
            value=d.coaching_hours_per_rep_per_week, min=0.0, max=4.0, step=0.25,
            description="Coaching hours per rep per week (0–4)", **common)
        self.manager_hours_per_week = widgets.BoundedFloatText(
            value=d.manager_hours_per_week, min=2.0, max=40.0, step=1.0,
            description="Your hours per week for reps' deals (2–40)", **common)
        self.reset_button = button("Reset", "Put every number back to its starting value",
                                   icon="undo")
        self.output = widgets.Output()
        self.summary = widgets.HTML("")
        self.notice = widgets.HTML("")
        self.comparison: Comparison | None = None
        self.figure: Figure | None = None
        self.draws = 0
        self._paused = False

        for name in SLIDERS:
            getattr(self, name).observe(self._on_change, names="value")
        self.reset_button.on_click(lambda _: self.reset())
        self.update()
        controls = widgets.VBox([getattr(self, name) for name in SLIDERS] + [self.reset_button])
        super().__init__([style_block(), controls, self.notice, self.output, self.summary])
        self.add_class("coachlab")
        self.add_class("coachlab-simulation")

    def parameters(self) -> TeamParameters:
        """The model's assumptions with the fields' current values."""
        return dataclasses.replace(self.defaults, **{name: getattr(self, name).value
                                                     for name in SLIDERS})

    def update(self) -> None:
        """Re-run the model with the fields' values and redraw the charts and summary."""
        try:
            comparison = compare(self.parameters())
        except ValueError as error:
            self.notice.value = status(esc(f"These settings can't be simulated: {error}"),
                                       "wrong")
            return
        self.notice.value = ""
        self.comparison = comparison
        self.figure = draw(comparison)
        self.output.outputs = (output_record(png(self.figure), chart_alt(comparison)),)
        self.summary.value = summary_html(comparison)
        self.draws += 1

    def reset(self) -> None:
        """Put every field back to the starting assumptions (one redraw)."""
        self._paused = True
        try:
            for name in SLIDERS:
                getattr(self, name).value = getattr(self.defaults, name)
        finally:
            self._paused = False
        self.update()

    def _on_change(self, _change: dict) -> None:
        if not self._paused:
            self.update()
