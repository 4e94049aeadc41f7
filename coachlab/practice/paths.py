"""How good each reply in a scenario is, judged by where it leads.

A reply's value is the best conversation still open after it: the outcome of the ending it can
reach (``outcome: best|good|mixed|poor`` where the scenario gives one, else whether the root
cause was found), then how few telling, leading or rescuing moves it takes to get there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coachlab.moves import ASKING_MOVES
from coachlab.scenarios import Choice, Ending, Scenario, ScenarioPath

OUTCOME_RANK = {"best": 3, "good": 2, "mixed": 1, "poor": 0}


def outcome_rank(ending: Ending) -> int:
    """3 for the best ending down to 0 for a poor one."""
    outcome = getattr(ending, "outcome", None)
    if isinstance(outcome, str) and outcome in OUTCOME_RANK:
        return OUTCOME_RANK[outcome]
    return OUTCOME_RANK["best"] if ending.root_cause_found else OUTCOME_RANK["poor"]


@dataclass(frozen=True, order=True)
class Value:
    """Comparable: a higher outcome first, then fewer non-asking moves, then fewer steps."""

    rank: int
    fewer_tells: int      # minus the number of tell/leading/rescue moves
    fewer_steps: int      # minus the number of steps
    path: ScenarioPath | None = field(default=None, compare=False)

    @property
    def order(self) -> tuple[int, int, int]:
        """The whole comparison as a tuple."""
        return (self.rank, self.fewer_tells, self.fewer_steps)

    @property
    def key(self) -> tuple[int, int]:
        """What decides right from wrong: the outcome and the telling it costs (not length)."""
        return (self.rank, self.fewer_tells)


class Values:
    """The value of every node and reply in one scenario, each walked once."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._nodes: dict[str, Value | None] = {}

    def node(self, node_id: str) -> Value | None:
        """The best conversation reachable from ``node_id`` (None if no ending is reachable)."""
        if node_id not in self._nodes:
            values = [
                Value(outcome_rank(path.ending),
                      -sum(move not in ASKING_MOVES for move in path.moves),
                      -path.decisions, path)
                for path in self.scenario.paths(start=node_id)
            ]
            self._nodes[node_id] = max(values, default=None)
        return self._nodes[node_id]

    def carry_on(self, choice: Choice) -> ScenarioPath | None:
        """Where ``choice`` ends if the manager carries on without asking: the path on from it
        with the fewest asking moves, then the fewest steps."""
        found = self.scenario.paths(start=choice.next)
        return min(found, key=lambda p: (sum(m in ASKING_MOVES for m in p.moves), p.decisions),
                   default=None)

    def choice(self, choice: Choice) -> Value | None:
        """The best conversation reachable by picking ``choice``."""
        best = self.node(choice.next)
        if best is None:
            return None
        penalty = 0 if choice.move in ASKING_MOVES else 1
        return Value(best.rank, best.fewer_tells - penalty, best.fewer_steps - 1, best.path)
