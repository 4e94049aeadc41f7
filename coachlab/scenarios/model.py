"""The scenario model: a coaching conversation as a graph of nodes, choices and endings.

A scenario is content as data. Each node is something the rep says; then the manager picks one
of the node's choices (a reply, labelled with the move it makes), or types a reply at a
``free_text`` node (how it reads picks the branch), or the conversation has reached an ending,
which carries the debrief. Unknown keys are refused so that a typo in a YAML file is reported
instead of silently ignored.

This is the one engine for every conversation in the course, with buttons or typed replies:
:meth:`Scenario.take` gives one reply at a node and :meth:`Scenario.follow` walks a recorded
path of replies from the start. Players, grading and progress all walk through these two.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from coachlab.diagnosis import ROOT_CAUSES
from coachlab.moves import ASKING_MOVES, MOVES

from .plays import MAX_REPLIES
from .typed import ReplyError, judge, tidy

OUTCOMES: tuple[str, ...] = ("best", "good", "mixed", "poor")
"""How well the coaching served this rep and this cause, best first."""

DEALS: tuple[str, ...] = ("won", "lost", "slipped", "open")
"""What happened to the deal by the end of the story."""

FAILED_DEALS = frozenset({"lost", "slipped"})
"""Deal states that count as the rep having failed when they tried."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# The Literal types are built from the tuples above so the words are spelled once.
Move = Literal[MOVES]  # type: ignore[valid-type]
Outcome = Literal[OUTCOMES]  # type: ignore[valid-type]
Deal = Literal[DEALS]  # type: ignore[valid-type]
BranchLabel = Literal[(*MOVES, "flagged")]  # type: ignore[valid-type]


class _Strict(BaseModel):
    """Base for all scenario models: unknown keys are an error, models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Rep(_Strict):
    """The sales rep the learner is coaching."""

    name: Text
    tenure: Text
    persona: Text


class Choice(_Strict):
    """One reply the manager can give, the move it makes, and what it does to the rep."""

    reply: Text
    move: Move
    next: Text
    consequence: Text = Field(
        description="What the rep says, does or feels in response: intrinsic, not a score."
    )


class Ending(_Strict):
    """How the conversation ends: how well the coaching served the rep, and what it cost."""

    outcome: Outcome = Field(
        description="How well the coaching served this rep and this cause: best, good, mixed "
        "or poor. The debrief of a best ending says why the move fitted the cause."
    )
    deal: Deal = Field(description="What happened to the deal: won, lost, slipped or open.")
    rep_tried: bool = Field(
        default=False,
        description="True when the rep acted on their own (ran the call, sent the email).",
    )
    root_cause_found: bool
    debrief: Text
    rep_learned: Text
    numbers: Text = Field(
        description="What happened to the deal or the number, and the cost of coaching: the "
        "manager's time, and a slower quarter where that is the price."
    )

    @model_validator(mode="after")
    def _best_finds_the_cause(self) -> Ending:
        if self.outcome == "best" and not self.root_cause_found:
            raise ValueError("a best ending must find the root cause (root_cause_found: true)")
        return self

    @property
    def tried_and_failed(self) -> bool:
        """True when the rep acted on their own and the deal was lost or slipped."""
        return self.rep_tried and self.deal in FAILED_DEALS


class Branch(_Strict):
    """Where a typed reply read as a given move leads, and what it does to the rep."""

    next: Text
    consequence: Text


FREE_TEXT_LABELS: tuple[str, ...] = (*MOVES, "flagged")
"""Branches a free-text node needs: one per move, and ``flagged`` for an open question that
judges, stacks several questions or drifts off the deal (``coachlab.analysis.assess`` flags)."""


class FreeText(_Strict):
    """A point where the manager types a reply; how it reads picks the branch."""

    prompt: Text
    branches: dict[BranchLabel, Branch]

    @model_validator(mode="after")
    def _every_label(self) -> FreeText:
        missing = [label for label in FREE_TEXT_LABELS if label not in self.branches]
        if missing:
            raise ValueError(f"free_text needs a branch for every label; missing {missing}")
        return self

    def as_choices(self) -> list[Choice]:
        """The branches as choices, for the path walker and the checks (a flagged open question
        is an open move)."""
        def read_as(label: str) -> str:
            return "a flagged open question" if label == "flagged" else label

        return [
            Choice(
                reply=f"(a typed reply read as {read_as(label)})",
                move="open" if label == "flagged" else label,
                next=branch.next,
                consequence=branch.consequence,
            )
            for label, branch in self.branches.items()
        ]


class Node(_Strict):
    """Something the rep says, followed by choices, a typed reply (``free_text``) or an ending."""

    rep_says: Text
    choices: list[Choice] = []
    free_text: FreeText | None = None
    ending: Ending | None = None

    @model_validator(mode="after")
    def _choices_or_ending(self) -> Node:
        kinds = sum([bool(self.choices), self.free_text is not None, self.ending is not None])
        if kinds > 1 and self.free_text is None:
            raise ValueError("a node has either choices or an ending, not both")
        if kinds > 1:
            raise ValueError("a node has exactly one of choices, free_text or ending")
        if kinds == 0:
            raise ValueError("dead end: the node has no choices and no ending")
        return self

    @property
    def is_ending(self) -> bool:
        """True when the conversation stops at this node."""
        return self.ending is not None

    @property
    def options(self) -> list[Choice]:
        """The replies that lead on from here: the choices, or the typed-reply branches."""
        if self.free_text is not None:
            return self.free_text.as_choices()
        return list(self.choices)


class Scenario(_Strict):
    """A coaching conversation: who the rep is, what is going on, and the conversation graph."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
    title: Text
    rep: Rep
    challenge: Text
    root_cause: str
    skills: Annotated[list[Text], Field(min_length=1)]
    start: Text
    nodes: Annotated[dict[str, Node], Field(min_length=1)]

    @field_validator("root_cause")
    @classmethod
    def _known_root_cause(cls, value: str) -> str:
        if value not in ROOT_CAUSES:
            known = ", ".join(sorted(ROOT_CAUSES))
            raise ValueError(f'"{value}" is not in the vocabulary ({known})')
        return value

    def paths(self, start: str | None = None, limit: int = 2000) -> list[ScenarioPath]:
        """Every loop-free path from ``start`` (default: the scenario's start) to an ending."""
        return paths(self, start=start, limit=limit)

    def take(self, node_id: str, reply: Any) -> Step:
        """Give ``reply`` at ``node_id`` and return the step it makes.

        ``reply`` is a choice index (an int, or ``{"choice": i}``) at a node with choices, or the
        manager's words (a str, or ``{"text": "..."}``) at a ``free_text`` node; any other key
        of a recorded reply (a claimed move or outcome) is ignored. Raises ``ReplyError``, with a
        message for the learner, when the reply does not fit the node.
        """
        node = self.nodes.get(node_id)
        if node is None:
            raise ReplyError(f"There is no point {node_id!r} in this conversation.")
        if node.ending is not None:
            raise ReplyError("The conversation has ended.")
        if type(reply) is dict:
            reply = reply.get("choice") if "choice" in reply else reply.get("text")
        if node.free_text is None:
            if type(reply) is not int or not 0 <= reply < len(node.choices):
                raise ReplyError(f"Choose a reply from 1 to {len(node.choices)}.")
            choice = node.choices[reply]
            if choice.next not in self.nodes:
                raise ReplyError(f"Reply {reply + 1} leads to an unknown point {choice.next!r}.")
            return Step(node_id, reply, choice)
        text = tidy(reply)
        judged = judge(text, context=node.rep_says)
        branch = node.free_text.branches[judged.branch]
        if branch.next not in self.nodes:
            raise ReplyError(f"That reply leads to an unknown point {branch.next!r}.")
        choice = Choice(reply=text, move=judged.move, next=branch.next,
                        consequence=branch.consequence)
        return Step(node_id, None, choice, typed=True, flags=judged.flags,
                    reasons=judged.reasons, hint=judged.hint)

    def follow(self, path: object) -> tuple[list[Step], str] | None:
        """Walk ``path`` (the replies a player records, in order) from the start.

        Each reply is read as :meth:`take` reads it (choice indices, typed replies, or recorded
        ``{"choice": i}`` / ``{"text": "..."}`` entries). Returns the steps taken and the node
        reached, or None when ``path`` is not a list of at most ``MAX_REPLIES`` replies that fit
        the nodes along the way (a recorded path is learner data).
        """
        if type(path) is not list or len(path) > MAX_REPLIES:
            return None
        steps: list[Step] = []
        node_id = self.start
        if node_id not in self.nodes:
            return None
        for reply in path:
            try:
                step = self.take(node_id, reply)
            except ReplyError:
                return None
            steps.append(step)
            node_id = step.choice.next
        return steps, node_id


@dataclass(frozen=True)
class Step:
    """One decision on a path: at ``node_id`` the manager picked ``choice``.

    For a typed reply ``choice_index`` is None, ``typed`` is True and ``choice`` holds the words
    as said, the move the analyzer read, and the branch's next node and consequence; ``flags``,
    ``reasons`` and ``hint`` say how the reply read.
    """

    node_id: str
    choice_index: int | None
    choice: Choice
    typed: bool = False
    flags: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    hint: str | None = None

    @property
    def reply(self) -> str:
        """The manager's words."""
        return self.choice.reply

    @property
    def move(self) -> str:
        """The move the reply made: the author's label for a choice, the analyzer's for text."""
        return str(self.choice.move)

    @property
    def next(self) -> str:
        """The node the reply leads to."""
        return self.choice.next

    @property
    def consequence(self) -> str:
        """What the reply did to the rep."""
        return self.choice.consequence

    @property
    def clean_open(self) -> bool:
        """True for an open question that raises no quality flag."""
        return self.move == "open" and not self.flags

    def record(self) -> dict[str, Any]:
        """The reply as a typed conversation records it: ``{"choice": i, "reply": text}`` or
        ``{"text": typed}`` (the reply text of a choice is for people; only the index is
        replayed)."""
        if self.typed:
            return {"text": self.reply}
        return {"choice": self.choice_index, "reply": self.reply}


@dataclass(frozen=True)
class ScenarioPath:
    """A walk through a scenario from a node to an ending."""

    steps: tuple[Step, ...]
    end: str
    ending: Ending

    @property
    def moves(self) -> tuple[str, ...]:
        """The moves made along the path, in order."""
        return tuple(step.choice.move for step in self.steps)

    @property
    def decisions(self) -> int:
        """How many decisions the manager made on this path."""
        return len(self.steps)

    @property
    def asks(self) -> bool:
        """True when at least one move on the path asks (open or closed)."""
        return any(move in ASKING_MOVES for move in self.moves)

    @property
    def asks_then_tells(self) -> bool:
        """True when a tell comes after an asking move: diagnose first, then teach or model."""
        moves = self.moves
        for index, move in enumerate(moves):
            if move in ASKING_MOVES:
                return "tell" in moves[index + 1:]
        return False

    @property
    def asks_only(self) -> bool:
        """True when every move on the path asks (open or closed), with no telling or rescuing."""
        return all(move in ASKING_MOVES for move in self.moves)


WALK_BUDGET = 200_000
"""How many nodes ``paths`` may visit before it stops, whatever the shape of the graph."""


def paths(scenario: Scenario, start: str | None = None, limit: int = 2000) -> list[ScenarioPath]:
    """Enumerate loop-free paths from ``start`` to an ending, depth first, in choice order.

    A node is never visited twice on one path, so loops in the graph are followed once and the
    enumeration always terminates; at most ``limit`` paths are returned, and the search stops
    after visiting ``WALK_BUDGET`` nodes. Choices whose ``next``
    names a missing node are skipped. Used by the checks and by the player's "see what the
    other replies would have done".
    """
    origin = scenario.start if start is None else start
    found: list[ScenarioPath] = []
    nodes = scenario.nodes
    if origin not in nodes:
        return found
    budget = WALK_BUDGET
    # Iterative depth-first search: (node id, steps so far, nodes on the path).
    stack: list[tuple[str, tuple[Step, ...], frozenset[str]]] = [(origin, (), frozenset({origin}))]
    while stack and len(found) < limit and budget > 0:
        budget -= 1
        node_id, trail, seen = stack.pop()
        node = nodes[node_id]
        if node.ending is not None:
            found.append(ScenarioPath(steps=trail, end=node_id, ending=node.ending))
            continue
        branches = []
        for index, choice in enumerate(node.options):
            if choice.next in nodes and choice.next not in seen:
                step = Step(node_id=node_id, choice_index=index, choice=choice)
                branches.append((choice.next, (*trail, step), seen | {choice.next}))
        stack.extend(reversed(branches))
    return found
