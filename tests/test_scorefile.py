"""The self-graded score record: written and read through one model; a malformed or oversized
record is refused naming the file and each field, and the progress page reads none from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coachlab.course import SELF_GRADED_DIR, SELF_GRADED_SCORE
from coachlab.progress.reading import self_graded_score
from coachlab.scorefile import (
    MAX_SCORE_BYTES,
    ScoreFileError,
    SelfGradedScore,
    WrittenPart,
    read_score,
)
from coachlab.selfgrade import _result

MODULE = "01-tell-or-ask"


def _record_path(root: Path) -> Path:
    path = root / SELF_GRADED_DIR / MODULE / SELF_GRADED_SCORE
    path.parent.mkdir(parents=True)
    return path


def test_a_record_reads_back_as_written(tmp_path: Path) -> None:
    path = _record_path(tmp_path)
    written = SelfGradedScore(module=MODULE, score=7, max_score=10, written_points=4,
                              written_parts=(WrittenPart(title="Reflection", points=4),),
                              reports=(f"{MODULE}.html",))
    path.write_text(written.model_dump_json(indent=2), encoding="utf-8")
    assert read_score(path) == written
    assert self_graded_score(tmp_path, MODULE) == (7.0, 10.0)


def test_a_malformed_record_names_the_file_and_each_field(tmp_path: Path) -> None:
    path = _record_path(tmp_path)
    path.write_text(json.dumps({"module": MODULE, "score": "7", "max_score": -1,
                                "written_parts": [{"title": "Reflection"}]}), encoding="utf-8")
    with pytest.raises(ScoreFileError) as caught:
        read_score(path)
    assert str(caught.value) == (
        f"{path}: score: Input should be a valid number (got '7'); "
        "max_score: Input should be greater than or equal to 0 (got -1); "
        "written_parts.1.points: required, but missing")
    assert self_graded_score(tmp_path, MODULE) is None


def test_a_score_above_its_maximum_is_refused(tmp_path: Path) -> None:
    path = _record_path(tmp_path)
    path.write_text(json.dumps({"score": 12, "max_score": 10}), encoding="utf-8")
    with pytest.raises(ScoreFileError) as caught:
        read_score(path)
    assert str(caught.value) == f"{path}: top level: score 12 is more than max_score 10"


@pytest.mark.parametrize(("text", "reason"), [
    ("{ nope", "Expecting property name enclosed in double quotes: line 1 column 3 (char 2)"),
    (" " * MAX_SCORE_BYTES + "{}", f"score.json is larger than {MAX_SCORE_BYTES:,} bytes"),
])
def test_an_unreadable_record_is_refused_before_or_while_parsing(tmp_path: Path, text: str,
                                                                   reason: str) -> None:
    path = _record_path(tmp_path)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScoreFileError) as caught:
        read_score(path)
    assert str(caught.value) == f"{path} cannot be read ({reason})"
    assert self_graded_score(tmp_path, MODULE) is None


def test_the_button_says_what_is_wrong_with_a_broken_record(tmp_path: Path) -> None:
    path = _record_path(tmp_path)
    report = path.parent / f"{MODULE}.html"
    report.write_text("<html></html>", encoding="utf-8")
    path.write_text(json.dumps({"score": 3}), encoding="utf-8")
    shown = _result(report, [])
    assert 'role="alert"' in shown and "max_score: required, but missing" in shown
