"""SelfAssessment widget: buttons per statement, journal round trips, the profile chart."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets

from coachlab import selfassessment as sa
from coachlab.checks.selfassessment import score_recorded
from coachlab.responses import Journal
from coachlab.widgets.selfassessment import (
    MISSING_BEFORE_NOTE,
    SelfAssessment,
    example_profile,
    self_assessment,
)

Q = sa.load_questionnaire()


def fill(widget: SelfAssessment, value: int = 4, skip: int = 0) -> None:
    for statement in Q.statements[: len(Q.statements) - skip]:
        widget.toggles[statement.id].value = value  # as a click would


def test_one_row_of_never_to_always_buttons_per_statement() -> None:
    widget = SelfAssessment()
    assert isinstance(widget, widgets.VBox)
    assert list(widget.toggles) == [s.id for s in Q.statements]
    for toggle in widget.toggles.values():
        assert toggle.value is None
        assert [label for label, _ in toggle.options] == list(Q.scale)
        assert [value for _, value in toggle.options] == [1, 2, 3, 4, 5]
        assert len(toggle.tooltips) == 5
    assert not widget.complete and widget.profile is None
    assert "0 of 12" in widget.progress.value
    assert widget.chart.outputs == ()


def test_chart_appears_only_when_complete(tmp_path: Path) -> None:
    widget = SelfAssessment(journal=Journal.beside(tmp_path), key="00.self")
    fill(widget, skip=1)
    assert "11 of 12" in widget.progress.value and widget.chart.outputs == ()
    widget.answer(Q.statements[-1].id, 2)
    assert widget.complete
    assert widget.profile == sa.score(widget.answers)
    (output,) = widget.chart.outputs
    assert output["data"]["image/png"] and "Asking, not telling" in output["data"]["text/plain"]
    assert "All 12" in widget.progress.value
    assert "The chart's numbers" in widget.chart_text.value


def test_every_click_is_saved_and_restored(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    widget = SelfAssessment(journal=journal, key="00.self")
    widget.answer("ask_first", 5)
    assert journal.get("00.self") == {"questionnaire": Q.id, "answers": {"ask_first": 5}}
    fill(widget, 3)
    assert score_recorded("00.self", 3, tmp_path) == 3.0
    again = SelfAssessment(journal=journal, key="00.self")
    assert again.answers == widget.answers and again.complete
    assert again.chart.outputs


def test_restore_ignores_bad_values(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    journal.record("00.self", {"answers": {"ask_first": 9, "ask_listen": "3", "nope": 2,
                                           "ask_open": 2}})
    widget = SelfAssessment(journal=journal, key="00.self")
    assert widget.answers == {"ask_open": 2}


def test_unreadable_journal_is_reported_not_raised(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    journal.path.write_text("{not json")
    widget = SelfAssessment(journal=journal, key="00.self")
    assert "could not be read" in widget.notice.value


def test_before_profile_is_drawn_beside_the_new_one(tmp_path: Path) -> None:
    week0 = tmp_path / "00-welcome"
    capstone = tmp_path / "05-capstone"
    capstone.mkdir()
    Journal.beside(week0).record("00.self", sa.record_value({s.id: 2 for s in Q.statements}))
    widget = self_assessment("05.self", folder=capstone, before_key="00.self",
                             before_folder="../00-welcome")
    assert widget.before == sa.score({s.id: 2 for s in Q.statements})
    assert widget.note.value == ""
    fill(widget, 4)
    assert "→" in widget.chart.outputs[0]["data"]["text/plain"]
    assert Journal.beside(capstone).get("05.self")["answers"] == widget.answers
    assert Journal.beside(week0).get("05.self") is None


def test_missing_before_profile_gets_a_friendly_note(tmp_path: Path) -> None:
    widget = self_assessment("05.self", folder=tmp_path, before_key="00.self",
                             before_folder="../00-welcome")
    assert widget.before is None
    assert "not found" in widget.note.value and MISSING_BEFORE_NOTE[:20] in widget.note.value
    fill(widget, 3)
    assert "→" not in widget.chart.outputs[0]["data"]["text/plain"]


def test_example_profile_is_an_output_with_a_chart() -> None:
    output = example_profile()
    assert isinstance(output, widgets.Output)
    assert output.outputs[0]["data"]["image/png"]
