"""A throwaway JupyterLab server over a scratch copy of the course, for the browser tests."""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, NamedTuple

from coachlab.launch import ensure_home_extension, lab_command
from coachlab.modes import with_config_first, write_learner_config

#: What the browser tests copy: everything a learner's JupyterLab serves.
COURSE_PARTS = ("course", "exercises", "solutions", "nbgrader_config.py")

#: Lab settings for a quiet, predictable page: no news prompt, no toast over the widgets.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
        "doNotDisturbMode": True,
    },
}


class Lab(NamedTuple):
    """A running test server: where it listens, its token, and the course copy it serves."""

    base_url: str
    token: str
    root: Path


def copy_course(repo: Path, destination: Path) -> Path:
    """Copy the course's notebooks, content and nbgrader config to ``destination``/course-copy."""
    root = destination / "course-copy"
    root.mkdir(parents=True)
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "coachlab-answers.json*", "__pycache__")
    for part in COURSE_PARTS:
        source = repo / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, root / part)
    return root


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_settings(settings_dir: Path) -> None:
    """Write the quiet lab settings (see LAB_SETTINGS) into a fresh user settings folder."""
    for relative, values in LAB_SETTINGS.items():
        path = settings_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


def server_command(root: Path, state: Path, port: int, token: str) -> list[str]:
    """``make start``'s command line (coachlab.launch.lab_command), made headless and isolated.

    The port is fixed (no retries) so the URL is known; settings and workspaces live in
    ``state`` so no layout or setting from the machine's own JupyterLab leaks into a test.
    """
    command = lab_command(root, port=port, token=token, open_browser=False)
    return [
        *(part for part in command if not part.startswith(("--ServerApp.port_retries=",
                                                           "--ServerApp.allow_root="))),
        "--ServerApp.port_retries=0",
        "--LabApp.news_url=",
        f"--LabApp.user_settings_dir={state / 'settings'}",
        f"--LabApp.workspaces_dir={state / 'workspaces'}",
        *(["--ServerApp.allow_root=True"] if running_as_root() else []),
    ]


def running_as_root() -> bool:
    """True when this process runs as root (containers, CI), where Jupyter and Chromium balk."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def server_env(repo: Path, state: Path, instructor: bool = False) -> dict[str, str]:
    """The server's environment: kernels import this checkout's coachlab; private runtime dir.

    In learner mode (``coachlab start``'s default) the learner's config folder, written into
    ``state`` without an exchange (self-paced), comes first on the config path.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(repo), env.get("PYTHONPATH")) if p)
    env["JUPYTER_RUNTIME_DIR"] = str(state / "runtime")
    env["JUPYTER_CONFIG_DIR"] = str(state / "config")
    env["IPYTHONDIR"] = str(state / "ipython")
    env.pop("COACHLAB_ROOT", None)
    env.pop("JUPYTER_TOKEN", None)
    env.pop("JUPYTER_CONFIG_PATH", None)
    if instructor:
        return env
    return with_config_first(env, write_learner_config(state / "learner", exchange=False))


def status_code(url: str, token: str | None = None, timeout: float = 5.0) -> int:
    """The HTTP status of GET ``url`` (redirects not followed), with ``token`` in the header."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
            return None

    request = urllib.request.Request(url)
    if token is not None:
        request.add_header("Authorization", f"token {token}")
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_ready(lab: Lab, process: subprocess.Popen, log: Path, timeout: float = 90.0) -> None:
    """Wait until /api/status answers 200 with the token; fail early if the server died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"JupyterLab exited with code {process.returncode}:\n{tail(log)}")
        try:
            if status_code(f"{lab.base_url}/api/status", lab.token, timeout=2) == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s:\n{tail(log)}")


def start(repo: Path, scratch: Path, instructor: bool = False
          ) -> tuple[Lab, subprocess.Popen, Path]:
    """Copy the course into ``scratch`` and serve it, in learner mode unless ``instructor``;
    returns (lab, process, log file)."""
    ensure_home_extension()  # as the installer does: the course home is a server extension
    root = copy_course(repo, scratch)
    state = scratch / "lab-state"
    write_settings(state / "settings")
    token = secrets.token_urlsafe(24)
    port = free_port()
    lab = Lab(f"http://127.0.0.1:{port}", token, root)
    log = scratch / "jupyterlab.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            server_command(root, state, port, token), cwd=root,
            env=server_env(repo, state, instructor),
            stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_ready(lab, process, log)
    except BaseException:
        stop(process)
        raise
    return lab, process, log


def stop(process: subprocess.Popen, grace: float = 15.0) -> None:
    """Stop the server politely (it shuts its kernels down), then by force."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        # the server runs in its own session (start_new_session): its group is its kernels
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.kill()
        process.wait(timeout=10)


def tail(log: Path, lines: int = 40) -> str:
    """The last ``lines`` lines of the server log."""
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server log)"


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a TCP socket listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found: set[str] = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            local, state = fields[1], fields[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port and len(address) == width:
                found.add(_decode_address(address))
    return found


def _decode_address(hex_address: str) -> str:
    raw = bytes.fromhex(hex_address)
    if len(raw) == 4:
        return socket.inet_ntop(socket.AF_INET, raw[::-1])
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
    return socket.inet_ntop(socket.AF_INET6, words)


_PLAYWRIGHT: list = []


def shared_playwright() -> Any:
    """This test process's one Playwright driver, started on first use and stopped at exit.

    Playwright's sync API allows one driver per thread, and an xdist worker may run both the
    browser suite and the hub's browser test, so both take their Chromium from here (this
    module, not a conftest, which pytest may import under a second name).
    """
    if not _PLAYWRIGHT:
        from playwright.sync_api import sync_playwright

        driver = sync_playwright().start()
        atexit.register(driver.stop)
        _PLAYWRIGHT.append(driver)
    return _PLAYWRIGHT[0]
