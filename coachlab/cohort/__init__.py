"""The instructor's cohort workflow: roster, grading, feedback, reports and a demo cohort.

One module per verb: ``roster`` (import learners), ``grade`` (autograde and feedback in worker
processes), ``report`` (the cohort's scores, charts and at-risk learners from the gradebook) and
``demo`` (a throwaway cohort that runs every step). They share the gradebook location
(:func:`coachlab.course.gradebook_url`).
"""

from __future__ import annotations

from pathlib import Path

from coachlab.course import DB_ENV, assignments, gradebook_url

__all__ = ["DB_ENV", "UnknownModule", "gradebook_url", "resolve_modules"]

class UnknownModule(ValueError):
    """A module name on the command line matches no exercise under solutions/."""


def resolve_modules(root: Path, names: list[str], every: bool = False) -> list[str]:
    """Exercise folder names for ``names`` ("01" or "01-tell-or-ask"), or all with ``every``."""
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
