"""RepInterview: interview a rep in your own words, then diagnose the cause and choose how to coach.

The rep (``course/reps/<id>.yaml``) and every reaction come from :mod:`coachlab.interview`;
this widget only shows them. Each question is marked with how it was read (the move and its
flags, in symbols and words) and which fact it reached; an evidence board lists what the rep
has said. After the diagnosis the ending says why every answer came, and which facts were
never reached, each with a question that would have reached it.

The journal keeps data only, never a claimed score: the typed questions, the diagnosis, the
coaching choice and the first coaching line. The interview on screen is saved after every
question (so a re-run cell shows it again), and every finished play is added to the entry's
``plays`` (:func:`coachlab.scenarios.add_play`: the first finished play, the graded one, is
always kept). Anything read back is replayed by the engine, never trusted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets

from coachlab.diagnosis import CAUSE_NAMES, CAUSES, ROOT_CAUSE_DESCRIPTIONS, partner
from coachlab.interview import Interview, InterviewOver, Rep, Result, Turn, load_rep
from coachlab.interview.saved import (  # the one reader of a saved interview, and its limits
    MAX_CHARS,
    MAX_QUESTIONS,
    OWNER,
    REP_ID,
    saved_interview,
)
from coachlab.interview.scoring import POINTS, TURN_BUDGET
from coachlab.responses import Journal
from coachlab.scenarios import add_play
from coachlab.widgets._common import (
    MOVE_MEANINGS,
    MOVE_NAMES,
    OUTCOME_MARKS,
    JournalSlot,
    button,
    esc,
    status,
    style_block,
)

FLAG_NAMES: dict[str, str] = {
    "judging": "judging",
    "stacked": "stacked questions",
    "off_topic": "off topic",
}
"""The quality flags of ``coachlab.analysis.assess`` in the words a learner sees."""

COACHING_NAMES: dict[str, str] = {
    "ask": "Keep asking: let them find and own the plan",
    "teach": "Teach or model the missing skill",
    "join": "Join the call as a silent second chair",
    "step_in": "Step in and take it over",
    "let_try": "Let them try, and debrief after",
}
"""The coaching choices (``coachlab.interview.model.COACHING``) in the words a learner sees."""

TRUST_WORDS: dict[int, str] = {
    0: "guarded: short answers, nothing personal",
    1: "polite but careful",
    2: "opening up",
    3: "open: says what they really think",
}

OUTCOME_NAMES: dict[str, str] = {
    "best": "best: you found the evidence, named the cause and chose coaching that fits",
    "good": "good: the right cause, with evidence or fit still to find",
    "mixed": "mixed: part of it landed, part of it did not",
    "poor": "poor: the cause was missed, or you took the problem over",
}

_CSS = """<style>
.coachlab-interview .widget-toggle-buttons { flex-wrap: wrap; height: auto; }
.coachlab-interview .widget-toggle-buttons .widget-toggle-button { margin: 2px 4px 2px 0; }
</style>"""

_ID = REP_ID


def fact_name(fact_id: str) -> str:
    """A fact id in words: ``business-case-built`` -> ``business case built``."""
    return fact_id.replace("-", " ")


class RepInterview(widgets.VBox):
    """Interview ``rep``: type a question and press Ask (or Enter); diagnose when ready.

    With a ``journal`` the interview is saved under ``key`` (default ``"interview.<rep id>"``)
    as ``{"interview": id, "questions": [...], "diagnosis", "coaching", "first_line",
    "finished", "plays": [{"questions", "diagnosis", "coaching", "first_line"}, ...]}`` and
    shown again when the widget is rebuilt.

    Python API (tests): ``ask(text)``, ``finish(cause, coaching, first_line)``, ``replay()``,
    ``interview``, ``questions``, ``result``, ``at_ending``; widgets ``question``,
    ``ask_button``, ``transcript``, ``board``, ``meter``, ``cause``, ``coaching``,
    ``first_line``, ``diagnose_button``, ``ending``, ``again_button``, ``notice``.
    """

    def __init__(self, rep: Rep, journal: Journal | None = None,
                 key: str | None = None) -> None:
        if not isinstance(rep, Rep):
            raise TypeError("RepInterview needs a Rep (see coachlab.interview.load_rep).")
        if journal is not None and key is None:
            key = f"interview.{rep.id}"
        self.rep = rep
        self._slot = JournalSlot(journal, key, "RepInterview")
        self.interview = Interview(rep)
        self.result: Result | None = None
        self._choice: tuple[str, str, str] | None = None  # cause, coaching, first line
        name = rep.persona.name

        self.header = widgets.HTML(
            f"<h3>{esc(rep.title)}</h3>"
            f"<p><b>Your rep:</b> {esc(name)} · {esc(rep.persona.role)}</p>"
            f"<p><b>What you know:</b> {esc(rep.persona.situation)}</p>"
            "<p class='coachlab-note'>Ask in your own words. Each question is marked with how "
            f"it was read, and the evidence board keeps what {esc(name)} has told you. When "
            "you think you know the cause, diagnose it below.</p>")
        self.transcript = widgets.HTML("")
        self.meter = widgets.HTML("")
        self.question = widgets.Text(
            value="", placeholder=f"What do you ask {name}? Press Enter or Ask.",
            description=f"Your question to {name}:", tooltip=f"Type a question to {name}",
            style={"description_width": "initial"}, layout=widgets.Layout(width="100%"))
        self.ask_button = button("Ask", f"Ask {name} this question", button_style="primary",
                                 icon="comment")
        self.ask_box = widgets.VBox([self.question, self.ask_button])
        self.board = widgets.HTML("")

        # Toggle buttons, not a dropdown or radio buttons: in a JupyterLab notebook the arrow
        # keys a <select> or a radio group needs move between cells instead, while a button is
        # reached with Tab and chosen with Space or Enter.
        choice_style = {"description_width": "initial", "button_width": "auto"}
        causes = _cause_order(rep)
        self.cause = widgets.ToggleButtons(
            options=[(CAUSE_NAMES[c], c) for c in causes], value=None,
            description="The root cause:", style=choice_style,
            tooltips=[ROOT_CAUSE_DESCRIPTIONS[c] for c in causes],
            layout=widgets.Layout(width="100%"))
        self.coaching = widgets.ToggleButtons(
            options=[(label, choice) for choice, label in COACHING_NAMES.items()], value=None,
            description="How you coach:", style=choice_style,
            tooltips=list(COACHING_NAMES.values()), layout=widgets.Layout(width="100%"))
        self.chosen = widgets.HTML("")
        self.cause.observe(lambda _: self._show_chosen(), names="value")
        self.coaching.observe(lambda _: self._show_chosen(), names="value")
        self.first_line = widgets.Text(
            value="", placeholder=f"What is the first thing you say to {name} as their coach?",
            description="Your first coaching line:", style={"description_width": "initial"},
            layout=widgets.Layout(width="100%"))
        self.diagnose_button = button(
            "Diagnose", "Name the cause, choose how to coach and end the interview",
            button_style="primary", icon="check")
        self.diagnose_box = widgets.VBox([
            widgets.HTML("<h4>Diagnose</h4><p>When you think you know what is really going on, "
                         "name the cause, choose how you will coach and type your first "
                         "line.</p>"),
            self.cause, self.coaching, self.chosen, self.first_line, self.diagnose_button])

        self.ending = widgets.HTML("")
        self.again_button = button("Interview again", f"Start a new interview with {name}",
                                   icon="undo")
        self.ending_box = widgets.VBox([self.ending, self.again_button],
                                       layout=widgets.Layout(display="none"))
        self.notice = widgets.HTML("")

        self.ask_button.on_click(lambda _: self._on_ask())
        self.question.on_msg(self._on_text_message)  # the browser sends "submit" on Enter
        self.diagnose_button.on_click(lambda _: self._on_diagnose())
        self.again_button.on_click(lambda _: self.replay())

        self._restore()
        self._render()
        self._show_chosen()
        super().__init__([style_block(), widgets.HTML(_CSS), self.header, self.transcript,
                          self.meter, self.ask_box, self.board, self.diagnose_box,
                          self.ending_box, self.notice])
        self.add_class("coachlab")
        self.add_class("coachlab-interview")

    # ------------------------------------------------------------------ API for tests and checks

    @property
    def questions(self) -> list[str]:
        """The questions asked so far, as typed."""
        return [turn.you for turn in self.interview.turns]

    @property
    def turns(self) -> tuple[Turn, ...]:
        """Every turn so far, with how it was read."""
        return self.interview.turns

    @property
    def at_ending(self) -> bool:
        """True once the diagnosis is made and the ending shown."""
        return self.result is not None

    def ask(self, text: str | None = None) -> Turn | None:
        """Ask ``text`` (default: what is in the box); None, with a message, if it cannot be."""
        question = self.question.value if text is None else text
        question = question.strip() if isinstance(question, str) else ""
        problem = self._cannot_ask(question)
        if problem:
            self.notice.value = status(esc(problem), "note")
            return None
        try:
            turn = self.interview.ask(question)
        except (InterviewOver, TypeError, ValueError) as error:
            self.notice.value = status(esc(f"That question could not be asked: {error}"), "note")
            return None
        self.question.value = ""
        self.notice.value = ""
        self._render()
        self._save_current()
        return turn

    def finish(self, cause: str, coaching: str, first_line: str = "") -> Result | None:
        """Diagnose ``cause``, choose ``coaching`` and say ``first_line``: the ending."""
        if self.at_ending:
            self.notice.value = status("This interview has ended. Press “Interview again” to "
                                       "start a new one.", "note")
            return None
        first_line = first_line.strip() if isinstance(first_line, str) else ""
        if cause not in CAUSES or coaching not in COACHING_NAMES:
            self.notice.value = status("Choose the root cause and how you will coach first.",
                                       "note")
            return None
        if len(first_line) > MAX_CHARS:
            self.notice.value = status(f"Keep your first line under {MAX_CHARS} characters "
                                       f"(it has {len(first_line)}).", "note")
            return None
        self._end(cause, coaching, first_line)
        self.notice.value = ""
        self._render()
        self._save_finished()
        return self.result

    def replay(self) -> None:
        """Start a new interview (the journal keeps the plays already finished)."""
        self.interview = Interview(self.rep)
        self.result = None
        self._choice = None
        self.question.value = self.first_line.value = ""
        self.cause.value = None
        self.coaching.value = None
        self.notice.value = ""
        self._render()
        self._save_current()

    # ------------------------------------------------------------------ internals

    def _cannot_ask(self, question: str) -> str | None:
        name = self.rep.persona.name
        if self.at_ending:
            return "This interview has ended. Press “Interview again” to start a new one."
        if self.interview.state.ended:
            return (f"You took it over, so the interview with {name} is over. Diagnose below "
                    "to see how it went.")
        if len(self.interview.turns) >= MAX_QUESTIONS:
            return (f"You have asked {MAX_QUESTIONS} questions, the most one interview takes. "
                    "Time to diagnose.")
        if not question:
            return f"Type a question to {name} first, then press Ask."
        if len(question) > MAX_CHARS:
            return (f"Keep a question under {MAX_CHARS} characters (this one has "
                    f"{len(question)}): ask one thing at a time.")
        return None

    def _end(self, cause: str, coaching: str, first_line: str) -> None:
        self.interview.diagnose(cause)
        self.result = self.interview.coach(coaching, first_line)
        self._choice = (cause, coaching, first_line)

    def _on_ask(self) -> None:
        self.ask()

    def _on_text_message(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("event") == "submit":
            self.ask()

    def _show_chosen(self) -> None:
        """Say the choices in words (a pressed toggle button is otherwise shown by its look)."""
        cause = CAUSE_NAMES.get(self.cause.value or "", "not chosen yet")
        coaching = COACHING_NAMES.get(self.coaching.value or "", "not chosen yet")
        self.chosen.value = status(f"<b>Your choice:</b> the cause: {esc(cause)} · how you "
                                   f"coach: {esc(coaching)}", "note")

    def _on_diagnose(self) -> None:
        self.finish(self.cause.value or "", self.coaching.value or "", self.first_line.value)

    def _render(self) -> None:
        self.transcript.value = self._transcript_html()
        self.board.value = self._board_html()
        self.meter.value = self._meter_html()
        over = self.at_ending
        can_ask = not over and not self.interview.state.ended \
            and len(self.interview.turns) < MAX_QUESTIONS
        self.ask_box.layout.display = "" if can_ask else "none"
        self.diagnose_box.layout.display = "none" if over else ""
        self.ending_box.layout.display = "" if over else "none"
        self.ending.value = self._ending_html() if over else ""

    # ------------------------------------------------------------------ what the learner reads

    def _transcript_html(self) -> str:
        name = esc(self.rep.persona.name)
        lines = [f"<p><b>{name}:</b> “{esc(self.rep.persona.opening)}”</p>"]
        for turn in self.interview.turns:
            lines.append(
                f"<p><b>You:</b> “{esc(turn.you)}”<br><span class='coachlab-note'>"
                f"{_read_as(turn)} · {esc(self._reached(turn))}</span></p>"
                f"<p><b>{name}:</b> “{esc(turn.rep)}”</p>")
        if self.interview.state.rescued and not self.at_ending:
            lines.append(f"<p>✗ You took the problem over, so {name} stopped thinking about it: "
                         "the interview is over. Diagnose below to see how it went.</p>")
        return ("<div class='coachlab-transcript'><h4>The interview</h4>"
                + status("".join(lines)) + "</div>")

    def _meter_html(self) -> str:
        state = self.interview.state
        asked = len(self.interview.turns)
        return status(
            f"<b>Questions asked:</b> {asked} of at most {MAX_QUESTIONS} "
            "<span class='coachlab-note'>(the best outcome needs the evidence within "
            f"{TURN_BUDGET})</span>"
            f" · <b>Trust:</b> {state.trust} of 3, {esc(TRUST_WORDS[state.trust])}")

    def _board_html(self) -> str:
        name = esc(self.rep.persona.name)
        said: dict[str, list[str]] = {}
        summary: list[str] = []
        for turn in self.interview.turns:
            if turn.reaction == "summary":
                summary.append(turn.rep)
            elif turn.revealed and turn.rep not in said.setdefault(turn.revealed, []):
                said[turn.revealed].append(turn.rep)
        if not said and not summary:
            items = (f"<p class='coachlab-note'>Nothing yet: what {name} tells you will be "
                     "kept here.</p>")
        else:
            items = "<ul>" + "".join(
                f"<li><b>{esc(fact_name(fact))}</b>: "
                + " ".join(f"“{esc(line)}”" for line in lines) + "</li>"
                for fact, lines in said.items()) + "</ul>"
            if summary:
                items += (f"<p><b>In {name}'s own words:</b> "
                          + " ".join(f"“{esc(line)}”" for line in summary) + "</p>")
        return (f"<div class='coachlab-board'><h4>Evidence board: what {name} has told you "
                f"({len(said)} of {len(self.rep.facts)} things)</h4>{items}</div>")

    def _reached(self, turn: Turn) -> str:
        name = self.rep.persona.name
        fact = fact_name(turn.revealed) if turn.revealed else ""
        return {
            "reveal": f"→ reached: {fact}",
            "deeper": f"→ went deeper on: {fact}",
            "surface": f"→ a general question, so {name} said something on the surface: {fact}",
            "summary": f"→ {name} summed it up in their own words (trust up)",
            "judging": (f"→ {name} got defensive (trust down)"
                        + (f"; said a little on: {fact}" if fact else "")),
            "tell": f"○ {name} will do as told without owning it (trust down); no fact reached",
            "leading": f"○ {name} agreed with you and said nothing new",
            "rescue": "✗ you took the problem over: the interview ended",
            "closed": "○ a yes and nothing more: the closed question named no fact",
            "withheld": f"○ {name} is not ready to say more to you yet (trust too low)",
            "not_sure": f"○ no fact reached: {name} was not sure what you meant",
        }.get(turn.reaction, "○ a general question: nothing new")

    def _ending_html(self) -> str:
        result = self.result
        assert result is not None and self._choice is not None
        cause, coaching, first_line = self._choice
        rep = self.rep
        name = esc(rep.persona.name)
        kind = "right" if result.outcome in ("best", "good") else "wrong"
        outcome = (f"<span class='coachlab-{kind}'>{OUTCOME_MARKS[result.outcome]} "
                   f"{esc(OUTCOME_NAMES[result.outcome])}</span>")
        if result.diagnosis_right:
            diagnosis = (f"<span class='coachlab-right'>✓ Right: {esc(CAUSE_NAMES[cause])}"
                         "</span>")
        else:
            diagnosis = (f"<span class='coachlab-wrong'>✗ Not quite: you chose "
                         f"{esc(CAUSE_NAMES.get(cause, cause))}; it was "
                         f"{esc(CAUSE_NAMES[rep.cause])}</span>")
        fits = ", ".join(COACHING_NAMES[c].split(":")[0].lower()
                         for c in (rep.coaching, *rep.acceptable))
        if result.rescued:
            coached = ("<span class='coachlab-wrong'>✗ Not yet: you took the problem over, so "
                       "the coaching could not count</span>")
        elif result.coaching_fits:
            coached = (f"<span class='coachlab-right'>✓ Fits: "
                       f"{esc(COACHING_NAMES[coaching])}</span>")
        else:
            coached = (f"<span class='coachlab-wrong'>✗ Not quite: you chose "
                       f"{esc(COACHING_NAMES[coaching].lower())}</span>")
        found = "✓" if result.found >= result.needed else ("◐" if result.found else "✗")
        points = "".join(
            f"<tr><td>{label}</td><td>{result.points.get(part, 0)} of {most}</td></tr>"
            for part, label, most in _POINT_ROWS)
        said = (f"<p><b>Your first line:</b> “{esc(first_line)}”</p>" if first_line else
                "<p><b>Your first line:</b> none</p>")
        return status(
            "<h4>How it went</h4>"
            f"<p><b>Outcome:</b> {outcome}</p>"
            f"<p><b>Score:</b> {result.score} of {result.max_score}</p>"
            f"<p><b>Evidence found:</b> {found} {result.found} of the {result.needed} facts "
            f"that tell {esc(CAUSE_NAMES[rep.cause])} from its look-alike</p>"
            f"<p><b>Your diagnosis:</b> {diagnosis}<br>What was really going on: "
            f"{esc(ROOT_CAUSE_DESCRIPTIONS[rep.cause])}</p>"
            f"<p><b>How you coach:</b> {coached}<br>What fits {name}: {esc(fits)}</p>"
            f"{said}"
            "<table class='coachlab-table'><caption>Points</caption>"
            "<tr><th scope='col'>Scored on</th><th scope='col'>You</th></tr>"
            f"{points}<tr><th scope='row'>Total</th><td>{result.score} of "
            f"{result.max_score}</td></tr></table>"
            f"<h4>Why every answer</h4>{self._why_html()}"
            f"<h4>What {name} never told you</h4>{self._missed_html()}"
            "<p class='coachlab-note'>Your first finished interview is the one that counts. "
            "Interview again as often as you like to find what you missed.</p>")

    def _why_html(self) -> str:
        items = "".join(
            f"<li>“{esc(turn.you)}”<br>{_read_as(turn)} · {esc(self._reached(turn))}"
            f"<details><summary>How the matcher read it</summary><span class='coachlab-note'>"
            f"{esc(turn.reading)}</span></details></li>"
            for turn in self.interview.turns)
        return f"<ol>{items}</ol>" if items else "<p>You asked no questions.</p>"

    def _missed_html(self) -> str:
        missed = self.interview.missed()
        if not missed:
            return "<p>✓ Nothing: you heard everything.</p>"
        items = "".join(
            f"<li><b>{esc(fact_name(fact))}</b>: a question that would have reached it: "
            f"“{esc(question)}”</li>" for fact, question in missed)
        return f"<ul>{items}</ul>"

    # ------------------------------------------------------------------ the journal

    def _play(self) -> dict[str, Any]:
        cause, coaching, first_line = self._choice or (None, None, "")
        return {"questions": self.questions, "diagnosis": cause, "coaching": coaching,
                "first_line": first_line}

    def _save_current(self) -> None:
        """Keep the interview on screen (unfinished) as the entry's latest fields."""
        latest = {**self._play(), "finished": False}
        notes: list[str] = []

        def change(current: Any) -> Any:
            entry, note = add_play(current, (OWNER, self.rep.id), latest, {})
            entry["plays"] = entry["plays"][:-1]  # nothing finished: no play added
            notes[:] = [note] if note else []
            return entry

        problem = self._slot.update(change)
        if not problem and notes:
            problem = (f"Your earlier saved interview could not be read ({notes[0]}). It is "
                       "kept in the answer journal (set_aside), and this one is saved beside it.")
        if problem:
            self.notice.value = status(esc(problem), "wrong")

    def _save_finished(self) -> None:
        play = self._play()
        problem = self._slot.save_play((OWNER, self.rep.id), {**play, "finished": True}, play)
        if problem:
            self.notice.value = status(esc(problem), "wrong")

    def _restore(self) -> None:
        """Replay the interview saved for this rep, if the journal holds one."""
        saved, problem = self._slot.load()
        if problem:
            self.notice.value = status(esc(problem), "wrong")
            return
        play = saved_interview(saved, self.rep.id)
        if play is None:
            return
        for question in play["questions"]:
            if self.interview.state.ended:
                break
            try:
                self.interview.ask(question)
            except (InterviewOver, ValueError):
                break
        cause, coaching = play["diagnosis"], play["coaching"]
        if play["finished"] and cause in CAUSES and coaching in COACHING_NAMES:
            self._end(cause, coaching, play["first_line"])


_POINT_ROWS = tuple((part, label, POINTS[part]) for part, label in (
    ("evidence", "Evidence that tells the cause from its look-alike"),
    ("diagnosis", "The root cause"),
    ("coaching", "How you coach, and your first line"),
    ("trust", "Trust at the end (2 or more)"),
    ("asking", "Asking (at least half your questions clean and open)"),
))


def _cause_order(rep: Rep) -> list[str]:
    """The causes for the dropdown: the rep's symptom pair first, then the others."""
    other = partner(rep.cause)
    pair = [c for c in CAUSES if c in (rep.cause, other)] if other else []
    return [*pair, *(c for c in CAUSES if c not in pair)]


def _read_as(turn: Turn) -> str:
    """How a question was read, as escaped HTML: a symbol, the move and its flags in words."""
    if turn.move == "open" and not turn.flags:
        mark = "✓"
    elif turn.move in ("open", "closed"):
        mark = "◐"
    else:
        mark = "✗"
    flags = "".join(f", {esc(FLAG_NAMES.get(flag, flag))}" for flag in turn.flags)
    meaning = esc(MOVE_MEANINGS.get(turn.move, ""))
    return (f"<span title='{meaning}'>{mark} read as: "
            f"{esc(MOVE_NAMES.get(turn.move, turn.move))}{flags}</span>")


def interview(rep_id: str, *, key: str | None = None,
              folder: Path | str | None = None) -> RepInterview:
    """The interview with rep ``rep_id`` from ``reps/`` beside the notebook, saved in the
    answer journal there under ``key`` (default ``"interview.<rep id>"``)."""
    if not isinstance(rep_id, str) or not _ID.match(rep_id):
        raise ValueError(f"{rep_id!r} is not a rep id (for example 'priya-cfo-waiting').")
    here = Path(folder or Path.cwd())
    path = here / "reps" / f"{rep_id}.yaml"
    if not path.is_file():
        raise FileNotFoundError(f"No rep {rep_id!r}: expected {path}.")
    return RepInterview(load_rep(path), journal=Journal.beside(here),
                        key=key or f"interview.{rep_id}")
