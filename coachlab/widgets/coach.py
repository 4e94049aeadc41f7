"""QuestionCoach: the learner writes what they would say and sees which move it makes."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from coachlab.analysis import (
    Assessment,
    Classification,
    ConversationMetrics,
    analyze_conversation,
    assess,
    classify,
)
from coachlab.responses import Journal
from coachlab.widgets._common import (
    MOVE_MEANINGS,
    MOVE_NAMES,
    JournalSlot,
    button,
    esc,
    move_counts_html,
    percent,
    status,
    style_block,
)

EMPTY_MESSAGE = "Type what you would say to the rep first, then check it."

FLAG_NAMES: dict[str, str] = {
    "judging": "Judging",
    "stacked": "Stacked questions",
    "off_topic": "Off topic",
}
"""The quality flags of ``coachlab.analysis.assess`` in the words a learner sees."""


class QuestionCoach(widgets.VBox):
    """A text field and a "Check my reply" button (Enter also checks).

    Each reply is labelled by ``coachlab.analysis.classify`` with reasons and a rewrite hint,
    and judged by ``coachlab.analysis.assess``: a judging, stacked or off-topic question is
    named in words, with why and how to rewrite it. ``context`` is what the rep just said (shown
    above the field); without it, off-topic replies cannot be caught. The widget keeps a list
    of everything written so far and shows its ask ratio and open-question share. With a
    ``journal``, that list is saved under ``key`` and restored.
    """

    def __init__(self, journal: Journal | None = None, key: str | None = None, *,
                 context: str | None = None) -> None:
        self._slot = JournalSlot(journal, key, "QuestionCoach")
        self.context = context.strip() if isinstance(context, str) and context.strip() else None
        self.assessment: Assessment | None = None
        """How the last checked reply was judged (None before the first check)."""
        self.history: list[str] = []
        self.prompt = widgets.HTML(
            f"<div class='coachlab-quote'>The rep says: “{esc(self.context)}”</div>"
            if self.context else ""
        )
        self.text = widgets.Text(
            value="",
            placeholder="What would you say to the rep? Press Enter or the button to check it.",
            description="Your reply:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%"),
        )
        self.check_button = button(
            "Check my reply",
            "See which move your reply makes: tell, rescue, open, closed or leading",
            button_style="primary",
            icon="check",
        )
        self.clear_button = button(
            "Clear my list",
            "Forget the replies written so far and start a new list",
            icon="eraser",
        )
        self.feedback = widgets.HTML("")
        self.summary = widgets.HTML("")
        self.history_html = widgets.HTML("")
        self.notice = widgets.HTML("")

        self.check_button.on_click(lambda _: self.submit())
        self.clear_button.on_click(lambda _: self.clear())
        self.text.on_msg(self._on_text_message)  # the browser sends "submit" on Enter

        saved, problem = self._slot.load()
        if problem:
            self.notice.value = status(esc(problem), "wrong")
        elif isinstance(saved, list):
            self.history = [reply for reply in saved if isinstance(reply, str) and reply.strip()]
        self._show_history()
        super().__init__(
            [
                style_block(),
                self.prompt,
                self.text,
                widgets.HBox([self.check_button, self.clear_button]),
                self.feedback,
                self.summary,
                self.history_html,
                self.notice,
            ]
        )
        self.add_class("coachlab")
        self.add_class("coachlab-coach")

    # ------------------------------------------------------------------ API for tests and checks

    @property
    def metrics(self) -> ConversationMetrics:
        """Ask ratio, open share and counts over everything written so far."""
        return analyze_conversation(self.history)

    def submit(self, text: str | None = None) -> Classification | None:
        """Check ``text`` (default: what is in the field); return its classification.

        Empty input shows a friendly message and returns None.
        """
        reply = self.text.value if text is None else text
        reply = reply.strip() if isinstance(reply, str) else ""
        if not reply:
            self.feedback.value = status(esc(EMPTY_MESSAGE))
            return None
        try:
            result = classify(reply)
            judged = assess(reply, self.context)
        except (TypeError, ValueError) as error:
            self.feedback.value = status(esc(f"That reply could not be checked: {error}"))
            return None
        self.assessment = judged
        self.history.append(reply)
        self.text.value = ""
        self.feedback.value = _feedback_html(reply, result, judged)
        self._show_history()
        self._save()
        return result

    def clear(self) -> None:
        """Forget the replies written so far (and in the journal)."""
        self.history = []
        self.feedback.value = status("Your list is empty. Try a new reply.")
        self._show_history()
        self._save()

    # ------------------------------------------------------------------ internals

    def _on_text_message(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("event") == "submit":
            self.submit()

    def _save(self) -> None:
        problem = self._slot.save(list(self.history))
        self.notice.value = status(esc(problem), "wrong") if problem else ""

    def _show_history(self) -> None:
        if not self.history:
            self.summary.value = ""
            self.history_html.value = ""
            return
        metrics = self.metrics
        asked = metrics.counts["open"] + metrics.counts["closed"]
        questions = asked + metrics.counts["leading"]
        if questions:
            open_part = (
                f"<b>Open questions: {percent(metrics.open_share)}</b> "
                f"({metrics.counts['open']} of {questions} questions are open)"
            )
        else:
            open_part = "<b>Open questions:</b> no questions yet"
        self.summary.value = status(
            f"<b>Ask ratio: {percent(metrics.ask_ratio)}</b> ({asked} of {metrics.total} "
            f"replies ask) · {open_part}"
            f"<br><span class='coachlab-note'>Moves so far: "
            f"{move_counts_html(metrics.counts)}</span>"
        )
        items = "".join(
            f"<li>“{esc(reply)}” <span class='coachlab-note'>"
            f"({esc(_move_and_flags(reply, self.context))})</span></li>"
            for reply in self.history
        )
        self.history_html.value = (
            f"<details open><summary>Your replies so far</summary><ol>{items}</ol></details>"
        )


def _move_and_flags(reply: str, context: str | None) -> str:
    judged = assess(reply, context)
    names = [MOVE_NAMES[judged.move]] + [FLAG_NAMES[flag].lower() for flag in judged.flags]
    return " · ".join(names)


def _feedback_html(reply: str, result: Classification, judged: Assessment) -> str:
    kind = "right" if judged.clean_open else "note"
    mark = "✓ " if judged.clean_open else ""  # a clean open question is said, not only coloured
    parts = [
        f"<div>{mark}“{esc(reply)}” is <b>{esc(MOVE_NAMES[result.label])}</b>: "
        f"{esc(MOVE_MEANINGS[result.label])}.</div>"
    ]
    if result.reasons:
        reasons = "".join(f"<li>{esc(reason)}</li>" for reason in result.reasons)
        parts.append(f"<div class='coachlab-note'>Why:<ul>{reasons}</ul></div>")
    if result.hint:
        parts.append(f"<div><b>Try:</b> {esc(result.hint)}</div>")
    if judged.flags:
        # Each flag is named in words (not only coloured), with why and how to rewrite it.
        lead = ("An open question, but not yet a good one:" if judged.move == "open"
                else "Also:")
        flags = "".join(
            f"<li><b>{esc(FLAG_NAMES[flag])}</b>: {esc(judged.reasons[flag])}."
            f"<br><b>Try:</b> {esc(judged.hints[flag])}</li>"
            for flag in judged.flags
        )
        parts.append(f"<div class='coachlab-flags'>{esc(lead)}<ul>{flags}</ul></div>")
    return status("".join(parts), kind)
