"""A lesson's practice file (``course/practice/*.yaml``, ``course/practice/drills/*.yaml``): its
schema and its one reader.

A practice file is content the course's authors write; three parts of the course read it: the
lesson's widgets (:mod:`coachlab.lessons`), the practice pool (:mod:`coachlab.practice.pool`)
and the xAPI lesson events (:mod:`coachlab.xapi.events`). They all go through
:func:`read_practice_file`, so a typo (``sortr:``, a misspelt field in an item) is an error
naming the file and the field (:func:`coachlab.schema.validate`), never a key that is silently
not read::

    scenario: forecast-sandbag                  # the scenario the lesson plays (scenarios/)
    interview: marcus-short-discovery           # the rep the lesson interviews (reps/)
    sorter:                                     # replies to sort: [reply, move] or
      - ["Just send them the deck.", tell]      #   {reply, move, does}
    step_in: [{situation, reason, why}]         # lesson 03's step-in rule
    debrief_stages: [{question, stage, why, situation}]
    pre_brief: [{question, part, why, situation}]
    practice_interviews: {questions: 6, reps: [rep ids]}
    conversation: {...}                         # a typed conversation: a scenario, checked by
                                                #   the scenario loader when the lesson plays it

This module is light on purpose (pydantic, PyYAML and the move names only): a lesson notebook
reads its practice file when it opens, and the practice package that turns these entries into
items imports the analyzer, which took 1.0 s of the 3.4 s ``python -X importtime -c 'import
coachlab.practice.lesson_items'`` measured on the course's loaded 2-core machine.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictStr,
    StringConstraints,
    field_validator,
    model_validator,
)

from coachlab.moves import MOVES
from coachlab.schema import load_yaml, validate

__all__ = ["DEBRIEF_STAGE_KEYS", "MAX_PRACTICE_BYTES", "PRE_BRIEF_PART_KEYS", "RULE_REASON_KEYS",
           "DebriefEntry", "LessonPractice", "PracticeFile", "PracticeFileError",
           "PracticeInterviews", "PreBriefEntry", "SortEntry", "StepInEntry",
           "practice_files", "read_practice_file"]

MAX_PRACTICE_BYTES = 1_000_000
"""A practice file larger than this is not parsed (the course's largest is under 20 kB); the
same limit as a scenario file's (``coachlab.scenarios.loader.MAX_BYTES``)."""

RULE_REASON_KEYS = ("legal", "harm", "irreversible", "uncomfortable", "slower", "recoverable",
                    "peer", "authority", "second_chair")
"""The parts of lesson 03's step-in rule a ``step_in`` item may name (their verdicts and words:
``coachlab.practice.lesson_items.RULE_REASONS``)."""

DEBRIEF_STAGE_KEYS = ("what", "so_what", "now_what", "not_debrief")
"""The debrief stages a ``debrief_stages`` item may name
(``coachlab.practice.lesson_items.DEBRIEF_STAGES``)."""

PRE_BRIEF_PART_KEYS = ("outcome", "plan", "risk", "measure", "not_pre_brief")
"""The parts of the pre-brief a ``pre_brief`` item may name
(``coachlab.practice.lesson_items.PRE_BRIEF_PARTS``)."""


class PracticeFileError(ValueError):
    """A practice file cannot be read or does not fit its schema; the message names the file and
    says what to fix."""


#: A reply, a situation or a question: a string with something in it.
Text = Annotated[StrictStr, StringConstraints(min_length=1)]
#: A scenario or rep id: the name of a file in scenarios/ or reps/, without ``.yaml``.
FileId = Annotated[StrictStr, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
                                                max_length=80)]


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
        return _one_of(value, RULE_REASON_KEYS)


class DebriefEntry(_Entry):
    """A debrief item: a question asked after a call and the stage of the debrief it serves."""

    question: Text
    stage: StrictStr
    why: Text
    situation: StrictStr = ""

    @field_validator("stage")
    @classmethod
    def _a_stage(cls, value: str) -> str:
        return _one_of(value, DEBRIEF_STAGE_KEYS)


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
        return _one_of(value, PRE_BRIEF_PART_KEYS)


class PracticeInterviews(BaseModel):
    """The ``practice_interviews:`` block: short interviews offered as practice items
    (:mod:`coachlab.practice.interview_items`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    questions: int = Field(6, ge=3, le=15, description="Questions per short interview.")
    reps: tuple[FileId, ...] = Field(min_length=1, description="Rep ids from reps/.")


class LessonPractice(BaseModel):
    """The item lists of a practice file: what the practice pool turns into items."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sorter: list[SortEntry] = Field(default_factory=list)
    step_in: list[StepInEntry] = Field(default_factory=list)
    debrief_stages: list[DebriefEntry] = Field(default_factory=list)
    pre_brief: list[PreBriefEntry] = Field(default_factory=list)

    @field_validator("sorter", "step_in", "debrief_stages", "pre_brief", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return [] if value is None else value  # "sorter:" with nothing under it


class PracticeFile(LessonPractice):
    """A whole practice file: the item lists, and what the lesson's widgets play."""

    scenario: FileId | None = None
    interview: FileId | None = None
    practice_interviews: PracticeInterviews | None = None
    conversation: dict[str, Any] | None = Field(
        default=None,
        description="A scenario, checked by coachlab.scenarios when the lesson plays it.")


def practice_files(folder: Path) -> list[Path]:
    """The practice files of the lessons' ``folder`` (``course/``): each lesson's in practice/,
    then each drill file in practice/drills (practice-only content, named for the lesson that
    teaches it: ``03-step-in.yaml``)."""
    return [*sorted((folder / "practice").glob("*.yaml")),
            *sorted((folder / "practice" / "drills").glob("*.yaml"))]


def read_practice_file(path: Path) -> PracticeFile:
    """The practice file at ``path``, read and checked against :class:`PracticeFile`.

    An empty file is an empty practice file. Raises :class:`PracticeFileError` naming the file for
    one that cannot be read, is larger than :data:`MAX_PRACTICE_BYTES`, is not YAML, or does not
    fit the schema (every field at fault, counted from 1: ``sorter.3.move``).
    """
    try:
        if path.stat().st_size > MAX_PRACTICE_BYTES:
            raise PracticeFileError(f"{path} is larger than {MAX_PRACTICE_BYTES:,} bytes")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PracticeFileError(f"{path} cannot be read ({error})") from None
    try:
        data = load_yaml(text)
    except yaml.YAMLError as error:
        raise PracticeFileError(f"{path} is not valid YAML: {error}") from error
    return validate(PracticeFile, {} if data is None else data, str(path), PracticeFileError)
