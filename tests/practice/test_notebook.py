"""course/practice.ipynb: thin, runs top to bottom, shows the widget and keeps today's plan."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from coachlab.practice.state import KEY
from coachlab.responses import Journal

from .conftest import COURSE

NOTEBOOK = COURSE / "practice.ipynb"


def _run(folder: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(folder / NOTEBOOK.name, as_version=4)
    NotebookClient(nb, timeout=60, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    return nb


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
    nb = _run(folder)
    [practice] = [cell for cell in nb.cells if cell.id == "practice"]
    [output] = practice.outputs
    assert output.output_type == "execute_result"
    assert "application/vnd.jupyter.widget-view+json" in output.data
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    classes = [m["state"].get("_dom_classes", []) for m in state.values()]
    assert any("coachlab-practice" in c for c in classes)  # the practice view, not an error
    plan = Journal.beside(folder).get(KEY)["plan"]
    assert len(plan["items"]) == 5
    _run(folder)  # a re-run the same day keeps the same session
    assert Journal.beside(folder).get(KEY)["plan"] == plan
