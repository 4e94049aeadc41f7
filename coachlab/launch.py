"""Start JupyterLab on the course: local only, with a token, opened on the first lesson.

The course also sets JupyterLab's defaults for a learner who is not a programmer
(``coachlab/data/lab-settings.json``): no news prompt and no update check (nothing is fetched
from the internet), no extension manager, and answers saved every 5 seconds. They are installed
as the environment's defaults (``overrides.d``), so a learner can still change them in Settings.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

#: The course's JupyterLab defaults: plugin id -> settings (see the module docstring).
LAB_SETTINGS_FILE = Path(__file__).with_name("data") / "lab-settings.json"

#: nbgrader's server extensions: formgrader (instructors), assignments and validate (learners).
NBGRADER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.assignment_list",
    "nbgrader.server_extensions.course_list",
    "nbgrader.server_extensions.validate_assignment",
)


#: Run by the server before a notebook is written (see coachlab.session.saving).
PRE_SAVE_HOOK = "coachlab.session.saving.strip_widget_views"


def ensure_environment() -> None:
    """Install the course's JupyterLab defaults and its course kernel into this environment."""
    from coachlab.session.kernel import install

    ensure_lab_settings()
    install()


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
        # A saved notebook keeps no widget it cannot show again (see coachlab.session.saving).
        f"--FileContentsManager.pre_save_hook={PRE_SAVE_HOOK}",
        # In a container or a root shell JupyterLab refuses to start without this.
        *(["--ServerApp.allow_root=True"] if running_as_root() else []),
    ]


def running_as_root() -> bool:
    """Whether this process runs as root (POSIX); never on Windows, which has no ``geteuid``."""
    geteuid = getattr(os, "geteuid", None)
    return geteuid is not None and geteuid() == 0


def lab_settings() -> dict[str, dict]:
    """The course's JupyterLab settings, by plugin id."""
    return json.loads(LAB_SETTINGS_FILE.read_text(encoding="utf-8"))


def ensure_lab_settings(app_dir: Path | None = None) -> Path:
    """Install the course's JupyterLab defaults into this environment; returns the file written.

    They go to ``<app dir>/settings/overrides.d/coachlab.json``, JupyterLab's folder for
    defaults that packages ship, so a site's own ``overrides.json`` still wins.
    """
    if app_dir is None:
        from jupyterlab.commands import get_app_dir

        app_dir = Path(get_app_dir())
    target = app_dir / "settings" / "overrides.d" / "coachlab.json"
    text = json.dumps(lab_settings(), indent=2) + "\n"
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return target


def ensure_extensions() -> None:
    """Enable nbgrader's server extensions in this environment (a no-op when they are on)."""
    for name in NBGRADER_EXTENSIONS:
        subprocess.run([sys.executable, "-m", "jupyter", "server", "extension", "enable",
                        "--sys-prefix", name], check=True, capture_output=True)


def start_lab(root: Path, *, port: int = 8888, open_browser: bool = True) -> int:
    """Serve the course until interrupted; prints the URL to open. Returns the exit code."""
    ensure_extensions()
    ensure_environment()
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
