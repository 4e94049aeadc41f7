"""Short interviews as practice items, from a lesson's practice file.

A lesson practice file may hold a ``practice_interviews:`` block::

    practice_interviews:
      questions: 6                        # the turn budget of each short interview
      reps: [chloe-intro-calls, ...]      # reps from reps/ beside the lessons

Each rep gives one item: interview the rep in at most ``questions`` questions, then name the
cause and choose how to coach. The item belongs to the file's lesson (lesson 02 teaches finding
the cause by asking). The block is checked with the rest of the file
(:class:`coachlab.practicefile.PracticeInterviews`); a rep the same lesson plays (``interview:``)
is refused, since practice should be a rep the learner has not met yet.

Only each rep's header is read here (id, title, persona), validated by a small pydantic model:
loading a whole rep with its matcher costs about 0.1 s, and the pool is built each session.
The full rep is loaded when the item is shown or judged.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from coachlab.journals import module_of
from coachlab.practice.items import Item, item_id
from coachlab.practicefile import PracticeFile, PracticeFileError
from coachlab.schema import load_yaml

KEY = "practice_interviews"
"""The practice file's key holding the short interviews."""

MAX_REP_BYTES = 200_000
"""A rep file larger than this is not read (it is content, but limits come before parsing)."""

RepId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class _PersonaHeader(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    name: Line
    role: Line
    situation: Line


class RepHeader(BaseModel):
    """What a practice item shows before the interview starts: the rep's title and persona."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: RepId
    title: Line
    persona: _PersonaHeader


class InterviewItemError(PracticeFileError):
    """A ``practice_interviews:`` block (or a rep it names) cannot be turned into items."""


def interview_items(path: Path, content: PracticeFile, reps: Path) -> Iterator[Item]:
    """The short-interview items of the practice file at ``path`` (``content``, read and checked
    by :func:`coachlab.practicefile.read_practice_file`).

    ``reps`` is the folder of rep files (none, when it does not exist). Raises
    :class:`InterviewItemError` naming the file for a missing or unreadable rep, or a rep the
    lesson itself plays.
    """
    block = content.practice_interviews
    if block is None or not reps.is_dir():  # a course without reps/ has no interviews to offer
        return
    played = content.interview
    owner = module_of(path.stem) or ""
    for rep_id in dict.fromkeys(block.reps):  # a rep listed twice is one item
        if rep_id == played:
            raise InterviewItemError(f"{path}: {KEY}: {rep_id} is the rep this lesson plays; "
                                     "practice needs reps the learner has not met")
        rep_file = reps / f"{rep_id}.yaml"
        text, header = _header(path, rep_file)
        name = header.persona.name
        yield Item(
            id=item_id("interview", rep_id, text),
            skill="interview",
            prompt=(f"Interview {name} in at most {block.questions} questions: find the root "
                    "cause, then name it and choose how to coach."),
            context=(f"{name} · {header.persona.role}", header.persona.situation),
            answer="best",
            explanation=("Best comes from the evidence that tells the cause from its "
                         "look-alike, a diagnosis that follows it and coaching that fits."),
            source=f"practice/{path.name}, interview {rep_id}",
            module=owner,
            rep_file=str(rep_file),
            questions=block.questions,
        )


def _header(path: Path, rep_file: Path) -> tuple[str, RepHeader]:
    """The rep file's text and its validated header."""
    try:
        if rep_file.stat().st_size > MAX_REP_BYTES:
            raise InterviewItemError(f"{path}: {KEY}: {rep_file.name} is larger than "
                                     f"{MAX_REP_BYTES} bytes")
        text = rep_file.read_text(encoding="utf-8")
    except OSError as error:
        raise InterviewItemError(f"{path}: {KEY}: no rep {rep_file.stem!r} ({error})") from None
    try:
        header = RepHeader.model_validate(load_yaml(text))
    except (yaml.YAMLError, ValidationError) as error:
        raise InterviewItemError(f"{path}: {KEY}: {rep_file.name} has no readable id, title "
                                 f"and persona ({type(error).__name__})") from None
    if header.id != rep_file.stem:
        raise InterviewItemError(f"{path}: {KEY}: {rep_file.name} holds rep {header.id!r}")
    return text, header
