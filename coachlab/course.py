"""Where the course lives on disk, and nbgrader's configuration for it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from traitlets.config import Config

CONFIG_FILE = "nbgrader_config.py"
JOURNAL_FILE = "coachlab-answers.json"
#: Where ``coachlab self-grade`` leaves each module's report and score, under the course root.
SELF_GRADED_DIR = "self-graded"
SELF_GRADED_SCORE = "score.json"


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


def load_config(root: Path, *, course_root: Path | None = None,
                db_url: str | None = None) -> Config:
    """Read the course's nbgrader_config.py, pointed at ``course_root`` (default: ``root``).

    ``course_root`` lets a command work in a scratch course folder with the course's settings.
    """
    from traitlets.config.loader import PyFileConfigLoader

    ensure_tools_on_path()
    config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
    config.CourseDirectory.root = str(course_root or root)
    if db_url is not None:
        config.CourseDirectory.db_url = db_url
    return config


def ensure_tools_on_path() -> None:
    """Put this environment's bin/ first on PATH: nbgrader runs ``alembic`` as a program."""
    import sys

    bin_dir = str(Path(sys.executable).parent)
    parts = os.environ.get("PATH", "").split(os.pathsep)
    if not parts or parts[0] != bin_dir:
        os.environ["PATH"] = os.pathsep.join([bin_dir, *parts])
