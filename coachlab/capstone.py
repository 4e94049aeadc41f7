"""The capstone conversation: a scenario that mixes button choices and free-text replies.

A capstone conversation is content as data (YAML), like a scenario in :mod:`coachlab.scenarios`,
with one more kind of node: at a ``free_text`` node the manager types their own reply, the
course's analyzer (:func:`coachlab.analysis.classify`) labels it, and the conversation follows the
branch for that label (for example open -> the rep opens up, tell or leading -> the rep complies,
rescue -> the rescue branch). Every node has exactly one of ``choices``, ``free_text`` or
``ending``; every node is reachable from the start and the graph has no cycles, so every
conversation ends.

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

The grade is the **first** finished conversation (see :func:`first_recorded`): the learner may
replay as often as they like to learn, but replaying until the best ending does not raise it.

A button reply counts with the move its author gave it; a typed reply with the analyzer's label.
Pure Python: no Jupyter imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from coachlab.grading.checks import quick_check
from coachlab.scenarios.model import ROOT_CAUSES, Choice, Ending, FreeText, Rep, Text

MIN_WORDS = 2
"""A typed reply needs at least this many words ("What else?" is enough; "Why?" is not)."""

MAX_CHARS = 400
"""A typed reply longer than this is refused (a coaching reply is a sentence or two)."""

MAX_REPLIES = 40
"""A transcript longer than this is refused (no conversation in the course is half as long)."""

POINTS = {"outcome": 4.0, "no_rescue": 2.0, "ask_ratio": 2.0, "open_share": 2.0}
"""Points per component; see the module docstring for how each is earned."""

OUTCOME_POINTS = {"best": 4.0, "good": 2.5, "mixed": 1.5, "poor": 0.5}
"""Points for the ending reached, by its outcome."""

MAX_POINTS = sum(POINTS.values())

THRESHOLDS = {"ask_ratio": ((0.8, 2.0), (0.6, 1.0)), "open_share": ((0.8, 2.0), (0.5, 1.0))}
"""(at least, points) pairs, best first, for the two ratio components."""

LABELS: tuple[str, ...] = ("tell", "rescue", "open", "closed", "leading")


class ConversationError(ValueError):
    """A conversation file is missing, unsafe or malformed."""


class ReplyError(ValueError):
    """A reply cannot be given at this point (wrong kind, out of range, too short or too long)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CapstoneNode(_Strict):
    """What the rep says, then button choices, a free-text reply, or an ending."""

    rep_says: Text
    choices: list[Choice] = []
    free_text: FreeText | None = None
    ending: Ending | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> CapstoneNode:
        kinds = [bool(self.choices), self.free_text is not None, self.ending is not None]
        if sum(kinds) != 1:
            raise ValueError("a node has exactly one of choices, free_text or ending")
        return self

    def targets(self) -> list[str]:
        """The nodes this node can lead to."""
        if self.free_text is not None:
            return [branch.next for branch in self.free_text.branches.values()]
        return [choice.next for choice in self.choices]


class Conversation(_Strict):
    """A capstone conversation: the rep, the situation and the graph of nodes."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
    title: Text
    rep: Rep
    challenge: Text
    root_cause: str
    skills: list[Text] = []
    start: Text
    nodes: Annotated[dict[str, CapstoneNode], Field(min_length=2)]

    @model_validator(mode="after")
    def _graph(self) -> Conversation:
        problems = graph_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self


def graph_problems(conversation: Conversation) -> list[str]:
    """Broken links, unreachable nodes, cycles and missing kinds of node, in plain words."""
    nodes = conversation.nodes
    problems = []
    if conversation.root_cause not in ROOT_CAUSES:
        problems.append(f"root_cause {conversation.root_cause!r} is not in the vocabulary")
    if conversation.start not in nodes:
        return [*problems, f"start {conversation.start!r} is not a node"]
    for node_id, node in nodes.items():
        for target in node.targets():
            if target not in nodes:
                problems.append(f"{node_id} leads to unknown node {target!r}")
    if problems:
        return problems
    reached: set[str] = set()
    stack = [conversation.start]
    while stack:
        node_id = stack.pop()
        if node_id not in reached:
            reached.add(node_id)
            stack.extend(nodes[node_id].targets())
    unreachable = sorted(set(nodes) - reached)
    if unreachable:
        problems.append(f"nodes never reached from the start: {unreachable}")
    cycle = _find_cycle(conversation)
    if cycle:
        problems.append("the conversation can loop: " + " -> ".join(cycle))
    if not any(node.free_text for node in nodes.values()):
        problems.append("a capstone conversation needs at least one free_text node")
    if not any(node.ending and node.ending.outcome == "best" for node in nodes.values()):
        problems.append("no ending is best")
    return problems


def _find_cycle(conversation: Conversation) -> list[str] | None:
    nodes = conversation.nodes
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for origin in nodes:
        if state.get(origin):
            continue
        path = [origin]
        iterators = [iter(nodes[origin].targets())]
        state[origin] = 1
        while iterators:
            target = next(iterators[-1], None)
            if target is None:
                state[path.pop()] = 2
                iterators.pop()
            elif state.get(target) == 1:
                return [*path[path.index(target):], target]
            elif not state.get(target):
                state[target] = 1
                path.append(target)
                iterators.append(iter(nodes[target].targets()))
    return None


def load_conversation(path: Path | str, section: str | None = None) -> Conversation:
    """Load and validate a conversation file (or the mapping under ``section`` in it).

    The YAML is read with the scenario loader's safe reader (plain data only, no aliases, size
    and depth limits).
    """
    from coachlab.scenarios.loader import ScenarioReadError, read_yaml

    try:
        data = read_yaml(Path(path)).data
    except ScenarioReadError as error:
        raise ConversationError(str(error.finding)) from error
    if section is not None:
        data = data.get(section) if isinstance(data, dict) else None
        if data is None:
            raise ConversationError(f"{path}: no '{section}' section")
    try:
        return Conversation.model_validate(data)
    except ValidationError as error:
        details = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'file'}: {e['msg']}" for e in error.errors())
        raise ConversationError(f"{path}: {details}") from None


# ----------------------------------------------------------------------------- replaying

@dataclass(frozen=True)
class Turn:
    """One reply of the manager: where, what, which move it made, and what followed."""

    node_id: str
    reply: str
    move: str
    typed: bool
    next: str
    consequence: str
    index: int | None = None
    reasons: tuple[str, ...] = ()
    hint: str | None = None
    flags: tuple[str, ...] = ()

    @property
    def clean_open(self) -> bool:
        """True for an open question that raises no quality flag."""
        return self.move == "open" and not self.flags

    def record(self) -> dict[str, Any]:
        """The transcript entry the widget stores for this turn (the reply text is for people;
        only the choice index or the typed text is replayed)."""
        if self.typed:
            return {"text": self.reply}
        return {"choice": self.index, "reply": self.reply}


@dataclass(frozen=True)
class Run:
    """A transcript replayed through a conversation."""

    conversation: Conversation
    turns: tuple[Turn, ...]
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


def take_turn(conversation: Conversation, node_id: str, reply: Any) -> Turn:
    """Give ``reply`` at ``node_id``: ``{"choice": i}`` or ``{"text": "..."}`` (or an int / str).

    Raises ReplyError when the reply does not fit the node.
    """
    node = conversation.nodes[node_id]
    if node.ending is not None:
        raise ReplyError("The conversation has ended.")
    if type(reply) is dict:
        reply = reply.get("choice") if "choice" in reply else reply.get("text")
    if node.choices:
        if type(reply) is not int or not 0 <= reply < len(node.choices):
            raise ReplyError(f"Choose a reply from 1 to {len(node.choices)}.")
        choice = node.choices[reply]
        return Turn(node_id, choice.reply, choice.move, False, choice.next, choice.consequence,
                    index=reply)
    if type(reply) is not str:
        raise ReplyError("Type your reply to the rep.")
    text = " ".join(str.split(reply))
    if len(text.split()) < MIN_WORDS:
        raise ReplyError(f"Write at least {MIN_WORDS} words: say it the way you would say it.")
    if len(text) > MAX_CHARS:
        raise ReplyError(f"Keep it under {MAX_CHARS} characters: one or two sentences.")
    judged = judge(text, context=node.rep_says)
    # A flagged open question (judging, stacked, off the deal) never takes the open branch.
    label = "flagged" if judged.move == "open" and judged.flags else judged.move
    branch = node.free_text.branches[label]
    return Turn(node_id, text, judged.move, True, branch.next, branch.consequence,
                reasons=judged.reasons, hint=judged.hint, flags=judged.flags)


@dataclass(frozen=True)
class Judgement:
    """How a typed reply reads: its move, quality flags, and why."""

    move: str
    flags: tuple[str, ...]
    reasons: tuple[str, ...]
    hint: str | None


def judge(text: str, context: str | None = None) -> Judgement:
    """Read a typed reply with ``coachlab.analysis.assess`` (move and quality flags), or with
    ``classify`` alone where ``assess`` is not available (no flags then)."""
    import coachlab.analysis as analysis

    assess = getattr(analysis, "assess", None)
    if assess is None:
        result = analysis.classify(text)
        return Judgement(result.label, (), tuple(result.reasons), result.hint)
    result = assess(text, context=context)
    flags = tuple(result.flags)
    hints = [hint for hint in (getattr(result, "hints", None) or ()) if hint]
    hint = hints[0] if flags and hints else getattr(result, "hint", None)
    if hint is None and hints:
        hint = hints[0]
    return Judgement(result.move, flags, tuple(result.reasons), hint)


def replay(conversation: Conversation, transcript: Any) -> Run:
    """Walk ``transcript`` (recorded replies, in order) through ``conversation`` again.

    Never raises for a bad transcript: the run carries an ``error`` and is not finished.
    """
    node_id = conversation.start
    turns: list[Turn] = []
    if type(transcript) is not list or len(transcript) > MAX_REPLIES:
        return Run(conversation, (), node_id, "no valid transcript")
    for number, reply in enumerate(transcript, 1):
        try:
            turn = take_turn(conversation, node_id, reply)
        except ReplyError as error:
            return Run(conversation, tuple(turns), node_id, f"reply {number}: {error}")
        turns.append(turn)
        node_id = turn.next
    return Run(conversation, tuple(turns), node_id)


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


def score(transcript: Run | Any, conversation: Conversation | Path | str | None = None
          ) -> CapstoneScore:
    """Score a run, or a recorded transcript replayed through ``conversation`` (object or file).

    An unfinished or invalid run earns no points; its components are still reported.
    """
    if isinstance(transcript, Run):
        run = transcript
    else:
        if conversation is None:
            raise TypeError("score() needs the conversation to replay a recorded transcript")
        if not isinstance(conversation, Conversation):
            conversation = load_conversation(conversation)
        run = replay(conversation, transcript)
    from coachlab.analysis.metrics import metrics_from_labels

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


# ----------------------------------------------------------------------------- journal

def recorded_transcripts(value: Any) -> list[list[Any]]:
    """Every transcript in a journal value, oldest first: the kept plays (the first finished
    play is always kept), then the value's own replies (the latest play)."""
    if type(value) is not dict:
        return []
    plays = value.get("plays") if type(value.get("plays")) is list else []
    found = []
    for play in [*plays, value]:
        replies = play.get("replies") if type(play) is dict else None
        if type(replies) is list:
            found.append(replies)
    return found


def first_recorded(key: str, conversation_file: Path | str, directory: Path | str = "."
                   ) -> CapstoneScore | None:
    """The score of the first finished play recorded under ``key``, replayed afresh.

    The first complete conversation is the one graded: a coaching conversation happens once,
    and replaying until the best ending would measure persistence, not judgement.
    """
    from coachlab.responses import Journal, JournalError

    try:
        value = Journal.beside(directory).get(key)
    except (JournalError, OSError):
        return None
    conversation = load_conversation(Path(directory) / conversation_file)
    for transcript in recorded_transcripts(value)[:60]:
        result = score(replay(conversation, transcript))
        if result.finished:
            return result
    return None


def score_recorded(key: str, conversation_file: Path | str, points: float = MAX_POINTS,
                   directory: Path | str = ".") -> float:
    """Hidden-test score: the first finished play, replayed, scaled to ``points``."""
    first = first_recorded(key, conversation_file, directory)
    return 0.0 if first is None else round(first.total / MAX_POINTS * float(points), 2)


@quick_check
def check_recorded(key: str, conversation_file: Path | str, directory: Path | str = ".") -> None:
    """Quick check: raise AssertionError unless a finished conversation is recorded."""
    try:
        first = first_recorded(key, conversation_file, directory)
    except ConversationError as error:
        raise AssertionError(f"The conversation file could not be read: {error}") from None
    if first is None:
        raise AssertionError("Not yet: play the conversation above until you reach an ending.")
    print("✓ You finished the conversation and it is saved. Your first complete conversation "
          "counts; play again as often as you like to learn from the other replies.")
