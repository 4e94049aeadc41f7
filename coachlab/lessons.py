"""What a lesson notebook shows: its practice widgets, built from content files beside it.

A lesson notebook holds prose and one-line calls (``course.sorter()``). The replies to sort, the
scenario to play and the rep to interview live in ``practice/<lesson>.yaml`` beside the notebook,
the scenarios in ``scenarios/``, the reps in ``reps/``. Answers go to the journal beside the
notebook, where progress reports read them.

Each method imports its widget where it builds it, so a lesson pays only for the widgets it
shows: ``python -X importtime -c 'import coachlab.lessons'`` took 185 ms; with every widget and
the scenarios imported at the top it took 2.28 s on the course's loaded 2-core machine.

The practice file is read against its schema (:mod:`coachlab.practicefile`) when the lesson
opens, so that import brings pydantic: ``import coachlab.lessons`` went from 0.11-0.35 s to
1.05-1.33 s (three runs each, same loaded machine). The time is moved, not added: every lesson
with a practice file plays a scenario or an interview, whose loaders import pydantic anyway
(``import coachlab.scenarios`` after this module: 1.9-2.1 s before the change).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachlab.practicefile import PracticeFile, PracticeFileError, read_practice_file
from coachlab.responses import Journal


class LessonContentError(PracticeFileError):
    """A lesson's practice file is malformed, or lacks what a widget needs."""


@dataclass
class Lesson:
    """One lesson's practice content and journal."""

    slug: str
    folder: Path
    content: PracticeFile = field(default_factory=PracticeFile)

    @property
    def journal(self) -> Journal:
        """The answer journal beside the lesson notebook."""
        return Journal.beside(self.folder)

    def sorter(self) -> Any:
        """A StatementSorter over the lesson's replies."""
        # Deferred: a lesson pays only for the widgets it shows (module docstring).
        from coachlab.widgets import StatementSorter

        if not self.content.sorter:
            raise LessonContentError(f"practice/{self.slug}.yaml needs 'sorter' (a list of "
                                     "[reply, move])")
        items = [(entry.reply, entry.move) for entry in self.content.sorter]
        return StatementSorter(items, journal=self.journal, key=f"{self.slug}.sorter")

    def question_coach(self, context: str | None = None) -> Any:
        """A QuestionCoach whose history is kept in the journal.

        ``context`` is what the rep says in the exercise, so off-topic replies are caught too.
        """
        # Deferred: a lesson pays only for the widgets it shows (module docstring).
        from coachlab.widgets import QuestionCoach

        return QuestionCoach(journal=self.journal, key=f"{self.slug}.coach", context=context)

    def scenario_player(self, scenario_id: str | None = None) -> Any:
        """A ScenarioPlayer on the lesson's scenario (or ``scenario_id``) from scenarios/."""
        # Deferred: a lesson pays only for the widgets it shows (module docstring).
        from coachlab.scenarios import load_scenario
        from coachlab.widgets import ScenarioPlayer

        scenario_id = scenario_id or self._needs("scenario", self.content.scenario)
        path = self.folder / "scenarios" / f"{scenario_id}.yaml"
        if not path.is_file():
            raise LessonContentError(f"scenario {scenario_id!r} not found at {path}")
        return ScenarioPlayer(load_scenario(path), journal=self.journal,
                              key=f"{self.slug}.scenario.{scenario_id}")

    def interview(self, rep_id: str | None = None) -> Any:
        """A RepInterview with the lesson's rep (``interview:`` in its practice file, or
        ``rep_id``) from reps/, saved under ``<lesson>.interview.<rep id>``."""
        # Deferred: a lesson pays only for the widgets it shows (module docstring).
        from coachlab.widgets.interview import interview

        rep_id = rep_id or self._needs("interview", self.content.interview)
        if not (self.folder / "reps" / f"{rep_id}.yaml").is_file():
            raise LessonContentError(f"rep {rep_id!r} not found at "
                                     f"{self.folder / 'reps' / f'{rep_id}.yaml'}")
        return interview(rep_id, key=f"{self.slug}.interview.{rep_id}", folder=self.folder)

    def _needs(self, name: str, value: str | None) -> str:
        """``value``, the file's ``name`` field, or an error saying the widget needs it."""
        if value is None:
            raise LessonContentError(f"practice/{self.slug}.yaml needs '{name}' (an id)")
        return value


def lesson(slug: str, folder: Path | str | None = None) -> Lesson:
    """Load lesson ``slug``'s practice content from ``folder``/practice/ (default: here).

    Raises :class:`LessonContentError` naming the file, and each field at fault, for a practice
    file that is not valid YAML or does not fit :class:`~coachlab.practicefile.PracticeFile`.
    """
    folder = Path(folder or Path.cwd())
    path = folder / "practice" / f"{slug}.yaml"
    if not path.is_file():
        return Lesson(slug, folder)
    try:
        content = read_practice_file(path)
    except PracticeFileError as error:
        raise LessonContentError(str(error)) from None
    return Lesson(slug, folder, content)


def play_scenario(scenario_file: str, key: str, folder: Path | str | None = None) -> Any:
    """A ScenarioPlayer on a scenario file beside an exercise, saved under ``key``."""
    # Deferred: a lesson pays only for the widgets it shows (module docstring).
    from coachlab.scenarios import load_scenario
    from coachlab.widgets import ScenarioPlayer

    folder = Path(folder or Path.cwd())
    return ScenarioPlayer(load_scenario(folder / scenario_file), journal=Journal.beside(folder),
                          key=key)
