"""Where the course lives on disk, and nbgrader's configuration for it."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from traitlets.config import Config

CONFIG_FILE = "nbgrader_config.py"
JOURNAL_FILE = "coachlab-answers.json"
"""The learner's answer journal beside each notebook (:mod:`coachlab.responses`)."""
#: Where ``coachlab self-grade`` leaves each module's report and score, under the course root.
SELF_GRADED_DIR = "self-graded"
SELF_GRADED_SCORE = "score.json"
COURSE_ID = "coachlab"
"""The course's id in nbgrader (its config, gradebook and exchange)."""
DB_ENV = "COACHLAB_DB_URL"
"""The environment variable that points every coachlab and nbgrader command at a gradebook."""
GRADEBOOK_FILE = "gradebook.db"
"""nbgrader's default gradebook: SQLite in this file under the course root."""
LESSON_SUFFIX = "-lesson"
"""Lessons are ``course/NN-slug-lesson.ipynb``: JupyterLab titles a tab with the file's name, and
the exercise keeps ``NN-slug.ipynb`` (its nbgrader notebook id), so the two tabs differ."""


# ------------------------------------------------------------------------------ modules

_MODULE_NAME = re.compile(r"(?P<number>[0-9]{1,2})(?:-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*))?")
"""A module as people and folders name it: ``2``, ``02`` or ``02-find-the-root-cause``.

The separator after the number is ``-`` only: every folder (``solutions/``, ``exercises/``,
``course/``) and every journal key the course writes (``01.play``, ``01-tell-or-ask.sorter``)
uses ``-`` or ``.``; nothing on disk uses ``_``, so ``01_x`` names no module."""


class ModuleNameError(ValueError):
    """A text that names no module (see :meth:`Module.parse`)."""


@dataclass(frozen=True)
class Module:
    """One module of the course: its two-digit number and, when known, its slug.

    A module *is* its number: ``Module.parse("01") == Module.parse("01-tell-or-ask")``, so a
    module named either way finds the same answers, folders and scores. The slug makes the
    folder names (``01-tell-or-ask``) and is empty when only the number was given.
    """

    number: str                                  # "01"
    slug: str = field(default="", compare=False)  # "tell-or-ask"

    def __post_init__(self) -> None:
        if not (len(self.number) == 2 and self.number.isascii() and self.number.isdigit()):
            raise ModuleNameError(f"a module number has two digits, not {self.number!r}")

    @classmethod
    def parse(cls, value: str | os.PathLike[str]) -> Module:
        """The module ``value`` names: ``"2"``, ``"02"``, ``"02-find-the-root-cause"``, or a
        path whose last part is one (a folder, ``NN-slug.ipynb``, ``NN-slug-lesson.ipynb``).

        Raises :class:`ModuleNameError` for anything else. This is the course's one parser of
        module names; journal keys go through it too (:meth:`of_key`).
        """
        if not isinstance(value, str | os.PathLike):
            raise ModuleNameError(f"{value!r} names no module")
        text = os.fspath(value)
        if not isinstance(text, str):
            raise ModuleNameError(f"{value!r} names no module")
        if "/" in text or os.sep in text:
            text = PurePath(text).name
        text = text.removesuffix(".ipynb").removesuffix(LESSON_SUFFIX)
        match = _MODULE_NAME.fullmatch(text)
        if match is None:
            raise ModuleNameError(f"{value!r} names no module: use 01 or 01-tell-or-ask")
        return cls(match["number"].zfill(2), match["slug"] or "")

    @classmethod
    def of_key(cls, key: object) -> Module | None:
        """The module a journal key belongs to, or None: its part before the first ``.``
        (``"01.play"`` and ``"01-tell-or-ask.sorter"`` belong to module 01; ``"practice"``
        and ``"practice.interview.x"`` to none)."""
        if not isinstance(key, str) or len(key) > 200:  # keys are learner data: bound them
            return None
        head = key.partition(".")[0]
        if "/" in key or not (len(head) >= 2 and head[:2].isascii() and head[:2].isdigit()):
            return None  # the course writes every key with both digits ("01.", never "1.")
        try:
            return cls.parse(head)
        except ModuleNameError:
            return None

    @property
    def name(self) -> str:
        """The folder name, ``01-tell-or-ask`` (``01`` without a slug); nbgrader's assignment."""
        return f"{self.number}-{self.slug}" if self.slug else self.number

    @property
    def key(self) -> str:
        """What journals, practice and reports group answers by: the two-digit number."""
        return self.number

    def journal_key(self, part: str) -> str:
        """The journal key of ``part`` of this module: ``01-tell-or-ask.sorter``."""
        return f"{self.name}.{part}"

    @property
    def lesson_path(self) -> str:
        """The lesson notebook, relative to the course root (POSIX)."""
        return f"course/{self.name}{LESSON_SUFFIX}.ipynb"

    @property
    def exercise_folder(self) -> str:
        """The exercise's folder, relative to the course root (POSIX)."""
        return f"exercises/{self.name}"

    @property
    def exercise_path(self) -> str:
        """The exercise notebook, relative to the course root (POSIX)."""
        return f"exercises/{self.name}/{self.name}.ipynb"

    @property
    def solution_folder(self) -> str:
        """The exercise's nbgrader source folder, relative to the course root (POSIX)."""
        return f"solutions/{self.name}"

    @property
    def topic(self) -> str:
        """The slug in words: ``Tell or ask`` ("" without a slug)."""
        words = self.slug.replace("-", " ")
        return words[:1].upper() + words[1:]

    @property
    def title(self) -> str:
        """A readable name: ``Module 01: Tell or ask`` (``Module 01`` without a slug)."""
        return f"Module {self.number}: {self.topic}" if self.slug else f"Module {self.number}"

    def __str__(self) -> str:
        return self.name


class UnknownModule(ValueError):
    """A module name on the command line matches no exercise under solutions/."""


def resolve_modules(root: Path, names: list[str], every: bool = False) -> list[str]:
    """Exercise folder names for ``names`` ("1", "01" or "01-tell-or-ask"), or all with
    ``every``. A name with a slug must match the folder exactly; a number matches its module."""
    known = assignments(root)
    if every:
        return known
    if not names:
        raise UnknownModule("name a module (e.g. 01 or 01-tell-or-ask) or use --all")
    chosen: list[str] = []
    for name in names:
        wanted = _module_or_none(name)
        match = [folder for folder in known if folder == name or (
            wanted is not None and not wanted.slug and _module_or_none(folder) == wanted)]
        if not match:
            raise UnknownModule(f"no module {name!r}; known: {', '.join(known) or 'none'}")
        chosen += [m for m in match if m not in chosen]
    return chosen


class CourseNotFound(RuntimeError):
    """No course folder (one holding nbgrader_config.py and solutions/) could be found."""


def find_root(start: Path | str | None = None) -> Path:
    """The course root: $COACHLAB_ROOT, else the nearest folder up from ``start`` (default: the
    working directory) that holds nbgrader_config.py and solutions/, else the source checkout."""
    if os.environ.get("COACHLAB_ROOT"):
        return _checked(Path(os.environ["COACHLAB_ROOT"]))
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _is_root(folder):
            return folder
    checkout = Path(__file__).resolve().parent.parent
    if _is_root(checkout):
        return checkout
    raise CourseNotFound(
        f"No coachlab course found from {here}: run this inside the course folder "
        f"(the one with {CONFIG_FILE} and solutions/), or set COACHLAB_ROOT."
    )


def _is_root(folder: Path) -> bool:
    return (folder / CONFIG_FILE).is_file() and (folder / "solutions").is_dir()


def _checked(folder: Path) -> Path:
    if not _is_root(folder):
        raise CourseNotFound(f"COACHLAB_ROOT={folder} has no {CONFIG_FILE} and solutions/ folder.")
    return folder.resolve()


def _module_or_none(name: str) -> Module | None:
    try:
        return Module.parse(name)
    except ModuleNameError:
        return None


def assignments(root: Path) -> list[str]:
    """The graded exercises, by folder name under solutions/, in course order."""
    return sorted(p.name for p in (root / "solutions").iterdir()
                  if p.is_dir() and not p.name.startswith("."))


def lessons(root: Path) -> dict[str, Path]:
    """The lesson notebooks, by module name (``01-tell-or-ask``), in course order."""
    found = {}
    for path in sorted((root / "course").glob(f"*{LESSON_SUFFIX}.ipynb")):
        try:
            found[Module.parse(path).name] = path
        except ModuleNameError:
            continue  # not a module's lesson
    return found


def course_modules(root: Path) -> list[Module]:
    """Every module, in course order: the graded exercises under solutions/, plus the lessons
    that have no exercise. The exercise's folder name wins where both exist."""
    found: dict[Module, Module] = {}
    for name in [*assignments(root), *lessons(root)]:
        try:
            module = Module.parse(name)
        except ModuleNameError:
            continue
        found.setdefault(module, module)
    return sorted(found, key=lambda module: module.number)


def lesson_path(module: str | Module) -> str:
    """Where the lesson of ``module`` lives, relative to the course root (POSIX)."""
    return Module.parse(module).lesson_path if isinstance(module, str) else module.lesson_path


def exercise_path(module: str | Module) -> str:
    """Where the exercise of ``module`` lives, relative to the course root (POSIX)."""
    return Module.parse(module).exercise_path if isinstance(module, str) else module.exercise_path


def sqlite_gradebook(folder: Path | str) -> str:
    """The URL of the SQLite gradebook in ``folder`` (nbgrader's default place)."""
    return f"sqlite:///{Path(folder).resolve() / GRADEBOOK_FILE}"


def gradebook_url(root: Path | str, db_url: str | None = None) -> str:
    """The gradebook to use for the course folder ``root``: ``db_url``, else $COACHLAB_DB_URL,
    else SQLite in ``root/gradebook.db`` (nbgrader's default), with its driver named."""
    return with_driver(db_url or os.environ.get(DB_ENV) or sqlite_gradebook(root))


def with_driver(url: str) -> str:
    """``url`` as SQLAlchemy should open it: a plain ``postgresql://`` URL gets the psycopg2
    driver named (``postgresql+psycopg2://``) unless psycopg 3 is installed, which SQLAlchemy 2.1
    would otherwise expect. Every place that hands a URL to nbgrader or SQLAlchemy uses this."""
    if url.startswith("postgresql") and find_spec("psycopg") is None and find_spec(
            "psycopg2") is None:
        raise MissingDriverError(
            "this gradebook is on PostgreSQL, and its driver is not installed here. "
            "Install the cohort extra into the course's environment: pip install -e '.[hub]' "
            "(or pip install psycopg2-binary).")
    if url.startswith("postgresql://") and find_spec("psycopg") is None:
        return "postgresql+psycopg2://" + url.removeprefix("postgresql://")
    return url


class MissingDriverError(RuntimeError):
    """A PostgreSQL gradebook was asked for without a PostgreSQL driver (the ``hub`` extra)."""


def load_config(root: Path, *, course_root: Path | None = None,
                db_url: str | None = None) -> Config:
    """Read the course's nbgrader_config.py, pointed at ``course_root`` (default: ``root``).

    ``course_root`` lets a command work in a scratch course folder with the course's settings.
    """
    # Deferred: traitlets.config took 0.30 s to import (``python -X importtime``); every notebook
    # and command imports this module, few read the config.
    from traitlets.config.loader import PyFileConfigLoader

    ensure_tools_on_path()
    config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
    config.CourseDirectory.root = str(course_root or root)
    if db_url is not None:
        config.CourseDirectory.db_url = with_driver(db_url)
    return config


def ensure_tools_on_path() -> None:
    """Put this environment's bin/ first on PATH: nbgrader runs ``alembic`` as a program."""
    bin_dir = str(Path(sys.executable).parent)
    parts = os.environ.get("PATH", "").split(os.pathsep)
    if not parts or parts[0] != bin_dir:
        os.environ["PATH"] = os.pathsep.join([bin_dir, *parts])
