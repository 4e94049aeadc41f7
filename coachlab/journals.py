"""Reading answer journals for reports: answers by key, their module, and the replies in them.

Both a learner's progress (:mod:`coachlab.progress.reading`) and the cohort report
(:mod:`coachlab.cohort.report`) read journals this way. Saved scenario plays are replayed against
their scenario (found by id in the given folders), so only recorded choices count.

One writer lives here too, :func:`record_lesson_opened`: the course kernel calls it when a lesson
notebook starts, so "this lesson was opened" is a fact in the lessons' journal, read back by
:func:`opened_modules` (daily practice) and ``coachlab.progress`` (``lesson_opened``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coachlab.course import JOURNAL_FILE, Module, ModuleNameError
from coachlab.responses import Journal, JournalError, read_entries


def read_answers(path: Path) -> dict[str, Any]:
    """A journal's ``{key: value}``, read without side effects ({} if absent or unreadable)."""
    return {key: entry.get("value") for key, entry in read_entries(path).items()}


def module_of(key: str) -> str | None:
    """The two-digit module number a journal key belongs to ("01.play" -> "01"), or None;
    :meth:`coachlab.course.Module.of_key` reads it."""
    module = Module.of_key(key)
    return module.key if module else None


OPENED = "opened"
"""The last part of the journal key that records a lesson opening: ``"01-tell-or-ask.opened"``."""


def record_lesson_opened(course_dir: Path | str, module_key: str) -> None:
    """Record in the lessons' journal (``course_dir``/coachlab-answers.json) that the lesson
    ``module_key`` ("01" or "01-tell-or-ask") was opened.

    The key is ``<module_key>.opened`` and its value the time of the first opening (later
    openings keep it). The write goes through :meth:`Journal.update`: under the journal's lock,
    atomically, keeping every other answer. Raises ``ValueError`` for a key that names no module
    and ``JournalError``/``OSError`` when the journal cannot be written.
    """
    try:
        Module.parse(module_key)
    except ModuleNameError as error:  # a ValueError, as documented
        raise ValueError(f"{module_key!r} names no module: use '01' or '01-tell-or-ask'"
                         ) from error
    journal = Journal.beside(course_dir)
    key = f"{module_key}.{OPENED}"
    try:
        if key in journal:  # opened before: no need to rewrite the file at every kernel start
            return
    except JournalError:
        pass  # unreadable: update() below keeps a backup and starts afresh, as every writer does
    first = datetime.now(UTC).isoformat(timespec="seconds")
    journal.update(key, lambda current: current if isinstance(current, str) else first)


def opened_modules(course_dir: Path | str, exercises_dir: Path | str | None = None) -> set[str]:
    """The modules a learner has opened, by two-digit number: a lesson with anything in the
    lessons' journal in ``course_dir`` (an answer, or :func:`record_lesson_opened`), or an
    exercise in ``exercises_dir`` (default: ``exercises/`` beside ``course_dir``) whose journal
    holds an answer. Read without side effects; an unreadable journal counts as empty.

    (:mod:`coachlab.progress.reading` also counts answer cells typed in an exercise notebook,
    told from the release's blanks by :func:`coachlab.blanks.is_unanswered`.)
    """
    course_dir = Path(course_dir)
    exercises = Path(exercises_dir) if exercises_dir else course_dir.parent / "exercises"
    opened = {m for key in read_answers(course_dir / JOURNAL_FILE) if (m := module_of(key))}
    for journal in sorted(exercises.glob(f"*/{JOURNAL_FILE}")):
        folder = module_of(journal.parent.name)
        if folder and any(v not in (None, "", [], {}) for v in read_answers(journal).values()):
            opened.add(folder)
    return opened


class ScenarioIndex:
    """Scenarios by id, loaded lazily from the given folders (for replaying saved plays)."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders
        self._by_id: dict[str, Any] | None = None

    def get(self, scenario_id: str) -> Any:
        """The scenario with ``scenario_id``, or None."""
        if self._by_id is None:
        # Deferred: the course kernel imports this module at every start (session.kernel), and
        # scenarios bring pydantic and YAML: ``python -X importtime -c 'import
        # coachlab.session.kernel'`` took 71 ms so, 1.99 s with this import at the top.
            from coachlab.scenarios import load_scenario

            self._by_id = {}
            for folder in self.folders:
                for path in sorted(Path(folder).glob("*.yaml")):
                    try:
                        scenario = load_scenario(path)
                    except Exception:  # a broken file is the checker's business, not ours
                        continue
                    self._by_id.setdefault(scenario.id, scenario)
        return self._by_id.get(scenario_id)


def replies_by_module(answers: dict[str, Any], scenarios: ScenarioIndex) -> dict[str, list[str]]:
    """The manager's replies in a journal, grouped by module: Question Coach lists (lists of
    strings) and the replies chosen in every saved scenario play."""
    found: dict[str, list[str]] = {}
    for key, value in answers.items():
        module = module_of(key)
        if module is None:
            continue
        replies: list[str] = []
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            replies = [v for v in value if v.strip()]
        elif isinstance(value, dict) and isinstance(value.get("scenario"), str):
            replies = _play_replies(value, scenarios)
        if replies:
            found.setdefault(module, []).extend(replies)
    return found


def _play_replies(value: dict[str, Any], scenarios: ScenarioIndex) -> list[str]:
    scenario = scenarios.get(value["scenario"])
    if scenario is None:
        return []
    # Deferred: the course kernel imports this module at every start (session.kernel), and
    # scenarios bring pydantic and YAML: ``python -X importtime -c 'import
    # coachlab.session.kernel'`` took 71 ms so, 1.99 s with this import at the top.
    from coachlab.scenarios import recorded_paths

    replies: list[str] = []
    for path in recorded_paths(value):
        walked = scenario.follow(path)
        if walked is not None:
            replies.extend(step.choice.reply for step in walked[0])
    return replies
