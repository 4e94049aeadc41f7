"""The scenario model: a coaching conversation as a graph of nodes, choices and endings.

A scenario is content as data. Each node is something the rep says; the manager either picks
one of the node's choices (a reply, labelled with the move it makes) or the conversation has
reached an ending, which carries the debrief. Unknown keys are refused so that a typo in a
YAML file is reported instead of silently ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

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
                move="open" if label == "flagged" else label,  # type: ignore[arg-type]
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

    def follow(self, path: object) -> tuple[list[Step], str] | None:
        """Walk ``path`` (choice indices, as a player records them) from the start.

        Returns the steps taken and the node reached, or None when ``path`` is not a list of
        plain ints that are valid choices along the way (a recorded path is learner data).
        """
        if type(path) is not list:
            return None
        steps: list[Step] = []
        node_id = self.start
        for index in path:
            node = self.nodes.get(node_id)
            if node is None or type(index) is not int or not 0 <= index < len(node.choices):
                return None
            steps.append(Step(node_id, index, node.choices[index]))
            node_id = node.choices[index].next
        return (steps, node_id) if node_id in self.nodes else None


@dataclass(frozen=True)
class Step:
    """One decision on a path: at ``node_id`` the manager picked ``choice``."""

    node_id: str
    choice_index: int
    choice: Choice


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
