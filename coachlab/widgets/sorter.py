"""StatementSorter: the learner labels manager replies as one of the five moves."""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as widgets

from coachlab.analysis import LABELS, Classification, classify
from coachlab.responses import Journal
from coachlab.widgets._common import (
    MOVE_MEANINGS,
    MOVE_NAMES,
    JournalSlot,
    esc,
    status,
    style_block,
)

Item = tuple[str, str] | str


class StatementSorter(widgets.VBox):
    """Sort replies into tell, rescue, open, closed and leading, with instant feedback.

    ``items`` are ``(reply, expected label)`` pairs or plain replies (then the analyzer's label is
    expected). With a ``journal``, the learner's choices are saved under ``key`` as
    ``{"choices": {"0": "tell", ...}}`` and restored when the widget is built again.
    """

    def __init__(
        self,
        items: Sequence[Item],
        journal: Journal | None = None,
        key: str | None = None,
    ) -> None:
        self._slot = JournalSlot(journal, key, "StatementSorter")
        self.texts: list[str] = []
        self.expected: list[str] = []
        self._analysis: list[Classification] = []
        for number, item in enumerate(items, start=1):
            text, label, analysis = _prepare(item, number)
            self.texts.append(text)
            self.expected.append(label)
            self._analysis.append(analysis)
        if not self.texts:
            raise ValueError("StatementSorter needs at least one reply to sort.")

        self.toggles: list[widgets.ToggleButtons] = []
        self.feedback: list[widgets.HTML] = []
        rows: list[widgets.Widget] = []
        for index, text in enumerate(self.texts):
            toggle = widgets.ToggleButtons(
                options=[(MOVE_NAMES[label], label) for label in LABELS],
                value=None,
                description=f"Reply {index + 1}:",
                tooltips=[f"{MOVE_NAMES[label]}: {MOVE_MEANINGS[label]}" for label in LABELS],
                style={"description_width": "initial", "button_width": "auto"},
            )
            note = widgets.HTML("")
            self.toggles.append(toggle)
            self.feedback.append(note)
            quote = widgets.HTML(
                f'<div class="coachlab-quote"><b>{index + 1}.</b> “{esc(text)}”</div>'
            )
            rows.append(widgets.VBox([quote, toggle, note]))
        self.score = widgets.HTML("")
        self.notice = widgets.HTML("")

        self._restore()
        for index, toggle in enumerate(self.toggles):
            toggle.observe(lambda change, i=index: self._on_choice(i), names="value")
        for index in range(len(self.texts)):
            self._show_feedback(index)
        self._show_score()
        super().__init__([style_block(), *rows, self.score, self.notice])
        self.add_class("coachlab")
        self.add_class("coachlab-sorter")

    # ------------------------------------------------------------------ API for tests and checks

    @property
    def choices(self) -> dict[int, str]:
        """The learner's current choices, ``{item index: label}``, answered items only."""
        return {i: t.value for i, t in enumerate(self.toggles) if t.value is not None}

    @property
    def right(self) -> int:
        """How many items are currently labelled correctly."""
        return sum(self.expected[i] == label for i, label in self.choices.items())

    def choose(self, index: int, label: str) -> None:
        """Pick ``label`` for item ``index``, exactly as clicking the toggle would."""
        if label not in LABELS:
            raise ValueError(f"{label!r} is not a move; choose one of {', '.join(LABELS)}.")
        self.toggles[index].value = label

    # ------------------------------------------------------------------ reactions

    def _on_choice(self, index: int) -> None:
        self._show_feedback(index)
        self._show_score()
        problem = self._slot.save({"choices": {str(i): v for i, v in self.choices.items()}})
        self.notice.value = status(esc(problem), "wrong") if problem else ""

    def _show_feedback(self, index: int) -> None:
        chosen = self.toggles[index].value
        if chosen is None:
            self.feedback[index].value = ""
            return
        expected = self.expected[index]
        analysis = self._analysis[index]
        if analysis.label == expected:
            why = "; ".join(analysis.reasons)
        else:  # the author's label overrides the analyzer: explain the move itself
            why = MOVE_MEANINGS[expected]
        why_html = f"<br><span class='coachlab-note'>Why: {esc(why)}</span>" if why else ""
        if chosen == expected:
            message = f"✓ Right: this is <b>{esc(MOVE_NAMES[expected])}</b>.{why_html}"
            self.feedback[index].value = status(message, "right")
        else:
            message = (
                f"✗ Not quite: you chose {esc(MOVE_NAMES[chosen])}; "
                f"this is <b>{esc(MOVE_NAMES[expected])}</b>.{why_html}"
            )
            self.feedback[index].value = status(message, "wrong")

    def _show_score(self) -> None:
        answered, total = len(self.choices), len(self.texts)
        text = f"<b>{self.right} of {total} right</b>"
        if answered < total:
            text += f" <span class='coachlab-note'>({answered} answered so far)</span>"
        self.score.value = status(text)

    def _restore(self) -> None:
        saved, problem = self._slot.load()
        if problem:
            self.notice.value = status(esc(problem), "wrong")
            return
        choices = saved.get("choices") if isinstance(saved, dict) else None
        if not isinstance(choices, dict):
            return
        for raw_index, label in choices.items():
            try:
                index = int(raw_index)
            except (TypeError, ValueError):
                continue
            if 0 <= index < len(self.toggles) and label in LABELS:
                self.toggles[index].value = label


def _prepare(item: Item, number: int) -> tuple[str, str, Classification]:
    """Return (text, expected label, analyzer's classification) for one item."""
    if isinstance(item, str):
        text, label = item, None
    elif isinstance(item, (tuple, list)) and len(item) == 2:
        text, label = item
    else:
        raise TypeError(f"Item {number} must be a reply or a (reply, label) pair, not {item!r}.")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"Item {number} has no reply text.")
    analysis = classify(text)
    if label is None:
        label = analysis.label
    if label not in LABELS:
        raise ValueError(f"Item {number}: {label!r} is not a move ({', '.join(LABELS)}).")
    return text, label, analysis
