"""PracticeView: today's practice, one item at a time, with the reasoning after each answer.

The view only shows things and passes clicks on: choosing the items, judging answers and
scheduling them is :class:`coachlab.practice.Session`'s job.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path

import ipywidgets as widgets

from coachlab.course import CourseNotFound
from coachlab.interview import RepError
from coachlab.journals import opened_modules
from coachlab.practice import SKILLS, Session, build_pool
from coachlab.practice.items import INTERVIEW, Item
from coachlab.practice.judge import PARTLY, RIGHT, load_practice_rep
from coachlab.practice.lesson_items import PracticeFileError
from coachlab.practice.pool import course_folder
from coachlab.practice.session import Answer, Clock, local_now
from coachlab.practice.state import WINDOW_DAYS, PracticeSummary, SkillState, review_words
from coachlab.responses import Journal, JournalError
from coachlab.scenarios import ScenarioError
from coachlab.widgets._common import button, esc, status, style_block
from coachlab.widgets.practice_interview import PracticeInterview

_RESULT_WORDS = {RIGHT: ("✓", "Right", "right"), PARTLY: ("◐", "Partly right", "partly")}
_WRONG_WORDS = ("✗", "Not quite", "wrong")

# The feedback card: text in the notebook's own colour (its contrast is the theme's, AA in
# JupyterLab's light and dark themes); the verdict's colour is only a left border, so the symbol
# and the word carry the meaning and no text depends on a colour's contrast.
FEEDBACK_CSS = """
<style>
.coachlab .coachlab-feedback { color: var(--jp-content-font-color1, #1a1a1a);
  border-left: 4px solid var(--jp-border-color1, #999); padding: 0.2em 0 0.2em 0.8em;
  margin: 0.6em 0; line-height: 1.5; max-width: 42rem; }
.coachlab .coachlab-feedback-right { border-left-color: var(--jp-success-color1, #2e7d32); }
.coachlab .coachlab-feedback-partly { border-left-color: var(--jp-warn-color1, #b26a00); }
.coachlab .coachlab-feedback-wrong { border-left-color: var(--jp-error-color1, #c62828); }
.coachlab .coachlab-feedback p { margin: 0.35em 0; }
.coachlab .coachlab-feedback ul { margin: 0.2em 0 0.4em 1.2em; padding: 0; }
.coachlab .coachlab-verdict { font-size: 1.1em; font-weight: bold; }
</style>
"""

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-Z“\"‘'(])")


class PracticeView(widgets.VBox):
    """Today's practice session as a widget.

    Choice items show one button per answer (each a real button: Tab to reach it, Enter or Space
    to press it; its tooltip says what pressing it does). Typed items show a text box and a
    **Check my question** button. Interview items show a short interview with the rep
    (:class:`coachlab.widgets.practice_interview.PracticeInterview`): it is answered when the
    learner diagnoses, and judged by replaying it. After each answer the result is shown as a
    symbol and words (not colour alone), then the explanation, then **Next**. At the end: done
    today, the streak and when items are next due.

    Python API (tests): ``choose(value)``, ``type_answer(text)``, ``next()``, ``session``,
    ``option_buttons``, ``text``, ``check_button``, ``next_button``, ``feedback``, ``summary``,
    ``interview_widget`` (the current interview item's widget, else None).
    """

    def __init__(self, session: Session, timer: Callable[[], float] = time.monotonic) -> None:
        self.session = session
        self._timer = timer
        self._shown_at = timer()
        self.progress = widgets.HTML("")
        self.context = widgets.HTML("")
        self.prompt = widgets.HTML("")
        self.option_buttons: list[widgets.Button] = []
        self.options_box = widgets.VBox([], layout=widgets.Layout(width="100%"))
        self.text = widgets.Textarea(
            placeholder="Type your question here",
            description="Your question:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%", height="4.5em"),
        )
        self.check_button = button("Check my question",
                                   "Check the question you typed and see the explanation",
                                   icon="check", layout=widgets.Layout(width="auto"))
        self.text_box = widgets.VBox([self.text, self.check_button])
        self.interview_widget: widgets.Widget | None = None
        self.interview_box = widgets.VBox([], layout=widgets.Layout(width="100%"))
        self.feedback = widgets.HTML("")
        self.next_button = button("Next", "Go on to the next practice item", icon="arrow-right",
                                  layout=widgets.Layout(width="auto"))
        self.summary = widgets.HTML("")
        self.more_button = button("Five more new questions",
                                  "Add five questions you have not seen yet to today's session",
                                  icon="plus", layout=widgets.Layout(width="auto",
                                                                     display="none"))
        self.notice = widgets.HTML("")
        self.more_button.on_click(lambda _: self.more())
        self.check_button.on_click(lambda _: self.type_answer(self.text.value))
        self.next_button.on_click(lambda _: self.next())
        super().__init__([style_block(), widgets.HTML(FEEDBACK_CSS), self.progress,
                          self.context, self.prompt, self.options_box, self.text_box,
                          self.interview_box, self.feedback, self.next_button, self.summary,
                          self.more_button, self.notice])
        self.add_class("coachlab")
        self.add_class("coachlab-practice")
        self._show_item()

    # ------------------------------------------------------------------ API for tests

    def choose(self, value: str) -> None:
        """Press the button of the option whose value is ``value``, as a click would."""
        for option_button in self.option_buttons:
            if getattr(option_button, "_practice_value", None) == value:
                option_button.click()
                return
        raise ValueError(f"{value!r} is not one of this item's answers.")

    def type_answer(self, text: str) -> None:
        """Check a typed answer (the rewrite items), as pressing Check my question would."""
        self.text.value = text
        self._answer(text)

    def next(self) -> None:
        """Go on to the next item (or the summary), as pressing Next would."""
        self._show_item()

    def more(self) -> None:
        """Add five new questions after the summary, as pressing the button would."""
        try:
            added = self.session.more(5)
        except (JournalError, OSError) as error:
            self.notice.value = status(esc(f"More questions could not be added: {error}"),
                                       "wrong")
            return
        if added:
            self.summary.value = ""
            self.more_button.layout.display = "none"
            self._show_item()

    # ------------------------------------------------------------------ reactions

    def _answer(self, response: str | dict) -> None:
        item = self.session.current
        if item is None or self.feedback.value:
            return
        if item.kind != INTERVIEW and not item.options and not str(response).strip():
            self.notice.value = status("Type your question first, then press Check my "
                                       "question.", "wrong")
            return
        self.notice.value = ""
        try:
            result = self.session.answer(response, self._timer() - self._shown_at)
        except (JournalError, OSError) as error:
            self.notice.value = status(esc(f"Your answer could not be saved: {error}"), "wrong")
            return
        self._show_result(result, response)

    def _show_result(self, result: Answer, response: str | dict) -> None:
        for option_button in self.option_buttons:
            option_button.disabled = True
            value = getattr(option_button, "_practice_value", None)
            if value == result.item.answer:
                option_button.description = f"✓ {option_button.description} (the answer)"
                option_button.tooltip = "The keyed answer"
            elif value == response:
                option_button.description = f"✗ {option_button.description} (your answer)"
                option_button.tooltip = "Your answer"
        self.check_button.disabled = True
        self.text.disabled = True
        self.feedback.value = feedback_html(result, response, self.session.clock())
        self.next_button.layout.display = None
        self.next_button.disabled = False

    # ------------------------------------------------------------------ rendering

    def _show_item(self) -> None:
        self.feedback.value = ""
        self.next_button.layout.display = "none"
        self.more_button.layout.display = "none"
        item = self.session.current
        if item is None:
            self._show_summary()
            return

        done = len(self.session.answered)
        total = done + len(self.session.queue)
        again = (" · second try" if any(a.item.id == item.id for a in self.session.answered)
                 else "")
        self.progress.value = status(
            f"<b>Item {done + 1} of {total}</b> · {esc(SKILLS.get(item.skill, item.skill))}"
            f"{again}")
        self.context.value = "".join(f'<div class="coachlab-quote">{esc(line)}</div>'
                                     for line in item.context)
        self.prompt.value = f"<p><b>{esc(item.prompt)}</b></p>"
        self.option_buttons = []
        for number, option in enumerate(item.options, start=1):
            option_button = button(f"{number}. {option.text}", f"Answer: {option.text}",
                                   layout=widgets.Layout(width="100%"))
            option_button.add_class("coachlab-choice")
            option_button._practice_value = option.value
            option_button.on_click(lambda b: self._answer(b._practice_value))
            self.option_buttons.append(option_button)
        self.options_box.children = tuple(self.option_buttons)
        self.options_box.layout.display = None if item.options else "none"
        self.text_box.layout.display = None if item.kind == "free_text" else "none"
        self._show_interview(item)
        self.text.value = ""
        self.text.disabled = False
        self.check_button.disabled = False
        self._shown_at = self._timer()

    def _show_interview(self, item: Item) -> None:
        """An interview item: the short interview in place of options or a text box."""
        self.interview_widget = None
        self.interview_box.children = ()
        if item.kind != INTERVIEW:
            return

        self.context.value = ""  # the interview shows the rep and the situation itself
        try:
            rep = load_practice_rep(item.rep_file)
        except (RepError, OSError) as error:
            self.notice.value = status(esc(f"This interview could not start: {error}"), "wrong")
            return
        self.interview_widget = PracticeInterview(rep, item.questions, self.session.journal,
                                                  on_finish=self._answer)
        self.interview_box.children = (self.interview_widget,)

    def _show_summary(self) -> None:
        self.interview_widget = None
        self.interview_box.children = ()
        for part in (self.context, self.prompt):
            part.value = ""
        self.options_box.children = ()
        self.option_buttons = []
        self.options_box.layout.display = "none"
        self.text_box.layout.display = "none"
        self.progress.value = status("<b>Today's practice is done.</b>")
        try:
            summary = self.session.summary()
        except (JournalError, OSError) as error:
            self.summary.value = status(esc(f"Your practice record could not be read: {error}"),
                                        "wrong")
            return
        self.summary.value = summary_html(summary, self.session.answered,
                                          self.session.waiting_skills())
        if self.session.unseen:
            self.more_button.layout.display = None


def feedback_html(result: Answer, response: str | dict, now: datetime) -> str:
    """What a learner reads after answering, in this order, each part on its own line:

    the verdict as a symbol and a word (never colour alone); what they answered; the keyed
    answer stated plainly; why, one sentence a bullet; when the item comes back. All text from
    content or the learner is escaped.
    """
    item = result.item
    symbol, words, kind = _RESULT_WORDS.get(result.verdict.result, _WRONG_WORDS)
    parts = [f'<p class="coachlab-verdict">{symbol} {words}</p>']
    if item.kind == INTERVIEW:
        parts.append(f"<p>{esc(result.verdict.message)}</p>")
    elif item.options:
        chosen = next((o for o in item.options if o.value == response), None)
        keyed = item.keyed
        if chosen is not None and chosen is not keyed:
            parts.append(f"<p><b>Your answer:</b> {esc(chosen.text)}</p>")
        if keyed is not None:
            parts.append(f"<p><b>The answer:</b> {esc(keyed.text)}</p>")
    else:
        parts.append(f"<p><b>Your question:</b> “{esc(str(response).strip())}”</p>"
                     f"<p>{esc(result.verdict.message)}</p>"
                     f"<p><b>One good question:</b> “{esc(item.answer)}”</p>")
    reasons = explanation_points(item)
    if len(reasons) == 1:
        parts.append(f"<p><b>Why:</b> {esc(reasons[0])}</p>")
    elif reasons:
        bullets = "".join(f"<li>{esc(reason)}</li>" for reason in reasons)
        parts.append(f"<p><b>Why:</b></p><ul>{bullets}</ul>")
    parts.append(f"<p>{esc(_when_next(result, now))}</p>")
    return (f'<div role="status" aria-live="polite" class="coachlab-feedback '
            f'coachlab-feedback-{kind}">{"".join(parts)}</div>')


def explanation_points(item: Item) -> list[str]:
    """An item's explanation as short points: one per part (the lines the item keeps apart),
    a long part cut into its sentences, and an explanation in one part one per sentence."""
    parts = [" ".join(line.split()) for line in item.explanation.splitlines()]
    parts = [part for part in parts if part]
    if len(parts) == 1:
        return sentences(parts[0])
    return [point for part in parts
            for point in (sentences(part) if len(part) > LONG_POINT else [part])]


LONG_POINT = 300
"""A part longer than this (a scenario's whole debrief, say) reads better as its sentences."""


def sentences(text: str) -> list[str]:
    """``text`` cut into sentences, never inside quotation marks or brackets (a quoted reply
    with two sentences stays whole)."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if _open_marks(text[start:match.start()]) == 0:
            found.append(text[start:match.start()])
            start = match.end()
    found.append(text[start:])
    return [sentence for sentence in found if sentence.strip()]


def _open_marks(text: str) -> int:
    """How many curly quotation marks or brackets are still open at the end of ``text``."""
    depth = 0
    for char in text:
        if char in "“(":
            depth += 1
        elif char in "”)" and depth:
            depth -= 1
    return depth


def _when_next(result: Answer, now: datetime) -> str:
    """When the item comes back, in days (not a recall percentage: see ``SkillState``)."""
    if not result.first_try:
        return "This was a second try: the first answer set when it comes back."
    if result.due is None:
        return ""
    # the learner's calendar days: the due time is stored in UTC
    when = review_words(result.due.astimezone(now.tzinfo).date(), now.date())
    sentence = f"Next review: {when}."
    if result.again_today:
        sentence += " You will also see it once more at the end of today's session."
    return sentence


def summary_html(summary: PracticeSummary, answered: list[Answer],
                 waiting: dict[str, str] | None = None) -> str:
    """The end-of-session summary: done today, streak, next due, and per skill.

    ``waiting`` maps a skill not offered yet to the module that opens it ("debrief": "03"), so
    its row says when it starts instead of a bare "0 of 166".
    """
    waiting = waiting or {}
    first = [a for a in answered if a.first_try]
    right = sum(a.verdict.result == RIGHT for a in first)
    lines = []
    if first:
        lines.append(f"<p>This session: {len(first)} item(s), {right} right first time.</p>")
    lines.append(f"<p><b>Done today:</b> {summary.done_today} item(s) · "
                 f"<b>Streak:</b> {summary.streak} day(s) · "
                 f"<b>Sessions in the last {WINDOW_DAYS} days:</b> {summary.sessions}</p>")
    if summary.next_due:
        lines.append(f"<p><b>Next items due:</b> {summary.next_due:%A %d %B %Y}. "
                     "Come back then: spacing the practice is what makes it stick.</p>")
    today = summary.today
    rows = "".join(
        f"<tr><td>{esc(s.name)}</td><td>{s.seen}"
        f"{'' if s.items is None else f' of {s.items}'}</td><td>{s.due}</td>"
        f"<td>{esc(_next_review_cell(s, today, waiting))}</td></tr>"
        for s in summary.skills)
    lines.append("<table class='coachlab-table'><caption>Your practice by skill</caption>"
                 "<tr><th scope='col'>skill</th><th scope='col'>items seen</th>"
                 "<th scope='col'>due today</th><th scope='col'>next review</th></tr>"
                 f"{rows}</table>")
    return status("".join(lines))


def _next_review_cell(skill: SkillState, today: date | None, waiting: dict[str, str]) -> str:
    if skill.next_review is None and skill.skill in waiting:
        return f"after lesson {waiting[skill.skill]}"
    return review_words(skill.next_review, today) if today else "–"


def todays_practice(folder: Path | str | None = None, *, journal: Journal | None = None,
                    clock: Clock = local_now, opened: Iterable[str] | None = None
                    ) -> widgets.Widget:
    """Today's practice for the lessons in ``folder`` (default: here), saved beside them.

    New questions come only from the modules the learner has opened (``opened``, default: read
    from the journals by :func:`coachlab.journals.opened_modules`); with none opened yet, a
    sentence says which lesson to open first. A broken scenario or practice file is shown as a
    message naming the file, not a traceback.
    """
    try:
        folder = course_folder(folder)
        pool = build_pool(folder)
        modules = frozenset(opened_modules(folder) if opened is None else opened)
        session = Session(pool, journal or Journal.beside(folder), clock=clock, opened=modules)
        if session.nothing_opened:
            return _message(nothing_opened_text(pool, folder))
    except (ScenarioError, PracticeFileError, JournalError, CourseNotFound, OSError) as error:
        return _message(esc(f"Today's practice could not start: {error}"), "wrong")
    return PracticeView(session)


def nothing_opened_text(pool: list[Item], folder: Path) -> str:
    """The friendly sentence shown before any lesson with practice questions is opened."""
    first = min((item.module for item in pool if item.module), default="01")
    lesson = next(iter(sorted(folder.glob(f"{first}-*.ipynb"))), None)
    name = lesson.name if lesson else f"lesson {first}"
    return (f"<p><b>Nothing to practise yet, and that is fine.</b> Practice only asks about "
            f"what the course has already shown you, and you have not opened a lesson with "
            f"practice questions yet.</p><p>Start with <b>{esc(name)}</b>: open it from the file "
            f"browser on the left and work through it. Then come back here: its questions will "
            f"be waiting.</p>")


def _message(message_html: str, kind: str = "note") -> widgets.Widget:
    """A message in place of the practice widget, in the course's look."""
    shown = widgets.HTML(status(message_html, kind))
    shown.add_class("coachlab")
    shown.add_class("coachlab-practice-message")
    return shown
