"""A real JupyterHub on 127.0.0.1 with Unix users, for the cohort's multi-user test.

The hub runs deploy/jupyterhub/jupyterhub_config.py as root with configurable-http-proxy from
``npm ci``; servers are spawned as separate Unix users made here with ``useradd``. Commands
"as a user" run with ``runuser`` in that user's server environment, as a terminal in their
JupyterLab would.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "jupyterhub"
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
SITE = f"lib/python{sys.version_info[0]}.{sys.version_info[1]}/site-packages"


class HubError(RuntimeError):
    """The hub, a server or a command as a user did not do what the test needs."""


# ------------------------------------------------------------------------------ prerequisites

def missing_prerequisites() -> list[str]:
    """Why the multi-user test cannot run here (empty when it can)."""
    missing = []
    if os.geteuid() != 0:
        missing.append("the multi-user hub test creates Unix users: run it as root")
    for module, package in (("jupyterhub", "jupyterhub"),
                            ("jupyterhub_idle_culler", "jupyterhub-idle-culler")):
        if importlib.util.find_spec(module) is None:
            missing.append(f"{package} is not installed (pip install -e '.[hub]')")
    if not os.access(PROXY, os.X_OK):
        missing.append(f"{PROXY.relative_to(ROOT)} is missing (run `npm ci` in the repository)")
    elif shutil.which("node") is None:
        missing.append("node is not installed (configurable-http-proxy needs Node.js 20+)")
    for program in ("useradd", "userdel", "runuser"):
        if shutil.which(program) is None:
            missing.append(f"{program} is not installed")
    return missing


# ------------------------------------------------------------------------------ Unix users

def _run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def user_exists(name: str) -> bool:
    """Whether the Unix user ``name`` exists."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def create_user(name: str, homes: Path) -> Path:
    """A fresh Unix user with a private home (0700) under ``homes``; returns the home."""
    if user_exists(name):
        remove_user(name)
    home = homes / name
    result = _run(["useradd", "--create-home", "--home-dir", str(home), "--shell", "/bin/bash",
                   "--user-group", name])
    if result.returncode != 0:
        raise HubError(f"useradd {name} failed: {result.stderr.strip()}")
    home.chmod(0o700)
    return home


def stop_processes(name: str) -> None:
    """Kill every process the user runs (by process id), if the user exists."""
    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return
    for pid in _pids_of(uid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def remove_user(name: str) -> None:
    """Stop what the user still runs (by process id) and delete the user and its home."""
    if not user_exists(name):
        return
    stop_processes(name)
    _run(["userdel", "--remove", name])
    if user_exists(name):
        _run(["userdel", "--force", "--remove", name])


def _pids_of(uid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    pids.append(int(entry.name))
            except FileNotFoundError:
                continue
    return pids


def as_user(user: str, args: list[str], env: dict[str, str], cwd: Path | None = None,
            check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run ``args`` as ``user`` with exactly the environment ``env``."""
    command = ["runuser", "-u", user, "--", "env", "-i"]
    if cwd is not None:
        command.append(f"--chdir={cwd}")
    command += [f"{key}={value}" for key, value in env.items()]
    result = _run([*command, *args], timeout=timeout)
    if check and result.returncode != 0:
        raise HubError(f"as {user}: {' '.join(args)} exited {result.returncode}\n"
                       f"{result.stdout[-3000:]}\n{result.stderr[-5000:]}")
    return result


# ------------------------------------------------------------------------------ the users' Python

def _importable_by_nobody(python: str) -> bool:
    probe = _run(["runuser", "-u", "nobody", "--", python, "-c",
                  "import coachlab, nbgrader, jupyterhub"], cwd="/")
    return probe.returncode == 0


def user_python(base: Path) -> Path:
    """A Python every user can run, with this environment's packages.

    This environment's interpreter is used when other users can run it. Otherwise (e.g. it lives
    under /root, mode 0700) its interpreter and standard library are copied under ``base`` and a
    venv made from the copy reads this environment's site-packages and gets copies of its
    console scripts. The same interpreter build matters: a different patch release of Python
    breaks nbconvert's HTML export (soupsieve), so the system's Python is no substitute.
    """
    if _importable_by_nobody(sys.executable):
        return Path(sys.executable)
    interpreter = _copy_interpreter(base / "python-base")
    venv = base / "python"
    made = _run([str(interpreter), "-m", "venv", "--without-pip", str(venv)])
    if made.returncode != 0:
        raise HubError(f"{interpreter} -m venv failed: {made.stderr.strip()}")
    ours = Path(sys.prefix)
    (venv / SITE / "coachlab-shared.pth").write_text(
        f"import site; site.addsitedir({str(ours / SITE)!r})\n", encoding="utf-8")
    for part in ("share", "etc"):
        if (ours / part / "jupyter").is_dir():
            (venv / part).mkdir(exist_ok=True)
            (venv / part / "jupyter").symlink_to(ours / part / "jupyter")
    shebang = f"#!{ours}/bin/python"
    for script in (ours / "bin").iterdir():
        target = venv / "bin" / script.name
        if target.exists() or not script.is_file():
            continue
        with script.open("rb") as handle:
            head = handle.readline()
        if head.startswith(shebang.encode()):
            text = script.read_text(encoding="utf-8")
            target.write_text(f"#!{venv}/bin/python\n" + text.split("\n", 1)[1],
                              encoding="utf-8")
            target.chmod(0o755)
    python = venv / "bin" / "python"
    if not _importable_by_nobody(str(python)):
        raise HubError(f"the shared environment {venv} cannot import coachlab as another user")
    return python


def _copy_interpreter(target: Path) -> Path:
    """Copy this environment's base interpreter (binary, libpython, standard library without
    site-packages and tests) to ``target``; its library search path is made relative."""
    source = Path(sys.base_prefix)
    minor = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    shutil.copytree(source / "lib" / minor, target / "lib" / minor, symlinks=True,
                    ignore=shutil.ignore_patterns("site-packages", "test", "idlelib", "tkinter",
                                                  "turtledemo", "config-*"))
    (target / "lib" / minor / "site-packages").mkdir()
    for library in (source / "lib").glob("libpython*.so*"):
        shutil.copy2(library, target / "lib" / library.name, follow_symlinks=False)
    (target / "bin").mkdir(parents=True)
    binary = Path(os.path.realpath(sys._base_executable))
    data = binary.read_bytes()
    old = str(source / "lib").encode() + b"\0"
    new = b"$ORIGIN/../lib"
    if old in data and len(new) < len(old):
        data = data.replace(old, new.ljust(len(old), b"\0"))
    interpreter = target / "bin" / minor
    interpreter.write_bytes(data)
    interpreter.chmod(0o755)
    return interpreter


# ------------------------------------------------------------------------------ the hub

def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Hub:
    """A running JupyterHub started from the course's configuration."""

    url: str
    admin_token: str
    state: Path
    process: subprocess.Popen[bytes]
    log: Path
    tokens: dict[str, str] = field(default_factory=dict)

    @classmethod
    def start(cls, state: Path, env: dict[str, str], timeout: float = 60) -> Hub:
        """Start ``jupyterhub -f deploy/jupyterhub/jupyterhub_config.py`` with ``env``."""
        state.mkdir(mode=0o700, parents=True, exist_ok=True)
        url = env["COACHLAB_HUB_URL"]
        log = state / "hub.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", str(DEPLOY / "jupyterhub_config.py")],
                cwd=state, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)
        hub = cls(url, env["COACHLAB_HUB_ADMIN_TOKEN"], state, process, log)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise HubError(f"jupyterhub exited {process.returncode}:\n{hub.tail()}")
            try:
                if hub.api("GET", "/hub/api/").status_code == 200:
                    return hub
            except OSError:
                pass
            time.sleep(0.2)
        hub.stop()
        raise HubError(f"jupyterhub did not answer within {timeout} s:\n{hub.tail()}")

    def tail(self, lines: int = 60) -> str:
        """The end of the hub's log."""
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def api(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> Any:
        """A request to the hub or a server through the proxy (admin token by default)."""
        import requests

        headers = {"Authorization": f"token {token or self.admin_token}"}
        kwargs.setdefault("allow_redirects", False)
        return requests.request(method, self.url + path, headers=headers, timeout=120,
                                **kwargs)

    def ok(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> Any:
        """Like :meth:`api`, raising HubError on an error status."""
        response = self.api(method, path, token, **kwargs)
        if response.status_code >= 400:
            raise HubError(f"{method} {path}: {response.status_code} {response.text[:2000]}")
        return response

    def user_token(self, user: str) -> str:
        """An API token of ``user`` (made once by the admin service)."""
        if user not in self.tokens:
            made = self.ok("POST", f"/hub/api/users/{user}/tokens",
                           json={"note": "coachlab multi-user test", "expires_in": 3600})
            self.tokens[user] = made.json()["token"]
        return self.tokens[user]

    def start_servers(self, users: list[str], timeout: float = 240) -> None:
        """Ask the hub to start each user's server, then wait until all are ready."""
        for user in users:
            response = self.api("POST", f"/hub/api/users/{user}/server")
            if response.status_code not in (201, 202, 400):
                raise HubError(f"starting {user}'s server: {response.status_code} "
                               f"{response.text[:500]}")
        deadline = time.monotonic() + timeout
        waiting = set(users)
        while waiting and time.monotonic() < deadline:
            for user in sorted(waiting):
                server = self.ok("GET", f"/hub/api/users/{user}").json()["servers"].get("", {})
                if server.get("ready"):
                    waiting.discard(user)
            time.sleep(0.25)  # a cheap API call: poll often, so no server waits a full second
        if waiting:
            raise HubError(f"servers not ready after {timeout} s: {sorted(waiting)}\n{self.tail()}")

    def server_pid(self, user: str) -> int:
        """The process id of ``user``'s single-user server (from the spawner's state)."""
        model = self.ok("GET", f"/hub/api/users/{user}").json()
        return int(model["servers"][""]["state"]["pid"])

    def server_env(self, user: str) -> dict[str, str]:
        """The environment the hub gave ``user``'s server."""
        raw = Path(f"/proc/{self.server_pid(user)}/environ").read_bytes()
        pairs = (item.split(b"=", 1) for item in raw.split(b"\0") if b"=" in item)
        return {key.decode(): value.decode() for key, value in pairs}

    def stop(self) -> None:
        """Stop the hub (it stops the servers and the proxy it started)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
