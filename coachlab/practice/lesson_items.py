"""Items from the lessons' practice files (``course/practice/*.yaml``).

``sorter:`` lists give sort items ([reply, move] pairs, or ``{reply, move, does}`` where the
author says what the reply does to the rep); ``step_in:`` lists give step-in items (a situation,
the verdict, and which part of the step-in rule decides it); ``debrief_stages:`` and
``pre_brief:`` lists give debrief items (a question a manager asks after or before a call, and
the part of the structure it serves).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from coachlab.journals import module_of
from coachlab.moves import MOVES
from coachlab.practice.items import SKILL_MODULES, Item, Option, item_id, later_module
from coachlab.practice.scenario_items import (
    JOIN,
    LET_TRY,
    STEP_IN,
    STEP_RULE,
    sort_explanation,
    sort_key,
    sort_options,
    step_options,
)

RULE_REASONS: dict[str, tuple[str, str]] = {
    "legal": (STEP_IN, "a legal or ethical line is about to be crossed"),
    "harm": (STEP_IN, "a person, or the customer, is about to be harmed"),
    "irreversible": (STEP_IN, "it is critical and, once it happens, cannot be undone"),
    "uncomfortable": (LET_TRY, "it is only uncomfortable: you would do it differently"),
    "slower": (LET_TRY, "it is only slower: you could do it faster yourself"),
    "recoverable": (LET_TRY, "the number is at risk, but next week or next quarter can fix it"),
    "peer": (JOIN, "the buyer asks for someone at your level, which the rep cannot be"),
    "authority": (JOIN, "the decision needs authority only you hold, such as a discount above "
                        "the rep's limit"),
    "second_chair": (JOIN, "it is the rep's first call of a new kind, and you sit in as a silent "
                           "second chair: the role agreed beforehand, the call theirs, the "
                           "debrief shared"),
}
"""The lesson 03 step-in rule: each reason and the verdict it gives. ``second_chair`` is the
silent seat lesson 03 describes ("if you join the call, are you silent…? Say it before the
call") for a rep's first call of a new kind."""


_VERDICT_WORDS = {STEP_IN: "Step in", JOIN: "Join, in a role agreed beforehand",
                  LET_TRY: "Let them try"}

DEBRIEF_STAGES: dict[str, tuple[str, str]] = {
    "what": ("What?", "describe what happened, without judging it yet"),
    "so_what": ("So what?", "make sense of it: why it happened, what it means"),
    "now_what": ("Now what?", "decide the next action and what to practise"),
    "not_debrief": ("None of these", "it tells, judges or takes the call back: the rep stops "
                                     "reflecting"),
}
"""The debrief structure lesson 03 teaches, as options, plus the answer for a question that is
no part of it."""

DEBRIEF_SOURCE = ("What? So what? Now what? (Borton, 1970; adapted for reflective practice by "
                  "Rolfe, Freshwater & Jasper, 2001), as lesson 03 teaches it")

PRE_BRIEF_PARTS: dict[str, tuple[str, str]] = {
    "outcome": ("The outcome", "what the rep wants the buyer to agree to"),
    "plan": ("The plan", "how the rep will open and run the call"),
    "risk": ("The risk", "where the buyer may push back, and what the rep will do"),
    "measure": ("The measure", "what will tell the rep the call went well"),
    "not_pre_brief": ("None of these", "it tells or takes the call over: the plan stops being "
                                       "the rep's"),
}
"""The four things lesson 03's pre-brief asks about, plus the answer for a question that
replaces the pre-brief with a rescue or a tell."""


class PracticeFileError(ValueError):
    """A practice file's content cannot be turned into items; the message says what to fix."""


def lesson_items(path: Path, data: dict[str, Any]) -> Iterator[Item]:
    """The items in one lesson practice file's parsed ``data``."""
    lesson = path.stem
    where = f"practice/{'drills/' if path.parent.name == 'drills' else ''}{path.name}"
    owner = module_of(lesson) or ""  # "01-tell-or-ask" -> "01": the lesson these items belong to
    for number, entry in enumerate(data.get("sorter") or [], start=1):
        reply, move, does = _sorter_entry(path, number, entry)
        keyed = sort_key(reply, move)
        if keyed is None:
            continue  # two defensible answers: not a sort item (see sort_key)
        answer, reason = keyed
        yield Item(
            id=item_id("sort", lesson, reply),
            skill="sort",
            prompt="Which move does this reply make?",
            context=(f"You: “{reply}”",),
            options=sort_options(),
            answer=answer,
            explanation=sort_explanation(answer, reason, does if answer == move else ""),
            source=f"{where}, sorter item {number}",
            module=later_module(owner, SKILL_MODULES["sort"]),
        )
    for number, entry in enumerate(data.get("step_in") or [], start=1):
        yield _step_in(path, lesson, number, entry, owner, where)
    for number, entry in enumerate(data.get("debrief_stages") or [], start=1):
        yield _structure(path, lesson, number, entry, owner, where, "debrief_stages", "stage",
                         DEBRIEF_STAGES)
    for number, entry in enumerate(data.get("pre_brief") or [], start=1):
        yield _structure(path, lesson, number, entry, owner, where, "pre_brief", "part",
                         PRE_BRIEF_PARTS)


def _sorter_entry(path: Path, number: int, entry: Any) -> tuple[str, str, str]:
    """(reply, move, what it does to the rep) from a ``[reply, move]`` or mapping entry."""
    if isinstance(entry, dict):
        reply, move, does = entry.get("reply"), entry.get("move"), entry.get("does", "")
    elif isinstance(entry, list) and len(entry) == 2:
        (reply, move), does = entry, ""
    else:
        reply = move = does = None
    if (not isinstance(reply, str) or not reply.strip() or move not in MOVES
            or not isinstance(does, str)):
        raise PracticeFileError(f"{path}: sorter item {number} should be [reply, move] or "
                                f"{{reply, move, does}} with a move from {', '.join(MOVES)}; "
                                f"got {entry!r}")
    return reply, str(move), does


def _structure(path: Path, lesson: str, number: int, entry: Any, owner: str, where: str,
               kind: str, field: str, parts: dict[str, tuple[str, str]]) -> Item:
    """A debrief item: which part of the debrief (or pre-brief) a manager's question serves."""
    if (not isinstance(entry, dict) or not isinstance(entry.get("question"), str)
            or entry.get(field) not in parts or not isinstance(entry.get("why"), str)):
        raise PracticeFileError(f"{path}: {kind} item {number} needs 'question', 'why' and "
                                f"'{field}' from {', '.join(parts)}; got {entry!r}")
    question = " ".join(entry["question"].split())
    situation = " ".join(str(entry.get("situation", "")).split())
    key = entry[field]
    name, meaning = parts[key]
    if kind == "debrief_stages":
        prompt = ("After the call, you ask the rep the question below. Which stage of the "
                  "debrief does it serve?")
        rule = f"The structure: {DEBRIEF_SOURCE}."
    else:
        prompt = ("Before the call, you ask the rep the question below. What does it ask "
                  "about?")
        rule = ("The pre-brief (lesson 03): the rep does the thinking, and you ask about the "
                "outcome, the plan, the risk and the measure.")
    why = " ".join(entry["why"].split())
    return Item(
        id=item_id("debrief", lesson, kind, question),
        skill="debrief",
        prompt=prompt,
        context=(*((situation,) if situation else ()), f"You: “{question}”"),
        options=tuple(Option(value, label, text) for value, (label, text) in parts.items()),
        answer=key,
        explanation=f"{name} ({meaning}). {why}\n{rule}",
        source=f"{where}, {kind} item {number}",
        module=later_module(owner, SKILL_MODULES["debrief"]),
    )


def _step_in(path: Path, lesson: str, number: int, entry: Any, owner: str,
             where: str) -> Item:
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
        prompt="Step in, join, or let them try?",
        context=(situation,),
        options=step_options(),
        answer=verdict,
        explanation=f"{_VERDICT_WORDS[verdict]}: {why}. {extra}\n{STEP_RULE}",
        source=f"{where}, step_in item {number}",
        module=later_module(owner, SKILL_MODULES["step_in"]),
    )
