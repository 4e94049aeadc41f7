"""The practice file's schema and its one reader: every file the course ships fits it, and a
malformed one is refused naming the file and each field at fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlab.lessons import LessonContentError, lesson
from coachlab.practice.lesson_items import DEBRIEF_STAGES, PRE_BRIEF_PARTS, RULE_REASONS
from coachlab.practicefile import (
    DEBRIEF_STAGE_KEYS,
    MAX_PRACTICE_BYTES,
    PRE_BRIEF_PART_KEYS,
    RULE_REASON_KEYS,
    PracticeFile,
    PracticeFileError,
    read_practice_file,
)

COURSE = Path(__file__).resolve().parent.parent / "course"
FILES = sorted([*(COURSE / "practice").glob("*.yaml"),
                *(COURSE / "practice" / "drills").glob("*.yaml")])


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_practice_file_the_course_ships_fits_the_schema(path: Path) -> None:
    content = read_practice_file(path)
    assert content != PracticeFile(), f"{path.name} read as empty"


def test_the_schema_names_the_keys_the_items_explain() -> None:
    """The schema's allowed answers are the ones lesson_items has words for, in that order."""
    assert tuple(RULE_REASONS) == RULE_REASON_KEYS
    assert tuple(DEBRIEF_STAGES) == DEBRIEF_STAGE_KEYS
    assert tuple(PRE_BRIEF_PARTS) == PRE_BRIEF_PART_KEYS


def test_a_misspelt_key_is_an_error_naming_the_file_and_the_field(tmp_path: Path) -> None:
    path = tmp_path / "99-typo.yaml"
    path.write_text("sortr:\n  - [\"Just send it.\", tell]\nscenario: Not An Id\n"
                    "interview: 3\nconversation: [a]\n", encoding="utf-8")
    with pytest.raises(PracticeFileError) as caught:
        read_practice_file(path)
    assert str(caught.value) == (
        f"{path}: scenario: String should match pattern '^[a-z0-9]+(?:-[a-z0-9]+)*$' "
        "(got 'Not An Id'); interview: Input should be a valid string (got 3); "
        "conversation: should be a mapping (name: value lines); "
        "sortr: not a field here (check its spelling and indentation)")


@pytest.mark.parametrize(("text", "message"), [
    ("- just a list\n", "top level: should be a mapping (name: value lines)"),
    ("practice_interviews: {reps: []}\n",
     "practice_interviews.reps: Tuple should have at least 1 item after validation, not 0"),
    ("step_in:\n  - {situation: A rep is slow., reason: slower, because: x}\n",
     "step_in.1.because: not a field here (check its spelling and indentation)"),
])
def test_a_malformed_file_is_refused_by_field(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "99-x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PracticeFileError) as caught:
        read_practice_file(path)
    assert str(caught.value) == f"{path}: {message}"


def test_a_file_that_is_not_yaml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "99-x.yaml"
    path.write_text("sorter: [unclosed\n", encoding="utf-8")
    with pytest.raises(PracticeFileError) as caught:
        read_practice_file(path)
    assert str(caught.value).startswith(f"{path} is not valid YAML: ")


def test_an_empty_file_is_an_empty_practice_file(tmp_path: Path) -> None:
    path = tmp_path / "99-x.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert read_practice_file(path) == PracticeFile()


def test_an_oversized_file_is_not_parsed(tmp_path: Path) -> None:
    path = tmp_path / "99-x.yaml"
    path.write_text("sorter: [" + "x" * MAX_PRACTICE_BYTES + "\n", encoding="utf-8")
    with pytest.raises(PracticeFileError) as caught:
        read_practice_file(path)
    assert str(caught.value) == f"{path} is larger than {MAX_PRACTICE_BYTES:,} bytes"


def test_a_lesson_reports_its_malformed_file_by_field(tmp_path: Path) -> None:
    (tmp_path / "practice").mkdir()
    path = tmp_path / "practice" / "99-x.yaml"
    path.write_text("sorter:\n  - [\"Just send it.\", shout]\n", encoding="utf-8")
    with pytest.raises(LessonContentError) as caught:
        lesson("99-x", tmp_path)
    assert str(caught.value) == (f"{path}: sorter.1.move: should be one of tell, rescue, open, "
                                 "closed, leading (got 'shout')")


def test_a_lesson_without_a_sorter_says_so(tmp_path: Path) -> None:
    (tmp_path / "practice").mkdir()
    (tmp_path / "practice" / "99-x.yaml").write_text("scenario: somewhere\n", encoding="utf-8")
    with pytest.raises(LessonContentError) as caught:
        lesson("99-x", tmp_path).sorter()
    assert str(caught.value) == ("practice/99-x.yaml needs 'sorter' (a list of [reply, move])")
