"""A practice item: one question with a keyed answer and the reasoning shown after answering.

Items are built from the course's own data (scenarios and lesson practice files) by
:mod:`coachlab.practice.generate`; nothing here knows where they came from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

SKILLS: dict[str, str] = {
    "sort": "Sort the reply",
    "diagnose": "Find the root cause",
    "pick": "Pick the reply that fits",
    "rewrite": "Turn a tell into a question",
    "step_in": "Step in, join or let them try",
    "debrief": "Debrief and pre-brief",
    "interview": "Interview a rep",
}
"""The practice skills, in course order, with the name a learner sees."""

SKILL_MODULES: dict[str, str] = {
    "sort": "01",       # the five moves: 01 tell or ask
    "pick": "01",       # playing a scenario, choosing the reply: 01
    "rewrite": "01",    # the Question Coach, a tell turned into a question: 01
    "diagnose": "02",   # root causes: 02 find the root cause
    "step_in": "03",    # the step-in rule: 03 stop rescuing
    "debrief": "03",    # what to ask after the call: 03
    "interview": "02",  # finding the cause by asking, in your own words: 02
}
"""The module whose lesson teaches each skill: practice offers a skill only once it is taught."""

FREE_TEXT = "free_text"
"""The kind of an item answered by typing (the rewrite skill)."""

INTERVIEW = "interview"
"""The kind of an item answered by interviewing a rep (``rep_file``) in a few questions."""


@dataclass(frozen=True)
class Option:
    """One answer a learner can pick: the value checked, the text shown, what it would signal."""

    value: str
    text: str
    note: str = ""


@dataclass(frozen=True)
class Item:
    """One practice question.

    ``answer`` is the keyed option's value; for a free-text item it is a model answer the judge
    accepts. ``context`` holds the lines shown above the question (a transcript, a situation),
    ``explanation`` the reasoning shown after answering (its parts, such as the rule, what
    happened and each other option, on separate lines, so the view shows them as separate
    points), ``source`` where the item came from.
    An interview item names its rep's file (``rep_file``) and its turn budget (``questions``);
    its ``answer`` is the rep's root cause, for the record only: it is judged by replaying the
    interview with :mod:`coachlab.interview` (:func:`coachlab.practice.judge.judge_interview`).
    ``module`` is the two-digit module that must be opened before the item is offered: the
    module teaching its skill (:data:`SKILL_MODULES`, the default) or, for content a lesson
    owns, that lesson when it comes later.
    """

    id: str
    skill: str
    prompt: str
    answer: str
    explanation: str
    context: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    source: str = ""
    rep_line: str = ""          # what the rep said, for judging a typed reply in context
    module: str = ""
    rep_file: str = ""          # an interview item: the rep's YAML file (course/reps/<id>.yaml)
    questions: int = 0          # an interview item: the most questions the learner may ask

    def __post_init__(self) -> None:
        if not self.module:  # frozen: set the default the one way a frozen dataclass allows
            object.__setattr__(self, "module", SKILL_MODULES.get(self.skill, ""))

    @property
    def kind(self) -> str:
        """``choice`` when the learner picks an option, ``free_text`` when they type,
        ``interview`` when they interview a rep."""
        if self.rep_file:
            return INTERVIEW
        return "choice" if self.options else FREE_TEXT

    @property
    def rep_id(self) -> str:
        """An interview item's rep id (its file's name), "" for other items."""
        return Path(self.rep_file).stem if self.rep_file else ""

    @property
    def keyed(self) -> Option | None:
        """The option holding the keyed answer (None for free-text items)."""
        return next((o for o in self.options if o.value == self.answer), None)

    @property
    def words(self) -> int:
        """How many words the learner reads: sets the time a considered answer may take."""
        texts = (self.prompt, *self.context, *(o.text for o in self.options))
        return sum(len(text.split()) for text in texts)


def later_module(*modules: str) -> str:
    """The latest of some two-digit module numbers ("" ignored): the one opened last."""
    return max((m for m in modules if m), default="")


def item_id(skill: str, *parts: str) -> str:
    """A stable id: the skill, where it came from, and a short digest of the content.

    Editing the content (a reply, a transcript) gives a new item with a fresh schedule, which is
    right: the learner has not practised the new wording.
    """
    *where, content = parts
    digest = hashlib.sha1(content.encode("utf-8")).hexdigest()[:8]
    return ":".join((skill, *where, digest))


def is_question(text: str) -> bool:
    """True when a reply is shaped like a question (what a guesser would pick)."""
    return text.rstrip().endswith("?")
