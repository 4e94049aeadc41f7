"""Every widget says how to show it: nothing in a lesson or exercise needs "Run All" to be guessed.

A widget cell shows nothing until it is run. The markdown just above each one tells a manager the
one gesture that shows it (click the cell, Shift + Enter), and reflections say how to write in them
by a gesture that enters JupyterLab's edit mode (Enter; a double-click only unrenders the cell).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(ROOT.glob("course/*.ipynb")) + sorted(ROOT.glob("exercises/*/*.ipynb"))


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def widget_cells(cells: list[dict]) -> list[int]:
    """Indexes of code cells a learner runs to see something: not set-up, checks, grade or answer
    cells, and not hidden."""
    found = []
    for index, cell in enumerate(cells):
        grading = cell.get("metadata", {}).get("nbgrader", {})
        hidden = cell.get("metadata", {}).get("jupyter", {}).get("source_hidden")
        if cell["cell_type"] != "code" or hidden or grading.get("grade") \
                or grading.get("solution") or cell.get("id") == "setup":
            continue
        found.append(index)
    return found


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_each_widget_cell_says_how_to_show_it(notebook: Path) -> None:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    for index in widget_cells(cells):
        above = next((_source(c) for c in reversed(cells[:index])
                      if c["cell_type"] == "markdown"), "")
        assert "Shift + Enter" in above, (notebook.name, cells[index].get("id"))


def test_no_notebook_asks_for_a_double_click_to_write() -> None:
    for notebook in NOTEBOOKS:
        text = notebook.read_text(encoding="utf-8")
        assert "ouble-click" not in text, notebook
