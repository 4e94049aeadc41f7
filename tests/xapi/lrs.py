"""A real xAPI LRS for tests: ralph's LRS app under uvicorn, filesystem backend, basic auth, on
127.0.0.1 at a free port. Ralph lives in its own environment (.venv-lrs, `make lrs`); the app is
started through ralph_app.py, which fixes the filesystem backend's verb and activity filters."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
USER, PASSWORD = "coachlab-test", "s3cret-for-tests"


#: The auth file ``ralph auth`` wrote for USER (hashed password), kept for the next LRS.
_CREDENTIALS: list[str] = []


class LRSMissing(RuntimeError):
    """Ralph's environment is not installed."""


def ralph_python() -> Path:
    """The Python of ralph's environment: $COACHLAB_LRS_PYTHON or .venv-lrs/bin/python."""
    python = Path(os.environ.get("COACHLAB_LRS_PYTHON") or ROOT / ".venv-lrs" / "bin" / "python")
    if not python.is_file():
        raise LRSMissing(f"ralph's environment is not installed ({python}): run `make lrs`")
    return python


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Ralph:
    """One ralph LRS; ``start()``/``stop()`` may be called again (same port, same data)."""

    def __init__(self, folder: Path) -> None:
        self.python = ralph_python()
        self.folder = Path(folder)
        self.data = self.folder / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.auth_file = self.folder / "auth.json"
        self.process: subprocess.Popen[bytes] | None = None
        self._log = None
        self._write_credentials()

    @property
    def endpoint(self) -> str:
        """The xAPI endpoint (statements live under it)."""
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("RALPH_")}
        env.update({"RALPH_RUNSERVER_BACKEND": "fs",
                    "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.data),
                    "RALPH_AUTH_FILE": str(self.auth_file),
                    "RALPH_APP_DIR": str(self.folder / "app"),
                    "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": "1000"})
        return env

    def _write_credentials(self) -> None:
        """Write the test user's credentials with ``ralph auth``, once per test process: every
        LRS of the tests has the same user, so later ones get a copy of the first file (a
        ralph command starts in seconds on a loaded machine; a copy does not)."""
        if not _CREDENTIALS:
            subprocess.run([str(self.python), "-m", "ralph", "auth", "-u", USER, "-p", PASSWORD,
                            "-s", "all", "-A", USER, "https://coachlab.test/lrs-users", "-w"],
                           env=self._env(), check=True, capture_output=True, cwd=self.folder)
            _CREDENTIALS.append(self.auth_file.read_text(encoding="utf-8"))
        else:
            self.auth_file.write_text(_CREDENTIALS[0], encoding="utf-8")
        assert json.loads(self.auth_file.read_text())[0]["username"] == USER

    def start(self, timeout: float = 60) -> None:
        """Start the server and wait until it answers."""
        self._log = (self.folder / "server.log").open("ab")
        self.process = subprocess.Popen(
            [str(self.python), "-m", "uvicorn", "ralph_app:app", "--app-dir", str(HERE),
             "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"],
            env=self._env(), cwd=self.folder, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"ralph exited: {self.log()[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__",
                                            timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"ralph did not answer within {timeout} s: {self.log()[-2000:]}")

    def stop(self) -> None:
        """Stop the server (the stored statements stay in its data folder)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def get(self, **params: str) -> list[dict]:
        """GET /xAPI/statements with query filters; follows `more` links; all statements."""
        import httpx

        statements: list[dict] = []
        url = f"http://127.0.0.1:{self.port}/xAPI/statements"
        query: dict[str, str] | None = {"limit": "1000", **params}
        with httpx.Client(auth=(USER, PASSWORD), timeout=30,
                          headers={"X-Experience-API-Version": "1.0.3"}) as client:
            while url:
                response = client.get(url, params=query)
                assert response.status_code == 200, response.text
                body = response.json()
                statements += body["statements"]
                more = body.get("more")
                url = f"http://127.0.0.1:{self.port}{more}" if more else ""
                query = None
        return statements

    def validate(self, statements: list[dict]) -> list[str]:
        """Problems ralph's own xAPI models find in ``statements`` (empty: all valid)."""
        script = (
            "import json, sys\n"
            "from pydantic import TypeAdapter, ValidationError\n"
            "from ralph.models.xapi.base.statements import BaseXapiStatement\n"
            "problems = []\n"
            "for s in json.load(sys.stdin):\n"
            "    try:\n"
            "        BaseXapiStatement.model_validate(s)\n"
            "    except ValidationError as e:\n"
            "        problems.append(f\"{s.get('id')}: {e}\")\n"
            "print(json.dumps(problems))\n")
        done = subprocess.run([str(self.python), "-c", script], input=json.dumps(statements),
                              capture_output=True, text=True, env=self._env(), check=True)
        return json.loads(done.stdout)


def main() -> None:  # pragma: no cover - a manual aid: `python tests/xapi/lrs.py FOLDER`
    ralph = Ralph(Path(sys.argv[1]))
    ralph.start()
    print(f"ralph at {ralph.endpoint} (user {USER}); Ctrl+C stops it")
    try:
        ralph.process.wait()  # type: ignore[union-attr]
    except KeyboardInterrupt:
        ralph.stop()


if __name__ == "__main__":  # pragma: no cover
    main()
