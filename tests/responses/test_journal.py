"""The answer journal: round trips, validation, corrupt files, crashes and concurrent writers."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from coachlab.course import JOURNAL_FILE as FILENAME
from coachlab.responses import Journal, JournalError, JournalWarning
from tests.helpers.journals import answers as journal_answers

FORK = multiprocessing.get_context("fork")


def test_beside_puts_the_file_in_the_given_directory(tmp_path: Path) -> None:
    assert Journal.beside(tmp_path).path == tmp_path / FILENAME
    assert Journal.beside().path == Path(".") / FILENAME


def test_missing_file_reads_as_empty(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    assert journal.get("01.sorter") is None
    assert journal.get("01.sorter", "nothing yet") == "nothing yet"
    assert journal_answers(journal) == {}
    assert not journal.path.exists()


def test_empty_file_reads_as_empty_without_a_backup(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    journal.path.write_text("\n", encoding="utf-8")
    assert journal_answers(journal) == {}
    journal.record("k", 1)
    assert journal_answers(journal) == {"k": 1}
    assert not list(tmp_path.glob(FILENAME + ".corrupt-*"))


def test_record_round_trips_through_a_new_instance(tmp_path: Path) -> None:
    Journal.beside(tmp_path).record("01.sorter", {"choices": {"0": "tell", "1": "open"}})
    Journal.beside(tmp_path).record("02.reflection", "I ask more now.")
    again = Journal.beside(tmp_path)
    assert again.get("01.sorter") == {"choices": {"0": "tell", "1": "open"}}
    assert journal_answers(again) == {
        "01.sorter": {"choices": {"0": "tell", "1": "open"}},
        "02.reflection": "I ask more now.",
    }
    assert "02.reflection" in again and "03.missing" not in again


def test_file_has_the_documented_shape(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    journal.record("k", [1, 2.5, True, None, "x"])
    data = json.loads(journal.path.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["answers"]["k"]["value"] == [1, 2.5, True, None, "x"]
    assert "T" in data["answers"]["k"]["updated"]  # ISO 8601
    assert set(journal.entries()["k"]) == {"value", "updated"}


def test_record_overwrites_one_key_and_keeps_the_others(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    journal.record("a", 1)
    journal.record("b", 2)
    journal.record("a", 3)
    assert journal_answers(journal) == {"a": 3, "b": 2}


def test_record_merges_with_what_another_instance_wrote(tmp_path: Path) -> None:
    first, second = Journal.beside(tmp_path), Journal.beside(tmp_path)
    first.record("a", 1)
    second.record("b", 2)
    first.record("c", 3)
    assert journal_answers(Journal.beside(tmp_path)) == {"a": 1, "b": 2, "c": 3}


def test_values_are_stored_as_plain_json(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    journal.record("k", {"choices": {0: "tell"}, "path": (1, 2)})
    assert journal.get("k") == {"choices": {"0": "tell"}, "path": [1, 2]}


@pytest.mark.parametrize("bad_key", ["", "   "])
def test_empty_key_is_refused(tmp_path: Path, bad_key: str) -> None:
    with pytest.raises(ValueError, match="empty"):
        Journal.beside(tmp_path).record(bad_key, 1)


def test_non_string_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="string"):
        Journal.beside(tmp_path).record(7, 1)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad_value", [object(), {1, 2}, float("nan"), {"x": b"bytes"}])
def test_values_that_are_not_json_are_refused_clearly(tmp_path: Path, bad_value: object) -> None:
    journal = Journal.beside(tmp_path)
    journal.record("kept", "safe")
    with pytest.raises(TypeError, match="cannot be saved"):
        journal.record("bad", bad_value)
    assert journal_answers(journal) == {"kept": "safe"}


@pytest.mark.parametrize(
    "content",
    [
        "{ not json",
        "[1, 2, 3]",
        '{"version": 2, "answers": {}}',
        '{"version": 1, "answers": []}',
        '{"version": 1, "answers": {"k": 5}}',
        '{"version": 1, "answers": {"k": {"value": 5}}}',
    ],
)
def test_unreadable_journal_is_backed_up_and_named(tmp_path: Path, content: str) -> None:
    journal = Journal.beside(tmp_path)
    journal.path.write_text(content, encoding="utf-8")
    with pytest.raises(JournalError) as caught:
        journal.get("k")
    error = caught.value
    assert error.path == journal.path
    assert error.backup is not None and error.backup.read_text(encoding="utf-8") == content
    assert error.backup.name.startswith(FILENAME + ".corrupt-")
    assert str(journal.path) in str(error) and str(error.backup) in str(error)
    # reading again does not pile up copies of the same bad file
    with pytest.raises(JournalError):
        journal_answers(journal)
    assert len(list(tmp_path.glob(FILENAME + ".corrupt-*"))) == 1


def test_record_over_a_corrupt_journal_backs_up_first_then_starts_fresh(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    journal.path.write_bytes(b'{"version": 1, "answers": {"old": \xff')
    with pytest.warns(JournalWarning, match="corrupt-"):
        journal.record("new", "answer")
    backups = list(tmp_path.glob(FILENAME + ".corrupt-*"))
    assert len(backups) == 1
    assert backups[0].read_bytes() == b'{"version": 1, "answers": {"old": \xff'
    assert journal_answers(journal) == {"new": "answer"}


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    for index in range(5):
        journal.record(f"k{index}", index)
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILENAME, FILENAME + ".lock"]


def test_stale_temporary_file_from_a_dead_writer_is_cleaned_up(tmp_path: Path) -> None:
    stale = tmp_path / f".{FILENAME}.abc123.tmp"
    stale.write_text('{"half": ', encoding="utf-8")
    Journal.beside(tmp_path).record("k", 1)
    assert not stale.exists()


def test_creates_missing_directory(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path / "new" / "folder")
    journal.record("k", 1)
    assert journal.get("k") == 1


def test_threads_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    threads = [
        threading.Thread(target=_write_keys, args=(str(tmp_path), writer, 10))
        for writer in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(journal_answers(Journal.beside(tmp_path))) == 40


# ----------------------------------------------------------------------------- processes


def _write_keys(directory: str, writer: int, count: int) -> None:
    journal = Journal.beside(directory)
    for index in range(count):
        journal.record(f"w{writer}.k{index}", {"writer": writer, "index": index})


def test_several_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    writers, per_writer = 4, 15
    processes = [
        FORK.Process(target=_write_keys, args=(str(tmp_path), writer, per_writer))
        for writer in range(writers)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    answers = journal_answers(Journal.beside(tmp_path))
    assert len(answers) == writers * per_writer
    for writer in range(writers):
        for index in range(per_writer):
            assert answers[f"w{writer}.k{index}"] == {"writer": writer, "index": index}


def _write_forever(directory: str, connection) -> None:  # type: ignore[no-untyped-def]
    journal = Journal.beside(directory)
    padding = "x" * 20_000  # large entries make each write take a while
    index = 0
    while True:
        journal.record(f"k{index}", {"index": index, "padding": padding})
        connection.send(index)  # only sent once record() has returned
        index += 1


def test_process_killed_mid_write_leaves_the_last_complete_journal(tmp_path: Path) -> None:
    receiver, sender = FORK.Pipe(duplex=False)
    process = FORK.Process(target=_write_forever, args=(str(tmp_path), sender))
    process.start()
    sender.close()
    confirmed = -1
    deadline = time.monotonic() + 30
    while confirmed < 25 and time.monotonic() < deadline:
        if receiver.poll(1):
            confirmed = receiver.recv()
    os.kill(process.pid, signal.SIGKILL)
    process.join(timeout=10)
    assert process.exitcode == -signal.SIGKILL
    try:
        while receiver.poll(0):  # anything confirmed just before the kill
            confirmed = receiver.recv()
    except EOFError:
        pass
    assert confirmed >= 25, "the writer did not get going"

    data = json.loads((tmp_path / FILENAME).read_text(encoding="utf-8"))  # parses
    answers = journal_answers(Journal.beside(tmp_path))
    assert data["version"] == 1
    for index in range(confirmed + 1):
        assert answers[f"k{index}"]["index"] == index
    # the next writer cleans up and carries on
    Journal.beside(tmp_path).record("after", True)
    assert Journal.beside(tmp_path).get("after") is True
    assert not list(tmp_path.glob(f".{FILENAME}.*.tmp"))


def test_update_changes_one_value_under_the_lock(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    journal.record("other", "kept")
    assert journal.update("tally", lambda old: (old or 0) + 1) == 1
    assert journal.update("tally", lambda old: (old or 0) + 1) == 2
    assert journal_answers(journal) == {"other": "kept", "tally": 2}


def test_update_from_several_threads_loses_no_increment(tmp_path: Path) -> None:
    def bump() -> None:
        for _ in range(10):
            Journal.beside(tmp_path).update("tally", lambda old: (old or 0) + 1)

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert Journal.beside(tmp_path).get("tally") == 40


def test_update_refuses_values_that_are_not_json(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    journal.record("tally", 1)
    with pytest.raises(TypeError, match="cannot be saved"):
        journal.update("tally", lambda old: object())
    assert journal.get("tally") == 1


def test_the_file_holds_one_line_per_answer_in_key_order(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    journal.record("02.sorter", {"picked": ["open", "tell"], "note": "é \u2014 \"quoted\""})
    journal.record("01.sorter", None)
    text = journal.path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "{" and lines[1] == '  "answers": {' and lines[-1] == "}"
    assert lines[2].startswith('    "01.sorter": {') and lines[3].startswith('    "02.sorter": {')
    assert "é \u2014" in lines[3]  # written as the learner typed it, not as \\u escapes
    assert json.loads(text)["answers"]["02.sorter"]["value"]["note"] == "é \u2014 \"quoted\""
    assert journal_answers(journal) == {"01.sorter": None,
                                        "02.sorter": {"picked": ["open", "tell"],
                                                      "note": "é \u2014 \"quoted\""}}
