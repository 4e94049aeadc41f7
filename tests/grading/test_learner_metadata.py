"""Metadata a learner's notebook carries (widget state, anything of their own) never reaches
``autograded/``: nbconvert's ClearMetadataPreprocessor keeps only the release's keys."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from coachlab.grading.workspace import Workspace

pytestmark = pytest.mark.pipeline

EXERCISE = "01-tell-or-ask"
NOTEBOOK = f"{EXERCISE}.ipynb"


def test_learner_metadata_is_not_carried_into_autograded(tmp_path: Path,
                                                        course_root: Path) -> None:
    ws = Workspace.from_course(tmp_path / "course", course_root)
    ws.generate(EXERCISE)
    nb = nbformat.read(ws.root / "exercises" / EXERCISE / NOTEBOOK, as_version=4)
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {"x": 1}}}
    nb.metadata["mine"] = "<script>alert(1)</script>"
    for cell in nb.cells:
        cell.metadata["mine"] = "learner's own"
    path = tmp_path / NOTEBOOK
    nbformat.write(nb, path)
    ws.add_learner("ada")
    ws.submit("ada", EXERCISE, {NOTEBOOK: path})
    ws.autograde(EXERCISE, "ada")
    graded = nbformat.read(ws.root / "autograded" / "ada" / EXERCISE / NOTEBOOK, as_version=4)
    assert "widgets" not in graded.metadata and "mine" not in graded.metadata
    assert not [c.id for c in graded.cells if "mine" in c.metadata]
    assert any("nbgrader" in c.metadata for c in graded.cells)  # nbgrader's own is rebuilt
