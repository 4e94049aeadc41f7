"""Reading a whole answer journal in tests: the course reads one key at a time
(``Journal.get``), reports read files without side effects (``coachlab.journals.read_answers``)."""

from __future__ import annotations

from typing import Any

from coachlab.responses import Journal


def answers(journal: Journal) -> dict[str, Any]:
    """Every answer ``journal`` shows as ``{key: value}``: its own, then its reference play's
    for keys it lacks. Raises JournalError (after keeping a backup) if the file is unreadable."""
    return {key: entry["value"] for key, entry in journal.entries().items()}
