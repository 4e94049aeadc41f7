"""Checks for a graded interview: what exercise cells call to check and score an interview with a
rep (:mod:`coachlab.interview`).

The widget (:func:`coachlab.widgets.interview.interview`) saves every finished interview in the
answer journal as data: the typed questions, the diagnosis, the coaching choice and the first
coaching line. Grading reads only that data, through one reader (:func:`first_finished`) with
limits applied before anything is parsed or replayed, and **replays the interview through the
engine** against the rep file beside the notebook. Whatever else the journal claims (an outcome, a
score, revealed facts) is never read, so a forged outcome earns nothing.

The **first** finished interview is scored, as the capstone's conversation is: a coaching
conversation happens once with a real rep, so the grade measures judgement, not persistence. The
widget keeps that first play whatever comes later (``coachlab.scenarios.add_play``) and says so on
its ending, so a learner may interview again freely to learn from what they missed.

The score is the engine's own (:mod:`coachlab.interview.scoring`: evidence surfaced 5, diagnosis
3, coaching fit 2, trust 1, asking 1, of 12) scaled to the cell's points.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachlab.checks.quick import NOT_YET, quick_check

if TYPE_CHECKING:
    from coachlab.interview import Rep, Result

MAX_JOURNAL_BYTES = 2 * 1024 * 1024
"""A journal larger than this is not parsed for grading: honest answers take a few kilobytes."""

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

UNFINISHED = (f"{NOT_YET}: finish the interview above: ask your questions, then name the cause, "
              "choose how to coach, type your first line and press Diagnose.")


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
    from coachlab.responses import Journal

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


def load_exercise_rep(rep_id: str, directory: Path | str = ".") -> Rep:
    """The rep ``rep_id`` from ``reps/`` beside the notebook (``RepError``, ``OSError``,
    ``ValueError`` when it is missing or broken)."""
    from coachlab.interview import load_rep

    if not isinstance(rep_id, str) or not REP_ID.match(rep_id):
        raise ValueError(f"{rep_id!r} is not a rep id")
    path = Path(directory) / REPS_FOLDER / f"{rep_id}.yaml"
    if not path.is_file():
        raise FileNotFoundError(f"no rep file {REPS_FOLDER}/{rep_id}.yaml beside the notebook")
    return load_rep(path)


def replay_play(rep: Rep, play: Play) -> Result:
    """Score ``play`` the one way grading does: the engine replays what the learner typed."""
    from coachlab.interview import replay

    return replay(rep, play.questions, play.diagnosis, play.coaching, play.first_line)


def first_recorded(rep_id: str, key: str, directory: Path | str = ".") -> Result | None:
    """The engine's result for the first finished interview saved under ``key``, replayed
    afresh; None when none is saved.

    Raises ``InterviewEntryError`` or ``JournalError`` when the journal or entry cannot be read,
    and ``RepError``/``OSError``/``ValueError`` when the rep file is missing or broken.
    """
    rep = load_exercise_rep(rep_id, directory)
    play = first_finished(read_entry(key, directory), rep_id)
    return None if play is None else replay_play(rep, play)


def score_recorded(rep_id: str, key: str, points: float, directory: Path | str = ".") -> float:
    """Hidden-test score: the first finished interview with ``rep_id``, replayed by the engine and
    scaled to ``points``; 0 when nothing finished can be read."""
    from coachlab.interview import RepError
    from coachlab.responses import JournalError

    try:
        result = first_recorded(rep_id, key, directory)
    except (InterviewEntryError, JournalError, RepError, OSError, ValueError):
        return 0.0
    if result is None:
        return 0.0
    return round(result.score / result.max_score * float(points), 2)


@quick_check
def check_recorded(rep_id: str, key: str, directory: Path | str = ".") -> None:
    """Quick check: raise AssertionError unless a finished interview with ``rep_id`` is saved."""
    from coachlab.interview import RepError
    from coachlab.responses import JournalError

    try:
        rep = load_exercise_rep(rep_id, directory)
    except (RepError, OSError, ValueError) as error:
        raise AssertionError(f"The rep file could not be read: {error}") from None
    try:
        play = first_finished(read_entry(key, directory), rep_id)
    except InterviewEntryError as error:
        raise AssertionError(
            f"{NOT_YET}: your saved interview could not be read ({error}). Interview "
            f"{rep.persona.name} above again to the end, and the new interview is saved.") from None
    except (JournalError, OSError) as error:
        raise AssertionError(f"{NOT_YET}: your answers could not be read. {error}") from None
    if play is None:
        raise AssertionError(UNFINISHED)
    print(f"✓ Your interview with {rep.persona.name} is finished and saved. Your first finished "
          "interview counts; interview again as often as you like to find what you missed.")


def feedback_note(rep_id: str, key: str, directory: Path | str = ".") -> str | None:
    """What feedback says about the learner's interview, in plain text: the outcome, the evidence
    found, and each fact the rep never told them with a question that would have reached it.
    None when nothing finished can be read (feedback then says nothing was saved)."""
    from coachlab.diagnosis import CAUSE_NAMES
    from coachlab.interview import RepError
    from coachlab.interview.script import replayed
    from coachlab.responses import JournalError

    try:
        rep = load_exercise_rep(rep_id, directory)
        play = first_finished(read_entry(key, directory), rep_id)
    except (InterviewEntryError, JournalError, RepError, OSError, ValueError):
        return None
    if play is None:
        return None
    # One replay, as grading scores it, gives both the result and what was never reached.
    interview, result = replayed(rep, play.questions, play.diagnosis, play.coaching,
                                 play.first_line)
    diagnosis = CAUSE_NAMES.get(str(play.diagnosis), str(play.diagnosis))
    asked = f"{len(play.questions)} question{'' if len(play.questions) == 1 else 's'}"
    parts = [f"Your first finished interview ({asked}): outcome {result.outcome}, "
             f"{result.score} of {result.max_score}; evidence {result.found} of "
             f"{result.needed}; you diagnosed {diagnosis.lower()}."]
    discriminating = {fact.id for fact in rep.discriminating}
    missed = [(fact, question) for fact, question in interview.missed()
              if fact in discriminating]
    if missed:
        reached = "; ".join(f"{fact.replace('-', ' ')} (“{question}”)"
                            for fact, question in missed)
        parts.append(f"Evidence you did not reach, with a question that would have reached it: "
                     f"{reached}.")
    else:
        parts.append("You reached every piece of evidence for this cause.")
    return " ".join(parts)


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
