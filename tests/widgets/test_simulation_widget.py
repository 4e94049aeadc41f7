"""SimulationExplorer: labelled sliders, and charts and summary that follow them."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from coachlab.figures import png
from coachlab.simulation import TeamParameters, compare
from coachlab.widgets.simulation import SLIDERS, SimulationExplorer, draw, summary_html


def shown_png(explorer: SimulationExplorer) -> bytes:
    (output,) = explorer.output.outputs
    return output["data"]["image/png"]


def test_builds_labelled_sliders_and_draws_once() -> None:
    explorer = SimulationExplorer()
    assert isinstance(explorer, widgets.VBox)
    for name in SLIDERS:
        slider = getattr(explorer, name)
        assert slider.description and not slider.continuous_update
        assert slider.value == getattr(TeamParameters(), name)
    assert explorer.draws == 1
    assert explorer.comparison == compare()
    assert len(explorer.figure.axes) == 3
    assert shown_png(explorer)
    assert "illustrative model" in explorer.summary.value


def test_moving_a_slider_reruns_the_model_and_redraws() -> None:
    explorer = SimulationExplorer()
    before_png = shown_png(explorer)
    before_figure = explorer.figure
    explorer.rescue_share.value = 1.0
    assert explorer.draws == 2
    assert explorer.comparison.parameters.rescue_share == 1.0
    assert explorer.comparison == compare(TeamParameters(rescue_share=1.0))
    assert explorer.figure is not before_figure
    assert shown_png(explorer) != before_png
    assert len(explorer.output.outputs) == 1  # replaced, not appended


def test_chart_lines_follow_the_series() -> None:
    explorer = SimulationExplorer()
    explorer.quarters.value = 4
    explorer.coaching_hours_per_rep_per_week.value = 2.0
    capability, attainment, hours = explorer.figure.axes
    rescue_line, coach_line = attainment.get_lines()[:2]
    assert list(coach_line.get_xdata()) == [1, 2, 3, 4]
    assert list(coach_line.get_ydata()) == list(explorer.comparison.coach.attainment)
    assert list(rescue_line.get_ydata()) == list(explorer.comparison.rescue.attainment)
    assert list(capability.get_lines()[1].get_ydata()) == list(
        explorer.comparison.coach.capability)
    assert list(hours.get_lines()[0].get_ydata()) == list(
        explorer.comparison.rescue.manager_hours)
    assert [t.get_text() for t in capability.get_legend().get_texts()] == ["Rescue", "Coach"]


def test_summary_names_the_crossover_and_the_numbers() -> None:
    explorer = SimulationExplorer()
    crossover = explorer.comparison.crossover_quarter()
    assert f"quarter {crossover}</b>" in explorer.summary.value
    explorer.quarters.value = 2
    assert "does <b>not</b> catch up" in explorer.summary.value


def test_reset_restores_defaults_with_one_redraw() -> None:
    explorer = SimulationExplorer()
    explorer.team_size.value = 12
    explorer.manager_hours_per_week.value = 5.0
    draws = explorer.draws
    explorer.reset_button.click()
    assert explorer.draws == draws + 1
    assert explorer.parameters() == TeamParameters()


def test_settings_the_model_refuses_show_a_message_and_keep_the_last_chart(
        monkeypatch: pytest.MonkeyPatch) -> None:
    explorer = SimulationExplorer()
    figure = explorer.figure

    def refuse(params: TeamParameters) -> None:
        raise ValueError("team_size must be between 1 and 50, got 99")

    # Every slider stays inside the model's ranges, so a refusal is forced here.
    monkeypatch.setattr("coachlab.widgets.simulation.compare", refuse)
    explorer.team_size.value = 3
    assert "can&#x27;t be simulated" in explorer.notice.value and "got 99" in explorer.notice.value
    assert explorer.figure is figure and explorer.draws == 1
    monkeypatch.undo()
    explorer.team_size.value = 4
    assert explorer.notice.value == "" and explorer.figure is not figure


def test_draw_and_png_work_without_the_widget() -> None:
    figure = draw(compare(TeamParameters(quarters=3)))
    assert png(figure).startswith(b"\x89PNG")
    assert "<table" in summary_html(compare())
