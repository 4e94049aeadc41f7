"""The course's modules as the tests see them, read from the course folder (``solutions/`` and
``course/``) through :mod:`coachlab.course`, so no test keeps its own list of modules."""

from __future__ import annotations

from pathlib import Path

from coachlab.course import Module, assignments, course_modules

ROOT = Path(__file__).resolve().parents[2]


def modules(root: Path = ROOT) -> list[Module]:
    """Every module of the course at ``root``, in course order (exercises, and lessons without
    one)."""
    return course_modules(root)


def exercises(root: Path = ROOT) -> list[Module]:
    """The graded exercises under ``solutions/``, in course order."""
    return [Module.parse(name) for name in assignments(root)]


def exercise(number: str, root: Path = ROOT) -> Module:
    """The exercise numbered ``number`` ("01"), with its slug from the folder."""
    wanted = Module.parse(number)
    [found] = [module for module in exercises(root) if module == wanted]
    return found
