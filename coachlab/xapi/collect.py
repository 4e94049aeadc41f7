"""Everything the course holds, as statements: events gathered, then built for each learner."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coachlab.xapi.config import StatementSettings
from coachlab.xapi.events import Found, from_gradebook, from_journals
from coachlab.xapi.identity import UnidentifiableLearner
from coachlab.xapi.statements import FEEDBACK, SCORED, SUBMITTED, build


@dataclass
class Gathered:
    """Statements ready to send, and what was left out."""

    statements: list[dict] = field(default_factory=list)
    waiting_for_manual_grading: int = 0
    notes: list[str] = field(default_factory=list)


def statements_for(found: Found, settings: StatementSettings) -> Gathered:
    """Build the statements for ``found``'s events; a learner the configured identification
    cannot name (e.g. no email for mbox) is left out with a note, once."""
    gathered = Gathered(waiting_for_manual_grading=found.waiting_for_manual_grading,
                        notes=list(found.notes))
    unnamed: set[str] = set()
    for event in sorted(found.events, key=lambda e: (e.when, e.learner, e.module, e.kind)):
        learner = found.roster.get(event.learner)
        if learner is None:
            continue  # not on the roster: nothing about them leaves the course
        try:
            gathered.statements += build(event, learner, settings)
        except UnidentifiableLearner as error:
            if event.learner not in unnamed:
                unnamed.add(event.learner)
                gathered.notes.append(str(error))
    return gathered


def gather(root: Path, db_url: str, course_id: str, settings: StatementSettings, *,
           modules: Iterable[str] | None = None, journals: Path | None = None,
           only: set[tuple[str, str]] | None = None,
           kinds: Iterable[str] = (SUBMITTED, SCORED, FEEDBACK)) -> Gathered:
    """The statements for ``modules`` (default: all) from the gradebook and feedback folder,
    plus lessons and practice from the learners' journals under ``journals``/<learner>/."""
    modules = list(modules) if modules is not None else None
    found = from_gradebook(root, db_url, course_id, modules=modules, only=only, kinds=kinds)
    if journals is not None:
        if not Path(journals).is_dir():
            raise FileNotFoundError(f"no folder {journals} to read learners' journals from")
        found.events += from_journals(root, Path(journals), found.roster, modules)
    return statements_for(found, settings)
