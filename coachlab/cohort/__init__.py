"""The instructor's cohort workflow: roster, grading, feedback, reports and a demo cohort.

One module per verb: ``roster`` (import learners), ``grade`` (autograde and feedback in worker
processes), ``report`` (the cohort's scores, charts and at-risk learners from the gradebook) and
``demo`` (a throwaway cohort that runs every step). They share the gradebook location below.
"""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "COACHLAB_DB_URL"


def gradebook_url(root: Path, db_url: str | None = None) -> str:
    """The gradebook to use for the course folder ``root``: ``db_url``, else $COACHLAB_DB_URL,
    else SQLite in ``root/gradebook.db`` (nbgrader's default).

    A plain ``postgresql://`` URL gets the psycopg2 driver named (``postgresql+psycopg2://``)
    unless psycopg 3 is installed, which SQLAlchemy 2.1 would otherwise expect.
    """
    from coachlab.gradebook import engine_url

    url = db_url or os.environ.get(DB_ENV) or f"sqlite:///{Path(root).resolve() / 'gradebook.db'}"
    return engine_url(url)


class UnknownModule(ValueError):
    """A module name on the command line matches no exercise under solutions/."""


def resolve_modules(root: Path, names: list[str], every: bool = False) -> list[str]:
    """Exercise folder names for ``names`` ("01" or "01-tell-or-ask"), or all with ``every``."""
    from coachlab.course import assignments

    known = assignments(root)
    if every:
        return known
    if not names:
        raise UnknownModule("name a module (e.g. 01 or 01-tell-or-ask) or use --all")
    chosen = []
    for name in names:
        match = [a for a in known if a == name or a.split("-", 1)[0] == name.zfill(2)]
        if not match:
            raise UnknownModule(f"no module {name!r}; known: {', '.join(known) or 'none'}")
        chosen += [m for m in match if m not in chosen]
    return chosen
