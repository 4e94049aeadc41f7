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


def split_hidden(source: str, begin: str, end: str) -> tuple[str, list[str]]:
    """Split a source cell into (source without ``begin``/``end`` regions, the lines inside them).

    Tests use it to read what a solution notebook hides; the grader itself cuts regions with
    nbgrader's preprocessors (:mod:`coachlab.grading.hidden`).
    """
    kept: list[str] = []
    hidden: list[str] = []
    inside = False
    for line in source.split("\n"):
        if begin in line:
            inside = True
        elif end in line and inside:
            inside = False
        elif inside:
            hidden.append(line)
        else:
            kept.append(line)
    return "\n".join(kept), hidden
