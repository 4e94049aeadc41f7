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

MOVES: tuple[str, ...] = ("tell", "rescue", "open", "closed", "leading")
"""The five manager moves, in the same order as ``coachlab.analysis.LABELS``."""

ASKING_MOVES = frozenset({"open", "closed"})
"""Moves that ask: the rep does the thinking."""

ROOT_CAUSE_DESCRIPTIONS: dict[str, str] = {
    "lacks_confidence": (
        "The rep knows what to do but doubts themselves, so they hesitate, over-prepare "
        "or wait for permission."
    ),
    "lacks_competence": (
        "The rep has not yet learned the skill the situation needs, such as building a "
        "business case or running a negotiation."
    ),
    "unsure_which_questions": (
        "The rep wants to go deeper with the buyer but does not know which questions to ask, "
        "so discovery stays on the surface."
    ),
    "fears_being_stumped": (
        "The rep avoids a conversation (a technical buyer, an executive, a hard objection) "
        "because they are afraid of a question they cannot answer."
    ),
    "poor_message": (
        "What the rep says is the problem: a generic pitch, features instead of outcomes, "
        "or a story that does not fit this buyer."
    ),
    "poor_delivery": (
        "The message is right but the way it lands is not: rushing, monologues, reading "
        "slides, talking over the buyer."
    ),
    "manager_fears_missing_number": (
        "The blocker is the manager: fear of missing the number makes them step in, "
        "which teaches the rep to wait to be rescued."
    ),
}
"""One sentence per root cause, for debriefs and the authoring guide."""

ROOT_CAUSES: frozenset[str] = frozenset(ROOT_CAUSE_DESCRIPTIONS)
"""The vocabulary of root causes a scenario may name."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Move = Literal["tell", "rescue", "open", "closed", "leading"]


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
    """How the conversation ends: was the root cause found, and what it cost."""

    root_cause_found: bool
    debrief: Text
    rep_learned: Text
    numbers: Text = Field(
        description="What happened to the deal or the number, and to the manager's time."
    )


class Node(_Strict):
    """Something the rep says, followed by either choices for the manager or an ending."""

    rep_says: Text
    choices: list[Choice] = []
    ending: Ending | None = None

    @model_validator(mode="after")
    def _choices_or_ending(self) -> Node:
        if self.choices and self.ending is not None:
            raise ValueError("a node has either choices or an ending, not both")
        if not self.choices and self.ending is None:
            raise ValueError("dead end: the node has no choices and no ending")
        return self

    @property
    def is_ending(self) -> bool:
        """True when the conversation stops at this node."""
        return self.ending is not None


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
        for index, choice in enumerate(node.choices):
            if choice.next in nodes and choice.next not in seen:
                step = Step(node_id=node_id, choice_index=index, choice=choice)
                branches.append((choice.next, (*trail, step), seen | {choice.next}))
        stack.extend(reversed(branches))
    return found
