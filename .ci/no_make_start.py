"""CI: the README's two commands for a laptop without `make`, run exactly as a learner types them.

    python -m venv .venv
    .venv/bin/python -m coachlab start

The second command installs the course on its first run, then serves JupyterLab. This script waits
until the first lesson is served behind the printed token, checks the course's quiet defaults (no
news, no update check), then stops the server. Standard library only: it runs before any install.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV_PYTHON = REPO / ".venv" / "bin" / "python"
INSTALL_AND_START_SECONDS = 900


def main() -> int:
    subprocess.run([sys.executable, "-m", "venv", ".venv"], cwd=REPO, check=True)
    log = REPO / "tests" / "artifacts" / "no-make-start.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        server = subprocess.Popen([str(VENV_PYTHON), "-m", "coachlab", "start"], cwd=REPO,
                                  stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base, token = wait_for_url(log, server)
        lesson = get(f"{base}/api/contents/course/00-welcome-lesson.ipynb?content=0&token={token}")
        assert lesson["type"] == "notebook", lesson
        with urllib.request.urlopen(f"{base}/coachlab/home?token={token}", timeout=30) as home:
            assert b"Your course home" in home.read()
        notification = get(f"{base}/lab/api/settings/"
                           f"@jupyterlab/apputils-extension:notification?token={token}")
        defaults = {k: v.get("default") for k, v in notification["schema"]["properties"].items()}
        assert defaults["fetchNews"] == "false" and defaults["checkForUpdates"] is False, defaults
        print(f"no-make path: the course home and first lesson are served at {base}; news and "
              "update checks are off")
        return 0
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_for_url(log: Path, server: subprocess.Popen) -> tuple[str, str]:
    """The server's base URL (the port it really took) and the token coachlab printed."""
    deadline = time.monotonic() + INSTALL_AND_START_SECONDS
    while time.monotonic() < deadline:
        text = log.read_text(errors="replace")
        token = re.search(r"coachlab: open http://\S+\?token=(\S+)", text)
        running = re.search(r"is running at:\s*\n.*?(http://127\.0\.0\.1:\d+)/", text)
        if token and running:
            return running.group(1), token.group(1)
        if server.poll() is not None:
            sys.exit(f"python -m coachlab start exited with {server.returncode}:\n{text[-3000:]}")
        time.sleep(1)
    sys.exit(f"python -m coachlab start served nothing in {INSTALL_AND_START_SECONDS} s:\n"
             f"{log.read_text(errors='replace')[-3000:]}")


def get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


if __name__ == "__main__":
    sys.exit(main())
