"""How far a test-wise learner gets without judgement: guessers run over a practice pool.

A practice item teaches only if it cannot be answered from its surface. Each guesser here
answers every item of a pool the way a learner who has spotted a pattern would, and
:func:`guessing_report` says, per skill, how many items it gets right. The tests in
``tests/practice/test_guessing.py`` bound those shares; ``bench/bench_practice_guessing.py``
prints them.

- :func:`majority_share`: always pick the skill's most common keyed value;
- :func:`longest_share`: always pick the longest option text;
- :func:`first_words_guess`: sort a reply by its first words alone (What/How → open,
  Is/Do/Can → closed, I'll → rescue, Have you tried/Wouldn't → leading, else tell).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coachlab.practice.items import Item

MIN_ITEMS = 10
"""Skills with fewer items than this are too small for a share to mean anything."""

MAX_MAJORITY = 0.5
"""No keyed value may key more than half of a skill's items."""

MAX_LONGEST = 0.4
"""The keyed option may be the longest in at most this share of a skill's items (where the
options are texts that vary from item to item)."""

MAX_FIRST_WORDS = 0.7
"""The first-words rule may sort at most this share of sort items right."""

# First words → the move a guesser would sort the reply into. Checked in order: the first
# pattern that matches the start of the reply wins; anything else is sorted as a tell.
FIRST_WORDS: tuple[tuple[str, str], ...] = (
    (r"(?:have you (?:tried|thought|considered)|wouldn't|won't|don't you|isn't|aren't|"
     r"shouldn't|couldn't you|why not|why don't|what about|how about|could you just)\b",
     "leading"),
    (r"(?:i'll|i will|let me|leave it with me|send (?:it|me)|forward|cc me|give me|"
     r"i can|i could|i'm going to)\b", "rescue"),
    (r"(?:what|how|why|walk me|tell me|talk me|describe|help me understand|which|where|who)\b",
     "open"),
    (r"(?:is|are|do|does|did|can|could|will|would|have|has|had|was|were|when|should)\b",
     "closed"),
)
_COMPILED = tuple((re.compile(pattern), move) for pattern, move in FIRST_WORDS)
_QUOTED = re.compile(r"^[^:“]*:\s*“(.*)”$", re.S)


def reply_of(item: Item) -> str:
    """The manager's reply a sort item asks about (its last context line, unquoted)."""
    line = item.context[-1] if item.context else ""
    found = _QUOTED.match(line)
    return found.group(1) if found else line


def first_words_guess(reply: str) -> str:
    """The move a learner who reads only the first words would pick for ``reply``."""
    text = " ".join(reply.lower().replace("’", "'").split())
    for pattern, move in _COMPILED:
        if pattern.match(text):
            return move
    return "tell"


def by_skill(pool: Iterable[Item]) -> dict[str, list[Item]]:
    """The pool's items grouped by skill, in first-seen order."""
    groups: dict[str, list[Item]] = {}
    for item in pool:
        groups.setdefault(item.skill, []).append(item)
    return groups


def majority_share(items: Sequence[Item]) -> tuple[str, float]:
    """The most common keyed value among ``items`` and the share of items it keys."""
    if not items:
        return "", 0.0
    value, count = Counter(item.answer for item in items).most_common(1)[0]
    return value, count / len(items)


def longest_keyed(item: Item) -> bool:
    """True when the keyed option is strictly the longest option text (a guesser's tell)."""
    if not item.options or item.keyed is None:
        return False
    keyed = len(item.keyed.text)
    return all(keyed > len(o.text) for o in item.options if o.value != item.answer)


def longest_share(items: Sequence[Item]) -> float:
    """Share of the choice items in ``items`` whose keyed option is the longest."""
    choice = [item for item in items if item.options]
    if not choice:
        return 0.0
    return sum(longest_keyed(item) for item in choice) / len(choice)


def options_vary(items: Sequence[Item]) -> bool:
    """True when the skill's options are texts that differ between items (not a fixed menu
    such as the five moves, where the longest label says nothing about the item)."""
    menus = {tuple(o.text for o in item.options) for item in items if item.options}
    return len(menus) > 1


def first_words_share(items: Sequence[Item]) -> float:
    """Share of sort items the first-words rule keys right."""
    sort = [item for item in items if item.skill == "sort"]
    if not sort:
        return 0.0
    return sum(first_words_guess(reply_of(item)) == item.answer for item in sort) / len(sort)


@dataclass(frozen=True)
class SkillGuess:
    """One skill's figures: its size and what each guesser gets right."""

    skill: str
    items: int
    majority_value: str
    majority: float
    longest: float | None      # None where options are a fixed menu or typed
    first_words: float | None  # sort only

    @property
    def best(self) -> float:
        """The share the best of the guessers gets right."""
        shares = [self.majority, self.longest or 0.0, self.first_words or 0.0]
        return max(shares)


def guessing_report(pool: Iterable[Item]) -> list[SkillGuess]:
    """Per skill: items, majority guess, longest-option guess and (sort) first-words guess."""
    report = []
    for skill, items in by_skill(pool).items():
        choice = [item for item in items if item.options]
        majority_value, majority = majority_share(choice) if choice else ("", 0.0)
        longest = longest_share(items) if choice and options_vary(choice) else None
        first = first_words_share(items) if skill == "sort" else None
        report.append(SkillGuess(skill, len(items), majority_value, majority, longest, first))
    return report


def problems(pool: Iterable[Item]) -> list[str]:
    """Every way ``pool`` can be passed by guessing, beyond the bounds above, in words."""
    found = []
    for row in guessing_report(pool):
        if row.items >= MIN_ITEMS and row.majority > MAX_MAJORITY:
            found.append(f"{row.skill}: “{row.majority_value}” keys {row.majority:.0%} of "
                         f"{row.items} items (at most {MAX_MAJORITY:.0%})")
        if row.items >= MIN_ITEMS and row.longest is not None and row.longest > MAX_LONGEST:
            found.append(f"{row.skill}: the keyed option is the longest in {row.longest:.0%} "
                         f"(at most {MAX_LONGEST:.0%})")
        if row.first_words is not None and row.first_words > MAX_FIRST_WORDS:
            found.append(f"{row.skill}: the first-words rule gets {row.first_words:.0%} right "
                         f"(at most {MAX_FIRST_WORDS:.0%})")
    return found
