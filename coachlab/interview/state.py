"""The interview's state: what the rep has revealed, how much they trust the manager, turns."""

from __future__ import annotations

from dataclasses import dataclass, field

TRUST_START, TRUST_MIN, TRUST_MAX = 1, 0, 3
"""Trust starts at 1 and stays within 0..3; trust facts need 2."""

TRUST_FOR_TRUST_FACTS = 2
"""Trust a rep needs before saying a ``trust`` fact."""


@dataclass
class State:
    """Mutable state of one interview (the engine is the only writer)."""

    trust: int = TRUST_START
    revealed: list[str] = field(default_factory=list)
    turns: int = 0
    said: dict[str, int] = field(default_factory=dict)  # fact or reaction -> times said
    summarised: bool = False
    ended: bool = False
    rescued: bool = False

    def change_trust(self, delta: int) -> None:
        """Raise or lower trust, kept within 0..3."""
        self.trust = max(TRUST_MIN, min(TRUST_MAX, self.trust + delta))

    def reveal(self, fact_id: str) -> None:
        """Record that the rep said ``fact_id`` (once, in the order first said)."""
        if fact_id not in self.revealed:
            self.revealed.append(fact_id)

    def count(self, key: str) -> int:
        """How many times ``key`` was said before, then count this time."""
        times = self.said.get(key, 0)
        self.said[key] = times + 1
        return times
