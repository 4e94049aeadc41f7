"""Where the course lives on disk, and nbgrader's configuration for it."""

from __future__ import annotations

import os
import sys
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from traitlets.config import Config

CONFIG_FILE = "nbgrader_config.py"
JOURNAL_FILE = "coachlab-answers.json"
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


def assignments(root: Path) -> list[str]:
    """The graded exercises, by folder name under solutions/, in course order."""
    return sorted(p.name for p in (root / "solutions").iterdir()
                  if p.is_dir() and not p.name.startswith("."))


def lessons(root: Path) -> dict[str, Path]:
    """The lesson notebooks, by module name (``01-tell-or-ask``), in course order."""
    found = sorted((root / "course").glob(f"[0-9][0-9]-*{LESSON_SUFFIX}.ipynb"))
    return {path.stem.removesuffix(LESSON_SUFFIX): path for path in found}


def lesson_path(module: str) -> str:
    """Where the lesson of ``module`` lives, relative to the course root (POSIX)."""
    return f"course/{module}{LESSON_SUFFIX}.ipynb"


def exercise_path(module: str) -> str:
    """Where the exercise of ``module`` lives, relative to the course root (POSIX)."""
    return f"exercises/{module}/{module}.ipynb"


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
