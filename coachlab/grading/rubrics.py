"""Put each reflection's rubric beside the learner's answer when a submission is autograded.

A rubric is a locked markdown cell in the solution notebook whose ``grade_id`` is the answer's
``grade_id`` plus ``-rubric`` and whose metadata has ``coachlab.instructor_only: true``. The release
drops it, the gradebook keeps it, and this preprocessor reinserts it in the autograded copy, which
is what formgrader shows the instructor. Feedback removes it again.
"""

from __future__ import annotations

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode, from_dict
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor

from coachlab.grading.release import INSTRUCTOR_ONLY

RUBRIC_SUFFIX = "-rubric"


class InsertRubrics(NbGraderPreprocessor):
    """Insert rubric cells from the gradebook after the answers they grade."""

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gradebook:
            try:
                source_nb = gradebook.find_notebook(info["notebook"], info["assignment"])
            except MissingEntry:
                return nb, resources
            rubrics = {
                cell.name[: -len(RUBRIC_SUFFIX)]: cell.source
                for cell in source_nb.source_cells
                if cell.name.endswith(RUBRIC_SUFFIX)
            }
        if not rubrics:
            return nb, resources
        # A learner cannot smuggle in a fake rubric: drop any that the submission carries.
        cells = [cell for cell in nb.cells if not _grade_id(cell).endswith(RUBRIC_SUFFIX)]
        result = []
        for cell in cells:
            result.append(cell)
            answer_id = _grade_id(cell)
            if answer_id in rubrics:
                result.append(_rubric_cell(answer_id, rubrics[answer_id]))
        nb.cells = result
        return nb, resources


def _grade_id(cell: NotebookNode) -> str:
    return str(cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", ""))


def _rubric_cell(answer_id: str, source: str) -> NotebookNode:
    return from_dict(
        {
            "cell_type": "markdown",
            "id": f"{answer_id}{RUBRIC_SUFFIX}"[:64],
            "metadata": {"coachlab": {INSTRUCTOR_ONLY: True}, "editable": False},
            "source": source,
        }
    )
