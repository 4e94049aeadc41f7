"""Self-grading: show each reflection's rubric as a self-review checklist.

When learners grade their own exercise (``coachlab self-grade``) nobody grades their reflections,
so the feedback shows each rubric beside the answer as a checklist to read it against. This runs
in that feedback only, before :class:`~coachlab.grading.feedback.HideInstructorContent`, which
still removes every other instructor-only cell. Cohort feedback never shows rubrics.
"""

from __future__ import annotations

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from coachlab.grading.release import INSTRUCTOR_ONLY, is_instructor_only
from coachlab.grading.rubrics import RUBRIC_SUFFIX

CHECKLIST = "self_review_checklist"


class RubricChecklist(NbGraderPreprocessor):
    """Turn rubric cells into learner-visible self-review checklists."""

    heading = Unicode(
        "**Self-review checklist.** Your written answer above is not graded when you grade "
        "yourself. Read it against each line below, as your instructor would, and rewrite "
        "what is missing.",
        help="Markdown shown above each rubric.").tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        for cell in nb.cells:
            # Autograde reinserts rubrics without nbgrader metadata, named by their cell id.
            name = str(cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                       or cell.get("id", ""))
            if is_instructor_only(cell) and name.endswith(RUBRIC_SUFFIX):
                cell.source = f"{self.heading}\n\n{cell.source}"
                coachlab = cell.metadata.setdefault("coachlab", {})
                coachlab.pop(INSTRUCTOR_ONLY, None)
                coachlab[CHECKLIST] = True
        return nb, resources
