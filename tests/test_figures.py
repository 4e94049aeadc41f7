"""Charts carry a text alternative: an <img alt> that states the chart's data."""

from __future__ import annotations

import base64
import html
import re
import struct
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from coachlab import figures
from coachlab.progress.reading import learner_progress
from coachlab.progress.view import chart_alt as progress_alt
from coachlab.simulation import TeamParameters, compare
from coachlab.widgets.planner import PlannerWidget
from coachlab.widgets.selfassessment import example_profile
from coachlab.widgets.simulation import SimulationExplorer, chart_alt

PNG = b"\x89PNG\r\n\x1a\n-not-a-real-picture"


def alt_of(record: dict) -> str:
    """The alt attribute of the <img> in one display_data output."""
    match = re.search(r'alt="([^"]*)"', record["data"]["text/html"])
    assert match, record["data"]["text/html"][:200]
    return html.unescape(match.group(1))


def test_image_bundle_has_html_with_alt_png_and_text() -> None:
    bundle = figures.image_bundle(PNG, 'Scores: "A" 3 < 4')
    assert bundle["image/png"] == base64.b64encode(PNG).decode()
    assert bundle["text/plain"] == 'Scores: "A" 3 < 4'
    assert 'alt="Scores: &quot;A&quot; 3 &lt; 4"' in bundle["text/html"]
    assert base64.b64encode(PNG).decode() in bundle["text/html"]


def test_a_chart_without_alt_text_is_refused() -> None:
    with pytest.raises(ValueError, match="alt text"):
        figures.img_html(PNG, "  ")


def test_simulation_alt_states_every_series_first_and_last_value() -> None:
    explorer = SimulationExplorer()
    (record,) = explorer.output.outputs
    alt = alt_of(record)
    coach = explorer.comparison.coach
    assert alt.startswith("Three line charts over 8 quarters")
    first, last = coach.attainment[0], coach.attainment[-1]
    assert f"coach {first:.0f}% of quota to {last:.0f}% of quota" in alt
    explorer.quarters.value = 4
    assert "over 4 quarters" in alt_of(explorer.output.outputs[0])
    assert alt == chart_alt(compare(TeamParameters()))


def test_planner_alt_lists_each_skills_sessions() -> None:
    planner = PlannerWidget(plan=["day 1: discovery questions: role play",
                                  "day 3: discovery questions: drill"])
    alt = alt_of(planner.view.chart.outputs[0])
    assert "Timeline of the 30-day plan" in alt
    assert "discovery questions: day 1 role play, day 3 drill" in alt


def test_example_profile_alt_says_it_is_made_up_and_gives_the_scores() -> None:
    alt = alt_of(example_profile().outputs[0])
    assert "made-up numbers" in alt and "Asking, not telling: 35" in alt


def test_progress_alt_names_every_module() -> None:
    progress = learner_progress(Path(__file__).resolve().parents[1])
    alt = progress_alt(progress)
    assert alt.startswith("Two charts. Exercise parts answered per module: 00 ")
    for module in progress.modules:
        assert re.search(rf"\b{module.number} \d+%", alt), module.number
    assert "Skills over time:" in alt


def _size(data: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", data[16:24])  # the PNG header's IHDR chunk
    return width, height


def test_png_bytes_at_the_requested_dpi() -> None:
    figure = Figure(figsize=(2, 1))
    figure.add_subplot().plot([0, 1], [1, 0])
    data = figures.png(figure, dpi=50)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert _size(data) == (100, 50)
    assert _size(figures.png(figure, dpi=100, tight=True)) == (200, 100)
