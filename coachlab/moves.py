"""The five coaching moves: the course's one definition of their names and meanings.

Every reply a manager makes is one of these moves (see docs/labels.md). The analyzer labels replies
with them, scenario authors tag choices with them, exercises ask learners to name them, and widgets
show them in the words below.
"""

from __future__ import annotations

MOVES: tuple[str, ...] = ("tell", "rescue", "open", "closed", "leading")
"""The five moves, in the order the course presents them."""

ASKING_MOVES = frozenset({"open", "closed"})
"""Moves that ask: the rep does the thinking."""

MOVE_NAMES: dict[str, str] = {
    "tell": "Tell",
    "rescue": "Rescue",
    "open": "Open question",
    "closed": "Closed question",
    "leading": "Leading question",
}
"""The five moves in the words a learner sees, in the order of :data:`MOVES`."""

MOVE_MEANINGS: dict[str, str] = {
    "tell": "gives the rep the answer or your opinion",
    "rescue": "takes the problem, or the task, off the rep's hands",
    "open": "invites the rep's own thinking (what, how, tell me more)",
    "closed": "asks for a yes or no, or a single fact",
    "leading": "advice dressed up as a question: it still tells",
}
"""One plain line per move, used for tooltips and when an author's label overrides the analyzer."""
