"""A short interview for daily practice: the RepInterview with a small turn budget.

Practice keeps the lesson's interview as it is (the transcript, the evidence board, the
Diagnose step and the ending that says why every answer came) and changes three things: the
learner may ask at most ``budget`` questions, the ending has no "Interview again" (a practice
item is answered once; it comes back when the scheduler says so), and finishing calls
``on_finish`` with the play, which the practice session replays to judge it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coachlab.interview import Rep, Result
from coachlab.responses import Journal
from coachlab.widgets._common import esc, status
from coachlab.widgets.interview import MAX_QUESTIONS, TRUST_WORDS, RepInterview

PRACTICE_KEY = "practice.interview.{rep}"
"""The journal key of a practice interview (in the lessons' journal, beside the practice's
own state): no module number, so it never marks a lesson as opened."""

Play = dict[str, Any]

_LESSON_NOTE = ("Your first finished interview is the one that counts. Interview again as often "
                "as you like to find what you missed.")
_PRACTICE_NOTE = ("This interview is done for today: practice brings it back on the day it is "
                  "next due, as a new interview.")


class PracticeInterview(RepInterview):
    """Interview ``rep`` in at most ``budget`` questions, then diagnose; ``on_finish(play)``.

    A finished interview saved earlier (the item answered on another day) is not shown again:
    the widget starts a new interview, since this is a new review of the item.
    """

    def __init__(self, rep: Rep, budget: int, journal: Journal | None = None,
                 on_finish: Callable[[Play], None] | None = None) -> None:
        self.budget = max(1, min(int(budget), MAX_QUESTIONS))
        self._on_finish = on_finish
        key = PRACTICE_KEY.format(rep=rep.id) if journal is not None else None
        super().__init__(rep, journal=journal, key=key)
        self.add_class("coachlab-practice-interview")
        self.again_button.layout.display = "none"
        if self.at_ending or len(self.interview.turns) > self.budget:
            self.replay()

    @property
    def questions_left(self) -> int:
        """Questions the learner may still ask."""
        return max(self.budget - len(self.interview.turns), 0)

    def play(self) -> Play:
        """What the learner did, as data: the questions, the diagnosis, the coaching and the
        first line (what the session replays; never a claimed outcome)."""
        return self._play()

    def finish(self, cause: str, coaching: str, first_line: str = "") -> Result | None:
        """Diagnose and choose how to coach, as the widget's Diagnose does; then report."""
        result = super().finish(cause, coaching, first_line)
        if result is not None and self._on_finish is not None:
            self._on_finish(self.play())
        return result

    def _ending_html(self) -> str:
        # The lesson's ending invites another play; a practice item is answered once and comes
        # back when it is due, so that note gives way to one that says so.
        return super()._ending_html().replace(_LESSON_NOTE, _PRACTICE_NOTE)

    # ------------------------------------------------------------------ the budget

    def _cannot_ask(self, question: str) -> str | None:
        if not self.at_ending and not self.interview.state.ended and not self.questions_left:
            return (f"You have asked your {self.budget} questions. Time to diagnose: name the "
                    "cause and choose how to coach below.")
        return super()._cannot_ask(question)

    def _render(self) -> None:
        super()._render()
        if not self.questions_left:
            self.ask_box.layout.display = "none"

    def _meter_html(self) -> str:
        state = self.interview.state
        asked = len(self.interview.turns)
        left = self.questions_left
        then = (f"{left} left" if left else "none left: diagnose below")
        return status(f"<b>Questions asked:</b> {asked} of {self.budget} ({esc(then)})"
                      f" · <b>Trust:</b> {state.trust} of 3, {esc(TRUST_WORDS[state.trust])}")
