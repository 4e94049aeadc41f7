"""Build test learners' submissions: the solution, the untouched release, a partly correct copy.

The solved learner submits the solution folder: its notebooks, with its reference play
(solutions/<exercise>/reference-play.json) as the journal. What the other learners answer lives in
tests/data/submissions/<exercise>.yaml. Their widget answers are made by driving the real widgets
against a journal in the submission folder, as a learner's clicks would: ``plays`` through the
scenario player, ``interviews`` through the interview widget (each typed question, then the
diagnosis, the coaching choice and the first line).
"""

from __future__ import annotations

import html
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import nbformat
import yaml

from coachlab.course import JOURNAL_FILE
from coachlab.grading.workspace import Workspace
from coachlab.responses import REFERENCE_FILENAME, Journal
from tests.helpers.notebooks import fill, split_hidden

DATA = Path(__file__).resolve().parent.parent / "data" / "submissions"
KINDS = ("solved", "untouched", "partial")


def solution_files(folder: Path) -> dict[str, Path]:
    """An exercise's source folder as a learner's submission: its notebooks, and its reference
    play as the answer journal (what the solution's widgets would have recorded)."""
    folder = Path(folder)
    files = {path.name: path for path in sorted(folder.glob("*.ipynb"))}
    if (folder / REFERENCE_FILENAME).is_file():
        files[JOURNAL_FILE] = folder / REFERENCE_FILENAME
    return files


def submit_solution(workspace: Workspace, learner: str, exercise: str,
                    when: datetime | None = None) -> Path:
    """Submit the exercise's solution as ``learner``'s work (see :func:`solution_files`)."""
    return workspace.submit(learner, exercise,
                            solution_files(workspace.root / "solutions" / exercise), when)


def plan(exercise: str) -> dict[str, Any]:
    """The answers file for ``exercise``."""
    path = DATA / f"{exercise}.yaml"
    if not path.is_file():
        raise FileNotFoundError(f"write {path} (see 01-tell-or-ask.yaml) to test {exercise}")
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def build(kind: str, exercise: str, release: Path, solution: Path, out: Path) -> dict[str, Path]:
    """Make ``kind``'s submission folder at ``out``; returns file name -> path to submit."""
    out.mkdir(parents=True, exist_ok=True)
    if kind == "solved":  # the solution notebooks, with the reference play as the journal
        files = {}
        for name, path in solution_files(solution).items():
            files[name] = out / name
            shutil.copyfile(path, out / name)
        return files
    spec = plan(exercise).get(kind, {}) or {}
    files: dict[str, Path] = {}
    for notebook in sorted(release.glob("*.ipynb")):
        target = out / notebook.name
        if kind != "untouched":
            fill(notebook, spec.get("notebooks", {}).get(notebook.stem, {}), target)
        else:
            shutil.copyfile(notebook, target)
        files[notebook.name] = target
    journal = Journal.beside(out)
    for play in spec.get("plays", []):
        _play(release / play["scenario"], journal, play["key"], play)
    for interview in spec.get("interviews", []):
        _interview(release, journal, interview)
    for key, value in (spec.get("records") or {}).items():
        journal.record(key, value)
    if journal.path.exists():
        files[JOURNAL_FILE] = journal.path
    return files


def _play(scenario_file: Path, journal: Journal, key: str, play: dict) -> None:
    """Play the first path to an ending with the play's ``outcome`` (or ``root_cause_found``)."""
    from coachlab.scenarios import load_scenario
    from coachlab.widgets import ScenarioPlayer

    scenario = load_scenario(scenario_file)
    if "outcome" in play:
        wanted = next(p for p in scenario.paths() if p.ending.outcome == play["outcome"])
    else:
        found = play["root_cause_found"]
        wanted = next(p for p in scenario.paths() if p.ending.root_cause_found is found)
    player = ScenarioPlayer(scenario, journal=journal, key=key)
    if player.at_ending:  # an earlier play is shown again: play on, as a learner would
        player.replay()
    for step in wanted.steps:
        player.choose(step.choice_index)
    assert player.at_ending


def _interview(release: Path, journal: Journal, spec: dict) -> None:
    """Interview the rep beside the released notebook, question by question, then diagnose."""
    from coachlab.interview import load_rep
    from coachlab.widgets.interview import RepInterview

    rep = load_rep(release / "reps" / f"{spec['rep']}.yaml")
    widget = RepInterview(rep, journal=journal, key=spec["key"])
    if widget.at_ending:  # an earlier interview is shown again: start anew, as a learner would
        widget.replay()
    for question in spec["questions"]:
        assert widget.ask(question) is not None, question
    assert widget.finish(spec["diagnosis"], spec["coaching"], spec.get("first_line", ""))


def hidden_snippets(solution_dir: Path) -> list[str]:
    """Lines of hidden tests and rubrics in a solution folder, as they would appear in HTML."""
    snippets: list[str] = []
    for path in sorted(solution_dir.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.metadata.get("coachlab", {}).get("instructor_only"):
                lines = cell.source.split("\n")
            else:
                _, lines = split_hidden(cell.source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
            snippets += [line.strip() for line in lines if sum(c.isalpha() for c in line) >= 8]
    return [html.escape(s, quote=False) for s in snippets] + snippets
