"""Build submissions for tests: fill a learner's copy as a learner would."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat


def fill(notebook: Path, answers: dict[str, str], out: Path) -> Path:
    """Write ``notebook`` to ``out`` with the cells named in ``answers`` (by cell id) replaced."""
    nb = nbformat.read(notebook, as_version=4)
    missing = set(answers) - {cell.id for cell in nb.cells}
    if missing:
        raise KeyError(f"no cells {sorted(missing)} in {notebook}")
    for cell in nb.cells:
        if cell.id in answers:
            cell.source = answers[cell.id]
    out.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out)
    return out



def points(notebook: Path) -> tuple[float, float]:
    """(autograded, manually graded) points of a source notebook, from its nbgrader metadata."""
    auto = manual = 0.0
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        grading = cell.get("metadata", {}).get("nbgrader", {})
        if grading.get("grade"):
            if grading.get("solution"):
                manual += float(grading.get("points", 0))
            else:
                auto += float(grading.get("points", 0))
    return auto, manual
