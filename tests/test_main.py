"""``python -m coachlab``: the no-make path installs once, then runs the coachlab command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coachlab import __main__ as bootstrap

ROOT = Path(__file__).resolve().parent.parent


def fake_course(tmp_path: Path) -> Path:
    repo = tmp_path / "course"
    repo.mkdir()
    (repo / "pyproject.toml").write_text('[project]\nname = "coachlab"\n')
    return repo


def test_an_install_is_remembered_and_redone_when_pyproject_changes(tmp_path: Path) -> None:
    repo = fake_course(tmp_path)
    record = tmp_path / bootstrap.RECORD_NAME
    want = bootstrap.wanted(repo, ["test"])
    assert not bootstrap.installed(record, want)
    record.write_text(json.dumps(bootstrap.wanted(repo, ["test", "hub"])))
    assert bootstrap.installed(record, want)                       # extras already there
    assert bootstrap.installed(record, bootstrap.wanted(repo, []))
    assert not bootstrap.installed(record, bootstrap.wanted(repo, ["docs"]))
    (repo / "pyproject.toml").write_text('[project]\nname = "coachlab"\nversion = "2"\n')
    assert not bootstrap.installed(record, bootstrap.wanted(repo, ["test"]))
    record.write_text("{not json")
    assert not bootstrap.installed(record, want)
    for extras in (5, "test", [["test"]]):  # a record of another shape means: install again
        record.write_text(json.dumps({**want, "extras": extras}))
        assert not bootstrap.installed(record, want)


def test_outside_a_virtual_environment_it_says_how_to_make_one(tmp_path: Path,
                                                              monkeypatch) -> None:
    monkeypatch.setattr(bootstrap, "in_environment", lambda: False)
    with pytest.raises(bootstrap.SetupError) as error:
        bootstrap.ensure_installed([], prefix=tmp_path, repo=fake_course(tmp_path))
    assert "python -m venv .venv" in str(error.value)
    assert r".venv\Scripts\python -m coachlab start" in str(error.value)
    assert not (tmp_path / bootstrap.RECORD_NAME).exists()


def test_a_failed_install_is_not_remembered(tmp_path: Path, monkeypatch) -> None:
    """pip fails (here: a folder that is no package): a clear error, nothing recorded."""
    monkeypatch.setattr(bootstrap, "in_environment", lambda: True)
    repo = fake_course(tmp_path)
    (repo / "pyproject.toml").write_text("[project\n")  # pip cannot read it
    with pytest.raises(bootstrap.SetupError, match="run the same command again"):
        bootstrap.ensure_installed([], prefix=tmp_path, repo=repo)
    assert not (tmp_path / bootstrap.RECORD_NAME).exists()


def test_this_environment_runs_the_coachlab_command() -> None:
    """From the course folder, ``python -m coachlab`` is the ``coachlab`` command itself."""
    done = subprocess.run([sys.executable, "-m", "coachlab", "--help"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    for command in ("start", "self-grade", "progress"):
        assert command in done.stdout
    record = json.loads((Path(sys.prefix) / bootstrap.RECORD_NAME).read_text())
    assert record["source"] == str(ROOT)
