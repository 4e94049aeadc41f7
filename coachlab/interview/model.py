"""The rep model: one person the manager interviews, as data (``course/reps/<id>.yaml``).

A rep has a persona (what the manager knows before asking), a hidden root cause, the coaching
that fits it, and facts: what the rep will say when asked the right question. Unknown keys are
refused, so a typo in a YAML file is reported instead of silently ignored.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    field_validator,
    model_validator,
)

from coachlab.diagnosis import CAUSES, ROOT_CAUSES, partner

SYMPTOMS: tuple[str, ...] = (
    "not_reaching_decision_makers", "not_asking_enough_questions", "leads_not_converting",
    "manager_rescues",
)
"""What the manager sees from outside; the cause is what they must find."""

COACHING: tuple[str, ...] = ("ask", "teach", "join", "step_in", "let_try")
"""The coaching choices: keep asking, teach or model, join as a silent second chair, take
over, or let the rep try and debrief after."""

DEPTHS: tuple[str, ...] = ("surface", "specific", "trust")
"""How hard a fact is to reach: any on-topic question, a question about its topic, or a
question about its topic once the rep trusts the manager (trust >= 2)."""

DEEP = frozenset({"specific", "trust"})
"""Depths a content-free question never reaches."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Cause = Literal[CAUSES]  # type: ignore[valid-type]
Choice = Literal[COACHING]  # type: ignore[valid-type]


class _Strict(BaseModel):
    """Unknown keys are an error; models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Persona(_Strict):
    """Who the rep is and what the manager knows before the first question."""

    name: Text
    role: Text
    situation: Text = Field(description="The symptom only, never the cause.")
    opening: Text = Field(description="The rep's first line.")


class Evidence(_Strict):
    """Which root causes a fact supports and which it rules out."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    supports: tuple[Cause, ...] = Field(default=(), alias="for")
    against: tuple[Cause, ...] = ()


class Fact(_Strict):
    """Something the rep says when asked the right question."""

    id: Id
    depth: Literal[DEPTHS]  # type: ignore[valid-type]
    topics: tuple[Text, ...] = Field(min_length=1, max_length=40)
    answers: tuple[Text, ...] = Field(min_length=1, max_length=5)
    deeper: tuple[Text, ...] = ()
    evidence: Evidence = Evidence()

    @property
    def deep(self) -> bool:
        """True for specific and trust facts: never reached by a content-free question."""
        return self.depth in DEEP


class Rep(_Strict):
    """One rep to interview: persona, hidden cause, fitting coaching, facts and summary."""

    id: Id
    title: Text
    persona: Persona
    symptom: Literal[SYMPTOMS]  # type: ignore[valid-type]
    cause: Cause
    coaching: Choice
    acceptable: tuple[Choice, ...] = ()
    facts: tuple[Fact, ...] = Field(min_length=1, max_length=20)
    summary: tuple[Text, ...] = Field(min_length=1, max_length=5)

    # Questions that should reach each fact, from the rep's paraphrase file (for ``missed()``
    # and the checker); not part of the rep's own YAML.
    _paraphrases: dict[str, tuple[str, ...]] = PrivateAttr(default_factory=dict)

    @field_validator("cause")
    @classmethod
    def _known_cause(cls, cause: str) -> str:
        # Literal already restricts it; kept explicit so the message names the vocabulary.
        if cause not in ROOT_CAUSES:  # pragma: no cover - Literal refuses first
            raise ValueError(f"unknown cause {cause!r}")
        return cause

    @field_validator("facts")
    @classmethod
    def _unique_fact_ids(cls, facts: tuple[Fact, ...]) -> tuple[Fact, ...]:
        seen: set[str] = set()
        for fact in facts:
            if fact.id in seen:
                raise ValueError(f'fact id "{fact.id}" is used twice; fact ids must be unique')
            seen.add(fact.id)
        return facts

    @model_validator(mode="after")
    def _acceptable_differs(self) -> Rep:
        if self.coaching in self.acceptable:
            raise ValueError(f'acceptable repeats the coaching choice "{self.coaching}"')
        return self

    def fact(self, fact_id: str) -> Fact | None:
        """The fact with ``fact_id``, or None (an unknown id earns nothing)."""
        return next((fact for fact in self.facts if fact.id == fact_id), None)

    @property
    def discriminating(self) -> tuple[Fact, ...]:
        """Facts that tell the cause from its look-alike: evidence for the cause and against
        its pair (for the manager's own cause, which has no pair: any deep fact for it)."""
        pair = partner(self.cause)
        return tuple(
            fact for fact in self.facts
            if self.cause in fact.evidence.supports
            and (pair in fact.evidence.against if pair else fact.deep)
        )

    @property
    def fits(self) -> frozenset[str]:
        """Every coaching choice that fits this rep."""
        return frozenset((self.coaching, *self.acceptable))

    @property
    def paraphrases(self) -> dict[str, tuple[str, ...]]:
        """Fact id -> questions that should reach it (empty without a paraphrase file)."""
        return dict(self._paraphrases)

    def with_paraphrases(self, paraphrases: dict[str, tuple[str, ...]]) -> Rep:
        """A copy of this rep that knows the questions meant to reach each fact."""
        copy = self.model_copy()
        copy._paraphrases = dict(paraphrases)
        return copy
