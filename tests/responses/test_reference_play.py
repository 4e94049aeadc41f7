"""The reference play beside a solution notebook: read where the journal is silent, not written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coachlab.course import JOURNAL_FILE as FILENAME
from coachlab.course import Module
from coachlab.responses import REFERENCE_FILENAME, Journal, JournalError
from tests.helpers.journals import answers as journal_answers

ROOT = Path(__file__).resolve().parents[2]


def _reference(folder: Path, answers: dict[str, object]) -> Path:
    path = folder / REFERENCE_FILENAME
    entries = {key: {"value": value, "updated": "2026-12-01T00:00:00+00:00"}
               for key, value in answers.items()}
    path.write_text(json.dumps({"version": 1, "answers": entries}), encoding="utf-8")
    return path


def test_beside_reads_the_reference_play_when_nothing_is_recorded(tmp_path: Path) -> None:
    _reference(tmp_path, {"01.play": {"path": [0, 0, 2]}})
    journal = Journal.beside(tmp_path)
    assert journal.get("01.play") == {"path": [0, 0, 2]}
    assert "01.play" in journal
    assert journal_answers(journal) == {"01.play": {"path": [0, 0, 2]}}
    assert not journal.path.exists()


def test_what_the_learner_recorded_wins_key_by_key(tmp_path: Path) -> None:
    _reference(tmp_path, {"a": "reference", "b": "reference"})
    journal = Journal.beside(tmp_path)
    journal.record("a", "mine")
    assert journal_answers(journal) == {"a": "mine", "b": "reference"}


def test_recording_never_copies_or_changes_the_reference_play(tmp_path: Path) -> None:
    reference = _reference(tmp_path, {"a": 1, "b": 2})
    before = reference.read_bytes()
    journal = Journal.beside(tmp_path)
    journal.record("a", 10)
    journal.update("c", lambda current: (current or 0) + 1)
    assert reference.read_bytes() == before
    # The journal file holds only what was recorded: the reference stays the author's.
    saved = json.loads((tmp_path / FILENAME).read_text(encoding="utf-8"))["answers"]
    assert sorted(saved) == ["a", "c"]


def test_a_journal_opened_by_path_ignores_a_reference_beside_it(tmp_path: Path) -> None:
    _reference(tmp_path, {"a": 1})
    assert Journal(tmp_path / FILENAME).get("a") is None


def test_a_broken_reference_play_is_reported_and_left_alone(tmp_path: Path) -> None:
    reference = tmp_path / REFERENCE_FILENAME
    reference.write_text('{"version": 1, "answers": {"a": ', encoding="utf-8")
    journal = Journal.beside(tmp_path)
    with pytest.raises(JournalError, match=REFERENCE_FILENAME) as caught:
        journal.get("a")
    assert caught.value.backup is None
    assert reference.read_text(encoding="utf-8") == '{"version": 1, "answers": {"a": '
    assert sorted(p.name for p in tmp_path.iterdir()) == [REFERENCE_FILENAME]
    # A learner's own answers can still be recorded beside it.
    journal.record("b", 2)
    assert Journal(journal.path).get("b") == 2


@pytest.mark.parametrize("reference", sorted(ROOT.glob(f"solutions/*/{REFERENCE_FILENAME}")),
                         ids=lambda p: p.parent.name)
def test_every_reference_play_in_the_course_is_a_readable_journal(reference: Path) -> None:
    answers = journal_answers(Journal(reference))
    assert answers, f"{reference} records nothing"
    module = Module.parse(reference.parent).number
    assert all(key.startswith(f"{module}.") for key in answers), sorted(answers)
