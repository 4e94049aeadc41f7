"""The learner's answer journal: a small JSON file beside the notebook.

Widgets and answer cells record what the learner chose or wrote; graded cells read it back with
``Journal.beside().get(key)``. Because autograde re-runs the notebook in a fresh kernel, this file
is how widget answers reach the grader.

File shape::

    {"version": 1, "answers": {key: {"value": ..., "updated": "2026-01-01T09:00:00+00:00"}}}

Writes are safe against crashes and against several writers at once: every ``record`` takes an
exclusive lock on a sidecar file, re-reads the journal, merges, and replaces the file with
:func:`coachlab.files.write_atomic` (a temporary file in the same directory, flushed, fsynced and
swapped in with ``os.replace``). A reader therefore always sees either the previous complete
journal or the new one, never half of one.

A journal that cannot be read (broken JSON, wrong shape) is never thrown away: it is first copied
to ``coachlab-answers.json.corrupt-<timestamp>`` and the error names both files.

An exercise's source folder (``solutions/NN-slug/``) holds a **reference play**,
``reference-play.json``: a journal file in the same format with the answers the solution's widgets
would have recorded. ``Journal.beside`` reads answers the journal lacks from it, so the solution
notebook validates and grades in full where it lies; it is only ever read, never written. It is
instructor material: never released, never copied into a learner's grading folder.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import warnings
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coachlab.course import JOURNAL_FILE
from coachlab.files import fsync_directory, temp_files, write_atomic

__all__ = ["MAX_JOURNAL_BYTES", "REFERENCE_FILENAME", "VERSION", "Journal", "JournalError",
           "JournalWarning", "read_capped", "read_entries"]

MAX_JOURNAL_BYTES = 2 * 1024 * 1024
"""A journal larger than this is not parsed by a reader of other people's journals (progress,
reports, grading's interview check): honest answers take a few kilobytes."""

#: The reference play beside a solution notebook (see the module docstring).
REFERENCE_FILENAME = "reference-play.json"
VERSION = 1


class JournalError(ValueError):
    """The journal file exists but cannot be read; a backup copy has been kept.

    Attributes:
        path: the journal file.
        backup: the copy of the unreadable file that was kept, or None if copying failed.
    """

    def __init__(self, message: str, path: Path, backup: Path | None) -> None:
        super().__init__(message)
        self.path = path
        self.backup = backup


class JournalWarning(UserWarning):
    """An unreadable journal was backed up and a fresh one was started."""


class Journal:
    """The answer journal stored at ``path`` (usually ``coachlab-answers.json``).

    ``reference``, when given and present, is a read-only journal file whose answers are read
    for keys this journal has not recorded (a solution's reference play).
    """

    def __init__(self, path: Path | str, reference: Path | str | None = None) -> None:
        self.path = Path(path)
        self.reference = Path(reference) if reference is not None else None

    @classmethod
    def beside(cls, directory: Path | str = ".") -> Journal:
        """Return the journal in ``directory`` (default: the current directory, i.e. beside the
        notebook that is running), backed by the reference play there if there is one."""
        directory = Path(directory)
        return cls(directory / JOURNAL_FILE, directory / REFERENCE_FILENAME)

    def __repr__(self) -> str:
        if self.reference is None:
            return f"Journal({str(self.path)!r})"
        return f"Journal({str(self.path)!r}, reference={str(self.reference)!r})"

    @property
    def lock_path(self) -> Path:
        """The sidecar file that writers lock; it is left in place between writes."""
        return self.path.with_name(self.path.name + ".lock")

    # ----------------------------------------------------------------------------- reading

    def get(self, key: str, default: Any = None) -> Any:
        """Return the recorded value for ``key``, or ``default`` if nothing was recorded.

        Raises JournalError (after keeping a backup copy) if the file is unreadable.
        """
        entry = self._visible_entries().get(key)
        return default if entry is None else entry["value"]

    def entries(self) -> dict[str, dict[str, Any]]:
        """Return every answer with its timestamp: ``{key: {"value": ..., "updated": ...}}``."""
        return self._visible_entries()

    def __contains__(self, key: object) -> bool:
        return key in self._visible_entries()

    # ----------------------------------------------------------------------------- writing

    def record(self, key: str, value: Any) -> None:
        """Record ``value`` under ``key``, keeping every other answer already in the file.

        ``key`` must be a non-empty string and ``value`` must be JSON-serialisable (strings,
        numbers, booleans, None, lists and dicts of those); the value is stored as plain JSON, so
        tuples come back as lists and dict keys as strings. If the file on disk is unreadable it
        is backed up first, a JournalWarning names the backup, and a fresh journal is started.
        """
        _check_key(key)
        _to_plain_json(value, key)  # refuse a value that cannot be stored before taking the lock
        self.update(key, lambda _current: value)

    def update(self, key: str, change: Callable[[Any], Any]) -> Any:
        """Replace the value under ``key`` with ``change(current value or None)``, atomically.

        The read, the change and the write happen under the journal's lock, so two notebooks
        updating the same key (a running tally, a list) never lose each other's changes. Returns
        the value stored. The same rules as :meth:`record` apply to the new value.
        """
        _check_key(key)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked():
            self._remove_stale_temp_files()
            try:
                entries = self._read_entries()
            except JournalError as error:
                if error.backup is None:
                    raise
                warnings.warn(
                    f"{error} A fresh journal has been started; the old file is kept at "
                    f"{error.backup}.",
                    JournalWarning,
                    stacklevel=2,
                )
                entries = {}
            current = entries.get(key)
            plain = _to_plain_json(change(None if current is None else current["value"]), key)
            entries[key] = {"value": plain, "updated": _now()}
            self._write({"version": VERSION, "answers": entries})
        return plain

    # ----------------------------------------------------------------------------- internals

    def _visible_entries(self) -> dict[str, dict[str, Any]]:
        """The journal's entries over the reference play's: what the learner recorded wins."""
        own = self._read_entries()
        if self.reference is None:
            return own
        return {**_reference_entries(self.reference), **own}

    def _read_entries(self) -> dict[str, dict[str, Any]]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        if not raw.strip():  # an empty file holds nothing to lose
            return {}
        try:
            data = json.loads(raw.decode("utf-8"))
            return _validated_entries(data)
        except (UnicodeDecodeError, json.JSONDecodeError, _SchemaError) as problem:
            backup = self._backup(raw)
            where = f"A copy was kept at {backup}." if backup else "No backup could be written."
            raise JournalError(
                f"The answer journal {self.path} could not be read ({problem}). {where}",
                self.path,
                backup,
            ) from problem

    def _backup(self, raw: bytes) -> Path | None:
        """Keep a copy of an unreadable journal; reuse an identical earlier copy if present."""
        for existing in sorted(self.path.parent.glob(self.path.name + ".corrupt-*")):
            try:
                if existing.read_bytes() == raw:
                    return existing
            except OSError:
                continue
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        counter = 1
        while backup.exists():
            backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{counter}")
            counter += 1
        try:
            with open(backup, "xb") as handle:
                handle.write(raw)
                handle.flush()
                os.fsync(handle.fileno())
            with contextlib.suppress(OSError):
                shutil.copystat(self.path, backup)
            fsync_directory(self.path.parent)
        except OSError:
            return None
        return backup

    def _write(self, data: dict[str, Any]) -> None:
        write_atomic(self.path, journal_text(data))

    def _remove_stale_temp_files(self) -> None:
        """Delete temporary files left by a writer that died mid-write.

        Only called while holding the lock, so no live writer can own one of them.
        """
        for stale in temp_files(self.path):
            with contextlib.suppress(OSError):
                stale.unlink()

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        # filelock locks the same way on Linux, macOS and Windows (flock or msvcrt). Deferred:
        # it took 0.12 s to import (``python -X importtime``); every lesson kernel imports this
        # module, and only a write takes the lock.
        from filelock import FileLock

        with FileLock(self.lock_path):
            yield


def journal_text(data: dict[str, Any]) -> str:
    """A journal's JSON text: one line per answer, keys sorted, so a person can read it and a
    diff shows which answer changed.

    Each line is written by the json module's C encoder (``indent`` would send the whole journal
    through its pure-Python one, ten times slower: every click of a widget rewrites the file).
    """
    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    rest = {key: value for key, value in data.items() if key != "answers"}
    lines = [f"    {dump(key)}: {dump(entry)}"
             for key, entry in sorted(data.get("answers", {}).items())]
    head = ('  "answers": {\n' + ",\n".join(lines) + "\n  }") if lines else '  "answers": {}'
    tail = "".join(f",\n  {dump(key)}: {dump(value)}" for key, value in sorted(rest.items()))
    return "{\n" + head + tail + "\n}\n"


def read_entries(path: Path | str) -> dict[str, dict[str, Any]]:
    """A journal file's ``{key: {"value": ..., "updated": ...}}``, read without a lock or side
    effects: {} when it is absent, unreadable or larger than :data:`MAX_JOURNAL_BYTES`. For
    readers of other people's journals (progress, reports, xAPI), which must never repair or move
    a learner's file."""
    try:
        data = json.loads(read_capped(Path(path)))
    except (OSError, ValueError):
        return {}
    answers = data.get("answers") if isinstance(data, dict) else None
    if not isinstance(answers, dict):
        return {}
    return {k: v for k, v in answers.items() if isinstance(v, dict)}


def read_capped(path: Path, limit: int = MAX_JOURNAL_BYTES) -> str:
    """The text of a learner's file at ``path``, checked against ``limit`` before it is read
    (limits come before parsing). Raises ``ValueError`` for a larger file, ``OSError`` for one
    that cannot be read."""
    with open(path, "rb") as handle:
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise ValueError(f"{path.name} is larger than {limit:,} bytes")
    return raw.decode("utf-8")


def _reference_entries(path: Path) -> dict[str, dict[str, Any]]:
    """A reference play's entries ({} when there is none). Unlike a learner's journal, a broken
    one is the author's to fix: it is reported, never backed up or replaced."""
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return {}
    try:
        return _validated_entries(json.loads(raw.decode("utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError, _SchemaError) as problem:
        raise JournalError(
            f"The reference play {path} could not be read ({problem}). It must be an answer "
            f"journal: play the solution notebook's widgets, then copy {JOURNAL_FILE} to "
            f"{REFERENCE_FILENAME}.",
            path,
            None,
        ) from problem


class _SchemaError(ValueError):
    pass


def _validated_entries(data: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(data, dict):
        raise _SchemaError("expected a JSON object at the top level")
    if data.get("version") != VERSION:
        raise _SchemaError(f"expected version {VERSION}, found {data.get('version')!r}")
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise _SchemaError('expected an "answers" object')
    for key, entry in answers.items():
        if not isinstance(entry, dict) or "value" not in entry:
            raise _SchemaError(f'answer {key!r} has no "value"')
        if not isinstance(entry.get("updated"), str):
            raise _SchemaError(f'answer {key!r} has no "updated" timestamp')
    return answers


def _check_key(key: Any) -> None:
    if not isinstance(key, str):
        raise TypeError(f"A journal key must be a string, not {type(key).__name__}.")
    if not key.strip():
        raise ValueError("A journal key must not be empty.")


def _to_plain_json(value: Any, key: str) -> Any:
    """Round-trip ``value`` through JSON so only plain data is stored."""
    try:
        text = json.dumps(value, allow_nan=False)
    except (TypeError, ValueError) as problem:
        raise TypeError(
            f"The answer for {key!r} cannot be saved: it must be made of text, numbers, "
            f"True/False/None, lists and dicts ({problem})."
        ) from problem
    plain = json.loads(text)
    if isinstance(plain, float) and not math.isfinite(plain):  # pragma: no cover - defensive
        raise TypeError(f"The answer for {key!r} must be a finite number.")
    return plain


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
