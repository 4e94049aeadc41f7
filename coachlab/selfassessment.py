"""The coaching-habits self-assessment: the questionnaire as data, validation, scoring, chart.

The statements live in ``coachlab/data/self-assessment.yaml``. Each is answered on a five-point
frequency scale (1 = never ... 5 = always) and belongs to one of three dimensions: asking rather
than telling, letting reps try rather than rescuing, and reinforcing skills with repetition.

Scoring. A statement marked ``reverse`` describes the habit the course wants to shrink ("I give
reps the answer because it is faster than asking"), so its answer is reversed first
(``6 - answer``: never = 5 ... always = 1). A dimension's score is the mean of its statements'
scores mapped linearly onto 0-100 (``(score - 1) / 4 * 100``): 0 when every answer points away
from the habit, 100 when every answer points towards it. The result describes how the learner
sees their own habits; it is a reflection tool, not a validated measure.

Recorded answers (in the answer journal) have the shape ``{"questionnaire": id, "answers":
{statement id: 1..5}}``. Graded cells (:mod:`coachlab.checks.selfassessment`) re-validate them
against the questionnaire shipped with the package, so only a complete set of well-formed answers
earns points, whatever the answers are.

Pure Python: no Jupyter imports; matplotlib is imported only inside :func:`profile_chart`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    StringConstraints,
    model_validator,
)

from coachlab.responses import Journal, JournalError
from coachlab.schema import load_yaml, validate

if TYPE_CHECKING:
    from matplotlib.figure import Figure

DATA_FILE = Path(__file__).resolve().parent / "data" / "self-assessment.yaml"
"""The questionnaire shipped with the package."""

SCALE_POINTS = 5
"""Answers run from 1 (the first scale label) to 5 (the last)."""


#: A label, an id or a sentence: a string with something in it, read without its outer spaces.
Text = Annotated[StrictStr, StringConstraints(strip_whitespace=True, min_length=1)]


class QuestionnaireError(ValueError):
    """The questionnaire file is missing or malformed."""


class AnswersError(ValueError):
    """A set of answers is incomplete or malformed; ``problems`` lists what, in plain words."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Dimension:
    """One of the habits the questionnaire profiles."""

    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Statement:
    """A statement on the frequency scale; a ``reverse`` one describes the habit to shrink."""

    id: str
    dimension: str
    text: str
    reverse: bool = False

    def score(self, answer: int) -> int:
        """The statement's score (1-5, higher = closer to the habit) for ``answer``."""
        return SCALE_POINTS + 1 - answer if self.reverse else answer


@dataclass(frozen=True)
class Questionnaire:
    """The whole questionnaire: its scale labels, dimensions and statements, in order."""

    id: str
    version: int
    scale: tuple[str, ...]
    dimensions: tuple[Dimension, ...]
    statements: tuple[Statement, ...]

    def dimension(self, dimension_id: str) -> Dimension:
        """The dimension called ``dimension_id``."""
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        raise KeyError(dimension_id)

    def statements_for(self, dimension_id: str) -> tuple[Statement, ...]:
        """The statements of one dimension, in questionnaire order."""
        return tuple(s for s in self.statements if s.dimension == dimension_id)


# ----------------------------------------------------------------------------- loading

def load_questionnaire(path: Path | str | None = None) -> Questionnaire:
    """Load and check the questionnaire at ``path`` (default: the one shipped with coachlab)."""
    return _load(str(Path(path or DATA_FILE).resolve()))


@lru_cache(maxsize=8)
def _load(path: str) -> Questionnaire:
    try:
        data = load_yaml(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise QuestionnaireError(f"cannot read {path}: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise QuestionnaireError(f"{path} is not valid YAML: {error}") from error
    return parse_questionnaire(data, where=path)


class _DimensionEntry(BaseModel):
    """A dimension as the file writes it."""

    model_config = ConfigDict(extra="forbid")

    id: Text
    name: Text
    description: Text


class _StatementEntry(BaseModel):
    """A statement as the file writes it."""

    model_config = ConfigDict(extra="forbid")

    id: Text
    dimension: Text
    text: Text
    reverse: StrictBool = False


class QuestionnaireFile(BaseModel):
    """The questionnaire file's schema (``coachlab/data/self-assessment.yaml``)."""

    model_config = ConfigDict(extra="forbid")

    id: Text = "self-assessment"
    version: StrictInt = 1
    scale: list[Text] = Field(min_length=SCALE_POINTS, max_length=SCALE_POINTS,
                              description="the five labels, never to always")
    dimensions: list[_DimensionEntry] = Field(min_length=1)
    statements: list[_StatementEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> QuestionnaireFile:
        problems = _structure_problems(
            tuple(Dimension(d.id, d.name, d.description) for d in self.dimensions),
            tuple(Statement(s.id, s.dimension, s.text, s.reverse) for s in self.statements))
        if problems:
            raise ValueError("; ".join(problems))
        return self


def parse_questionnaire(data: Any, where: str = "questionnaire") -> Questionnaire:
    """Build a Questionnaire from plain data, refusing anything incomplete or ambiguous.

    Raises QuestionnaireError naming ``where``, each field at fault and what is wrong with it.
    """
    found = validate(QuestionnaireFile, data, where, QuestionnaireError)
    return Questionnaire(found.id, found.version, tuple(found.scale),
                         tuple(Dimension(d.id, d.name, d.description) for d in found.dimensions),
                         tuple(Statement(s.id, s.dimension, s.text, s.reverse)
                               for s in found.statements))


def _structure_problems(dimensions: tuple[Dimension, ...],
                        statements: tuple[Statement, ...]) -> list[str]:
    problems = []
    dimension_ids = [d.id for d in dimensions]
    statement_ids = [s.id for s in statements]
    for kind, ids in (("dimension", dimension_ids), ("statement", statement_ids)):
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            problems.append(f"duplicate {kind} ids {duplicates}")
    for statement in statements:
        if statement.dimension not in dimension_ids:
            problems.append(f"statement {statement.id!r} names unknown dimension "
                            f"{statement.dimension!r}")
    for dimension_id in dimension_ids:
        if sum(s.dimension == dimension_id for s in statements) < 2:
            problems.append(f"dimension {dimension_id!r} needs at least two statements")
    return problems


# ----------------------------------------------------------------------------- answers

def answer_problems(answers: Any, questionnaire: Questionnaire | None = None) -> list[str]:
    """What is missing or wrong in ``answers`` ({statement id: 1-5}), in plain words.

    An empty list means the set is complete and valid. Only exact whole numbers count (not
    True/False, not 3.0, not "3").
    """
    q = questionnaire or load_questionnaire()
    if type(answers) is not dict:
        return ["no answers were recorded"]
    problems = []
    known = {s.id for s in q.statements}
    unknown = sorted(str(key) for key in answers if key not in known)
    if unknown:
        problems.append(f"answers to statements that are not in the questionnaire: {unknown}")
    missing = [number for number, s in enumerate(q.statements, 1) if s.id not in answers]
    if missing:
        listed = ", ".join(str(number) for number in missing)
        problems.append(f"{len(missing)} of {len(q.statements)} statements are not answered yet "
                        f"(statement {listed})")
    for number, statement in enumerate(q.statements, 1):
        value = answers.get(statement.id)
        if statement.id in answers and not (type(value) is int and 1 <= value <= SCALE_POINTS):
            problems.append(f"statement {number} has an answer outside the scale")
    return problems


def validate_answers(answers: Any, questionnaire: Questionnaire | None = None) -> dict[str, int]:
    """Return a plain copy of a complete, valid set of answers, or raise AnswersError."""
    q = questionnaire or load_questionnaire()
    problems = answer_problems(answers, q)
    if problems:
        raise AnswersError(problems)
    return {s.id: int(answers[s.id]) for s in q.statements}


def score(answers: Any, questionnaire: Questionnaire | None = None) -> dict[str, float]:
    """The profile: each dimension's score on 0-100, in questionnaire order.

    Reverse-scored statements are flipped first (see the module docstring). Raises AnswersError
    for an incomplete or malformed set.
    """
    q = questionnaire or load_questionnaire()
    valid = validate_answers(answers, q)
    profile = {}
    for dimension in q.dimensions:
        items = q.statements_for(dimension.id)
        mean = sum(s.score(valid[s.id]) for s in items) / len(items)
        profile[dimension.id] = round((mean - 1) / (SCALE_POINTS - 1) * 100, 1)
    return profile


def record_value(answers: Mapping[str, int], questionnaire: Questionnaire | None = None
                 ) -> dict[str, Any]:
    """What the widget stores in the journal for ``answers`` (complete or not)."""
    q = questionnaire or load_questionnaire()
    return {"questionnaire": q.id, "answers": {k: v for k, v in answers.items()}}


def recorded_answers(value: Any) -> dict[str, Any] | None:
    """The answers inside a journal value, or None when the value has no answers mapping."""
    if type(value) is dict and type(value.get("answers")) is dict:
        answers: dict[str, Any] = value["answers"]
        return answers
    return None


def recorded_profile(key: str, directory: Path | str = ".",
                     questionnaire: Questionnaire | None = None) -> dict[str, float] | None:
    """The profile recorded under ``key`` in the journal in ``directory``, if complete and valid.

    Returns None when there is no journal, it cannot be read, or the answers are incomplete.
    """
    journal = Journal.beside(directory)
    if not journal.path.is_file():
        return None
    try:
        answers = recorded_answers(journal.get(key))
        return score(answers, questionnaire)
    except (JournalError, AnswersError, OSError):
        return None


# ----------------------------------------------------------------------------- chart

def profile_chart(before: Mapping[str, float], after: Mapping[str, float] | None = None,
                  questionnaire: Questionnaire | None = None, *,
                  before_label: str = "Module 00", after_label: str = "Capstone") -> Figure:
    """Horizontal bars per dimension on a 0-100 scale; with ``after``, before and after paired.

    ``before`` and ``after`` are profiles as returned by :func:`score`. Returns a matplotlib
    Figure drawn on the Agg canvas, without touching pyplot's global state.
    """
    # Deferred: matplotlib.figure took 3.5 s to import (``python -X importtime``); the exercises'
    # checks import this module and never draw.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    q = questionnaire or load_questionnaire()
    dims = list(q.dimensions)
    names = [d.name for d in dims]
    figure = Figure(figsize=(7.5, 1.1 + 0.75 * len(dims)), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    rows = list(range(len(dims)))[::-1]
    series = [(before_label if after is not None else "Your profile", before, "#9e9e9e")]
    if after is not None:
        series = [(before_label, before, "#b0bec5"), (after_label, after, "#1565c0")]
    height = 0.8 / len(series)
    for number, (label, profile, colour) in enumerate(series):
        values = [float(profile.get(d.id, 0.0)) for d in dims]
        offset = (len(series) - 1) / 2 * height - number * height
        positions = [row + offset for row in rows]
        bars = axes.barh(positions, values, height=height * 0.92, color=colour, label=label)
        axes.bar_label(bars, labels=[f"{whole(v)}" for v in values], padding=3, fontsize=9)
    axes.set_yticks(rows, names)
    axes.set_xlim(0, 112)
    axes.set_xticks([0, 25, 50, 75, 100])
    axes.set_xlabel("0 = never the habit · 100 = always the habit (your own view)")
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="x", alpha=0.3)
    axes.set_axisbelow(True)
    if after is not None:
        figure.legend(loc="outside upper right", ncols=2, frameon=False, fontsize=9)
    axes.set_title("Your coaching habits", loc="left", fontsize=11)
    return figure


def profile_text(before: Mapping[str, float], after: Mapping[str, float] | None = None,
                 questionnaire: Questionnaire | None = None) -> str:
    """The chart's numbers as text (for screen readers and for the chart's alt text)."""
    q = questionnaire or load_questionnaire()
    lines = []
    for d in q.dimensions:
        first = whole(before.get(d.id, 0.0))
        if after is None:
            lines.append(f"{d.name}: {first}")
        else:
            second = whole(after.get(d.id, 0.0))
            lines.append(f"{d.name}: {first} → {second} ({second - first:+d})")
    return "\n".join(lines)


def whole(score_value: float) -> int:
    """A 0-100 score as a whole number, halves rounded up (62.5 -> 63)."""
    return int(score_value + 0.5)
