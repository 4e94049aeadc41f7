"""Shared look, words and journal plumbing for the coachlab widgets."""

from __future__ import annotations

import html
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from coachlab.moves import MOVE_MEANINGS as MOVE_MEANINGS  # the widgets' words for the moves
from coachlab.moves import MOVE_NAMES
from coachlab.responses import Journal, JournalError, JournalWarning

OUTCOME_MARKS: dict[str, str] = {"best": "✓", "good": "✓", "mixed": "◐", "poor": "✗"}
"""A symbol per scenario outcome, so an ending never reads by its colour alone."""

CSS = """
<style>
.coachlab { max-width: 60rem; }
.coachlab .coachlab-choice.jupyter-button,
.coachlab .coachlab-choice.widget-button {
  white-space: normal !important;
  height: auto !important;
  min-height: var(--jp-widgets-inline-height, 28px);
  text-align: left !important;
  line-height: 1.4;
  padding: 6px 10px;
  overflow: visible;
}
.coachlab .coachlab-right { color: var(--jp-success-color1, #2e7d32); }
.coachlab .coachlab-wrong { color: var(--jp-error-color1, #c62828); }
.coachlab .coachlab-note { color: var(--jp-ui-font-color2, #555); }
.coachlab .coachlab-quote { border-left: 3px solid var(--jp-border-color1, #bbb);
  padding-left: 0.6em; margin: 0.3em 0; }
.coachlab table.coachlab-table td, .coachlab table.coachlab-table th
  { padding: 2px 8px; text-align: left; vertical-align: top; }
</style>
"""


def esc(text: object) -> str:
    """Escape any text (scenario content, learner input) for use inside HTML."""
    return html.escape(str(text), quote=True)


def style_block() -> widgets.HTML:
    """An invisible HTML widget carrying the shared CSS (wrapping buttons, colours)."""
    block = widgets.HTML(CSS)
    block.layout.margin = "0"
    return block


def status(message_html: str, kind: str = "note") -> str:
    """Wrap feedback so screen readers announce it; ``kind`` is right, wrong or note."""
    return f'<div role="status" aria-live="polite" class="coachlab-{kind}">{message_html}</div>'


def percent(share: float) -> str:
    """0.375 -> '38%'."""
    return f"{round(share * 100)}%"


def move_counts_html(counts: dict[str, int]) -> str:
    """'2 open questions, 1 tell, ...' in the order of MOVE_NAMES."""
    parts = [f"{counts.get(label, 0)} × {esc(name)}" for label, name in MOVE_NAMES.items()]
    return ", ".join(parts)


def button(description: str, tooltip: str, **kwargs: Any) -> widgets.Button:
    """A button with a visible description and a tooltip (both are required here)."""
    return widgets.Button(description=description, tooltip=tooltip, **kwargs)


class ReplyButtons:
    """The reply buttons of a conversation, shown in ``box``: one per reply, each saying it to
    the rep when clicked (``on_pick(index)``).

    A conversation draws new buttons at every step. They share one layout and one style, and
    the buttons they replace are closed, so their models leave the kernel and the browser
    instead of piling up (each widget is a model the browser keeps until it is closed).
    """

    def __init__(self, box: widgets.Box, rep_name: str,
                 on_pick: Callable[[int], None]) -> None:
        self.box = box
        self.rep_name = rep_name
        self.on_pick = on_pick
        self.buttons: list[widgets.Button] = []
        self._layout = widgets.Layout(width="auto", max_width="100%", height="auto",
                                      margin="2px 0")
        self._style = widgets.ButtonStyle()

    def show(self, replies: Sequence[str]) -> list[widgets.Button]:
        """Replace the buttons with one per reply (none: the box is emptied)."""
        replaced, self.buttons = self.buttons, [self._button(i, r) for i, r in enumerate(replies)]
        self.box.children = self.buttons
        for old in replaced:
            old.close()
        return self.buttons

    def _button(self, index: int, reply: str) -> widgets.Button:
        reply_button = button(reply, f"Say this to {self.rep_name}", layout=self._layout,
                              style=self._style)
        reply_button.add_class("coachlab-choice")
        reply_button.on_click(lambda _: self.on_pick(index))
        return reply_button


class JournalSlot:
    """One key in an optional journal; problems become messages, never exceptions in callbacks."""

    def __init__(self, journal: Journal | None, key: str | None, widget_name: str) -> None:
        if journal is not None and not (isinstance(key, str) and key.strip()):
            raise ValueError(f"{widget_name} needs a key (for example '01.sorter') with a journal.")
        self.journal = journal
        self.key = key

    def load(self) -> tuple[Any, str | None]:
        """Return (saved value or None, problem message or None)."""
        if self.journal is None or self.key is None:
            return None, None
        try:
            return self.journal.get(self.key), None
        except (JournalError, OSError) as error:
            return None, f"Your earlier answers could not be read. {error}"

    def save(self, value: Any) -> str | None:
        """Record ``value``; return a message if it could not be saved."""
        return self._write(lambda _current: value)

    def update(self, change: Any) -> str | None:
        """Record ``change(current value)``; return a message if it could not be saved."""
        return self._write(change)

    def save_play(self, owner: tuple[str, str], latest: dict[str, Any],
                  play: dict[str, Any]) -> str | None:
        """Record a finished play with the plays already saved (``coachlab.scenarios.add_play``,
        in one locked read-change-write); return a message if something needs saying."""
        # Deferred: every widget imports this module, and scenarios bring pydantic and YAML:
        # ``python -X importtime -c 'import coachlab.widgets.selfassessment'`` took 0.78 s so,
        # 1.98 s with this import at the top.
        from coachlab.scenarios import add_play

        notes: list[str] = []

        def change(current: Any) -> Any:
            entry, note = add_play(current, owner, latest, play)
            notes[:] = [note] if note else []
            return entry

        problem = self._write(change)
        if problem or not notes:
            return problem
        return (f"Your earlier saved plays could not be read ({notes[0]}). They are kept in "
                f"the answer journal under '{self.key}' (set_aside), and this play was saved.")

    def _write(self, change: Any) -> str | None:
        if self.journal is None or self.key is None:
            return None
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", JournalWarning)
                self.journal.update(self.key, change)
        except (OSError, TypeError, ValueError) as error:
            return f"Your answer could not be saved: {error}"
        notes = [str(w.message) for w in caught if issubclass(w.category, JournalWarning)]
        return " ".join(notes) or None


def saved_play(slot: JournalSlot, notice: widgets.HTML,
               owner: tuple[str, str]) -> tuple[dict, Any] | None:
    """(the saved entry, its last finished play) if ``slot`` holds one for ``owner`` (key, id).

    A journal or saved plays that cannot be read are said in ``notice`` and left as they are.
    """
    # Deferred: every widget imports this module, and scenarios bring pydantic and YAML:
    # ``python -X importtime -c 'import coachlab.widgets.selfassessment'`` took 0.78 s so,
    # 1.98 s with this import at the top.
    from coachlab.scenarios import SavedPlayError, latest_play

    saved, problem = slot.load()
    if problem:
        notice.value = status(esc(problem), "wrong")
        return None
    key, owner_id = owner
    if not isinstance(saved, dict) or saved.get(key) != owner_id:
        return None
    try:
        return saved, latest_play(saved)
    except SavedPlayError as error:
        notice.value = status(esc(
            f"Your saved plays could not be read ({error}). They are kept as they are; "
            "your next finished play is saved beside them."), "wrong")
        return None
