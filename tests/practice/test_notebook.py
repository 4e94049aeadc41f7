"""course/practice.ipynb: thin, runs top to bottom, shows the widget and keeps today's plan."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

from coachlab.journals import record_lesson_opened
from coachlab.practice.state import KEY
from coachlab.responses import Journal
from tests.helpers.outputs import noisy_outputs, run_as_learner

from .conftest import COURSE

NOTEBOOK = COURSE / "practice.ipynb"


def _run(folder: Path) -> nbformat.NotebookNode:
    return run_as_learner(folder / NOTEBOOK.name, folder, timeout=60)


def _classes(nb: nbformat.NotebookNode) -> list[list[str]]:
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    return [m["state"].get("_dom_classes", []) for m in state.values()]


def test_notebook_is_thin_with_hidden_helper_code() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert [cell.id for cell in code] == ["setup", "practice"]
    assert code[0].metadata["jupyter"]["source_hidden"] is True
    assert code[1].source.strip() == "todays_practice()"
    assert nb.cells[0].source.startswith("# Today's practice")


def test_notebook_runs_top_to_bottom_and_resumes(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    shutil.copytree(COURSE, folder, ignore=shutil.ignore_patterns("coachlab-answers.json*"))
    record_lesson_opened(folder, "01-tell-or-ask")
    nb = _run(folder)
    [practice] = [cell for cell in nb.cells if cell.id == "practice"]
    [output] = practice.outputs
    assert output.output_type == "execute_result"
    assert "application/vnd.jupyter.widget-view+json" in output.data
    assert any("coachlab-practice" in c for c in _classes(nb))  # the view, not an error
    assert noisy_outputs(nb) == []
    plan = Journal.beside(folder).get(KEY)["plan"]
    assert len(plan["items"]) == 5
    _run(folder)  # a re-run the same day keeps the same session
    assert Journal.beside(folder).get(KEY)["plan"] == plan


def test_notebook_before_any_lesson_says_what_to_open_first(tmp_path: Path) -> None:
    folder = tmp_path / "course"
    shutil.copytree(COURSE, folder, ignore=shutil.ignore_patterns("coachlab-answers.json*"))
    nb = _run(folder)
    assert noisy_outputs(nb) == []
    assert any("coachlab-practice-message" in c for c in _classes(nb))
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    [shown] = [m["state"]["value"] for m in state.values()
               if "coachlab-practice-message" in m["state"].get("_dom_classes", [])]
    assert "Nothing to practise yet" in shown and "01-tell-or-ask-lesson.ipynb" in shown
