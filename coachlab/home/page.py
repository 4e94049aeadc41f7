"""What the course home shows, as plain data built from :mod:`coachlab.progress.reading`.

Nothing here re-derives progress: module status, next step and practice come from
:func:`coachlab.progress.reading.learner_progress`; this module only words them and finds
the files to link. Paths are relative to the course root; the handler turns them into URLs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coachlab.course import (
    SELF_GRADED_DIR,
    Module,
    ModuleNameError,
    exercise_path,
    lesson_path,
)
from coachlab.progress.reading import (
    PRACTICE_NOTEBOOK,
    SELF_GRADED,
    ModuleProgress,
    NextStep,
    Progress,
    learner_progress,
)

PROGRESS_NOTEBOOK = "course/progress.ipynb"


class NoCourseHere(FileNotFoundError):
    """The server's folder holds no course (no ``course/`` lessons): nothing to show."""


@dataclass(frozen=True)
class Status:
    """A module's status in words, with a symbol beside them (never colour alone)."""

    key: str      # "new", "opened", "answered" or "graded": a CSS class
    symbol: str
    text: str


@dataclass(frozen=True)
class ModuleRow:
    """One module on the home page."""

    module: str
    title: str
    status: Status
    lesson: str | None        # paths relative to the course root; None = no such file
    exercise: str | None
    report: str | None

    @property
    def number(self) -> str:
        """The module's two-digit number, as the page labels its links ("Lesson 01"); the
        whole name for a row that names no module."""
        try:
            return Module.parse(self.module).number
        except ModuleNameError:
            return self.module


@dataclass(frozen=True)
class Practice:
    """Today's practice: items due, and a line about it."""

    due: int
    text: str
    notebook: str | None


@dataclass(frozen=True)
class HomePage:
    """Everything the home page shows."""

    modules: list[ModuleRow]
    next_step: NextStep
    practice: Practice
    latest_report: str | None
    come_back: list[str]
    progress_notebook: str | None

    @property
    def next_text(self) -> str:
        """The next step as a sentence of its own (progress words it "Next: open ...")."""
        text = self.next_step.text.removeprefix("Next: ")
        return text[:1].upper() + text[1:]


def title(module: str) -> str:
    """A module's title from its folder name: ``01-tell-or-ask`` -> ``Tell or ask`` (a name
    that is no module's folder is shown as it is)."""
    try:
        return Module.parse(module).topic or module
    except ModuleNameError:
        return module


def status(m: ModuleProgress) -> Status:
    """Where a learner stands in one module, from the furthest step reached."""
    if m.score is not None:
        how = "self-graded" if m.score_source == SELF_GRADED else "graded"
        return Status("graded", "✓", f"{how}: {m.score:g} of {m.max_score or 0:g} points")
    if m.parts_answered:
        return Status("answered", "◑",
                      f"exercise answered: {m.parts_answered} of {m.parts_total} parts")
    if m.lesson_opened:
        return Status("opened", "◔", "lesson opened")
    return Status("new", "○", "not started")


def module_report(root: Path, module: str) -> str | None:
    """The newest report for ``module``: the learner's self-grade, else nbgrader's feedback."""
    found = [*(root / SELF_GRADED_DIR / module).glob("*.html"),
             *(root / "exercises" / module / "feedback").glob("*/*.html")]
    return _relative(root, _newest(found))


def practice(progress: Progress, notebook: str | None = PRACTICE_NOTEBOOK) -> Practice:
    """Today's practice from the progress summary; ``notebook`` is where it is done."""
    summary = progress.practice
    due = sum(skill.due for skill in summary.skills) if summary is not None else 0
    if summary is None or not summary.started:
        text = "Not started yet: ten minutes of mixed questions from the whole course."
    elif due:
        text = f"{due} item(s) due today."
    elif summary.next_due:
        text = f"Nothing due today; next items are due on {summary.next_due.isoformat()}."
    else:
        text = "Nothing due today."
    return Practice(due, text, notebook)


def come_back(root: Path, on_hub: bool) -> list[str]:
    """How to open the course again tomorrow."""
    if on_hub:
        return ["Open your course hub's address in your browser and log in: your work is "
                "saved there, and this page opens again."]
    return [f"Open a terminal in your course folder ({root}) and run: make start",
            "Without make: .venv/bin/python -m coachlab start "
            "(on Windows: .venv\\Scripts\\python -m coachlab start)",
            "Your browser opens on this page. Your answers are saved in the course folder."]


def build(root: Path, *, on_hub: bool = False) -> HomePage:
    """The home page of the learner whose course folder is ``root``, as of now.

    The self-check is skipped (``validate=False``): it starts a kernel per exercise, and the
    home must open at once. ``coachlab progress`` runs it.
    """
    if not (root / "course").is_dir():
        raise NoCourseHere(f"no course/ folder in {root}")
    progress = learner_progress(root, interviews=False)  # not shown here
    rows = [ModuleRow(m.module, title(m.module), status(m),
                      _existing(root, lesson_path(m.module)),
                      _existing(root, exercise_path(m.module)),
                      module_report(root, m.module))
            for m in progress.modules]
    today = practice(progress, _existing(root, PRACTICE_NOTEBOOK))
    reports = [row.report for row in rows if row.report]
    latest = _relative(root, _newest([root / r for r in reports]))
    step = progress.next_action
    if step.path and not (root / step.path).is_file():
        step = NextStep(step.text)
    return HomePage(rows, step, today, latest, come_back(root, on_hub),
                    _existing(root, PROGRESS_NOTEBOOK))


def _existing(root: Path, relative: str) -> str | None:
    return relative if (root / relative).is_file() else None


def _newest(paths: list[Path]) -> Path | None:
    dated = []
    for path in paths:
        try:
            dated.append((path.stat().st_mtime, str(path), path))
        except OSError:
            continue
    return max(dated)[2] if dated else None


def _relative(root: Path, path: Path | None) -> str | None:
    return path.relative_to(root).as_posix() if path else None
