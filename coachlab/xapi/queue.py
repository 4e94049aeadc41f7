"""Statements waiting for the LRS, one JSON file each in ``<course>/.coachlab/xapi-queue/``.

A statement is written before it is sent and removed only once the LRS has taken it, so a
crash, a killed process or an LRS that is down loses nothing: the next ``coachlab xapi send``
sends what is left. Each file is written with :func:`coachlab.files.write_atomic` (a temporary
name, flushed, fsynced and renamed into place), so a reader sees a whole statement or none.
Files are named by statement id, so queueing the same statement twice keeps one copy.
Statements the LRS refused for good (HTTP 400 or 409) move to ``rejected/`` with the LRS's
reason, for the instructor to look at.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from pathlib import Path

from coachlab.files import fsync_directory, write_atomic

QUEUE_DIR = Path(".coachlab") / "xapi-queue"


def queue_dir(root: Path) -> Path:
    """The queue folder of the course (or cohort folder) at ``root``."""
    return Path(root) / QUEUE_DIR


class Queue:
    """The on-disk queue at ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    @property
    def rejected_folder(self) -> Path:
        """Where statements the LRS refused for good are kept."""
        return self.folder / "rejected"

    def put(self, statements: Iterable[dict]) -> int:
        """Queue statements (atomically, one file each); returns how many were written."""
        count = 0
        for statement in statements:
            _write_atomic(self.folder / f"{_safe_id(statement)}.json", statement, sync=False)
            count += 1
        if count:
            fsync_directory(self.folder)  # once for the batch: every rename above is durable
        return count

    def load(self) -> list[dict]:
        """Every queued statement, oldest event first. An unreadable file is moved aside to
        ``<name>.broken`` (never deleted) and skipped."""
        found = []
        for path in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            try:
                statement = json.loads(path.read_text(encoding="utf-8"))
                if not isinstance(statement, dict) or "id" not in statement:
                    raise ValueError("not a statement")
            except (OSError, ValueError):
                with contextlib.suppress(OSError):
                    path.rename(path.with_suffix(".broken"))
                continue
            found.append(statement)
        return sorted(found, key=lambda s: (s.get("timestamp", ""), s["id"]))

    def __len__(self) -> int:
        return len(list(self.folder.glob("*.json"))) if self.folder.is_dir() else 0

    def done(self, ids: Iterable[str]) -> None:
        """Remove the statements the LRS has taken."""
        for statement_id in ids:
            with contextlib.suppress(FileNotFoundError):
                (self.folder / f"{_safe_id({'id': statement_id})}.json").unlink()

    def reject(self, statement: dict, reason: str) -> None:
        """Move a statement the LRS refused for good to rejected/, with the reason."""
        name = _safe_id(statement)
        _write_atomic(self.rejected_folder / f"{name}.json",
                      {"reason": reason, "statement": statement})
        self.done([statement["id"]])

    def rejected(self) -> list[dict]:
        """The statements the LRS refused, each ``{"reason": ..., "statement": ...}``."""
        folder = self.rejected_folder
        return [json.loads(p.read_text(encoding="utf-8"))
                for p in sorted(folder.glob("*.json"))] if folder.is_dir() else []


def _safe_id(statement: dict) -> str:
    statement_id = str(statement["id"])
    if not statement_id or any(c not in "0123456789abcdef-" for c in statement_id.lower()):
        raise ValueError(f"not a statement id: {statement_id!r}")
    return statement_id.lower()


def _write_atomic(path: Path, data: dict, sync: bool = True) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(data, sort_keys=True), sync_folder=sync)
