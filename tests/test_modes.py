"""Learner mode by default, instructor mode on request: the command lines and config built."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from coachlab import modes
from coachlab.cli import _parser
from coachlab.launch import lab_command, lab_environment

ROOT = Path(__file__).resolve().parent.parent


def test_start_is_learner_mode_unless_asked() -> None:
    assert _parser().parse_args(["start"]).instructor is False
    assert _parser().parse_args(["start", "--instructor"]).instructor is True
    makefile = (ROOT / "Makefile").read_text()
    assert "\ninstructor: setup\n\t$(BIN)/coachlab start --instructor\n" in makefile


def test_the_mode_is_the_config_path_not_the_command_line(tmp_path: Path) -> None:
    """One command line for both modes (easy to extend); the learner's folder comes first."""
    command = lab_command(ROOT, port=8899, token="t", open_browser=False)
    assert "--LabApp.default_url=/coachlab/home" in command
    env = {"JUPYTER_CONFIG_PATH": "/site/config", "HOME": "/h"}
    learner = lab_environment(ROOT, env, tmp_path)
    assert learner["JUPYTER_CONFIG_PATH"] == os.pathsep.join([str(tmp_path), "/site/config"])
    assert learner["COACHLAB_ROOT"] == str(ROOT)
    instructor = lab_environment(ROOT, env, None)
    assert instructor["JUPYTER_CONFIG_PATH"] == "/site/config"


@pytest.mark.parametrize("exchange", [False, True])
def test_learner_config(tmp_path: Path, exchange: bool) -> None:
    folder = modes.write_learner_config(tmp_path, exchange=exchange)
    server = json.loads((folder / "jupyter_server_config.json").read_text())
    page = json.loads((folder / "labconfig" / "page_config.json").read_text())
    hidden = server["ContentsManager"]["hide_globs"]
    assert {"solutions", "coachlab", "tests", "Makefile", "package-lock.json"} <= set(hidden)
    assert not {"course", "exercises", "self-graded", "feedback"} & set(hidden)
    assert "__pycache__" in hidden  # jupyter_server's own default is kept
    off = server["ServerApp"]["jpserver_extensions"]
    assert off["nbgrader.server_extensions.formgrader"] is False
    # nbgrader's Validate is off: the course's extension answers its routes in words
    assert off["nbgrader.server_extensions.validate_assignment"] is False
    assert "coachlab.home" not in off
    disabled = page["disabledExtensions"]
    assert {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
            "@jupyter/nbgrader:course-list"} <= set(disabled)
    # the Assignments tab only when there is an exchange to fetch from and submit to
    assert ("@jupyter/nbgrader:assignment-list" in disabled) is not exchange
    assert ("nbgrader.server_extensions.assignment_list" in off) is not exchange
    # no export formats: the server is not asked for nbconvert's exporters at every page
    assert set(modes.EXPORT_PLUGINS) <= set(disabled)
    # no "Build recommended" prompt, and no build check run by the server for each page
    assert page["buildCheck"] is False and page["buildAvailable"] is False


def test_no_course_file_is_hidden_by_a_name_at_any_depth() -> None:
    from fnmatch import fnmatch

    names = {p.name for folder in ("course", "exercises") for p in (ROOT / folder).rglob("*")}
    assert [(n, g) for n in names for g in modes.HIDDEN_NAMES if fnmatch(n, g)
            and not n.startswith(".") and not n.endswith(".pyc")] == []


def test_every_edit_shortcut_matches_an_installed_default() -> None:
    """Each disabled entry is a default of the installed JupyterLab, command, keys and selector."""
    schema = json.loads((modes.schemas_dir() / modes.NOTEBOOK_SHORTCUTS).read_text())
    defaults = [{k: s[k] for k in ("command", "keys", "selector")}
                for s in schema["jupyter.lab.shortcuts"]]
    disabled = modes.disabled_shortcuts()
    for entry in disabled:
        assert entry["disabled"] is True
        assert {k: entry[k] for k in ("command", "keys", "selector")} in defaults
    keys = {" ".join(entry["keys"]) for entry in disabled}
    assert {"M", "Y", "R", "1", "6", "A", "B", "D D", "X", "V", "Shift M"} <= keys
    assert not {"Z", "Shift Enter", "Enter", "C"} & keys  # undo, run and copy stay
    assert {e["command"] for e in disabled} == modes.EDIT_COMMANDS


def test_learner_shortcuts_are_not_in_the_environment_wide_defaults() -> None:
    from coachlab.launch import lab_settings

    assert modes.SHORTCUTS_PLUGIN not in lab_settings()


def test_an_exchange_is_found_where_nbgrader_looks(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(modes.EXCHANGE_ENV, str(tmp_path / "exchange"))
    assert not modes.has_exchange()
    (tmp_path / "exchange").mkdir()
    assert modes.has_exchange()


def test_hub_learners_get_the_learner_settings_with_their_exchange() -> None:
    """The hub's learner role (deploy/jupyterhub/roles/learner) is learner mode with an exchange:
    the same disabled keys (regenerate the file from coachlab.modes.setting_overrides() when
    JupyterLab's defaults change) and the same instructor plugins off, the Assignments tab on."""
    role = ROOT / "deploy" / "jupyterhub" / "roles" / "learner"
    settings = json.loads((role / "labconfig" / "default_setting_overrides.json").read_text())
    assert settings == modes.setting_overrides()
    page = json.loads((role / "labconfig" / "page_config.json").read_text())
    assert page == modes.page_config(exchange=True)
