"""Items from the lessons' practice files (``course/practice/*.yaml``).

``sorter:`` lists give sort items ([reply, move] pairs, or ``{reply, move, does}`` where the
author says what the reply does to the rep); ``step_in:`` lists give step-in items (a situation,
the verdict, and which part of the step-in rule decides it); ``debrief_stages:`` and
``pre_brief:`` lists give debrief items (a question a manager asks after or before a call, and
the part of the structure it serves).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictStr,
    StringConstraints,
    field_validator,
    model_validator,
)

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
from coachlab.schema import validate

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


# ------------------------------------------------------------------------------ the file's schema

#: A reply, a situation or a question: a string with something in it.
Text = Annotated[StrictStr, StringConstraints(min_length=1)]


def _one_of(value: str, allowed: Iterable[str]) -> str:
    """``value`` if it is among ``allowed``, else an error that lists them."""
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValueError(f"should be one of {', '.join(allowed)}")
    return value


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SortEntry(_Entry):
    """A sorter item: ``[reply, move]``, or ``{reply, move, does}`` where ``does`` says what the
    reply does to the rep."""

    reply: Text
    move: StrictStr
    does: StrictStr = ""

    @model_validator(mode="before")
    @classmethod
    def _pair(cls, data: Any) -> Any:
        if isinstance(data, list):
            if len(data) != 2:
                raise ValueError("should be [reply, move] or {reply, move, does}")
            return {"reply": data[0], "move": data[1]}
        return data

    @field_validator("reply")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("should be the manager's reply, not blank")
        return value

    @field_validator("move")
    @classmethod
    def _a_move(cls, value: str) -> str:
        return _one_of(value, MOVES)


class StepInEntry(_Entry):
    """A step-in item: a situation and the part of lesson 03's rule that decides it."""

    situation: Text
    reason: StrictStr
    why: StrictStr = ""

    @field_validator("reason")
    @classmethod
    def _a_reason(cls, value: str) -> str:
        return _one_of(value, RULE_REASONS)


class DebriefEntry(_Entry):
    """A debrief item: a question asked after a call and the stage of the debrief it serves."""

    question: Text
    stage: StrictStr
    why: Text
    situation: StrictStr = ""

    @field_validator("stage")
    @classmethod
    def _a_stage(cls, value: str) -> str:
        return _one_of(value, DEBRIEF_STAGES)


class PreBriefEntry(_Entry):
    """A pre-brief item: a question asked before a call and the part of the pre-brief it asks
    about."""

    question: Text
    part: StrictStr
    why: Text
    situation: StrictStr = ""

    @field_validator("part")
    @classmethod
    def _a_part(cls, value: str) -> str:
        return _one_of(value, PRE_BRIEF_PARTS)


class LessonPractice(BaseModel):
    """The item lists of a practice file. Its other keys (``scenario``, ``interview``,
    ``conversation``, ``practice_interviews``) belong to the lesson's widgets
    (:mod:`coachlab.lessons`) and to :mod:`coachlab.practice.interview_items`, which read them."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    sorter: list[SortEntry] = Field(default_factory=list)
    step_in: list[StepInEntry] = Field(default_factory=list)
    debrief_stages: list[DebriefEntry] = Field(default_factory=list)
    pre_brief: list[PreBriefEntry] = Field(default_factory=list)

    @field_validator("sorter", "step_in", "debrief_stages", "pre_brief", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return [] if value is None else value  # "sorter:" with nothing under it


# ------------------------------------------------------------------------------ the items

def lesson_items(path: Path, data: dict[str, Any]) -> Iterator[Item]:
    """The items in one lesson practice file's parsed ``data``.

    Raises PracticeFileError naming the file, each field at fault (``sorter.3.move``, counted
    from 1) and what is wrong with it.
    """
    content = validate(LessonPractice, data, str(path), PracticeFileError)
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
