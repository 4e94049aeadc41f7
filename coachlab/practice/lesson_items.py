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

from coachlab.journals import module_of
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
from coachlab.practicefile import LessonPractice, PracticeFileError, StepInEntry

__all__ = ["DEBRIEF_SOURCE", "DEBRIEF_STAGES", "PRE_BRIEF_PARTS", "RULE_REASONS",
           "PracticeFileError", "lesson_items"]

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


# ------------------------------------------------------------------------------ the items

def lesson_items(path: Path, content: LessonPractice) -> Iterator[Item]:
    """The items in the item lists of the practice file at ``path``, read by
    :func:`coachlab.practicefile.read_practice_file` (which checks them)."""
    lesson = path.stem
    where = f"practice/{'drills/' if path.parent.name == 'drills' else ''}{path.name}"
    owner = module_of(lesson) or ""  # "01-tell-or-ask" -> "01": the lesson these items belong to
    for number, entry in enumerate(content.sorter, start=1):
        keyed = sort_key(entry.reply, entry.move)
        if keyed is None:
            continue  # two defensible answers: not a sort item (see sort_key)
        answer, reason = keyed
        yield Item(
            id=item_id("sort", lesson, entry.reply),
            skill="sort",
            prompt="Which move does this reply make?",
            context=(f"You: “{entry.reply}”",),
            options=sort_options(),
            answer=answer,
            explanation=sort_explanation(answer, reason,
                                         entry.does if answer == entry.move else ""),
            source=f"{where}, sorter item {number}",
            module=later_module(owner, SKILL_MODULES["sort"]),
        )
    for number, step in enumerate(content.step_in, start=1):
        yield _step_in(lesson, number, step, owner, where)
    for number, debrief in enumerate(content.debrief_stages, start=1):
        yield _structure(lesson, number, debrief.question, debrief.situation, debrief.stage,
                         debrief.why, owner, where, "debrief_stages", DEBRIEF_STAGES)
    for number, pre in enumerate(content.pre_brief, start=1):
        yield _structure(lesson, number, pre.question, pre.situation, pre.part, pre.why, owner,
                         where, "pre_brief", PRE_BRIEF_PARTS)


def _structure(lesson: str, number: int, question: str, situation: str, key: str, why: str,
               owner: str, where: str, kind: str, parts: dict[str, tuple[str, str]]) -> Item:
    """A debrief item: which part of the debrief (or pre-brief) a manager's question serves."""
    question = " ".join(question.split())
    situation = " ".join(situation.split())
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
    why = " ".join(why.split())
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


def _step_in(lesson: str, number: int, entry: StepInEntry, owner: str, where: str) -> Item:
    verdict, why = RULE_REASONS[entry.reason]
    situation = " ".join(entry.situation.split())
    extra = " ".join(entry.why.split())
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
