"""Per-item explanations: why the keyed answer is right and what the other options would signal.

They live beside each solution notebook in ``solutions/NN-slug/explanations.yaml`` and are never
released to learners (``CourseDirectory.ignore``); feedback shows them item by item. Shape::

    grade-a:                  # grade_id of the autograded cell that scores these items
      label_1:                # the answer variable (or journal key) it scores
        item: "Have you tried offering them a three-month pilot?"   # what was asked, short
        answer: leading       # keyed answer(s); a list if several are accepted; absent if open
        why: Why the keyed answer is right.
        others: What the other options would signal.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, RootModel, field_validator

from coachlab.schema import load_yaml, validate

FILENAME = "explanations.yaml"


class ExplanationError(ValueError):
    """An explanations file cannot be read or does not have the expected shape."""


class Explanation(BaseModel):
    """What feedback says about one autograded item."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    item: str = Field(min_length=1)
    answer: str | list[str] | None = None
    why: str = Field(min_length=1)
    others: str | None = None

    @field_validator("answer")
    @classmethod
    def _not_empty(cls, value: str | list[str] | None) -> str | list[str] | None:
        if value is not None and (value == "" or value == []):
            raise ValueError("leave 'answer' out for an open-ended item instead of emptying it")
        return value

    @property
    def keyed(self) -> list[str]:
        """The accepted answers as typed (empty for an open-ended item)."""
        if self.answer is None:
            return []
        return [self.answer] if isinstance(self.answer, str) else list(self.answer)


#: grade_id -> item name (answer variable or journal key) -> explanation, in file order.
Explanations = dict[str, dict[str, Explanation]]


class ExplanationsFile(RootModel[dict[str, Annotated[dict[str, Explanation],
                                                     Field(min_length=1)]]]):
    """The file's schema: grade ids, each mapping item names to their explanations."""


def load_explanations(path: Path | str) -> Explanations:
    """Read an explanations file; {} when it does not exist.

    Raises ExplanationError naming the file, each field at fault and what is wrong with it.
    """
    path = Path(path)
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ExplanationError(f"{path}: cannot be read ({error})") from error
    return {grade_id: dict(items) for grade_id, items in _parsed(str(path), text).items()}


@lru_cache(maxsize=32)
def _parsed(name: str, text: str) -> Explanations:
    """The file's text parsed and validated, once per process for the same text: every
    feedback report of an exercise reads the same file."""
    try:
        data = load_yaml(text)
    except yaml.YAMLError as error:
        raise ExplanationError(f"{name}: cannot be read ({error})") from error
    if data is None:
        return {}
    return validate(ExplanationsFile, data, name, ExplanationError).root
