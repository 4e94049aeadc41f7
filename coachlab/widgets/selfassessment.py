"""SelfAssessment: answer the coaching-habits statements and see your profile as a chart.

The questionnaire, validation and scoring live in :mod:`coachlab.selfassessment`; this widget
only shows them. Each statement gets a row of five buttons (never ... always); every click is
saved in the answer journal, so nothing is lost on a re-run, and once every statement is
answered the profile chart (0-100 per dimension) appears below, next to an earlier profile if
one is given.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets

from coachlab import selfassessment as sa
from coachlab.figures import output_record
from coachlab.figures import png as figure_png
from coachlab.responses import Journal
from coachlab.widgets._common import JournalSlot, esc, status, style_block

MISSING_BEFORE_NOTE = (
    "Your module 00 self-assessment was not found beside this exercise (in ../00-welcome/), so "
    "only today's profile is shown. That's fine: read it on its own, or take module 00's "
    "exercise first and come back."
)

EXAMPLE_PROFILE = {"asking": 35.0, "letting_try": 25.0, "reinforcing": 20.0}
"""An illustrative profile for the welcome lesson: made up, not data about managers."""


class SelfAssessment(widgets.VBox):
    """The self-assessment as rows of five-point buttons, with a profile chart when complete.

    With a ``journal``, answers are saved under ``key`` after every click as
    ``{"questionnaire": id, "answers": {statement id: 1..5}}`` and restored when the widget is
    built again. ``before`` (a profile from :func:`coachlab.selfassessment.score`) is drawn
    beside the new profile; ``note`` is shown above the chart (e.g. why there is no ``before``).

    Python API (tests): ``toggles``, ``answer(statement_id, value)``, ``answers``, ``complete``,
    ``profile``, ``chart`` (an Output holding the chart image once complete).
    """

    def __init__(self, questionnaire: sa.Questionnaire | None = None,
                 journal: Journal | None = None, key: str | None = None,
                 before: dict[str, float] | None = None, note: str | None = None) -> None:
        self.questionnaire = questionnaire or sa.load_questionnaire()
        self.before = before
        self._slot = JournalSlot(journal, key, "SelfAssessment")
        self._restoring = False
        q = self.questionnaire
        self.toggles: dict[str, widgets.ToggleButtons] = {}
        rows: list[widgets.Widget] = [style_block()]
        number = 0
        for dimension in q.dimensions:
            rows.append(widgets.HTML(f"<h4>{esc(dimension.name)}</h4>"))
            for statement in q.statements_for(dimension.id):
                number += 1
                toggle = widgets.ToggleButtons(
                    options=[(label, value) for value, label in enumerate(q.scale, 1)],
                    value=None,
                    tooltips=[f"{label}: {statement.text}" for label in q.scale],
                    style={"button_width": "7.5em"},
                )
                toggle.observe(self._on_change, names="value")
                self.toggles[statement.id] = toggle
                rows.append(widgets.HTML(f"<b>{number}.</b> {esc(statement.text)}"))
                rows.append(toggle)
        self.progress = widgets.HTML("")
        self.note = widgets.HTML(status(esc(note)) if note else "")
        self.chart = widgets.Output()
        self.chart_text = widgets.HTML("")
        self.notice = widgets.HTML("")
        self._restore()
        self._refresh()
        super().__init__([*rows, self.progress, self.note, self.chart, self.chart_text,
                          self.notice])
        self.add_class("coachlab")
        self.add_class("coachlab-selfassessment")

    # ------------------------------------------------------------------ API for tests and checks

    @property
    def answers(self) -> dict[str, int]:
        """The answers given so far: statement id -> 1..5."""
        return {sid: toggle.value for sid, toggle in self.toggles.items()
                if toggle.value is not None}

    @property
    def complete(self) -> bool:
        """True once every statement is answered."""
        return not sa.answer_problems(self.answers, self.questionnaire)

    @property
    def profile(self) -> dict[str, float] | None:
        """The profile (0-100 per dimension) once complete, else None."""
        return sa.score(self.answers, self.questionnaire) if self.complete else None

    def answer(self, statement_id: str, value: int) -> None:
        """Answer one statement (1 = the first scale label ... 5 = the last), as a click would."""
        if statement_id not in self.toggles:
            raise KeyError(f"no statement {statement_id!r}")
        self.toggles[statement_id].value = value

    # ------------------------------------------------------------------ internals

    def _on_change(self, _change: Any) -> None:
        if self._restoring:
            return
        problem = self._slot.save(sa.record_value(self.answers, self.questionnaire))
        self.notice.value = status(esc(problem), "wrong") if problem else ""
        self._refresh()

    def _restore(self) -> None:
        saved, problem = self._slot.load()
        if problem:
            self.notice.value = status(esc(problem), "wrong")
            return
        answers = sa.recorded_answers(saved) or {}
        self._restoring = True
        try:
            for sid, toggle in self.toggles.items():
                value = answers.get(sid)
                if type(value) is int and 1 <= value <= sa.SCALE_POINTS:
                    toggle.value = value
        finally:
            self._restoring = False

    def _refresh(self) -> None:
        total = len(self.toggles)
        done = len(self.answers)
        profile = self.profile
        if profile is None:
            self.progress.value = status(
                f"{done} of {total} statements answered. Your profile appears when all "
                f"{total} are answered.")
            self.chart.outputs = ()
            self.chart_text.value = ""
            return
        self.progress.value = status(
            f"✓ All {total} statements answered and saved. Change any answer and the chart "
            "follows.",
            "right")
        if self.before is not None:
            show_chart(self.chart, self.before, profile, self.questionnaire)
            text = sa.profile_text(self.before, profile, self.questionnaire)
        else:
            show_chart(self.chart, profile, None, self.questionnaire)
            text = sa.profile_text(profile, None, self.questionnaire)
        rows = "".join(f"<li>{esc(line)}</li>" for line in text.split("\n"))
        self.chart_text.value = (f"<details><summary>The chart's numbers</summary><ul>{rows}</ul>"
                                 "</details>")


def show_chart(output: widgets.Output, before: dict[str, float],
               after: dict[str, float] | None = None,
               questionnaire: sa.Questionnaire | None = None,
               subject: str = "your coaching habits", **labels: str) -> None:
    """Draw the profile chart into ``output`` with its numbers as alt text (no pyplot, works
    without a kernel); ``subject`` says whose profile the alt text describes."""
    figure = sa.profile_chart(before, after, questionnaire, **labels)
    output.outputs = (output_record(figure_png(figure, dpi=96), chart_alt(
        before, after, questionnaire, subject)),)


def chart_alt(before: dict[str, float], after: dict[str, float] | None = None,
              questionnaire: sa.Questionnaire | None = None,
              subject: str = "your coaching habits") -> str:
    """The profile chart's text alternative: what it shows, then every bar's score."""
    what = (f"Bar chart of {subject}, 0 (never) to 100 (always) per habit"
            + (", before and after" if after is not None else ""))
    numbers = sa.profile_text(before, after, questionnaire).replace("\n", "; ")
    return f"{what}. {numbers}."


def self_assessment(key: str, folder: Path | str | None = None,
                    before_key: str | None = None,
                    before_folder: Path | str | None = None) -> SelfAssessment:
    """The self-assessment saved under ``key`` in the journal beside this notebook.

    With ``before_key``, the profile recorded under that key in ``before_folder``'s journal (for
    the capstone: ``"../00-welcome"``) is drawn beside the new one; if it is missing, a friendly
    note says so and only the new profile is drawn.
    """
    here = Path(folder or Path.cwd())
    before = note = None
    if before_key is not None:
        before = sa.recorded_profile(before_key, here / (before_folder or "."))
        note = None if before is not None else MISSING_BEFORE_NOTE
    return SelfAssessment(journal=Journal.beside(here), key=key, before=before, note=note)


def example_profile() -> widgets.Output:
    """An illustrative profile chart for the welcome lesson (made-up numbers, not data)."""
    output = widgets.Output()
    show_chart(output, EXAMPLE_PROFILE, None, before_label="Example",
               subject="an example manager's coaching habits (made-up numbers)")
    return output
