"""A throwaway cohort that runs the whole instructor workflow: ``coachlab demo``.

Synthetic learners answer every exercise in varied ways: correct (the solution notebooks with
their reference plays, and scenario plays that find the root cause), partial (some solution cells
kept, others blank, plays that miss it), blank (the release untouched), late (correct but after
the due date) and broken (a notebook that is not valid JSON). Some learners stop before the last
modules. Then the demo runs generate → submit → grade → feedback → report in a temporary folder
and returns the report's files.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

import nbformat

from coachlab.cohort.grade import Cohort, grade_and_feedback, submissions, summary
from coachlab.cohort.report import build
from coachlab.course import JOURNAL_FILE, Module, resolve_modules
from coachlab.grading.workspace import Workspace
from coachlab.responses import REFERENCE_FILENAME, Journal
from coachlab.scenarios import load_scenario
from coachlab.widgets import ScenarioPlayer
from coachlab.xapi.hook import disabled

KINDS = ("correct", "partial", "blank", "late", "broken")
WEIGHTS = (0.35, 0.3, 0.12, 0.12, 0.06)
FIRST = ("Ada", "Ben", "Chiara", "Dev", "Eun-ji", "Farid", "Grace", "Hugo", "Ines", "Jonas",
         "Kemi", "Luis", "Mara", "Nils", "Olu", "Priya", "Quinn", "Rosa", "Sami", "Tove")
LAST = ("Abbott", "Brandt", "Costa", "Dlamini", "Eriksen", "Fujita", "Garcia", "Haddad",
        "Ivanova", "Jensen", "Kowalski", "Laine", "Moreau", "Nakamura", "Okafor", "Patel")
_PLAY = re.compile(r"""play_scenario\(\s*["']([^"']+)["']\s*,\s*key\s*=\s*["']([^"']+)["']""")
#: Replies a learner might type into the Question Coach, from telling to open asking.
_TELLING = ("You should send them the case study.", "Let me call the buyer for you.",
            "Have you tried offering a discount?", "Just follow up again tomorrow.")
_ASKING = ("What do you think is stopping them?", "Did they agree to the next step?",
           "Walk me through the last call.", "How would you open the next meeting?")


def run_demo(course: Path, *, learners: int = 30, out: Path | None = None,
             modules: list[str] | None = None, jobs: int | None = None, seed: int = 7,
             progress: TextIO | None = sys.stderr) -> Any:
    """Build and grade a synthetic cohort from the course at ``course``; return ReportFiles."""
    out = Path(out) if out else Path(tempfile.mkdtemp(prefix="coachlab-demo-"))
    names = resolve_modules(course, modules or [], every=not modules)
    ws = Workspace.from_course(out, course)
    rng = random.Random(seed)
    due = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=1)
    people = _learners(learners)
    for learner, first, last in people:
        ws.add_learner(learner, first, last, f"{learner}@example.org")
    stops = {learner: _stop(rng, len(names)) for learner, _, _ in people}
    staging = out / ".demo-staging"
    for index, module in enumerate(names):
        _say(progress, f"demo: generating {module} and {learners} submissions")
        release = ws.generate(module)
        with ws.gradebook() as gradebook:
            gradebook.update_or_create_assignment(module, duedate=due)
        for number, (learner, _, _) in enumerate(people):
            if index >= stops[learner]:
                continue
            kind = rng.choices(KINDS, WEIGHTS)[0]
            folder = staging / learner / module
            files = build_submission(kind, release, out / "solutions" / module, folder,
                                     rng, skill=(index + number % 3) / (len(names) + 2))
            when = due + timedelta(days=2) if kind == "late" else due - timedelta(hours=3)
            ws.submit(learner, module, files, when=when)
    shutil.rmtree(staging, ignore_errors=True)
    cohort = Cohort(out, course, ws.db_url)
    with disabled():  # synthetic learners never reach the company's LRS
        outcomes, _ = grade_and_feedback(cohort, submissions(out, names), jobs=jobs,
                                         progress=progress)
        _say(progress, summary(outcomes))
    _, report = build(ws.db_url, out / "report", root=out)
    return report


def build_submission(kind: str, release: Path, solution: Path, out: Path, rng: random.Random,
                     skill: float = 0.5) -> dict[str, Path]:
    """Write one synthetic learner's submission of ``kind`` into ``out``; return the files."""
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    for notebook in sorted(release.glob("*.ipynb")):
        target = out / notebook.name
        if kind == "broken":
            target.write_text('{"cells": [{"cell_type": "code", "source": "label_1 = ', "utf-8")
        elif kind in ("correct", "late"):
            shutil.copyfile(solution / notebook.name, target)
        elif kind == "partial":
            nbformat.write(_mix(notebook, solution / notebook.name, rng), target)
        else:
            shutil.copyfile(notebook, target)
        files[notebook.name] = target
    if kind in ("correct", "late", "partial"):
        journal = _journal(out)
        reference = solution / REFERENCE_FILENAME
        if kind != "partial" and reference.is_file():  # the solution's own widget answers
            shutil.copyfile(reference, journal.path)
        for source in _sources(release):
            for scenario_file, key in _PLAY.findall(source):
                if key in journal:  # already answered by the reference play
                    continue
                _play(release / scenario_file, journal, key, found=kind != "partial", rng=rng)
        module = Module.parse(release).key
        replies = [rng.choice(_ASKING if rng.random() < skill else _TELLING)
                   for _ in range(rng.randint(3, 8))]
        journal.record(f"{module}.coach", replies)
        if journal.path.exists():
            files[JOURNAL_FILE] = journal.path
    return files


def _mix(release: Path, solution: Path, rng: random.Random) -> Any:
    """The release with about half of its answer cells replaced by the solution's."""
    nb = nbformat.read(release, as_version=4)
    solved = {cell.id: cell.source for cell in nbformat.read(solution, as_version=4).cells}
    answer_cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]
    for position, cell in enumerate(answer_cells):
        keep = position == 0 or rng.random() < 0.5
        if keep and cell.id in solved and position != len(answer_cells) - 1:
            cell.source = solved[cell.id]
    return nb


def _journal(folder: Path) -> Any:
    return Journal.beside(folder)


def _sources(release: Path) -> list[str]:
    sources = []
    for notebook in sorted(release.glob("*.ipynb")):
        sources += [cell.source for cell in nbformat.read(notebook, as_version=4).cells]
    return sources


def _play(scenario_file: Path, journal: Any, key: str, found: bool, rng: random.Random) -> None:
    """Play ``scenario_file`` in the real widget to an ending that does (not) find the cause."""
    if not scenario_file.is_file():
        return
    scenario = load_scenario(scenario_file)
    paths = [p for p in scenario.paths() if p.ending.root_cause_found is found] or \
        scenario.paths()
    if not paths:
        return
    player = ScenarioPlayer(scenario, journal=journal, key=key)
    for step in rng.choice(paths).steps:
        if step.choice_index is not None:  # a scenario's paths are made of choices
            player.choose(step.choice_index)


def _learners(count: int) -> list[tuple[str, str, str]]:
    return [(f"learner{n:03d}", FIRST[n % len(FIRST)], LAST[(n * 7) % len(LAST)])
            for n in range(1, count + 1)]


def _stop(rng: random.Random, modules: int) -> int:
    """The module index a learner stops before (most finish)."""
    return modules if rng.random() < 0.8 else rng.randint(1, max(1, modules))


def _say(stream: TextIO | None, text: str) -> None:
    if stream is not None:
        print(text, file=stream, flush=True)
