"""Self-graded feedback: each reflection's rubric as a self-review checklist, and a note on the
score.

When learners grade their own exercise (``coachlab self-grade``) nobody grades their reflections,
so the feedback shows each rubric beside the answer as a checklist to read it against. This runs
in that feedback only, before :class:`~coachlab.grading.feedback.HideInstructorContent`, which
still removes every other instructor-only cell. Cohort feedback never shows rubrics. A rubric is
written to the instructor ("instructor only", "Reply with one sentence…"): the checklist keeps its
table of points and drops the lines addressed to the grader. The report's total then says that
the reflection is the learner's to review (:mod:`coachlab.grading.report`).
"""

from __future__ import annotations

import re

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from coachlab.grading.release import INSTRUCTOR_ONLY, is_instructor_only
from coachlab.grading.report import SELF_GRADED
from coachlab.grading.rubrics import RUBRIC_SUFFIX

CHECKLIST = "self_review_checklist"

#: A rubric's title line, e.g. "**Rubric for Part C (4 points; instructor only)**".
_TITLE = re.compile(r"^\s*\*\*Rubric for [^\n]*\*\*\s*$", re.MULTILINE)
#: A rubric's closing advice to the grader ("Half points are fine. Reply with one sentence…").
_GRADER_NOTE = re.compile(r"^(half points|reply with|comment (on|in))", re.IGNORECASE)


def for_learner(rubric: str) -> str:
    """The rubric without what is addressed to the grader: its title and closing advice."""
    paragraphs = re.split(r"\n\s*\n", _TITLE.sub("", rubric).strip())
    return "\n\n".join(p for p in paragraphs if not _GRADER_NOTE.match(p.strip()))


class RubricChecklist(NbGraderPreprocessor):
    """Turn rubric cells into learner-visible self-review checklists."""

    heading = Unicode(
        "**Self-review checklist: check your reflection against these points.** Your written "
        "answer above is not graded when you grade yourself. Read it against each line below, "
        "as your instructor would, and rewrite what is missing.",
        help="Markdown shown above each rubric.").tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        for cell in nb.cells:
            # Autograde reinserts rubrics without nbgrader metadata, named by their cell id.
            name = str(cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                       or cell.get("id", ""))
            if is_instructor_only(cell) and name.endswith(RUBRIC_SUFFIX):
                cell.source = f"{self.heading}\n\n{for_learner(cell.source)}"
                coachlab = cell.metadata.setdefault("coachlab", {})
                coachlab.pop(INSTRUCTOR_ONLY, None)
                coachlab[CHECKLIST] = True
        return nb, resources


class SelfGradedNote(NbGraderPreprocessor):
    """Mark the report as self-graded, so its one total says the reflections are the
    learner's to review (:class:`~coachlab.grading.report.ShapeReport` writes it)."""

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        resources.setdefault("coachlab", {})[SELF_GRADED] = True
        return nb, resources
