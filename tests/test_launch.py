"""`make start` serves the course on this machine only, behind a token, on the first lesson."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from coachlab.launch import (
    ensure_home_extension,
    ensure_lab_settings,
    first_lesson,
    lab_command,
    lab_settings,
)

ROOT = Path(__file__).resolve().parent.parent


def test_lab_binds_to_localhost_with_a_token() -> None:
    command = lab_command(ROOT, port=8899, token="s3cret-token", open_browser=False)
    assert "--ServerApp.ip=127.0.0.1" in command
    assert "--IdentityProvider.token=s3cret-token" in command
    assert not any(arg.startswith("--ServerApp.ip=0") for arg in command)
    assert f"--ServerApp.root_dir={ROOT}" in command


def test_lab_opens_on_the_course_home() -> None:
    assert first_lesson(ROOT).name == "00-welcome-lesson.ipynb"
    command = lab_command(ROOT, port=8899, token="t", open_browser=False)
    assert "--LabApp.default_url=/coachlab/home" in command


def test_the_home_extension_is_enabled_like_a_package_ships_it(tmp_path: Path) -> None:
    written = ensure_home_extension(tmp_path)
    assert written == tmp_path / "etc/jupyter/jupyter_server_config.d/coachlab.home.json"
    assert json.loads(written.read_text()) == {
        "ServerApp": {"jpserver_extensions": {"coachlab.home": True}}}


def test_makefile_start_and_test_commands_exist() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "\nstart: setup\n" in makefile
    # make test builds the environment first: through lint, which needs setup
    assert re.search(r"\ntest: (?:setup|lint)\b", makefile)
    assert "\nlint: setup\n" in makefile


def test_course_lab_settings_name_real_settings() -> None:
    """Every default the course sets is a setting the installed JupyterLab knows (no typo)."""
    from jupyterlab.commands import get_app_dir

    schemas = Path(get_app_dir()) / "schemas"
    for plugin, values in lab_settings().items():
        package, name = plugin.rsplit(":", 1)
        schema = json.loads((schemas / package / f"{name}.json").read_text())
        unknown = set(values) - set(schema["properties"])
        assert not unknown, f"{plugin} has no setting {sorted(unknown)}"


def test_lab_settings_go_to_the_environments_overrides(tmp_path: Path) -> None:
    written = ensure_lab_settings(tmp_path)
    assert written == tmp_path / "settings" / "overrides.d" / "coachlab.json"
    assert json.loads(written.read_text()) == lab_settings()
    assert ensure_lab_settings(tmp_path) == written  # a second start changes nothing


def test_lab_commands_need_no_posix_only_call(monkeypatch) -> None:
    """Windows has no os.geteuid: the command line is built all the same."""
    monkeypatch.delattr(os, "geteuid")
    command = lab_command(ROOT, port=8899, token="t", open_browser=False)
    assert not any(arg.startswith("--ServerApp.allow_root") for arg in command)


def test_python_m_coachlab_start_serves_a_quiet_lab(tmp_path: Path) -> None:
    """The no-make path's start command serves the course with no news and no update check."""
    port, token = free_port(), "quiet-lab-token"
    env = {**os.environ, "COACHLAB_TOKEN": token,
           "JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces")}
    log = tmp_path / "lab.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "coachlab", "start", "--no-browser", "--port", str(port)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url = (f"http://127.0.0.1:{port}/lab/api/settings/"
               f"@jupyterlab/apputils-extension:notification?token={token}")
        settings = _get_json(url, server, log)
        assert settings["settings"] == {}  # nothing set by the learner: the defaults apply
        defaults = {key: spec.get("default")
                    for key, spec in settings["schema"]["properties"].items()}
        assert defaults["fetchNews"] == "false"
        assert defaults["checkForUpdates"] is False
        lesson = urllib.request.urlopen(
            f"http://127.0.0.1:{port}/api/contents/course/00-welcome-lesson.ipynb?token={token}"
            "&content=0",
            timeout=10)
        assert json.loads(lesson.read())["type"] == "notebook"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get_json(url: str, server: subprocess.Popen, log: Path, timeout: float = 90) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"coachlab start exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.loads(response.read())
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"no JupyterLab answered at {url.split('?')[0]} in {timeout:.0f} s")
