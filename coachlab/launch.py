"""Start JupyterLab on the course: local only, with a token, opened on the first lesson."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

#: nbgrader's server extensions: formgrader (instructors), assignments and validate (learners).
NBGRADER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.assignment_list",
    "nbgrader.server_extensions.course_list",
    "nbgrader.server_extensions.validate_assignment",
)


def first_lesson(root: Path) -> Path:
    """The course's first notebook (course/00-*.ipynb, else the lowest-numbered one)."""
    lessons = sorted((root / "course").glob("[0-9][0-9]-*.ipynb"))
    if not lessons:
        raise FileNotFoundError(f"no lessons found in {root / 'course'}")
    return lessons[0]


def lab_command(root: Path, *, port: int, token: str, open_browser: bool) -> list[str]:
    """The ``jupyter lab`` command line that serves the course at ``root``."""
    lesson = first_lesson(root).relative_to(root).as_posix()
    return [
        sys.executable, "-m", "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=50",
        f"--ServerApp.root_dir={root}",
        f"--IdentityProvider.token={token}",
        f"--LabApp.default_url=/lab/tree/{lesson}",
        f"--ServerApp.open_browser={open_browser}",
        # In a container or a root shell JupyterLab refuses to start without this.
        *(["--ServerApp.allow_root=True"] if os.geteuid() == 0 else []),
    ]


def ensure_extensions() -> None:
    """Enable nbgrader's server extensions in this environment (a no-op when they are on)."""
    for name in NBGRADER_EXTENSIONS:
        subprocess.run([sys.executable, "-m", "jupyter", "server", "extension", "enable",
                        "--sys-prefix", name], check=True, capture_output=True)


def start_lab(root: Path, *, port: int = 8888, open_browser: bool = True) -> int:
    """Serve the course until interrupted; prints the URL to open. Returns the exit code."""
    ensure_extensions()
    token = os.environ.get("COACHLAB_TOKEN") or secrets.token_urlsafe(24)
    lesson = first_lesson(root).relative_to(root).as_posix()
    print(f"coachlab: starting JupyterLab on {lesson}")
    print(f"coachlab: open http://127.0.0.1:{port}/lab/tree/{lesson}?token={token}")
    print("coachlab: (if that port is busy, JupyterLab picks the next one and prints its URL)")
    env = dict(os.environ)
    env["COACHLAB_ROOT"] = str(root)
    try:
        return subprocess.call(lab_command(root, port=port, token=token,
                                           open_browser=open_browser), cwd=root, env=env)
    except KeyboardInterrupt:
        return 0
