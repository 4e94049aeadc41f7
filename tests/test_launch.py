"""`make start` serves the course on this machine only, behind a token, on the first lesson."""

from __future__ import annotations

import re
from pathlib import Path

from coachlab.launch import first_lesson, lab_command

ROOT = Path(__file__).resolve().parent.parent


def test_lab_binds_to_localhost_with_a_token() -> None:
    command = lab_command(ROOT, port=8899, token="s3cret-token", open_browser=False)
    assert "--ServerApp.ip=127.0.0.1" in command
    assert "--IdentityProvider.token=s3cret-token" in command
    assert not any(arg.startswith("--ServerApp.ip=0") for arg in command)
    assert f"--ServerApp.root_dir={ROOT}" in command


def test_lab_opens_on_the_first_lesson() -> None:
    assert first_lesson(ROOT).name.startswith("00-")
    command = lab_command(ROOT, port=8899, token="t", open_browser=False)
    assert "--LabApp.default_url=/lab/tree/course/00-welcome.ipynb" in command


def test_makefile_start_and_test_commands_exist() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "\nstart: setup\n" in makefile
    assert re.search(r"\ntest: setup\b", makefile)
