"""Import learners from a CSV roster into the gradebook, all or nothing.

The file has a header row naming the columns ``id``, ``first name``, ``last name`` and ``email``
(``first_name`` / ``last_name`` are accepted too, in any order). Every row is checked before
anything is written; each problem names its line. Re-importing updates learners, never
duplicates them.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook

COLUMNS = ("id", "first_name", "last_name", "email")
_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[A-Za-z]{2,}$")
_LEARNER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]*$")


@dataclass(frozen=True)
class Learner:
    """One row of the roster."""

    id: str
    first_name: str
    last_name: str
    email: str
    line: int


@dataclass(frozen=True)
class RosterProblem:
    """Something wrong with one line of the roster."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


class RosterError(ValueError):
    """The roster has problems; nothing was imported."""

    def __init__(self, path: Path | str, problems: list[RosterProblem]) -> None:
        self.problems = problems
        listing = "\n".join(f"  {path}: {problem}" for problem in problems)
        super().__init__(f"{len(problems)} problem(s) in the roster, nothing imported:\n{listing}")


@dataclass
class ImportResult:
    """What an import did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)


def _column(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def parse(path: Path | str) -> list[Learner]:
    """Read and check the roster; raise RosterError listing every problem by line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise RosterError(path, [RosterProblem(0, f"cannot read the file: {error}")]) from error
    reader = csv.reader(text.splitlines(keepends=True))
    problems: list[RosterProblem] = []
    header: list[str] | None = None
    learners: list[Learner] = []
    first_seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if header is None:
            header = [_column(cell) for cell in row]
            missing = [c for c in COLUMNS if c not in header]
            if missing:
                return _fail(path, [RosterProblem(line, (
                    "the first row must name the columns id, first name, last name, email; "
                    f"missing: {', '.join(missing)}"))])
            continue
        if len(row) != len(header):
            problems.append(RosterProblem(
                line, f"expected {len(header)} columns, found {len(row)}"))
            continue
        values = {name: cell.strip() for name, cell in zip(header, row, strict=True)}
        learner_id, email = values["id"], values["email"]
        if not learner_id:
            problems.append(RosterProblem(line, "missing id"))
            continue
        if not _LEARNER_ID.match(learner_id):
            problems.append(RosterProblem(
                line, f"id {learner_id!r} may hold only letters, digits and . _ @ + -"))
            continue
        if learner_id in first_seen:
            problems.append(RosterProblem(
                line, f"duplicate id {learner_id!r} (first on line {first_seen[learner_id]})"))
            continue
        first_seen[learner_id] = line
        if email and not _EMAIL.match(email):
            problems.append(RosterProblem(line, f"bad email {email!r} for {learner_id!r}"))
            continue
        learners.append(Learner(learner_id, values["first_name"], values["last_name"], email,
                                line))
    if header is None:
        problems.append(RosterProblem(1, "the roster is empty"))
    if problems:
        return _fail(path, problems)
    return learners


def _fail(path: Path, problems: list[RosterProblem]) -> list[Learner]:
    raise RosterError(path, problems)


def import_roster(path: Path | str, db_url: str, course_id: str = "coachlab") -> ImportResult:
    """Check the roster at ``path`` and add or update its learners in the gradebook at
    ``db_url``. Nothing is written when any line has a problem (RosterError)."""
    learners = parse(path)
    result = ImportResult()
    with Gradebook(db_url, course_id) as gradebook:
        known = {student.id for student in gradebook.students}
        for learner in learners:
            gradebook.update_or_create_student(
                learner.id, first_name=learner.first_name or None,
                last_name=learner.last_name or None, email=learner.email or None)
            (result.updated if learner.id in known else result.added).append(learner.id)
    return result
