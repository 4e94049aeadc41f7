"""A learner's own progress, module by module, read from the files beside their notebooks into
plain data (:class:`Progress`). Nothing here draws, prints or runs a kernel: the view
(:mod:`coachlab.progress.view`) words and charts it, and the self-check
(:mod:`coachlab.progress.selfcheck`) is handed in by whoever wants it run.

Self-paced: no gradebook is needed. For each module it reads

- whether the lesson was opened: answers recorded in ``course/coachlab-answers.json``;
- how many exercise parts are answered: answer cells in ``exercises/NN-*/*.ipynb`` that differ
  from the blank release (nbgrader's checksum), and widget parts recorded in the exercise journal;
- the self-check of an exercise with answers, when a ``check`` is given (nbgrader's Validator:
  :func:`coachlab.progress.selfcheck.self_check`);
- the score, once feedback exists (nbgrader's feedback HTML, or the gradebook for a named learner),
  else the learner's own ``coachlab self-grade`` result, marked "self-graded";
- skills over time: ask ratio and open-question share of the replies in the journals (Question
  Coach lists and scenario plays), module by module;
- the module 00 vs 05 self-assessment, when that part of the course is present;
- daily practice (``course/practice.ipynb``): per skill, items due, next review and streak;
- interviews (lessons, exercises and practice): for every finished interview, the evidence
  surfaced (found of needed) and the questions it took, replayed from the questions typed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from coachlab import selfassessment
from coachlab.analysis import analyze_conversation
from coachlab.blanks import is_unanswered
from coachlab.course import (
    JOURNAL_FILE,
    SELF_GRADED_DIR,
    SELF_GRADED_SCORE,
    Module,
    course_modules,
    exercise_path,
    find_root,
    gradebook_url,
    lesson_path,
)
from coachlab.gradebook import read_scores
from coachlab.interview.loader import RepError, load_rep
from coachlab.interview.model import Rep
from coachlab.interview.saved import OWNER, saved_interview
from coachlab.interview.script import replay
from coachlab.journals import ScenarioIndex, module_of, read_answers, replies_by_module
from coachlab.practice.pool import build_pool, pool_sizes
from coachlab.practice.state import KEY, PracticeSummary, summarise
from coachlab.scenarios.plays import MAX_PLAYS
from coachlab.scorefile import ScoreFileError, read_score

_STRING = re.compile(r"""["']([^"'\s]{1,200})["']""")
"""A quoted string in a cell's source: the journal keys a widget cell names are among them."""
_SCORE_META = re.compile(r'<meta\b(?=[^>]*\bname="coachlab-score")[^>]*\bcontent="([0-9.]+)\s*/\s*'
                         r'([0-9.]+)"[^>]*>')
"""The whole score in the course's feedback report (its ``coachlab-score`` meta tag, attributes
in any order)."""
_SCORE = re.compile(r"Score:\s*([0-9.]+)\s*/\s*([0-9.]+)")
"""The score in nbgrader's own feedback page, for reports made before the course's template."""
#: How a score from ``coachlab self-grade`` is marked.
SELF_GRADED = "self-graded"
#: Today's practice, relative to the course root.
PRACTICE_NOTEBOOK = "course/practice.ipynb"


@dataclass(frozen=True)
class ModuleProgress:
    """Where a learner stands in one module."""

    module: str                       # e.g. "01-tell-or-ask"
    lesson_opened: bool
    parts_answered: int
    parts_total: int
    self_check: str | None = None     # "passed", "2 check(s) failing", ... None = not run
    score: float | None = None
    max_score: float | None = None
    ask_ratio: float | None = None
    open_share: float | None = None
    replies: int = 0
    notes: tuple[str, ...] = ()
    score_source: str | None = None   # "feedback", "gradebook" or SELF_GRADED; None = no score

    @property
    def number(self) -> str:
        """The module's two-digit number."""
        return Module.parse(self.module).number

    @property
    def complete(self) -> bool:
        """Every exercise part answered (and at least one part exists)."""
        return self.parts_total > 0 and self.parts_answered >= self.parts_total


@dataclass(frozen=True)
class Progress:
    """A learner's progress over the whole course."""

    modules: list[ModuleProgress]
    self_assessment: dict[str, dict[str, float]] = field(default_factory=dict)
    self_assessment_text: str = ""
    practice: PracticeSummary | None = None
    interviews: tuple[InterviewRecord, ...] = ()

    @property
    def next_step(self) -> str:
        """One clear line: what to do next."""
        return self.next_action.text

    @property
    def next_action(self) -> NextStep:
        """What to do next, with the notebook to open for it (the course home links it)."""
        for m in self.modules:
            if not m.lesson_opened and m.parts_answered == 0:
                return NextStep(f"Next: open lesson {m.module} ({lesson_path(m.module)}) "
                                "and play it through.", lesson_path(m.module))
            if m.parts_total and m.parts_answered < m.parts_total:
                left = m.parts_total - m.parts_answered
                return NextStep(f"Next: finish exercise {m.module}: {left} part(s) still empty "
                                f"(exercises/{m.module}/).", exercise_path(m.module))
            if m.self_check and m.self_check != "passed":
                return NextStep(f"Next: fix exercise {m.module}: self-check says {m.self_check}.",
                                exercise_path(m.module))
        ungraded = [m for m in self.modules if m.score is None and m.parts_total]
        if ungraded:
            return NextStep("Next: submit your exercises and read your feedback when it arrives.",
                            exercise_path(ungraded[0].module))
        return NextStep("Next: every module is done. Keep practising: course/practice.ipynb, ten "
                        "minutes a day, and ask one more question each day.", PRACTICE_NOTEBOOK)


@dataclass(frozen=True)
class InterviewRecord:
    """One finished interview, as the engine scores it when its questions are replayed."""

    where: str                        # "lesson 02", "exercise 02" or "practice"
    rep: str                          # the rep's id
    name: str                         # the rep's name
    found: int                        # facts found that tell the cause from its look-alike
    needed: int                       # how many of them full evidence needs
    questions: int                    # questions asked
    outcome: str                      # best, good, mixed or poor


@dataclass(frozen=True)
class NextStep:
    """The learner's next step: a line to read and, when there is one, the notebook to open."""

    text: str
    path: str | None = None           # relative to the course root, e.g. "exercises/01-.../x.ipynb"


# ------------------------------------------------------------------------------ exercises

def exercise_parts(folder: Path) -> tuple[int, int, list[str]]:
    """(parts answered, parts in total, notes) for an exercise folder.

    Answer cells count as answered when they hold more than the blanks of the release; widget
    parts (a check cell marked ``coachlab.answered_in_widget``) when the journal holds a value for
    the key the cell names. Notebooks are read as plain JSON: the progress page stays quick because
    it imports neither nbformat nor nbgrader.
    """

    answers = read_answers(folder / JOURNAL_FILE)
    answered = total = 0
    notes: list[str] = []
    for path in sorted(folder.glob("*.ipynb")):
        try:
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            notes.append(f"{path.name} cannot be read ({type(error).__name__})")
            continue
        for cell in cells:
            metadata = cell.get("metadata", {}) if isinstance(cell, dict) else {}
            source = cell.get("source", "") if isinstance(cell, dict) else ""
            source = "".join(source) if isinstance(source, list) else str(source)
            if metadata.get("nbgrader", {}).get("solution"):
                total += 1
                answered += not is_unanswered(cell.get("cell_type", "code"), source)
            elif metadata.get("coachlab", {}).get("answered_in_widget"):
                total += 1
                keys = [k for k in _STRING.findall(source) if "." in k and Module.of_key(k)]
                answered += any(answers.get(k) not in (None, "", [], {}) for k in keys)
    return answered, total, notes


def feedback_score(folder: Path) -> tuple[float, float] | None:
    """(score, max) from the newest nbgrader feedback HTML under ``folder``, if any."""
    reports = sorted(folder.glob("feedback/*/*.html")) or sorted(folder.glob("*.html"))
    if not reports:
        return None
    total = maximum = 0.0
    newest = reports[-1].parent
    for report in sorted(newest.glob("*.html")):
        text = report.read_text(encoding="utf-8", errors="replace")
        match = _SCORE_META.search(text) or _SCORE.search(text)
        if match:
            total += float(match.group(1))
            maximum += float(match.group(2))
    return (total, maximum) if maximum else None


def self_graded_score(root: Path, module: str) -> tuple[float, float] | None:
    """(score, max) of the autograded parts from the learner's last ``coachlab self-grade``;
    None when there is none, or its record cannot be read (the page shows the other modules)."""
    try:
        record = read_score(root / SELF_GRADED_DIR / module / SELF_GRADED_SCORE)
    except ScoreFileError:
        return None
    return (record.score, record.max_score) if record.max_score > 0 else None


# ------------------------------------------------------------------------------ the whole course

def modules(root: Path) -> list[str]:
    """Module names: graded exercises under solutions/, plus lessons without an exercise."""
    return [module.name for module in course_modules(root)]


SelfCheck = Callable[[Path, Path], str]
"""``check(exercise folder, course root)``: a short verdict such as "passed" (see
:func:`coachlab.progress.selfcheck.self_check`)."""


def learner_progress(root: Path | str | None = None, *, check: SelfCheck | None = None,
                     learner: str | None = None, db_url: str | None = None,
                     now: datetime | None = None, interviews: bool = True) -> Progress:
    """The progress of the learner whose course folder is ``root`` (default: found from here).

    ``check`` is run on each exercise with answers (the self-check starts a kernel each); without
    it no self-check is run. With
    ``learner``, scores also come from the gradebook (``db_url`` or the course's default).
    ``now`` (default: the local time) decides which practice items are due today.
    ``interviews`` replays every finished interview (about 0.1 s for each rep to load); the
    course home, which shows none, skips it.
    """
    root = Path(root) if root else find_root()
    course_answers = read_answers(root / "course" / JOURNAL_FILE)
    opened = {module_of(key) for key in course_answers}
    folders = [root / "course" / "scenarios", *sorted(p for p in (root / "exercises").glob("*")
                                                       if p.is_dir())]
    scenarios = ScenarioIndex(folders)
    replies = replies_by_module(course_answers, scenarios)
    journals = {"course": course_answers}
    gradebook_scores = _gradebook_scores(root, learner, db_url) if learner else {}

    result: list[ModuleProgress] = []
    for module in modules(root):
        number = Module.parse(module).key
        folder = root / "exercises" / module
        answered = total = 0
        notes: list[str] = []
        verdict: str | None = None
        score = None
        source: str | None = None
        if folder.is_dir():
            answered, total, notes = exercise_parts(folder)
            exercise_answers = read_answers(folder / JOURNAL_FILE)
            journals[module] = exercise_answers
            for mod, found in replies_by_module(exercise_answers, scenarios).items():
                replies.setdefault(mod, []).extend(found)
            if check is not None and answered:
                verdict = check(folder, root)
            score = feedback_score(folder)
            source = "feedback" if score else None
        if score is None:
            score = self_graded_score(root, module)
            source = SELF_GRADED if score else None
        if module in gradebook_scores:
            score, source = gradebook_scores[module], "gradebook"
        mine = replies.get(number, [])
        metrics = analyze_conversation(mine) if mine else None
        result.append(ModuleProgress(
            module, number in opened, answered, total, verdict,
            score[0] if score else None, score[1] if score else None,
            metrics.ask_ratio if metrics else None, metrics.open_share if metrics else None,
            len(mine), tuple(notes), source))
    before_after, text = _self_assessment(journals)
    return Progress(result, before_after, text, _practice(root, course_answers, now),
                    interview_records(root, journals) if interviews else ())


# ------------------------------------------------------------------------------ interviews

MAX_INTERVIEW_ENTRIES = 200
"""Journal entries with an interview read at most (a journal is learner data)."""


def interview_records(root: Path, journals: dict[str, dict[str, Any]]
                      ) -> tuple[InterviewRecord, ...]:
    """Every finished interview in the ``journals`` (``{"course": answers, module: answers}``):
    each entry holding the field ``interview`` (a rep id) and each of its finished plays.

    Nothing saved is trusted: each play's questions, diagnosis and coaching are replayed by
    :func:`coachlab.interview.replay` against the rep (from ``course/reps`` or the exercise's
    own ``reps/``); a rep that cannot be found, or a play that is not a mapping, is skipped.
    """
    reps = _RepIndex([root / "course" / "reps",
                      *sorted((root / "exercises").glob("*/reps"))])
    found: list[InterviewRecord] = []
    seen = 0
    for journal, answers in journals.items():
        for key, entry in answers.items():
            if type(entry) is not dict or not isinstance(entry.get(OWNER), str):
                continue
            seen += 1
            if seen > MAX_INTERVIEW_ENTRIES:
                return tuple(found)
            rep = reps.get(entry[OWNER])
            if rep is None:
                continue
            where = _interview_place(journal, key)
            for play in _finished_plays(entry):
                checked = saved_interview({**play, OWNER: rep.id, "finished": True}, rep.id)
                if checked is None:
                    continue
                found.append(_replayed(rep, where, checked))
    return tuple(found)


def _finished_plays(entry: dict[str, Any]) -> list[dict[str, Any]]:
    """The entry's finished plays (``plays``), or the entry itself when it is a finished
    interview saved without them."""
    plays = entry.get("plays", [])
    if type(plays) is not list or len(plays) > MAX_PLAYS:
        return []  # plays that cannot be read (not a list, or too many): none of them count
    plays = [play for play in plays if type(play) is dict]
    if not plays and entry.get("finished") is True:
        plays = [entry]
    return plays


def _replayed(rep: Rep, where: str, play: dict[str, Any]) -> InterviewRecord:
    result = replay(rep, play["questions"], play["diagnosis"], play["coaching"],
                    play["first_line"])
    return InterviewRecord(where, rep.id, rep.persona.name, result.found, result.needed,
                           result.turns, result.outcome)


def _interview_place(journal: str, key: str) -> str:
    """Where an interview was played: its exercise, its lesson, or daily practice."""
    if journal != "course":
        return f"exercise {Module.parse(journal).number}"
    if key.startswith("practice."):
        return "practice"
    module = module_of(key)
    return f"lesson {module}" if module else "course"


_REP_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){0,20}")


class _RepIndex:
    """Reps by id, each loaded on first use from the first folder that has it."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders
        self._loaded: dict[str, Rep | None] = {}

    def get(self, rep_id: str) -> Rep | None:
        if rep_id not in self._loaded:
            self._loaded[rep_id] = None
            if not _REP_ID.fullmatch(rep_id):
                return None
            for folder in self.folders:
                path = folder / f"{rep_id}.yaml"
                if path.is_file():
                    try:
                        self._loaded[rep_id] = load_rep(path)
                    except (RepError, OSError):
                        pass
                    break
        return self._loaded[rep_id]


def _practice(root: Path, answers: dict[str, Any], now: datetime | None) -> PracticeSummary:
    """The daily-practice summary from the lessons' journal (pool sizes if the pool builds)."""
    try:
        sizes = pool_sizes(build_pool(root / "course"))
    except Exception:  # a broken content file is the checker's business; show what we have
        sizes = None
    return summarise(answers.get(KEY), now or datetime.now().astimezone(), sizes)


def _gradebook_scores(root: Path, learner: str, db_url: str | None
                      ) -> dict[str, tuple[float, float]]:
    """(score, points available) per exercise ``learner`` has been graded on."""
    scores = read_scores(gradebook_url(root, db_url))
    return {module: (result.score, scores.max_scores.get(module, result.max_score))
            for module, result in scores.of(learner).items()}


def _self_assessment(journals: dict[str, dict[str, Any]]) -> tuple[dict[str, dict[str, float]],
                                                                    str]:
    """Module 00 (before) and 05 (after) self-assessment profiles, if the course has them."""
    found: dict[str, dict[str, float]] = {}
    for answers in journals.values():
        for key, value in answers.items():
            module = module_of(key)
            if module not in ("00", "05") or module in found:
                continue
            try:
                recorded = selfassessment.recorded_answers(value)
                if recorded is not None:
                    found[module] = selfassessment.score(recorded)
            except Exception:  # incomplete answers: not a profile yet
                continue
    if "00" not in found:
        return {}, ""
    try:
        text = selfassessment.profile_text(found["00"], found.get("05"))
    except Exception:
        text = ""
    return {"before": found["00"], **({"after": found["05"]} if "05" in found else {})}, text


