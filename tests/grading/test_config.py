"""The course's nbgrader_config.py works for plain nbgrader commands, with and without a URL."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from coachlab.course import load_config

ROOT = Path(__file__).resolve().parents[2]


def test_gradebook_defaults_to_sqlite_and_follows_the_environment(monkeypatch) -> None:
    monkeypatch.delenv("COACHLAB_DB_URL", raising=False)
    assert not load_config(ROOT).CourseDirectory.get("db_url")
    monkeypatch.setenv("COACHLAB_DB_URL", "sqlite:////tmp/elsewhere.db")
    assert load_config(ROOT).CourseDirectory.db_url == "sqlite:////tmp/elsewhere.db"


def test_plain_nbgrader_command_accepts_the_course_config(tmp_path: Path) -> None:
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path)
    (tmp_path / "solutions").mkdir()
    env = {k: v for k, v in os.environ.items() if k != "COACHLAB_DB_URL"}
    nbgrader = Path(sys.executable).parent / "nbgrader"
    done = subprocess.run([str(nbgrader), "db", "student", "add", "ada", "--last-name=Byron"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "gradebook.db").is_file()


def test_a_plain_postgresql_url_gets_its_driver_named_for_nbgrader_too(monkeypatch) -> None:
    from importlib.util import find_spec

    from coachlab.course import gradebook_url

    driver = "postgresql://" if find_spec("psycopg") else "postgresql+psycopg2://"
    monkeypatch.setenv("COACHLAB_DB_URL", "postgresql://coach:secret@db/coachlab")
    # nbgrader's own commands read nbgrader_config.py; coachlab's resolve the URL themselves.
    assert load_config(ROOT).CourseDirectory.db_url == f"{driver}coach:secret@db/coachlab"
    assert gradebook_url(ROOT) == f"{driver}coach:secret@db/coachlab"
    assert gradebook_url(ROOT, "sqlite:////x.db") == "sqlite:////x.db"
    monkeypatch.delenv("COACHLAB_DB_URL")
    assert gradebook_url(ROOT) == f"sqlite:///{ROOT.resolve() / 'gradebook.db'}"
