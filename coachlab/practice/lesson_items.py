"""Items from the lessons' practice files (``course/practice/*.yaml``).

``sorter:`` lists give sort items ([reply, move] pairs); ``step_in:`` lists give step-in items
(a situation, the verdict, and which part of the step-in rule decides it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from coachlab.journals import module_of
from coachlab.moves import MOVES
from coachlab.practice.items import SKILL_MODULES, Item, item_id, later_module
from coachlab.practice.scenario_items import (
    LET_TRY,
    STEP_IN,
    move_options,
    sort_explanation,
    step_options,
)

RULE_REASONS: dict[str, tuple[str, str]] = {
    "legal": (STEP_IN, "a legal or ethical line is about to be crossed"),
    "harm": (STEP_IN, "a person, or the customer, is about to be harmed"),
    "irreversible": (STEP_IN, "it is critical and, once it happens, cannot be undone"),
    "uncomfortable": (LET_TRY, "it is only uncomfortable: you would do it differently"),
    "slower": (LET_TRY, "it is only slower: you could do it faster yourself"),
    "recoverable": (LET_TRY, "the number is at risk, but next week or next quarter can fix it"),
}
"""The lesson 03 step-in rule: each reason and the verdict it gives."""


_VERDICT_WORDS = {STEP_IN: "Step in", LET_TRY: "Let them try"}


class PracticeFileError(ValueError):
    """A practice file's content cannot be turned into items; the message says what to fix."""


def lesson_items(path: Path, data: dict[str, Any]) -> Iterator[Item]:
    """The items in one lesson practice file's parsed ``data``."""
    lesson = path.stem
    owner = module_of(lesson) or ""  # "01-tell-or-ask" -> "01": the lesson these items belong to
    for number, entry in enumerate(data.get("sorter") or [], start=1):
        if (not isinstance(entry, list) or len(entry) != 2
                or entry[1] not in MOVES or not str(entry[0]).strip()):
            raise PracticeFileError(f"{path}: sorter item {number} should be [reply, move] with "
                                    f"a move from {', '.join(MOVES)}; got {entry!r}")
        reply, move = str(entry[0]), str(entry[1])
        yield Item(
            id=item_id("sort", lesson, reply),
            skill="sort",
            prompt="Which move does this reply make?",
            context=(f"You: “{reply}”",),
            options=move_options(),
            answer=move,
            explanation=sort_explanation(reply, move),
            source=f"practice/{path.name}, sorter item {number}",
            module=later_module(owner, SKILL_MODULES["sort"]),
        )
    for number, entry in enumerate(data.get("step_in") or [], start=1):
        yield _step_in(path, lesson, number, entry, owner)


def _step_in(path: Path, lesson: str, number: int, entry: Any, owner: str) -> Item:
    if not isinstance(entry, dict) or not isinstance(entry.get("situation"), str):
        raise PracticeFileError(f"{path}: step_in item {number} needs a 'situation' text")
    reason = entry.get("reason")
    if reason not in RULE_REASONS:
        raise PracticeFileError(f"{path}: step_in item {number} needs a 'reason' from "
                                f"{', '.join(RULE_REASONS)}; got {reason!r}")
    verdict, why = RULE_REASONS[reason]
    situation = " ".join(entry["situation"].split())
    extra = " ".join(str(entry.get("why", "")).split())
    return Item(
        id=item_id("step_in", lesson, situation),
        skill="step_in",
        prompt="Step in, or let them try?",
        context=(situation,),
        options=step_options(),
        answer=verdict,
        explanation=f"{_VERDICT_WORDS[verdict]}: {why}.\n{extra}".strip(),
        source=f"practice/{path.name}, step_in item {number}",
        module=later_module(owner, SKILL_MODULES["step_in"]),
    )
