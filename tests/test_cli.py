"""The `coachlab` command as a user types it: classify, scenarios check, exercises --check."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coachlab.cli import main

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "scenarios" / "broken"


def test_classify_prints_label_reasons_and_hint(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "Have you tried offering a pilot?"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "leading"
    assert any(line.startswith("  because ") for line in out)
    assert any(line.startswith("  tip: ") for line in out)


def test_classify_json_for_machines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "--json", "Walk me through the call."]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["label"] == "open" and record["hint"] is None and record["reasons"]


def test_classify_reads_lines_from_stdin() -> None:
    done = subprocess.run([sys.executable, "-m", "coachlab.cli", "classify", "--json", "-"],
                          input="Let me call them.\n\nDid they sign?\n", capture_output=True,
                          text=True, timeout=60, check=True)
    labels = [json.loads(line)["label"] for line in done.stdout.splitlines()]
    assert labels == ["rescue", "closed"]


def test_classify_refuses_an_empty_reply(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "   "]) == 2
    assert "nothing to classify" in capsys.readouterr().err


def test_scenarios_check_passes_the_bank(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios", "check", str(ROOT / "course" / "scenarios")]) == 0
    assert "0 error(s)" in capsys.readouterr().out


def test_scenarios_check_fails_a_broken_file(capsys: pytest.CaptureFixture[str]) -> None:
    broken = sorted(BROKEN.glob("*.yaml"))
    assert broken
    assert main(["scenarios", "check", str(broken[0])]) == 1
    out = capsys.readouterr().out
    assert f"{broken[0]}:" in out and ": error: " in out


def test_scenarios_check_reads_the_lessons_practice_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A typo in a practice file fails the check an author runs, not the lesson a learner opens."""
    (tmp_path / "solutions").mkdir()
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    (tmp_path / "course" / "practice" / "drills").mkdir(parents=True)
    good = tmp_path / "course" / "practice" / "01-x.yaml"
    good.write_text('sorter:\n  - ["Walk me through the call.", open]\n', encoding="utf-8")
    broken = tmp_path / "course" / "practice" / "drills" / "01-y.yaml"
    broken.write_text('sortr:\n  - ["Walk me through the call.", open]\n', encoding="utf-8")
    monkeypatch.setenv("COACHLAB_ROOT", str(tmp_path))
    assert main(["scenarios", "check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"error: {broken}: sortr: not a field here (check its spelling and indentation)",
        "1 error(s), 0 warning(s) in 2 course files"]
    broken.write_text("pre_brief: []\n", encoding="utf-8")
    assert main(["scenarios", "check"]) == 0


def test_exercise_scenarios_check_clean() -> None:
    # Scenario files beside exercises, and a typed-reply conversation (the tests' own, since
    # the capstone became an interview).
    scenario_files = [p for p in (ROOT / "solutions").glob("*/*.yaml")
                      if "root_cause:" in p.read_text(encoding="utf-8")]
    scenario_files.append(ROOT / "tests" / "data" / "scenarios" / "capstone.yaml")
    assert scenario_files[:-1], "no scenario file beside an exercise"
    assert any("free_text:" in p.read_text(encoding="utf-8") for p in scenario_files)
    assert main(["scenarios", "check", *map(str, scenario_files)]) == 0


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "commands" in capsys.readouterr().out
