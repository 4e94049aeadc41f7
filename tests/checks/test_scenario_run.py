"""Grading a played scenario: the first complete play counts, scored by its ending's outcome."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coachlab.checks.quick import check_played
from coachlab.checks.scoring import OUTCOME_SHARE, score_scenario_run
from coachlab.responses import Journal
from coachlab.scenarios import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "solutions" / "01-tell-or-ask" / "first-reply.yaml"


def _path_to(outcome: str) -> list[int]:
    scenario = load_scenario(SCENARIO)
    walk = next(p for p in scenario.paths() if p.ending.outcome == outcome)
    return [step.choice_index for step in walk.steps]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(SCENARIO, tmp_path / "first-reply.yaml")
    return tmp_path


def _record(folder: Path, *outcomes: str) -> None:
    plays = [{"path": _path_to(outcome)} for outcome in outcomes]
    Journal.beside(folder).record("01.play", {"scenario": "first-reply", **plays[-1],
                                             "plays": plays})


@pytest.mark.parametrize(("outcome", "points"),
                         [("best", 4.0), ("good", 2.8), ("poor", 1.0)])
def test_the_outcome_of_the_ending_decides_the_points(folder: Path, outcome: str,
                                                      points: float) -> None:
    _record(folder, outcome)
    assert score_scenario_run("01.play", "first-reply.yaml", found=4, ended=1,
                              directory=str(folder)) == points
    assert OUTCOME_SHARE == {"best": 1.0, "good": 0.6, "mixed": 0.3, "poor": 0.0}


def test_the_first_complete_play_counts_not_the_best(folder: Path) -> None:
    _record(folder, "poor", "best", "best")
    assert score_scenario_run("01.play", "first-reply.yaml", 4, 1, str(folder)) == 1.0
    _record(folder, "best", "poor")
    assert score_scenario_run("01.play", "first-reply.yaml", 4, 1, str(folder)) == 4.0


def test_invalid_plays_are_skipped_and_no_play_earns_nothing(folder: Path) -> None:
    assert score_scenario_run("01.play", "first-reply.yaml", 4, 1, str(folder)) == 0.0
    Journal.beside(folder).record("01.play", {"plays": [{"path": [9, 9]}, {"path": "0"},
                                                        {"path": _path_to("good")}]})
    assert score_scenario_run("01.play", "first-reply.yaml", 4, 1, str(folder)) == 2.8


def test_check_played_says_the_first_run_counts(folder: Path, capsys) -> None:
    check_played("01.play", str(folder))
    assert "Not yet" in capsys.readouterr().err
    Journal.beside(folder).record("01.play", {"ending": "found", "path": _path_to("good")})
    check_played("01.play", str(folder))
    assert "Your first complete run counts" in capsys.readouterr().out
