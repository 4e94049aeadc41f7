"""Start JupyterLab on the course: local only, with a token, opened on the course home.

Learner mode is the default; ``instructor=True`` brings back the instructor tools (see
:mod:`coachlab.modes`). The course home (:mod:`coachlab.home`) is a server extension, enabled in
the environment like nbgrader's.

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
import tempfile
from pathlib import Path

from coachlab.course import lessons
from coachlab.home import HOME_PATH
from coachlab.modes import with_config_first, write_learner_config
from coachlab.session.kernel import install

#: The course's JupyterLab defaults: plugin id -> settings (see the module docstring).
LAB_SETTINGS_FILE = Path(__file__).with_name("data") / "lab-settings.json"

#: nbgrader's server extensions: formgrader (instructors), assignments (learners).
NBGRADER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.assignment_list",
    "nbgrader.server_extensions.course_list",
)
#: The course's server extension (coachlab.home): the course home, and Validate in words.
HOME_EXTENSION = "coachlab.home"
#: nbgrader's extensions that the course's extension replaces: off in the environment.
REPLACED_EXTENSIONS = ("nbgrader.server_extensions.validate_assignment",)


#: Run by the server before a notebook is written (see coachlab.session.saving).
PRE_SAVE_HOOK = "coachlab.session.saving.strip_widget_views"


def ensure_environment() -> None:
    """Install the course's JupyterLab defaults, its course kernel and the course home's server
    extension into this environment."""
    ensure_lab_settings()
    ensure_home_extension()
    install()


def first_lesson(root: Path) -> Path:
    """The course's first lesson (course/00-*-lesson.ipynb, else the lowest-numbered one)."""
    found = list(lessons(root).values())
    if not found:
        raise FileNotFoundError(f"no lessons found in {root / 'course'}")
    return found[0]


def lab_command(root: Path, *, port: int, token: str, open_browser: bool) -> list[str]:
    """The ``jupyter lab`` command line that serves the course at ``root``, opened on the home.

    The mode (learner or instructor) is not on the command line: it is the config folder that
    :func:`lab_environment` puts on the config path.
    """
    return [
        sys.executable, "-m", "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=50",
        f"--ServerApp.root_dir={root}",
        f"--IdentityProvider.token={token}",
        f"--LabApp.default_url={HOME_PATH}",
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
        # Deferred: jupyterlab.commands took 10.7 s to import (``python -X importtime``); needed
        # only when no app dir is given.
        from jupyterlab.commands import get_app_dir

        app_dir = Path(get_app_dir())
    target = app_dir / "settings" / "overrides.d" / "coachlab.json"
    text = json.dumps(lab_settings(), indent=2) + "\n"
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return target


def lab_environment(root: Path, env: dict[str, str], learner_config: Path | None
                    ) -> dict[str, str]:
    """The server's environment: ``env`` with the course root and, for a learner, the learner's
    config folder (:func:`coachlab.modes.write_learner_config`) first on the config path."""
    env = {**env, "COACHLAB_ROOT": str(root)}
    return with_config_first(env, learner_config) if learner_config else env


def ensure_extensions() -> None:
    """Enable nbgrader's server extensions in this environment (a no-op when they are on)."""
    for name in NBGRADER_EXTENSIONS:
        subprocess.run([sys.executable, "-m", "jupyter", "server", "extension", "enable",
                        "--sys-prefix", name], check=True, capture_output=True)


def ensure_home_extension(prefix: Path | None = None) -> Path:
    """Enable the course's extension in the environment at ``prefix`` (default: this Python's),
    and turn off the nbgrader extensions it replaces (:data:`REPLACED_EXTENSIONS`).

    It writes the file a package ships to enable its extension
    (``etc/jupyter/jupyter_server_config.d/``), as nbgrader's wheel does: ``jupyter server
    extension enable`` only switches on extensions that already have one. Each replaced
    extension gets the file ``jupyter server extension disable --sys-prefix`` would write; it
    is read after nbgrader's own ``nbgrader.json`` (files are read in name order), so it wins.
    Returns the course extension's file.
    """
    target = _extension_switch(prefix, HOME_EXTENSION, True)
    for name in REPLACED_EXTENSIONS:
        _extension_switch(prefix, name, False)
    return target


def _extension_switch(prefix: Path | None, name: str, enabled: bool) -> Path:
    """Write ``{prefix}/etc/jupyter/jupyter_server_config.d/{name}.json`` turning ``name`` on or
    off (unchanged when it already says so)."""
    target = (Path(prefix or sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d"
              / f"{name}.json")
    text = json.dumps({"ServerApp": {"jpserver_extensions": {name: enabled}}}, indent=2) + "\n"
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return target


def start_lab(root: Path, *, port: int = 8888, open_browser: bool = True,
              instructor: bool = False) -> int:
    """Serve the course until interrupted; prints the URL to open. Returns the exit code."""
    ensure_extensions()  # nbgrader's (the course's own comes with the environment)
    ensure_environment()
    token = os.environ.get("COACHLAB_TOKEN") or secrets.token_urlsafe(24)
    mode = "instructor" if instructor else "learner"
    print(f"coachlab: starting JupyterLab on the course home ({mode} mode)")
    print(f"coachlab: open http://127.0.0.1:{port}{HOME_PATH}?token={token}")
    print("coachlab: (if that port is busy, JupyterLab picks the next one and prints its URL)")
    # The learner's config lives as long as the server: a fresh folder each start, so it
    # follows this JupyterLab and whether an exchange exists today.
    with tempfile.TemporaryDirectory(prefix="coachlab-learner-") as scratch:
        learner = None if instructor else write_learner_config(Path(scratch))
        env = lab_environment(root, dict(os.environ), learner)
        try:
            return subprocess.call(lab_command(root, port=port, token=token,
                                               open_browser=open_browser), cwd=root, env=env)
        except KeyboardInterrupt:
            return 0
