"""Lesson practice content is well formed and agrees with the course's own analyzer."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coachlab.analysis import classify
from coachlab.lessons import LessonContentError, lesson

COURSE = Path(__file__).resolve().parent.parent / "course"
PRACTICE = sorted((COURSE / "practice").glob("*.yaml"))


@pytest.mark.parametrize("path", PRACTICE, ids=[p.stem for p in PRACTICE])
def test_sorter_items_read_as_their_stated_move(path: Path) -> None:
    content = yaml.safe_load(path.read_text())
    for text, move in content.get("sorter", []):
        assert classify(text).label == move, f"{path.name}: {text!r} is not read as {move}"


@pytest.mark.parametrize("path", PRACTICE, ids=[p.stem for p in PRACTICE])
def test_lesson_widgets_build(path: Path, tmp_path: Path) -> None:
    course = lesson(path.stem, COURSE)
    content = yaml.safe_load(path.read_text())
    # Build against a scratch journal so the test leaves nothing in course/.
    course.folder = tmp_path
    (tmp_path / "scenarios").symlink_to(COURSE / "scenarios")
    (tmp_path / "reps").symlink_to(COURSE / "reps")
    if "sorter" in content:
        assert course.sorter() is not None
    if "scenario" in content:
        player = course.scenario_player()
        assert player.path == []
    if "interview" in content:
        interview = course.interview()
        assert interview.rep.id == content["interview"] and interview.questions == []
        interview.ask("Walk me through your last discovery call.")
        key = f"{path.stem}.interview.{content['interview']}"
        assert course.journal.get(key)["interview"] == content["interview"]
    assert course.question_coach() is not None


def test_lesson_02_interviews_marcus() -> None:
    """Lesson 02 plays a rep the exercise and the capstone do not grade."""
    content = yaml.safe_load((COURSE / "practice" / "02-find-the-root-cause.yaml").read_text())
    assert content["interview"] == "marcus-short-discovery"
    assert (COURSE / "reps" / "marcus-short-discovery.yaml").is_file()


def test_missing_rep_is_reported(tmp_path: Path) -> None:
    (tmp_path / "practice").mkdir()
    (tmp_path / "practice" / "99-x.yaml").write_text("interview: nobody-here\n")
    with pytest.raises(LessonContentError, match="rep 'nobody-here' not found"):
        lesson("99-x", tmp_path).interview()


def test_malformed_practice_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "practice").mkdir()
    (tmp_path / "practice" / "99-x.yaml").write_text("sorter: [unclosed\n")
    with pytest.raises(LessonContentError, match="not valid YAML"):
        lesson("99-x", tmp_path)


def test_missing_scenario_is_reported(tmp_path: Path) -> None:
    (tmp_path / "practice").mkdir()
    (tmp_path / "practice" / "99-x.yaml").write_text("scenario: nowhere\n")
    with pytest.raises(LessonContentError, match="not found"):
        lesson("99-x", tmp_path).scenario_player()
