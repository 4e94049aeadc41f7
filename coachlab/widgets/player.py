"""ScenarioPlayer: play a coaching conversation, one reply at a time, then read the debrief."""

from __future__ import annotations

import ipywidgets as widgets

from coachlab.analysis import analyze_conversation
from coachlab.responses import Journal
from coachlab.scenarios import (
    ROOT_CAUSE_DESCRIPTIONS,
    Choice,
    Ending,
    Node,
    Scenario,
    Step,
)
from coachlab.widgets._common import (
    MOVE_NAMES,
    OUTCOME_MARKS,
    JournalSlot,
    ReplyButtons,
    button,
    esc,
    move_counts_html,
    percent,
    saved_play,
    status,
    style_block,
)

OUTCOME_NAMES = {
    "best": "best: the move fitted the cause",
    "good": "good: it helped, with something left on the table",
    "mixed": "mixed: some of it landed, some did not",
    "poor": "poor: the rep and the cause were not served",
}


class ScenarioPlayer(widgets.VBox):
    """Play ``scenario``: the rep speaks, the learner picks a reply, the consequence follows.

    At an ending a debrief shows the path taken, the ask ratio and move counts, whether the root
    cause was found (and what it was), what the rep learned and the numbers, with buttons to
    replay and to see what the other replies would have done. With a ``journal`` each finished
    play is saved under ``key`` (default ``"scenario.<id>"``) as ``{"scenario", "path",
    "ending", "root_cause_found", "outcome", "plays"}``, where ``plays`` keeps the first finished
    play (the graded one) and the latest (``coachlab.scenarios.plays``); a finished play is shown
    again when the widget is rebuilt. Every reply is walked by ``Scenario.follow``.

    Python API (tests, graded checks): ``choose(index)``, ``path``, ``node_id``, ``at_ending``,
    ``ending``, ``ending_id``, ``replies``, ``replay()``, ``show_other_replies()``.
    """

    def __init__(
        self, scenario: Scenario, journal: Journal | None = None, key: str | None = None
    ) -> None:
        if not isinstance(scenario, Scenario):
            raise TypeError("ScenarioPlayer needs a Scenario (see coachlab.scenarios.load_bank).")
        if journal is not None and key is None:
            key = f"scenario.{scenario.id}"
        self.scenario = scenario
        self._slot = JournalSlot(journal, key, "ScenarioPlayer")
        self._path: list[int] = []
        self._steps: list[Step] = []

        rep = scenario.rep
        self.header = widgets.HTML(
            f"<h3>{esc(scenario.title)}</h3>"
            f"<p><b>Your rep:</b> {esc(rep.name)} · {esc(rep.tenure)}<br>{esc(rep.persona)}</p>"
            f"<p><b>The challenge:</b> {esc(scenario.challenge)}</p>"
        )
        self.transcript = widgets.HTML("")
        self.prompt = widgets.HTML("")
        self.choices_box = widgets.VBox([], layout=widgets.Layout(width="100%"))
        self._replies = ReplyButtons(self.choices_box, rep.name, self._on_button)
        self.debrief = widgets.HTML("")
        self.replay_button = button(
            "Replay", "Start this conversation again from the beginning", icon="undo"
        )
        self.others_button = button(
            "See what the other replies would have done",
            "List every decision on your path with all the replies you could have given",
            layout=widgets.Layout(width="auto"),
        )
        self.others = widgets.HTML("", layout=widgets.Layout(display="none"))
        self.debrief_box = widgets.VBox(
            [self.debrief, widgets.HBox([self.replay_button, self.others_button]), self.others],
            layout=widgets.Layout(display="none"),
        )
        self.notice = widgets.HTML("")
        self.replay_button.on_click(lambda _: self.replay())
        self.others_button.on_click(lambda _: self._toggle_others())

        self._restore()
        self._render()
        super().__init__(
            [
                style_block(),
                self.header,
                self.transcript,
                self.prompt,
                self.choices_box,
                self.debrief_box,
                self.notice,
            ]
        )
        self.add_class("coachlab")
        self.add_class("coachlab-player")

    # ------------------------------------------------------------------ API for tests and checks

    @property
    def path(self) -> list[int]:
        """The choice indices picked so far, in order."""
        return list(self._path)

    @property
    def node_id(self) -> str:
        """The id of the node the conversation is at."""
        return self._steps[-1].next if self._steps else self.scenario.start

    @property
    def node(self) -> Node:
        """The node the conversation is at."""
        return self.scenario.nodes[self.node_id]

    @property
    def at_ending(self) -> bool:
        """True once the conversation has reached an ending."""
        return self.node.ending is not None

    @property
    def ending(self) -> Ending | None:
        """The ending reached, or None while the conversation goes on."""
        return self.node.ending

    @property
    def ending_id(self) -> str | None:
        """The id of the ending node reached, or None."""
        return self.node_id if self.at_ending else None

    @property
    def steps(self) -> list[tuple[str, Choice]]:
        """(node id, choice picked there) for every decision so far."""
        return [(step.node_id, step.choice) for step in self._steps]

    @property
    def replies(self) -> list[str]:
        """The manager's replies picked so far."""
        return [choice.reply for _, choice in self.steps]

    def choose(self, index: int) -> Choice:
        """Pick reply ``index`` of the current node, as clicking its button would."""
        choice = self._advance(index)
        self._render()
        if self.at_ending:
            self._save()
        return choice

    def replay(self) -> None:
        """Go back to the start (the journal keeps the plays already finished)."""
        self._path, self._steps = [], []
        self.others.layout.display = "none"
        self.others_button.description = "See what the other replies would have done"
        self._render()

    def show_other_replies(self) -> None:
        """Open the list of every decision on the path with all its replies."""
        self.others.value = self._others_html()
        self.others.layout.display = ""
        self.others_button.description = "Hide the other replies"

    # ------------------------------------------------------------------ internals

    def _advance(self, index: int) -> Choice:
        if self.at_ending:
            raise RuntimeError("The conversation has ended; use replay() to start again.")
        followed = self.scenario.follow([*self._path, index])
        if followed is None:
            raise IndexError(f"Choose a reply from 0 to {len(self.node.choices) - 1}, "
                             f"not {index!r}.")
        self._path.append(index)
        self._steps = followed[0]
        return self._steps[-1].choice

    def _on_button(self, index: int) -> None:
        try:
            self.choose(index)
        except (RuntimeError, IndexError, ValueError) as error:
            self.notice.value = status(esc(str(error)), "wrong")

    def _toggle_others(self) -> None:
        if self.others.layout.display == "none":
            self.show_other_replies()
        else:
            self.others.layout.display = "none"
            self.others_button.description = "See what the other replies would have done"

    def _render(self) -> None:
        self.transcript.value = self._transcript_html()
        node = self.node
        if node.ending is None:
            self.prompt.value = "<p><b>What do you say?</b></p>"
            self._replies.show([choice.reply for choice in node.choices])
            self.debrief_box.layout.display = "none"
            self.debrief.value = ""
        else:
            self.prompt.value = ""
            self._replies.show([])
            self.debrief.value = self._debrief_html(node.ending)
            self.debrief_box.layout.display = ""
            if self.others.layout.display != "none":
                self.others.value = self._others_html()

    @property
    def choice_buttons(self) -> list[widgets.Button]:
        """The reply buttons shown now (none at an ending)."""
        return self._replies.buttons

    def _transcript_html(self) -> str:
        name = esc(self.scenario.rep.name)
        lines = []
        for node_id, choice in self.steps:
            lines.append(
                f"<p><b>{name}:</b> “{esc(self.scenario.nodes[node_id].rep_says)}”</p>"
                f"<p><b>You:</b> “{esc(choice.reply)}”</p>"
                f"<p class='coachlab-note'><i>{esc(choice.consequence)}</i></p>"
            )
        lines.append(f"<p><b>{name}:</b> “{esc(self.node.rep_says)}”</p>")
        return status("".join(lines))

    def _debrief_html(self, ending: Ending) -> str:
        replies = self.replies
        metrics = analyze_conversation(replies)
        asked = metrics.counts["open"] + metrics.counts["closed"]
        path_items = "".join(
            f"<li>“{esc(choice.reply)}” <span class='coachlab-note'>"
            f"({esc(MOVE_NAMES[choice.move])})</span></li>"
            for _, choice in self.steps
        )
        path_html = f"<ol>{path_items}</ol>" if path_items else "<p>No replies were needed.</p>"
        cause = ROOT_CAUSE_DESCRIPTIONS.get(self.scenario.root_cause, self.scenario.root_cause)
        if ending.root_cause_found:
            found = "<span class='coachlab-right'>✓ You found the root cause.</span>"
        else:
            found = "<span class='coachlab-wrong'>✗ The root cause was missed.</span>"
        outcome_class = "coachlab-right" if ending.outcome in ("best", "good") else "coachlab-wrong"
        outcome = (f"<span class='{outcome_class}'>{OUTCOME_MARKS[ending.outcome]} "
                   f"{esc(OUTCOME_NAMES[ending.outcome])}</span>"
                   f" · the deal: {esc(ending.deal)}"
                   + (" · the rep tried it on their own" if ending.rep_tried else ""))
        rep = esc(self.scenario.rep.name)
        return status(
            "<h4>Debrief</h4>"
            f"<p><b>Outcome:</b> {outcome}</p>"
            f"<p>{esc(ending.debrief)}</p>"
            f"<p><b>Your path:</b></p>{path_html}"
            f"<p><b>Ask ratio: {percent(metrics.ask_ratio)}</b> ({asked} of {metrics.total} "
            f"replies ask)<br><span class='coachlab-note'>Moves: "
            f"{move_counts_html(metrics.counts)}</span></p>"
            f"<p><b>Root cause:</b> {found}<br>What was really going on: {esc(cause)}</p>"
            f"<p><b>What {rep} learned:</b> {esc(ending.rep_learned)}</p>"
            f"<p><b>The numbers:</b> {esc(ending.numbers)}</p>"
            "<p class='coachlab-note'>In a graded exercise your first complete run counts. "
            "Replay as often as you like to learn what the other replies would have done.</p>"
        )

    def _others_html(self) -> str:
        if not self._path:
            return "<p>There were no decisions on this path.</p>"
        name = esc(self.scenario.rep.name)
        sections = []
        for number, step in enumerate(self._steps, 1):
            node = self.scenario.nodes[step.node_id]
            items = []
            for index, choice in enumerate(node.choices):
                yours = " <b>(your reply)</b>" if index == step.choice_index else ""
                items.append(
                    f"<li>“{esc(choice.reply)}”{yours} <span class='coachlab-note'>"
                    f"({esc(MOVE_NAMES[choice.move])})</span><br>"
                    f"<i>{esc(choice.consequence)}</i></li>"
                )
            sections.append(
                f"<p><b>Decision {number}</b>: {name} said “{esc(node.rep_says)}”</p>"
                f"<ul>{''.join(items)}</ul>"
            )
        return "<h4>What the other replies would have done</h4>" + "".join(sections)

    def _save(self) -> None:
        ending = self.ending
        if ending is None:
            return
        play = {
            "path": self.path,
            "ending": self.node_id,
            "root_cause_found": ending.root_cause_found,
            "outcome": ending.outcome,
        }
        problem = self._slot.save_play(("scenario", self.scenario.id), play, play)
        self.notice.value = status(esc(problem), "wrong") if problem else ""

    def _restore(self) -> None:
        """Show the last finished play again, if the journal holds one for this scenario."""
        found = saved_play(self._slot, self.notice, ("scenario", self.scenario.id))
        if found is None:
            return
        saved, path = found
        followed = self.scenario.follow(path)
        if followed is None or self.scenario.nodes[followed[1]].ending is None:
            return  # the scenario has changed since the play was saved: start fresh
        if followed[1] != saved.get("ending"):
            return
        self._steps = followed[0]
        self._path = [step.choice_index for step in self._steps]  # type: ignore[misc]
