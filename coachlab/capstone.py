"""The capstone's scoring: how a whole coaching conversation with typed replies earns its points.

The capstone conversation is a scenario (:mod:`coachlab.scenarios`) whose nodes may be
``free_text``: the manager types a reply, the course's analyzer reads it, and the conversation
follows the branch for that reading. The scenario engine loads, checks and walks it
(:func:`coachlab.scenarios.load_scenario`, :meth:`~coachlab.scenarios.Scenario.follow`); this
module only scores a walk.

A *transcript* is the manager's replies in order, as recorded by the widget: ``{"choice": i}``
for a button (index into the node's choices) and ``{"text": "..."}`` for a typed reply. Scoring
never trusts recorded labels or outcomes: :func:`replay` walks the transcript through the
conversation again, classifying each typed reply afresh, and :func:`score` scores that run.

Scoring (``POINTS``; 10 in all, only for a conversation that reached an ending):

- the outcome of the ending (how well the coaching served this rep and this cause): best 4,
  good 2.5, mixed 1.5, poor 0.5 points (``OUTCOME_POINTS``);
- no rescue (no reply on the way took the work over): 2 points;
- ask ratio, the share of replies that ask (open or closed): 2 points at 0.8 or more,
  1 point at 0.6 or more;
- open-question share, clean open / (open + closed + leading), where a typed open question
  that judges, stacks or drifts off the deal does not count as clean: 2 points at 0.8 or more,
  1 point at 0.5 or more.

Only the first finished conversation should ever be graded: the learner may replay as often as
they like to learn, and replaying until the best ending must not raise a grade. (The course plays
these conversations in lesson 05's practice; exercise 05 is now an interview, graded by
:mod:`coachlab.checks.interview`.)

A button reply counts with the move its author gave it; a typed reply with the analyzer's label.
Pure Python: no Jupyter imports, no grading code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coachlab.analysis.metrics import metrics_from_labels
from coachlab.scenarios import load_scenario
from coachlab.scenarios.model import Ending, Scenario, Step

POINTS = {"outcome": 4.0, "no_rescue": 2.0, "ask_ratio": 2.0, "open_share": 2.0}
"""Points per component; see the module docstring for how each is earned."""

OUTCOME_POINTS = {"best": 4.0, "good": 2.5, "mixed": 1.5, "poor": 0.5}
"""Points for the ending reached, by its outcome."""

MAX_POINTS = sum(POINTS.values())

THRESHOLDS = {"ask_ratio": ((0.8, 2.0), (0.6, 1.0)), "open_share": ((0.8, 2.0), (0.5, 1.0))}
"""(at least, points) pairs, best first, for the two ratio components."""


# ----------------------------------------------------------------------------- replaying

@dataclass(frozen=True)
class Run:
    """A transcript replayed through a conversation: the steps taken and the node reached."""

    conversation: Scenario
    turns: tuple[Step, ...]
    node_id: str
    error: str | None = None

    @property
    def ending(self) -> Ending | None:
        """The ending reached, or None."""
        return None if self.error else self.conversation.nodes[self.node_id].ending

    @property
    def finished(self) -> bool:
        """True when the transcript is valid and reached an ending."""
        return self.ending is not None

    @property
    def moves(self) -> list[str]:
        """The move of each reply, in order."""
        return [turn.move for turn in self.turns]


def replay(conversation: Scenario, transcript: Any) -> Run:
    """Walk ``transcript`` (recorded replies, in order) through ``conversation`` again.

    Never raises for a bad transcript: the run carries an ``error`` and is not finished.
    """
    followed = conversation.follow(transcript)
    if followed is None:
        return Run(conversation, (), conversation.start, "no valid transcript")
    steps, node_id = followed
    return Run(conversation, tuple(steps), node_id)


# ----------------------------------------------------------------------------- scoring

@dataclass(frozen=True)
class CapstoneScore:
    """The components of a capstone run and the points each earned."""

    finished: bool
    replies: int
    ask_ratio: float
    open_share: float
    root_cause_found: bool
    no_rescue: bool
    points: dict[str, float]
    outcome: str | None = None

    @property
    def total(self) -> float:
        """Points earned in all."""
        return sum(self.points.values())

    @property
    def max_points(self) -> float:
        """Points available in all."""
        return MAX_POINTS


def score(transcript: Run | Any, conversation: Scenario | Path | str | None = None
          ) -> CapstoneScore:
    """Score a run, or a recorded transcript replayed through ``conversation`` (object or file).

    An unfinished or invalid run earns no points; its components are still reported.
    """
    if isinstance(transcript, Run):
        run = transcript
    else:
        if conversation is None:
            raise TypeError("score() needs the conversation to replay a recorded transcript")
        if not isinstance(conversation, Scenario):
            conversation = load_scenario(conversation)
        run = replay(conversation, transcript)

    metrics = metrics_from_labels(run.moves)
    questions = sum(turn.move in ("open", "closed", "leading") for turn in run.turns)
    clean = sum(turn.clean_open for turn in run.turns)
    open_share = clean / questions if questions else 0.0
    ending = run.ending
    found = bool(ending and ending.root_cause_found)
    no_rescue = "rescue" not in run.moves
    points = dict.fromkeys(POINTS, 0.0)
    if run.finished and ending is not None:
        points["outcome"] = OUTCOME_POINTS[ending.outcome]
        points["no_rescue"] = POINTS["no_rescue"] if no_rescue else 0.0
        points["ask_ratio"] = _banded("ask_ratio", metrics.ask_ratio)
        points["open_share"] = _banded("open_share", open_share)
    return CapstoneScore(run.finished, len(run.turns), metrics.ask_ratio, open_share,
                         found, no_rescue, points, ending.outcome if ending else None)


def _banded(name: str, value: float) -> float:
    for at_least, earned in THRESHOLDS[name]:
        if value >= at_least - 1e-9:
            return earned
    return 0.0
