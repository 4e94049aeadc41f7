"""Learner mode (the default of ``coachlab start``) and instructor mode (``--instructor``).

A learner is a manager, not a programmer: their JupyterLab shows the course and nothing of the
tooling, and a stray key press cannot turn an answer cell into markdown or delete it. Learner mode
is plain Jupyter configuration, written into one folder that the server finds first on its
config path (``JUPYTER_CONFIG_PATH``):

- ``jupyter_server_config.json``: the file browser hides the package, the tests, the tooling and
  ``solutions/`` (``ContentsManager.hide_globs``), and nbgrader's instructor server extensions
  are off (``ServerApp.jpserver_extensions``), as is nbgrader's Validate extension: the course's
  own extension answers Validate in words (:mod:`coachlab.home.validate`);
- ``labconfig/page_config.json``: nbgrader's formgrader, assignment creator and course list are
  off in the page (``disabledExtensions``), as are the notebook's export formats and
  JupyterLab's build check (the course's extensions come prebuilt);
- ``labconfig/default_setting_overrides.json``: the command-mode keys that change, add, delete or
  merge cells are disabled (``@jupyterlab/shortcuts-extension:shortcuts``). jupyterlab_server
  reads this file from every ``labconfig`` folder on the config path, so the setting reaches the
  learner's server only; the environment-wide ``overrides.d`` that instructors share stays as it is.

Without an nbgrader exchange (self-paced) the Assignments tab and its server extension are off
too: they could only say "The exchange directory does not exist". Instructor mode writes nothing
and so brings every tool back.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

#: Names the learner's file browser does not list. jupyter_server matches them against a file's
#: *name* at any depth, so each is a name no course file uses. The first five are
#: jupyter_server's own defaults, which setting the list would otherwise drop.
HIDDEN_NAMES = (
    "__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~",
    "solutions", "coachlab", "tests", "bench", "deploy", "docs", "node_modules", "*.egg-info",
    "Makefile", "README.md", "pyproject.toml", "environment.yml", "package.json",
    "package-lock.json", "nbgrader_config.py", "gradebook.db",
)

#: nbgrader's lab plugins for instructors (ids from its labextension).
INSTRUCTOR_PLUGINS = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
)
#: The Assignments tab: fetch and submit through an exchange.
ASSIGNMENTS_PLUGIN = "@jupyter/nbgrader:assignment-list"
#: JupyterLab's "Save and Export Notebook As…" formats (LaTeX, reStructuredText, a script...) and
#: a raw cell's format picker: tooling a manager has no use for. Both ask the server for nbconvert's
#: exporters when a notebook opens, which costs it ~0.65 CPU-seconds for every page.
EXPORT_PLUGINS = (
    "@jupyterlab/notebook-extension:export",
    "@jupyterlab/notebook-extension:update-raw-mimetype",
)

#: nbgrader's server extensions a learner does not need.
INSTRUCTOR_SERVER_EXTENSIONS = (
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
)
ASSIGNMENTS_SERVER_EXTENSION = "nbgrader.server_extensions.assignment_list"
#: nbgrader's Validate extension, off in every mode: coachlab.home answers its routes instead.
VALIDATE_SERVER_EXTENSION = "nbgrader.server_extensions.validate_assignment"

#: The shortcuts plugin, and the notebook plugin whose command-mode keys are turned off.
SHORTCUTS_PLUGIN = "@jupyterlab/shortcuts-extension:shortcuts"
NOTEBOOK_SHORTCUTS = Path("@jupyterlab") / "notebook-extension" / "tracker.json"
#: Command-mode commands that change a cell's type, add, delete, cut, paste or merge cells.
#: Undo (Z), running cells and nbgrader's Validate keep their keys.
EDIT_COMMANDS = frozenset({
    "notebook:change-cell-to-code", "notebook:change-cell-to-markdown",
    "notebook:change-cell-to-raw",
    *(f"notebook:change-cell-to-heading-{n}" for n in range(1, 7)),
    "notebook:insert-cell-above", "notebook:insert-cell-below",
    "notebook:insert-heading-above", "notebook:insert-heading-below",
    "notebook:delete-cell", "notebook:cut-cell", "notebook:paste-cell-below",
    "notebook:merge-cells", "notebook:merge-cell-above", "notebook:merge-cell-below",
})
COMMAND_MODE = ".jp-Notebook.jp-mod-commandMode"

#: nbgrader's default exchange; a cohort's config names its own (the hub sets the variable).
DEFAULT_EXCHANGE = "/srv/nbgrader/exchange"
EXCHANGE_ENV = "COACHLAB_EXCHANGE_ROOT"


def exchange_root() -> Path:
    """The nbgrader exchange folder this machine would use: $COACHLAB_EXCHANGE_ROOT, else
    nbgrader's default."""
    return Path(os.environ.get(EXCHANGE_ENV) or DEFAULT_EXCHANGE)


def has_exchange() -> bool:
    """Whether an exchange exists (a cohort): only then is the Assignments tab of any use."""
    return exchange_root().is_dir()


def schemas_dir() -> Path:
    """The installed JupyterLab's settings schemas."""
    # Deferred: jupyterlab.commands took 10.7 s to import (``python -X importtime``); the mode is
    # read at every start, the app dir only here.
    from jupyterlab.commands import get_app_dir

    return Path(get_app_dir()) / "schemas"


def disabled_shortcuts(schemas: Path | None = None) -> list[dict[str, Any]]:
    """``disabled`` copies of the notebook's default command-mode shortcuts for EDIT_COMMANDS.

    They are read from the installed JupyterLab, because JupyterLab turns a default off only
    when an entry matches its command, keys and selector exactly.
    """
    schema = json.loads(((schemas or schemas_dir()) / NOTEBOOK_SHORTCUTS).read_text("utf-8"))
    return [{"command": s["command"], "keys": s["keys"], "selector": s["selector"],
             "disabled": True}
            for s in schema["jupyter.lab.shortcuts"]
            if s["command"] in EDIT_COMMANDS and s.get("keys") and COMMAND_MODE in s["selector"]]


def server_config(exchange: bool) -> dict[str, Any]:
    """The learner's ``jupyter_server_config.json``."""
    off = [*INSTRUCTOR_SERVER_EXTENSIONS, VALIDATE_SERVER_EXTENSION,
           *([] if exchange else [ASSIGNMENTS_SERVER_EXTENSION])]
    return {
        "ContentsManager": {"hide_globs": list(HIDDEN_NAMES)},
        "ServerApp": {"jpserver_extensions": dict.fromkeys(off, False)},
    }


def page_config(exchange: bool) -> dict[str, Any]:
    """The learner's ``labconfig/page_config.json``."""
    off = [*INSTRUCTOR_PLUGINS, *EXPORT_PLUGINS, *([] if exchange else [ASSIGNMENTS_PLUGIN])]
    # No build check: the course's extensions come prebuilt, a manager could not act on a
    # "Build recommended" prompt, and each check made the server run Node (yarn's config) for
    # every page opened, about 1 CPU-second each.
    return {"disabledExtensions": dict.fromkeys(off, True), "buildCheck": False,
            "buildAvailable": False}


def setting_overrides(schemas: Path | None = None) -> dict[str, Any]:
    """The learner's ``labconfig/default_setting_overrides.json``."""
    return {SHORTCUTS_PLUGIN: {"shortcuts": disabled_shortcuts(schemas)}}


def learner_config(exchange: bool, schemas: Path | None = None) -> dict[str, dict[str, Any]]:
    """Every file of the learner's config folder: relative path -> JSON content."""
    return {
        "jupyter_server_config.json": server_config(exchange),
        "labconfig/page_config.json": page_config(exchange),
        "labconfig/default_setting_overrides.json": setting_overrides(schemas),
    }


def write_learner_config(folder: Path, exchange: bool | None = None) -> Path:
    """Write the learner's config folder (``exchange`` default: whether one exists)."""
    if exchange is None:
        exchange = has_exchange()
    for relative, content in learner_config(exchange).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")
    return folder


def with_config_first(env: dict[str, str], folder: Path) -> dict[str, str]:
    """``env`` with ``folder`` first on JUPYTER_CONFIG_PATH (before the environment's own)."""
    rest = env.get("JUPYTER_CONFIG_PATH")
    return {**env, "JUPYTER_CONFIG_PATH": os.pathsep.join([str(folder), *([rest] if rest else [])])}
