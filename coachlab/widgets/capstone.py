"""CapstoneConversation: a long coaching conversation with buttons and typed replies.

The conversation is a scenario (:mod:`coachlab.scenarios`) walked by ``Scenario.follow`` and
scored by :mod:`coachlab.capstone`; this widget shows them. At a choice point the learner clicks
a reply; at a free-text point they type one, the course's analyzer labels it and the
conversation follows that label's branch. At the end a debrief shows the ending, the moves, and
the four scored components. Every finished play is saved in the answer journal as the transcript
of replies (never as a claimed score).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets

from coachlab import capstone as cs
from coachlab.responses import Journal
from coachlab.scenarios import (
    ROOT_CAUSE_DESCRIPTIONS,
    Node,
    ReplyError,
    Scenario,
    Step,
    load_scenario,
)
from coachlab.widgets._common import (
    MOVE_MEANINGS,
    MOVE_NAMES,
    JournalSlot,
    ReplyButtons,
    button,
    esc,
    percent,
    saved_play,
    status,
    style_block,
)


class CapstoneConversation(widgets.VBox):
    """Play a conversation (a :class:`coachlab.scenarios.Scenario`) with buttons and typed replies.

    With a ``journal``, each finished play is saved under ``key`` as ``{"conversation": id,
    "replies": [...], "finished": true, "plays": [{"replies": [...]}, ...]}``, where each reply
    is ``{"choice": i, "reply": text}`` or ``{"text": typed}`` (``coachlab.scenarios.plays``).
    A finished play is shown again when the widget is rebuilt (by replaying its replies).

    Python API (tests): ``choose(index)``, ``say(text)``, ``node_id``, ``at_ending``,
    ``turns``, ``transcript``, ``score``, ``replay()``; widgets ``choice_buttons``, ``text``,
    ``say_button``.
    """

    def __init__(self, conversation: Scenario, journal: Journal | None = None,
                 key: str | None = None) -> None:
        if not isinstance(conversation, Scenario):
            raise TypeError("CapstoneConversation needs a Scenario "
                            "(see coachlab.scenarios.load_scenario).")
        self.conversation = conversation
        self._slot = JournalSlot(journal, key, "CapstoneConversation")
        self._turns: list[Step] = []
        rep = conversation.rep
        self.header = widgets.HTML(
            f"<h3>{esc(conversation.title)}</h3>"
            f"<p><b>Your rep:</b> {esc(rep.name)} · {esc(rep.tenure)}<br>{esc(rep.persona)}</p>"
            f"<p><b>The situation:</b> {esc(conversation.challenge)}</p>")
        self.transcript_html = widgets.HTML("")
        self.prompt = widgets.HTML("")
        self.choices_box = widgets.VBox([], layout=widgets.Layout(width="100%"))
        self._replies = ReplyButtons(self.choices_box, rep.name, self._on_choice)
        self.text = widgets.Textarea(
            value="", placeholder=f"What do you say to {rep.name}?", description="Your reply:",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%", height="4.5em"))
        self.say_button = button("Say it", f"Say this to {rep.name}", button_style="primary",
                                 icon="comment")
        self.say_button.on_click(lambda _: self._on_say())
        self.text_box = widgets.VBox([self.text, self.say_button],
                                     layout=widgets.Layout(display="none"))
        self.debrief = widgets.HTML("")
        self.replay_button = button("Play again", "Start this conversation again", icon="undo")
        self.replay_button.on_click(lambda _: self.replay())
        self.debrief_box = widgets.VBox([self.debrief, self.replay_button],
                                        layout=widgets.Layout(display="none"))
        self.notice = widgets.HTML("")
        self._restore()
        self._render()
        super().__init__([style_block(), self.header, self.transcript_html, self.prompt,
                          self.choices_box, self.text_box, self.debrief_box, self.notice])
        self.add_class("coachlab")
        self.add_class("coachlab-capstone")

    # ------------------------------------------------------------------ API for tests and checks

    @property
    def node_id(self) -> str:
        """The node the conversation is at."""
        return self._turns[-1].next if self._turns else self.conversation.start

    @property
    def node(self) -> Node:
        """The node the conversation is at."""
        return self.conversation.nodes[self.node_id]

    @property
    def at_ending(self) -> bool:
        """True once the conversation has reached an ending."""
        return self.node.ending is not None

    @property
    def turns(self) -> list[Step]:
        """The manager's replies so far, with their moves and consequences."""
        return list(self._turns)

    @property
    def transcript(self) -> list[dict[str, Any]]:
        """The replies as they are recorded in the journal."""
        return [turn.record() for turn in self._turns]

    @property
    def score(self) -> cs.CapstoneScore:
        """The score of the conversation so far (points only once it has ended)."""
        return cs.score(cs.Run(self.conversation, tuple(self._turns), self.node_id))

    def choose(self, index: int) -> Step:
        """Click reply ``index`` at a choice point."""
        return self._give(index)

    def say(self, text: str) -> Step:
        """Type ``text`` and say it at a free-text point."""
        return self._give({"text": text})

    def replay(self) -> None:
        """Start again (the journal keeps the plays already finished)."""
        self._turns = []
        self.text.value = ""
        self.notice.value = ""
        self._render()

    # ------------------------------------------------------------------ internals

    def _give(self, reply: Any) -> Step:
        followed = self.conversation.follow([*self.transcript, reply])
        if followed is None:
            self.conversation.take(self.node_id, reply)  # raises ReplyError saying why
            raise ReplyError("That reply cannot be given here.")  # pragma: no cover - defensive
        self._turns = followed[0]
        self.notice.value = ""
        self._render()
        if self.at_ending:
            self._save()
        return self._turns[-1]

    def _on_choice(self, index: int) -> None:
        try:
            self.choose(index)
        except ReplyError as error:
            self.notice.value = status(esc(str(error)), "wrong")

    def _on_say(self) -> None:
        try:
            self.say(self.text.value)
        except ReplyError as error:
            self.notice.value = status(esc(str(error)), "wrong")
            return
        self.text.value = ""

    def _render(self) -> None:
        self.transcript_html.value = self._transcript()
        node = self.node
        self.text_box.layout.display = "none"
        self.debrief_box.layout.display = "none"
        self.debrief.value = ""
        self._replies.show([choice.reply for choice in node.choices])
        if node.choices:
            self.prompt.value = "<p><b>What do you say?</b> Choose a reply.</p>"
        elif node.free_text is not None:
            self.prompt.value = (f"<p><b>{esc(node.free_text.prompt)}</b> "
                                 "<span class='coachlab-note'>(type your own reply)</span></p>")
            self.text_box.layout.display = ""
        else:
            self.prompt.value = ""
            self.debrief.value = self._debrief()
            self.debrief_box.layout.display = ""

    @property
    def choice_buttons(self) -> list[widgets.Button]:
        """The reply buttons shown now (none when the rep waits for a typed reply or at the
        end)."""
        return self._replies.buttons

    def _transcript(self) -> str:
        name = esc(self.conversation.rep.name)
        lines = []
        for turn in self._turns:
            said = self.conversation.nodes[turn.node_id].rep_says
            how = "you typed" if turn.typed else "you chose"
            lines.append(
                f"<p><b>{name}:</b> “{esc(said)}”</p>"
                f"<p><b>You:</b> “{esc(turn.reply)}” <span class='coachlab-note'>({how}; "
                f"{esc(MOVE_NAMES[turn.move])})</span></p>"
                f"<p class='coachlab-note'><i>{esc(turn.consequence)}</i></p>")
            if turn.typed and not turn.clean_open and turn.hint:
                lines.append(f"<p class='coachlab-note'>Tip: {esc(turn.hint)}</p>")
        lines.append(f"<p><b>{name}:</b> “{esc(self.node.rep_says)}”</p>")
        return status("".join(lines))

    def _debrief(self) -> str:
        ending = self.node.ending
        if ending is None:  # shown only once the conversation has reached an ending
            return ""
        result = self.score
        rows = [
            ("Outcome", f"{result.outcome} (root cause "
             f"{'found' if result.root_cause_found else 'missed'})", "outcome"),
            ("No rescue", "yes" if result.no_rescue else "no: a reply took the work over",
             "no_rescue"),
            ("Ask ratio", percent(result.ask_ratio), "ask_ratio"),
            ("Open-question share", percent(result.open_share), "open_share"),
        ]
        table = "".join(
            f"<tr><td>{label}</td><td>{esc(value)}</td>"
            f"<td>{result.points[name]:g} of {cs.POINTS[name]:g}</td></tr>"
            for label, value, name in rows)
        moves = "".join(
            f"<li>“{esc(t.reply)}” <span class='coachlab-note'>({esc(MOVE_NAMES[t.move])}: "
            f"{esc(MOVE_MEANINGS[t.move])})</span></li>" for t in self._turns)
        cause = ROOT_CAUSE_DESCRIPTIONS.get(self.conversation.root_cause, "")
        found = ("<span class='coachlab-right'>✓ You found the root cause.</span>"
                 if ending.root_cause_found else
                 "<span class='coachlab-wrong'>✗ The root cause was missed.</span>")
        rep = esc(self.conversation.rep.name)
        return status(
            "<h4>Debrief</h4>"
            f"<p>{esc(ending.debrief)}</p>"
            f"<p><b>Root cause:</b> {found}<br>What was really going on: {esc(cause)}</p>"
            f"<p><b>What {rep} learned:</b> {esc(ending.rep_learned)}</p>"
            f"<p><b>The numbers:</b> {esc(ending.numbers)}</p>"
            f"<p><b>Your replies:</b></p><ol>{moves}</ol>"
            "<table class='coachlab-table'><tr><th>Scored on</th><th>You</th><th>Points</th></tr>"
            f"{table}<tr><th>Total</th><th></th><th>{result.total:g} of "
            f"{result.max_points:g}</th></tr></table>"
            "<p class='coachlab-note'>Ask ratio: 2 points at 80% or more, 1 at 60%. Open share: "
            "2 points at 80% or more, 1 at 50%; an open question that judges, stacks or drifts "
            "off the deal does not count as open. Outcome: best 4, good 2.5, mixed 1.5, poor 0.5. "
            "Your first complete conversation is the one graded; play again as often as you like "
            "to learn.</p>")

    def _save(self) -> None:
        problem = self._slot.save_play(
            ("conversation", self.conversation.id),
            {"replies": self.transcript, "finished": True}, {"replies": self.transcript})
        self.notice.value = status(esc(problem), "wrong") if problem else ""

    def _restore(self) -> None:
        found = saved_play(self._slot, self.notice, ("conversation", self.conversation.id))
        if found is None:
            return
        transcript = found[1]
        followed = self.conversation.follow(transcript)
        if followed is not None and self.conversation.nodes[followed[1]].ending is not None:
            self._turns = followed[0]


def capstone_conversation(conversation_file: str, key: str,
                          folder: Path | str | None = None) -> CapstoneConversation:
    """The conversation in ``conversation_file`` beside the notebook, saved under ``key``."""
    here = Path(folder or Path.cwd())
    return CapstoneConversation(load_scenario(here / conversation_file),
                                journal=Journal.beside(here), key=key)


def practice_conversation(slug: str = "05-capstone",
                          folder: Path | str | None = None) -> CapstoneConversation:
    """The lesson's practice conversation: ``conversation`` in ``practice/<slug>.yaml``."""
    here = Path(folder or Path.cwd())
    path = here / "practice" / f"{slug}.yaml"
    conversation = load_scenario(path, section="conversation")
    return CapstoneConversation(conversation, journal=Journal.beside(here),
                                key=f"{slug}.practice")
