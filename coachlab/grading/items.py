"""Score each autograded item on its own, with the course's own scorers, for feedback.

A test cell scores several items at once (ten labels, three questions). To say which of them were
right, each item named in the explanations file is scored alone: the cell's hidden test runs on
that one answer read as a literal from the answer cells (as :mod:`coachlab.grading.cleanrun` reads
them), every other answer missing; an item answered in a widget runs with a journal holding only
its own key. Nothing the learner wrote is executed. What one item can earn is what the solution's
own answer earns the same way (for a journal item: the cell's points shared among its items). A
graded interview's item also carries a note (:func:`coachlab.checks.interview.feedback_note`):
its outcome, and the evidence the learner never reached, each with a question that would have
reached it.

The items are scored by :mod:`coachlab.grading.itemrun` in the grading jail, through the grading
process's check server (:mod:`coachlab.grading.checkserver`), with a time and memory limit. When
it cannot run, :class:`ItemsFailed` says why: the feedback is then not made, rather than made with
every item shown wrong.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coachlab.course import JOURNAL_FILE
from coachlab.grading import checkserver
from coachlab.grading.explanations import FILENAME as EXPLANATIONS_FILE
from coachlab.grading.explanations import Explanations

RIGHT = "right"
PARTLY = "partly right"
WRONG = "wrong"
_EPSILON = 1e-6


@dataclass(frozen=True)
class ItemResult:
    """One item's answer and score."""

    grade_id: str
    name: str
    answer: Any            # the learner's plain value, or the journal record; None if absent
    answered: bool
    score: float
    max_score: float
    note: str | None = None  # what feedback says about the answer instead of the raw record

    @property
    def verdict(self) -> str:
        """RIGHT, PARTLY or WRONG."""
        if self.answered and self.max_score > 0 and self.score >= self.max_score - _EPSILON:
            return RIGHT
        if self.answered and self.score > _EPSILON:
            return PARTLY
        return WRONG


@dataclass(frozen=True)
class GradedCell:
    """An autograded cell: its source (with hidden tests) and its points."""

    source: str
    points: float


def is_journal_key(name: str) -> bool:
    """Items answered in a widget are named by their journal key ("01.play"), not a variable."""
    return not name.isidentifier()


def score_items(tests: Mapping[str, GradedCell], explanations: Explanations,
                learner_sources: list[str], solution_sources: list[str],
                journal: Path | None = None, data_dir: Path | None = None,
                timeout: int = 60, memory_mb: int = 2048) -> dict[str, list[ItemResult]]:
    """grade_id -> the results of the items its explanations name, in the explanations' order.

    ``learner_sources`` and ``solution_sources`` are the answer cells' sources; ``journal`` is the
    answer journal as submitted; ``data_dir`` holds the exercise's data files (scenario files).
    Cells without explanations, and explanations without a test cell, are left out.
    """
    from coachlab.grading.cleanrun import literal_answers, read_answers

    read = read_answers(learner_sources)
    learner = read.values
    solution = literal_answers(solution_sources)
    with checkserver.job() as job:
        folder = job.folder
        records = _journal_entries(journal, folder)
        shared = _data_folder(folder / "data", data_dir)
        jobs: list[dict[str, Any]] = []
        planned: list[tuple[str, str, Any, bool, float | None]] = []
        for grade_id, items in explanations.items():
            test = tests.get(grade_id)
            if test is None:
                continue
            share = test.points / len(items)
            for name in items:
                job_id = f"{grade_id}/{name}"
                if is_journal_key(name):
                    entry = records.get(name)
                    cwd = _data_folder(folder / f"item-{len(jobs)}", data_dir)
                    if entry is not None:
                        _write_journal(cwd, {name: entry})
                    jobs.append({"id": job_id, "source": test.source, "answers": {},
                                 "cwd": cwd.name, "key": name,
                                 "rep": _interviewed_rep(test.source, name)})
                    value = entry.get("value") if entry else None
                    planned.append((grade_id, name, value, entry is not None, share))
                    continue
                value = learner.get(name)
                jobs.append({"id": job_id, "source": test.source,
                             "answers": _as_text({name: value} if name in learner else {}),
                             "cwd": shared.name})
                best: float | None = share
                if name in solution:
                    jobs.append({"id": f"{job_id}#key", "source": test.source,
                                 "answers": _as_text({name: solution[name]}),
                                 "cwd": shared.name})
                    best = None
                planned.append((grade_id, name, value, _answered(value), best))
        results = _run(job, jobs, timeout, memory_mb) if jobs else {}
    found: dict[str, list[ItemResult]] = {}
    for grade_id, name, value, answered, best in planned:
        job_id = f"{grade_id}/{name}"
        score = _points(results.get(job_id))
        top = best if best is not None else _points(results.get(f"{job_id}#key"))
        note = (results.get(job_id) or {}).get("note")
        if name in read.unreadable:
            typed = read.unreadable[name]
            note = (f"could not be read{f' (you typed {typed})' if typed else ''}: type it "
                    "between quotes")
        found.setdefault(grade_id, []).append(ItemResult(
            grade_id, name, value, answered, score, top, note if isinstance(note, str) else None))
    return found


def _as_text(answers: dict[str, Any]) -> dict[str, str]:
    """Answers for the job's JSON: each literal as its ``repr`` (a set, a tuple or bytes is not
    JSON, and turning them into lists would change what the test compares)."""
    return {name: repr(value) for name, value in answers.items()}


def _interviewed_rep(source: str, key: str) -> str | None:
    """The rep whose interview a test cell scores under journal ``key``:
    ``score_recorded("rep-id", "key", ...)`` of :mod:`coachlab.checks.interview`, else None."""
    if "coachlab.checks.interview" not in source:
        return None
    found = re.search(r"score_recorded\(\s*[\"']([a-z0-9]+(?:-[a-z0-9]+)*)[\"']\s*,\s*[\"']"
                      + re.escape(key) + r"[\"']", source)
    return found.group(1) if found else None


def _answered(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return value not in (None, [], {})


def _journal_entries(journal: Path | None, folder: Path) -> dict[str, dict[str, Any]]:
    """The journal's entries, read from a copy (reading a broken journal writes a backup)."""
    from coachlab.responses import Journal, JournalError

    if journal is None or not journal.is_file() or journal.is_symlink():
        return {}
    copy = folder / "journal" / JOURNAL_FILE
    copy.parent.mkdir()
    shutil.copyfile(journal, copy)
    try:
        return Journal(copy).entries()
    except JournalError:
        return {}


def _data_folder(folder: Path, data_dir: Path | None) -> Path:
    """A folder holding the exercise's data files (never its notebooks, journal, reference play
    or keys), with its reps folder (``reps/``) for a graded interview."""
    from coachlab.interview.saved import REPS_FOLDER
    from coachlab.responses import REFERENCE_FILENAME

    folder.mkdir(parents=True, exist_ok=True)
    if data_dir is not None and data_dir.is_dir():
        reps = data_dir / REPS_FOLDER
        if reps.is_dir() and not reps.is_symlink():
            shutil.copytree(reps, folder / REPS_FOLDER, symlinks=True, dirs_exist_ok=True)
        for path in data_dir.iterdir():
            keep = (path.is_file() and path.suffix != ".ipynb" and path.name != EXPLANATIONS_FILE
                    and not path.name.startswith(JOURNAL_FILE)
                    and path.name != REFERENCE_FILENAME)
            if keep:
                shutil.copyfile(path, folder / path.name)
    return folder


def _write_journal(folder: Path, entries: dict[str, Any]) -> None:
    from coachlab.responses import VERSION

    text = json.dumps({"version": VERSION, "answers": entries})
    (folder / JOURNAL_FILE).write_text(text, encoding="utf-8")


def _points(result: dict[str, Any] | None) -> float:
    if not result or result.get("error") or result.get("value") is None:
        return 0.0
    try:
        return max(0.0, float(result["value"]))
    except (TypeError, ValueError):
        return 0.0


class ItemsFailed(RuntimeError):
    """The per-item check could not run: no explanation is better than a wrong one."""


def _run(job: checkserver.Job, jobs: list[dict[str, Any]], timeout: int,
         memory_mb: int) -> dict[str, Any]:
    """Each item job's result, from one check in ``job``'s folder (each item job's ``cwd`` is a
    folder in it, named relative to it)."""
    try:
        return job.run("coachlab.grading.itemrun", json.dumps(jobs), timeout=timeout,
                       memory_mb=memory_mb)
    except checkserver.RunFailed as error:
        raise ItemsFailed(f"the per-item check of the answers {error}") from error
