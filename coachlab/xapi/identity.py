"""Who and what a statement is about: the learner as an xAPI Agent, the course's activities as
stable IRIs, and each statement's id derived from its event.

Activity ids are paths under the configured ``activity_base`` and use the course's own stable
names (the exercise folder, which is also nbgrader's assignment name)::

    <base>                                   the course
    <base>/modules/01-tell-or-ask            a module (lesson + exercise)
    <base>/lessons/01-tell-or-ask            its lesson notebook
    <base>/exercises/01-tell-or-ask          its graded exercise
    <base>/exercises/01-tell-or-ask/feedback its feedback report
    <base>/practice                          the daily practice notebook

Statement ids are UUIDv5 in a namespace derived from the base, over the event's identity (kind,
learner, module, time and result), so the same event always gets the same id and sending it
again never makes a second statement in the LRS.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from coachlab.xapi.config import StatementSettings


class UnidentifiableLearner(ValueError):
    """The roster lacks what the configured identification needs (e.g. no email for mbox)."""


@dataclass(frozen=True)
class RosterEntry:
    """What the roster holds about a learner: nothing more goes into a statement."""

    id: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""


def agent(learner: RosterEntry, settings: StatementSettings) -> dict:
    """The learner as an xAPI Agent, identified as configured (account, mbox or its SHA-1).

    The learner's name is added only when ``settings.names`` is on."""
    actor: dict = {"objectType": "Agent"}
    if settings.names:
        name = " ".join(p for p in (learner.first_name, learner.last_name) if p)
        if name:
            actor["name"] = name
    if settings.identify == "account":
        actor["account"] = {"homePage": settings.account_home, "name": learner.id}
        return actor
    if not learner.email:
        raise UnidentifiableLearner(
            f"{learner.id} has no email on the roster, which identify = "
            f"{settings.identify!r} needs: add it to the roster or use identify = 'account'")
    mbox = f"mailto:{learner.email.strip().lower()}"
    if settings.identify == "mbox":
        actor["mbox"] = mbox
    else:
        actor["mbox_sha1sum"] = hashlib.sha1(mbox.encode("utf-8")).hexdigest()
    return actor


def ifi(actor: dict) -> str:
    """The actor's Inverse Functional Identifier as one string (for statement ids)."""
    if "account" in actor:
        return f"account:{actor['account']['homePage']}|{actor['account']['name']}"
    return next(f"{key}:{actor[key]}" for key in ("mbox", "mbox_sha1sum") if key in actor)


def _base(settings: StatementSettings) -> str:
    return settings.activity_base.rstrip("/")


def course_iri(settings: StatementSettings) -> str:
    """The course's activity id."""
    return _base(settings)


def module_iri(settings: StatementSettings, module: str) -> str:
    """A module's activity id (the lesson and the exercise are its children)."""
    return f"{_base(settings)}/modules/{quote(module, safe='')}"


def lesson_iri(settings: StatementSettings, module: str) -> str:
    """A lesson's activity id."""
    return f"{_base(settings)}/lessons/{quote(module, safe='')}"


def exercise_iri(settings: StatementSettings, module: str) -> str:
    """A graded exercise's activity id."""
    return f"{_base(settings)}/exercises/{quote(module, safe='')}"


def feedback_iri(settings: StatementSettings, module: str) -> str:
    """The activity id of an exercise's feedback report."""
    return f"{exercise_iri(settings, module)}/feedback"


def practice_iri(settings: StatementSettings) -> str:
    """The daily practice notebook's activity id."""
    return f"{_base(settings)}/practice"


def statement_id(settings: StatementSettings, parts: Iterable[object]) -> str:
    """A UUIDv5 for an event: the same parts under the same base always give the same id."""
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, _base(settings))
    return str(uuid.uuid5(namespace, "\x1f".join(_text(p) for p in parts)))


def _text(part: object) -> str:
    if isinstance(part, float):
        return repr(round(part, 6))
    return "" if part is None else str(part)
