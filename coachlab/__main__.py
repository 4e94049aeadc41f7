"""``python -m coachlab``: install what the course needs into this Python, then run a command.

The path for a laptop without ``make`` (Windows included); only Python is needed::

    python -m venv .venv
    .venv/bin/python -m coachlab start          (Windows: .venv\\Scripts\\python -m coachlab start)

Run from the course folder, ``python -m coachlab`` finds the package before it is installed. The
first run installs the course into that virtual environment (``pip install -e .``) and remembers
what it installed; later runs start at once and reinstall only when ``pyproject.toml`` changes.
Installing also sets the course's JupyterLab defaults for the environment (see coachlab.launch).
``python -m coachlab setup test hub`` installs the named extras too (``make setup`` uses it).
This module uses the standard library only, because it runs before anything else is installed.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

#: Where an install is remembered: the environment's own folder, so a new venv installs afresh.
RECORD_NAME = "coachlab-install.json"
REPO = Path(__file__).resolve().parent.parent
NO_VENV = (
    "coachlab: this Python is not a virtual environment, and the course installs its packages "
    "into one. Create it first, then run coachlab with its Python:\n"
    "    python -m venv .venv\n"
    "    .venv/bin/python -m coachlab start\n"
    "    (on Windows: .venv\\Scripts\\python -m coachlab start)\n"
    "(conda users: conda env create -f environment.yml, then python -m coachlab start)")


class SetupError(RuntimeError):
    """The course could not be installed into this Python; the message says what to do."""


def in_environment() -> bool:
    """Whether this Python is a virtual or conda environment (not the system's Python)."""
    return sys.prefix != sys.base_prefix or (Path(sys.prefix) / "conda-meta").is_dir()


def source_checkout() -> Path | None:
    """The course folder this package runs from, or None when it is installed from a wheel."""
    return REPO if (REPO / "pyproject.toml").is_file() else None


def wanted(repo: Path, extras: list[str]) -> dict[str, Any]:
    """What an up-to-date install looks like: this folder, this pyproject, these extras."""
    digest = hashlib.sha256((repo / "pyproject.toml").read_bytes()).hexdigest()
    return {"source": str(repo), "pyproject": digest, "extras": sorted(set(extras))}


def installed(record: Path, want: dict[str, Any]) -> bool:
    """Whether the remembered install covers ``want``: same folder and pyproject, its extras.

    The record is checked by hand, not by a pydantic model: this runs before pydantic is
    installed. Any record that is not exactly the shape :func:`wanted` writes means "install
    again", which is always safe.
    """
    try:
        have = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(have, dict):
        return False
    extras = have.get("extras", [])
    return (have.get("source") == want["source"] and have.get("pyproject") == want["pyproject"]
            and isinstance(extras, list) and all(isinstance(e, str) for e in extras)
            and set(want["extras"]) <= set(extras))


def ensure_installed(extras: list[str], *, prefix: Path | None = None,
                     repo: Path | None = None) -> bool:
    """Install the course (and ``extras``) into this Python unless already done; True if it ran pip.

    Raises :class:`SetupError` outside a virtual environment or when pip fails.
    """
    repo = repo or source_checkout()
    if repo is None:  # installed as a package: pip already did the work
        return False
    record = (prefix or Path(sys.prefix)) / RECORD_NAME
    want = wanted(repo, extras)
    if installed(record, want):
        return False
    if not in_environment():
        raise SetupError(NO_VENV)
    target = f"{repo}[{','.join(want['extras'])}]" if want["extras"] else str(repo)
    print(f"coachlab: installing the course into {sys.prefix} (first run only; a few minutes)",
          flush=True)
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                           "--disable-pip-version-check", "-e", target], check=False)
    if done.returncode != 0:
        raise SetupError("coachlab: installing the course failed (pip's message is above). "
                         "Check your internet connection and run the same command again.")
    # The course's JupyterLab defaults, its course kernel and the course home belong to the
    # environment, so a hub's servers get them too.
    subprocess.run([sys.executable, "-c", "from coachlab.launch import ensure_environment; "
                    "ensure_environment()"], check=False)
    record.write_text(json.dumps(want, indent=1), encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    """Install if needed, then run ``coachlab`` with ``argv`` (``setup EXTRA...`` only installs)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args[:1] == ["setup"]:
            ensure_installed(args[1:])
            print("coachlab: the course is installed; start it with: python -m coachlab start")
            return 0
        ensure_installed([])
    except SetupError as error:
        print(error, file=sys.stderr)
        return 2
    # Imported after ensure_installed: on a fresh machine the command line's dependencies are not
    # there until then.
    from coachlab.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
