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


def test_the_course_config_switches_metadata_clearing_on(course_root: Path) -> None:
    # RebuildSubmission already starts from the release's cells; this second layer holds alone.
    from nbconvert.preprocessors import ClearMetadataPreprocessor

    from coachlab.course import load_config
    from tests.helpers import cells

    clear = ClearMetadataPreprocessor(config=load_config(course_root))
    nb = cells.notebook(cells.answer('label_1 = "open"', "answers-a"))
    nb.metadata["widgets"] = {"state": {}}
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells[0].metadata["mine"] = "learner's own"
    nb, _ = clear(nb, {})  # nbconvert runs a preprocessor only when it is enabled
    assert set(nb.metadata) == {"kernelspec"}
    assert "mine" not in nb.cells[0].metadata and "nbgrader" in nb.cells[0].metadata
