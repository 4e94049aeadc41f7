"""The course events behind the statements, read from where the course keeps them.

- **Gradebook** (through nbgrader's ``Gradebook`` API): each submission is a *submitted* event at
  its submission time; once every part is graded (no reflection waiting for the instructor) and
  grading did not fail, a *scored* event with the points.
- **Feedback folder**: a report under ``feedback/<learner>/<module>/`` is a *feedback released*
  event at the report's time (``coachlab feedback`` makes it, ``nbgrader release_feedback`` hands
  it out).
- **Answer journals** (``coachlab-answers.json``), when the learners' course folders are given:
  a lesson is *launched* at the first answer recorded in it and *completed* when every practice
  widget its ``course/practice/<lesson>.yaml`` defines holds an answer; *practice sessions* are
  read from the journal key ``practice`` (see :func:`practice_sessions`).

Only learners on the roster (the gradebook's students) are read.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from nbgrader.api import Gradebook

from coachlab.course import JOURNAL_FILE, Module, ModuleNameError, course_modules
from coachlab.outcomes import FAILED, read_status
from coachlab.practice.state import KEY as PRACTICE_KEY
from coachlab.practice.state import clean as clean_practice
from coachlab.practicefile import PracticeFileError, read_practice_file
from coachlab.responses import read_entries
from coachlab.xapi.identity import RosterEntry
from coachlab.xapi.statements import (
    FEEDBACK,
    LESSON_COMPLETED,
    LESSON_LAUNCHED,
    PRACTICE,
    SCORED,
    SUBMITTED,
    Event,
)


@dataclass
class Found:
    """Events found, the roster they refer to, and what was left out and why."""

    events: list[Event] = field(default_factory=list)
    roster: dict[str, RosterEntry] = field(default_factory=dict)
    waiting_for_manual_grading: int = 0
    notes: list[str] = field(default_factory=list)


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    # nbgrader stores times as naive UTC
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(int(path.stat().st_mtime), UTC)


def from_gradebook(root: Path, db_url: str, course_id: str, *,
                   modules: Iterable[str] | None = None,
                   only: set[tuple[str, str]] | None = None,
                   kinds: Iterable[str] = (SUBMITTED, SCORED, FEEDBACK)) -> Found:
    """Submitted, scored and feedback events for ``modules`` (default: all) from the gradebook
    at ``db_url`` and ``root``/feedback. ``only`` limits them to (module, learner) pairs."""
    wanted = set(kinds)
    chosen = set(modules) if modules is not None else None
    failed = {(o.assignment, o.learner) for o in read_status(db_url) if o.status == FAILED}
    found = Found()
    with Gradebook(db_url, course_id) as gradebook:
        for student in gradebook.students:
            found.roster[student.id] = RosterEntry(student.id, student.first_name or "",
                                                   student.last_name or "", student.email or "")
        for assignment in gradebook.assignments:
            if chosen is not None and assignment.name not in chosen:
                continue
            for submission in assignment.submissions:
                learner, module = submission.student.id, assignment.name
                if only is not None and (module, learner) not in only:
                    continue
                when = _utc(submission.timestamp) or _folder_time(root, learner, module)
                if when is None:
                    found.notes.append(f"{learner} / {module}: no submission time, left out")
                    continue
                if SUBMITTED in wanted:
                    found.events.append(Event(SUBMITTED, learner, module, when))
                if SCORED in wanted and (module, learner) not in failed:
                    if submission.needs_manual_grade:
                        found.waiting_for_manual_grading += 1
                    elif submission.max_score:
                        found.events.append(Event(SCORED, learner, module, when,
                                                  float(submission.score),
                                                  float(submission.max_score)))
                if FEEDBACK in wanted:
                    report = feedback_time(root, learner, module)
                    if report is not None:
                        found.events.append(Event(FEEDBACK, learner, module, report))
    return found


def _folder_time(root: Path, learner: str, module: str) -> datetime | None:
    folder = Path(root) / "submitted" / learner / module
    return _mtime(folder) if folder.is_dir() else None


def feedback_time(root: Path, learner: str, module: str) -> datetime | None:
    """When the learner's feedback report for ``module`` was made (newest HTML), or None."""
    reports = list((Path(root) / "feedback" / learner / module).glob("*.html"))
    return max(_mtime(p) for p in reports) if reports else None


# ------------------------------------------------------------------------------ journals

def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def lesson_events(learner: str, entries: dict[str, dict[str, Any]], lessons: dict[str, Path]
                  ) -> list[Event]:
    """Launched/completed events for the lessons in ``lessons`` (module name -> the lesson's
    practice YAML, which may not exist) from one learner's course journal entries."""
    by_module: dict[Module, str] = {}
    for name in lessons:
        try:
            by_module[Module.parse(name)] = name
        except ModuleNameError:
            continue  # an assignment named otherwise has no lesson
    touched: dict[str, list[datetime]] = {}
    times: dict[str, datetime] = {}
    for key, entry in entries.items():
        module = Module.of_key(key)
        when = _parse_time(entry.get("updated"))
        if module is None or when is None or module not in by_module:
            continue
        touched.setdefault(by_module[module], []).append(when)
        times[key] = when
    events: list[Event] = []
    for lesson, stamps in sorted(touched.items()):
        events.append(Event(LESSON_LAUNCHED, learner, lesson, min(stamps)))
        practice = lessons[lesson]
        if not practice.is_file():
            continue  # a lesson without practice widgets has nothing to complete
        try:
            content = read_practice_file(practice)
        except PracticeFileError as error:
            # The course's own file: `coachlab scenarios check` and the lesson report it; a
            # report over the cohort still sends every other statement.
            warnings.warn(f"lesson {lesson} has no completion statement: {error}", stacklevel=2)
            continue
        needed = []
        if content.sorter:
            needed.append(f"{lesson}.sorter")
        if content.scenario is not None:
            needed.append(f"{lesson}.scenario.{content.scenario}")
        done = [times[k] for k in needed if k in times
                and entries[k].get("value") not in (None, "", [], {})]
        if needed and len(done) == len(needed):
            events.append(Event(LESSON_COMPLETED, learner, lesson, max(done)))
    return events


def practice_sessions(entries: dict[str, dict[str, Any]],
                      today: date | None = None) -> list[dict[str, Any]]:
    """The finished days of practice in a journal, one session each.

    The daily practice notebook keeps its state under the journal key ``practice``
    (:mod:`coachlab.practice.state`), with one record per calendar day it was used
    (``answered``, ``right``, ``seconds``). A day counts once it is over (before ``today``, UTC),
    so its result no longer changes and a re-send makes the same statement. It is stamped with
    the journal's last-update time when that fell on the day, else the day's last second.
    """
    entry = entries.get(PRACTICE_KEY) or {}
    # The days that fit the practice state's model (coachlab.practice.state.DayRecord): a
    # learner's journal is learner data, and a day that does not fit makes no statement.
    days = clean_practice(entry.get("value") if isinstance(entry, dict) else None)["days"]
    today = today or datetime.now(UTC).date()
    updated = _parse_time(entry.get("updated")) if isinstance(entry, dict) else None
    sessions = []
    for key, record in sorted(days.items()):
        day = date.fromisoformat(key)
        answered = record.get("answered", 0)
        if day >= today or answered <= 0:
            continue
        right = record.get("right")
        seconds = record.get("seconds")
        finished = (updated if updated is not None and updated.date() == day
                    else datetime.combine(day, time(23, 59, 59), tzinfo=UTC))
        sessions.append({
            "finished": finished,
            "items": float(answered),
            "correct": float(right) if isinstance(right, int | float) else None,
            "seconds": float(seconds) if isinstance(seconds, int | float) else None,
        })
    return sessions


def practice_events(learner: str, entries: dict[str, dict[str, Any]],
                    today: date | None = None) -> list[Event]:
    """One *practice completed* event per finished day of practice in the journal."""
    return [Event(PRACTICE, learner, "", s["finished"], s["correct"] if s["items"] else None,
                  s["items"] or None, s["seconds"]) for s in practice_sessions(entries, today)]


def learner_journals(folder: Path) -> list[Path]:
    """A learner's course journals in their folder (home or course clone): course/ and a few
    usual places, never a deep search of the whole folder."""
    candidates = [folder / JOURNAL_FILE, folder / "course" / JOURNAL_FILE,
                  *sorted(folder.glob(f"*/course/{JOURNAL_FILE}"))]
    return [p for p in candidates if p.is_file()]


def from_journals(root: Path, folders: Path, roster: dict[str, RosterEntry],
                  modules: Iterable[str] | None = None) -> list[Event]:
    """Lesson and practice events from ``folders``/<learner>/ (e.g. /home on a hub) for each
    learner on the roster. With ``modules``, only those lessons (practice is left out)."""
    names = list(modules) if modules is not None else [m.name for m in course_modules(root)]
    lessons = {name: Path(root) / "course" / "practice" / f"{name}.yaml" for name in names}
    events: list[Event] = []
    for learner in sorted(roster):
        merged: dict[str, dict[str, Any]] = {}
        for journal in learner_journals(Path(folders) / learner):
            merged.update(read_entries(journal))
        events += lesson_events(learner, merged, lessons)
        if modules is None:
            events += practice_events(learner, merged)
    return events
