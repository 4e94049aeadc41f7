"""A saved interview, read back as plain checked data: the one reader of what the interview widget
keeps in the answer journal.

The widget (:func:`coachlab.widgets.interview.interview`) saves every finished interview as data:
the typed questions, the diagnosis, the coaching choice and the first coaching line. Whatever
reads it back (the widget restoring a play, the hidden tests scoring it, feedback, the learner's
progress) reads it here, with limits applied before anything is parsed or replayed. Whatever else
the journal claims (an outcome, a score, revealed facts) is never read, so a forged outcome earns
nothing.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The journal's one size limit, named here too for the interview check's readers.
from coachlab.responses import MAX_JOURNAL_BYTES as MAX_JOURNAL_BYTES
from coachlab.responses import Journal

MAX_PLAYS = 50
"""Plays an interview entry may hold (``coachlab.scenarios.MAX_PLAYS``: what the widget keeps)."""

MAX_QUESTIONS = 40
"""Questions one interview takes (and the most a saved play keeps)."""

MAX_CHARS = 500
"""Longest question or first coaching line, in characters."""

OWNER = "interview"
"""The journal entry's field that names the rep: ``{"interview": rep id, ...}``."""

REP_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""What a rep id looks like (it names a file: no slashes, no dots)."""

REPS_FOLDER = "reps"
"""The folder beside the notebook that holds the exercise's rep files."""


class InterviewEntryError(ValueError):
    """A journal entry that cannot be read as saved interviews (too large, or the wrong shape)."""


@dataclass(frozen=True)
class Play:
    """One saved interview as plain checked data: what the learner typed and chose."""

    questions: tuple[str, ...]
    diagnosis: str | None
    coaching: str | None
    first_line: str

    @property
    def finished(self) -> bool:
        """True when the interview reached the diagnosis (a cause and a coaching choice)."""
        return self.diagnosis is not None and self.coaching is not None


def read_entry(key: str, directory: Path | str = ".") -> Any:
    """The journal entry saved under ``key`` beside the notebook in ``directory``, or None.

    The journal file's size is checked before it is parsed. Raises ``InterviewEntryError`` for a
    journal over ``MAX_JOURNAL_BYTES`` and ``JournalError`` for one that cannot be read.
    """
    journal = Journal.beside(directory)
    for path in (p for p in (journal.path, journal.reference) if p is not None):
        size = _size(path)
        if size > MAX_JOURNAL_BYTES:
            raise InterviewEntryError(
                f"the answer journal {path.name} is {size} bytes; at most {MAX_JOURNAL_BYTES} "
                "are read")
    return journal.get(key)


def first_finished(entry: object, rep_id: str) -> Play | None:
    """The first finished interview saved in ``entry`` for ``rep_id``; None when there is none.

    An entry of another rep (or another widget) holds no interview of this rep. Every play is read
    by :func:`saved_interview` (only text, within its limits); claimed outcomes or scores are
    ignored. Raises ``InterviewEntryError`` for an entry that is not a
    mapping, whose ``plays`` is not a list, or that holds more than ``MAX_PLAYS`` plays.
    """
    if entry is None:
        return None
    if type(entry) is not dict:
        raise InterviewEntryError(f"expected a saved interview, found {type(entry).__name__}")
    if entry.get(OWNER) != rep_id:
        return None
    plays = entry.get("plays", [])
    if type(plays) is not list:
        raise InterviewEntryError(f'"plays" should be a list, found {type(plays).__name__}')
    if len(plays) > MAX_PLAYS:
        raise InterviewEntryError(f"{len(plays)} interviews are saved; at most {MAX_PLAYS} are "
                                  "ever kept")
    # The entry's own fields are its latest interview: counted only when no finished play is
    # kept (an entry written before plays were kept, or by hand).
    candidates = [*plays, entry] if not plays else plays
    for raw in candidates:
        if type(raw) is not dict:
            continue
        data = saved_interview({**raw, OWNER: rep_id}, rep_id)
        if data is None:
            continue
        play = Play(tuple(data["questions"]), data["diagnosis"], data["coaching"],
                    data["first_line"])
        if play.finished and (raw is not entry or data["finished"]):
            return play
    return None


def saved_interview(entry: object, rep_id: str) -> dict[str, Any] | None:
    """The latest interview saved in a journal ``entry`` for ``rep_id``, as plain checked data:
    ``{"questions": [str, ...], "diagnosis", "coaching", "first_line", "finished"}``; None if
    the entry is not this rep's. Values are untrusted: only text is kept, within the limits.

    The one reader of a saved interview: the widget restores with it, grading scores with it.
    """
    if type(entry) is not dict or entry.get(OWNER) != rep_id:
        return None
    raw = entry.get("questions")
    if type(raw) is not list:
        return None
    questions = [q.strip() for q in raw[:MAX_QUESTIONS]
                 if isinstance(q, str) and q.strip() and len(q.strip()) <= MAX_CHARS]
    first_line = entry.get("first_line")
    return {
        "questions": questions,
        "diagnosis": entry.get("diagnosis") if isinstance(entry.get("diagnosis"), str) else None,
        "coaching": entry.get("coaching") if isinstance(entry.get("coaching"), str) else None,
        "first_line": first_line[:MAX_CHARS] if isinstance(first_line, str) else "",
        "finished": entry.get("finished") is True,
    }


def _size(path: Path | None) -> int:
    """The size of ``path`` in bytes, without following a link; 0 when it is absent."""
    if path is None:
        return 0
    try:
        return os.lstat(path).st_size
    except OSError:
        return 0
