"""Self-graded feedback: each reflection's rubric as a self-review checklist, and a note on the
score.

When learners grade their own exercise (``coachlab self-grade``) nobody grades their reflections,
so the feedback shows each rubric beside the answer as a checklist to read it against. This runs
in that feedback only, before :class:`~coachlab.grading.feedback.HideInstructorContent`, which
still removes every other instructor-only cell. Cohort feedback never shows rubrics. The note at
the top says that the report's total counts the ungraded written answers as 0.
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


class SelfGradedNote(NbGraderPreprocessor):
    """Open a self-graded report with what its score means: the autograded points only."""

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        from nbformat.v4 import new_markdown_cell

        auto = auto_max = written = 0.0
        for cell in nb.cells:
            nbg = cell.get("metadata", {}).get("nbgrader", {})
            if not nbg.get("grade"):
                continue
            if nbg.get("solution"):
                written += float(nbg.get("points") or 0)
            else:
                auto += float(nbg.get("score") or 0)
                auto_max += float(nbg.get("points") or 0)
        text = (f"**Self-graded: {auto:g} of {auto_max:g} points checked automatically.** "
                "Each part below shows your answers item by item, whether each is right, and "
                "why.")
        if written:
            text += (f" Your written answers ({written:g} points) are not graded here, so the "
                     "total above counts them as 0: review each one against its self-review "
                     "checklist.")
        note = new_markdown_cell(text, id="self-graded-note")
        nb.cells = [note, *nb.cells]
        return nb, resources
