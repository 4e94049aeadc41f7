"""The self-graded score record: ``self-graded/<module>/score.json``, its schema and its reader.

``coachlab self-grade`` writes it beside the feedback reports it keeps
(:mod:`coachlab.selfgrade`); the exercise's button reads it back to say the score in words, and
the learner's progress page reads it for the module's score (:mod:`coachlab.progress.reading`)::

    {"module": "01-tell-or-ask", "score": 7.0, "max_score": 10.0, "written_points": 4.0,
     "written_parts": [{"title": "Reflection", "points": 4.0}],
     "graded_at": "2026-12-07T17:00:00+00:00", "reports": ["01-tell-or-ask.html"]}

The file sits in the learner's folder, where anything may change it, so it is read as learner
data: under a size limit before it is parsed, and checked field by field. Fields a later version
of the course adds are ignored rather than refused (a record outlives the version that wrote it).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictStr, model_validator

from coachlab.responses import read_capped
from coachlab.schema import validate

__all__ = ["MAX_SCORE_BYTES", "ScoreFileError", "SelfGradedScore", "WrittenPart", "read_score"]

MAX_SCORE_BYTES = 64 * 1024
"""A score record larger than this is not parsed: the course writes a few hundred bytes."""

Points = Annotated[float, Field(ge=0, allow_inf_nan=False, strict=True)]


class ScoreFileError(ValueError):
    """A score record cannot be read or does not fit its schema; the message names the file."""


class WrittenPart(BaseModel):
    """A written answer the learner reviews against its checklist: not scored by self-grading."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    title: StrictStr
    points: Points


class SelfGradedScore(BaseModel):
    """The autograded score of one self-graded exercise, and what is left to review."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    module: StrictStr | None = None  # None in a record written by hand (a test's, an author's)
    score: Points
    max_score: Points
    written_points: Points = 0.0
    written_parts: tuple[WrittenPart, ...] = ()
    graded_at: AwareDatetime | None = None
    reports: tuple[StrictStr, ...] = ()

    @model_validator(mode="after")
    def _score_within_max(self) -> Self:
        if self.score > self.max_score:
            raise ValueError(f"score {self.score:g} is more than max_score {self.max_score:g}")
        return self


def read_score(path: Path) -> SelfGradedScore:
    """The score record at ``path``. Raises :class:`ScoreFileError` naming the file for one that
    is missing, too large, not JSON, or does not fit :class:`SelfGradedScore` (each field at
    fault)."""
    try:
        text = read_capped(path, MAX_SCORE_BYTES)
        data = json.loads(text)
    except (OSError, ValueError) as error:  # UnicodeDecodeError and JSONDecodeError included
        raise ScoreFileError(f"{path} cannot be read ({error})") from None
    return validate(SelfGradedScore, data, str(path), ScoreFileError)
