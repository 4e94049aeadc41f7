"""Shape the feedback notebook into a report a manager reads: parts, answers, one total.

Runs last in ``GenerateFeedback``, after hidden tests and rubrics are gone
(:class:`~coachlab.grading.feedback.HideInstructorContent`). The learner's notebook hides its
helper code; so does the report:

- cells whose source is hidden in the learner's notebook (``jupyter.source_hidden``) and code
  cells that are neither the learner's answer nor a part's score are dropped;
- a part's score cell keeps only what the learner should read: the item-by-item explanation,
  a check's error message and printed text (no code, no stderr, no widget placeholders);
- an answer cell keeps its text and loses its outputs (what learner code displayed is not
  shown: it would run as live HTML on the page);
- every graded cell is named by its part's heading ("Part A · Where are you today?").

What each cell is, and the one total, go into ``cell.metadata.coachlab_report`` and
``resources["coachlab_report"]`` for the ``coachlab-feedback`` template.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor

from coachlab.grading.explain import MIME_MARK
from coachlab.grading.hidden import is_test

#: Where the report's facts go: ``resources[KEY]`` and ``cell.metadata[KEY]``.
KEY = "coachlab_report"
#: Set in ``resources["coachlab"]`` by self-grading: nobody but the learner reads reflections.
SELF_GRADED = "self_graded"

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
#: "(4 points, read by your instructor)" after a part's title: the report says it in words.
_POINTS_NOTE = re.compile(r"\s*\(\s*\d+(?:\.\d+)?\s+points?\b[^)]*\)\s*$", re.IGNORECASE)


@dataclass
class Part:
    """One graded cell as the report's contents list shows it."""

    anchor: str
    title: str
    points: float
    score: float | None  # None: not graded yet (read by the instructor, or self-review)
    written: bool        # a written answer (read by a person), not checked automatically


def heading_title(markdown: str) -> str | None:
    """The first heading of ``markdown`` without its points note; None without a heading."""
    found = _HEADING.search(markdown)
    if not found:
        return None
    title = _POINTS_NOTE.sub("", found.group(1)).strip()
    return title.replace("**", "") or None


def points(value: float | None) -> str:
    """Points as a person writes them: 4, 2.5 (never 4.0)."""
    return f"{float(value or 0):g}"


def total_text(parts: list[Part], self_graded: bool) -> str:
    """The report's one total, in words, and what is still to be read and by whom."""
    auto = [p for p in parts if not p.written]
    written = [p for p in parts if p.written]
    auto_score = sum(p.score or 0 for p in auto)
    auto_max = sum(p.points for p in auto)
    checked = f"{points(auto_score)} of {points(auto_max)} points checked automatically"
    pending = [p for p in written if p.score is None]
    names = _join([f"{p.title} ({points(p.points)} points)" for p in pending])
    if self_graded:
        text = f"Self-graded: {checked}."
        if pending:
            text += (f" {names} {'is' if len(pending) == 1 else 'are'} not graded here: review "
                     "your answer yourself against its checklist below.")
        return text
    if pending:
        return (f"{checked[0].upper()}{checked[1:]}; {names} "
                f"{'is' if len(pending) == 1 else 'are'} read by your instructor.")
    if not written:
        return f"Your score: {checked}."
    score = auto_score + sum(p.score or 0 for p in written)
    most = auto_max + sum(p.points for p in written)
    # "for", not "your instructor gave": a blank answer is scored 0 without being read.
    read = _join([f"{points(p.score)} of {points(p.points)} for {p.title}" for p in written])
    return f"Your score: {points(score)} of {points(most)} points ({checked}; {read})."


def _join(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


class ShapeReport(NbGraderPreprocessor):
    """Keep what a learner reads, name each graded cell by its part, and total the score."""

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        self_graded = bool(resources.get("coachlab", {}).get(SELF_GRADED))
        pending = _needs_reading(resources) if not self_graded else None
        title = None
        part = None
        kept: list[NotebookNode] = []
        parts: list[Part] = []
        for cell in nb.cells:
            hidden = cell.get("metadata", {}).get("jupyter", {}).get("source_hidden", False)
            if cell.cell_type == "markdown" and not utils.is_solution(cell):
                if hidden:
                    continue
                found = heading_title(cell.source)
                if found:
                    title = title or found
                    part = found
                kept.append(cell)
                continue
            if cell.cell_type == "code" and not (is_test(cell) or utils.is_solution(cell)):
                continue  # helper code, widgets and quick checks
            facts = self._describe(cell, part or title or "This part", len(parts))
            if utils.is_grade(cell):
                grade_id = str(cell.metadata.nbgrader.get("grade_id", ""))
                written = utils.is_solution(cell)
                score = cell.metadata.nbgrader.get("score")
                if written and (self_graded or (pending is not None and grade_id in pending)):
                    score = None
                parts.append(Part(facts["anchor"], facts["part"],
                                  float(cell.metadata.nbgrader.get("points") or 0),
                                  None if score is None else float(score), written))
                facts.update(score=parts[-1].score, points=parts[-1].points, written=written)
            cell.metadata[KEY] = facts
            if cell.cell_type == "code":
                cell.outputs = ([o for o in cell.get("outputs", []) if _for_learner(o)]
                                if is_test(cell) else [])
            kept.append(cell)
        nb.cells = kept
        resources[KEY] = {
            "title": title or str(resources.get("nbgrader", {}).get("notebook", "Feedback")),
            "total": total_text(parts, self_graded),
            "parts": [asdict(p) for p in parts],
            "self_graded": self_graded,
        }
        return nb, resources

    @staticmethod
    def _describe(cell: NotebookNode, part: str, index: int) -> dict:
        return {"part": part, "anchor": f"part-{index + 1}",
                "answer": bool(utils.is_solution(cell)), "test": is_test(cell)}


def _for_learner(output: NotebookNode) -> bool:
    """Outputs of a score cell a learner reads: explanations, errors, printed text."""
    if output.get("output_type") == "error":
        return True
    if output.get("output_type") == "stream":
        return output.get("name") == "stdout"
    return bool(output.get("metadata", {}).get(MIME_MARK))


def _needs_reading(resources: ResourcesDict) -> set[str] | None:
    """grade ids still waiting for the instructor (None when the gradebook cannot say)."""
    info = resources.get("nbgrader", {})
    if not info.get("db_url"):
        return None

    try:
        with Gradebook(info["db_url"]) as gradebook:
            submission = gradebook.find_submission_notebook(
                info["notebook"], info["assignment"], info["student"])
            return {grade.name for grade in submission.grades if grade.needs_manual_grade}
    except (MissingEntry, KeyError):
        return None


def written_parts(nb: NotebookNode) -> list[tuple[str, float]]:
    """(title, points) of each written answer a person reads, named as the report names it."""
    part = None
    found: list[tuple[str, float]] = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and not utils.is_solution(cell):
            part = heading_title(cell.source) or part
        elif utils.is_solution(cell) and utils.is_grade(cell):
            found.append((part or "Your written answer",
                          float(cell.metadata.nbgrader.get("points") or 0)))
    return found
