"""Feedback that explains every score: each item's answer, verdict and explanation.

Runs in ``GenerateFeedback`` before :class:`~coachlab.grading.feedback.HideInstructorContent`.
Under each autograded cell that has explanations (``solutions/NN-slug/explanations.yaml``) it
adds an HTML table: what was asked, the learner's answer, right / partly right / wrong (a symbol
and a word, never colour alone) and the explanation. Item scores come from
:mod:`coachlab.grading.items`; hidden tests, rubrics and solution cells are never quoted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode, from_dict
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer, Unicode

from coachlab.course import JOURNAL_FILE
from coachlab.grading.explanations import FILENAME, Explanation, load_explanations
from coachlab.grading.items import (
    PARTLY,
    RIGHT,
    GradedCell,
    ItemResult,
    is_journal_key,
    score_items,
)
from coachlab.pages import render as render_page
from coachlab.scenarios import recorded_paths

#: The symbol and the colour (each at least 4.5:1 on white) shown with each verdict's word.
VERDICTS = {RIGHT: ("✓", "#1b5e20"), PARTLY: ("◐", "#7a4100"), "wrong": ("✗", "#a11a1a")}
#: Marks the output this preprocessor adds, so tests and tools can find it.
MIME_MARK = "coachlab.explained"


class ExplainItems(NbGraderPreprocessor):
    """Add an item-by-item explanation under each autograded cell that has explanations."""

    source_directory = Unicode("solutions", help="nbgrader's source folder.").tag(config=True)
    submitted_directory = Unicode("submitted", help="nbgrader's submitted folder.").tag(config=True)
    timeout = Integer(60, help="Seconds the item scoring may take for one notebook.").tag(
        config=True)
    memory_mb = Integer(2048, help="Address-space limit of the item scoring, in MiB.").tag(
        config=True)

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        info = resources.get("nbgrader", {})
        assignment, student = info.get("assignment"), info.get("student")
        if not assignment:
            return nb, resources
        # nbgrader converts with the course root as the working directory.
        source = Path(self.source_directory) / assignment
        explanations = load_explanations(source / FILENAME)
        if not explanations:
            return nb, resources
        tests, solution_sources = _from_source(source / f"{info.get('notebook')}.ipynb", nb)
        learner_sources = [cell.source for cell in nb.cells
                           if utils.is_solution(cell) and cell.cell_type == "code"]
        # The journal exactly as submitted, read as data.
        journal = Path(self.submitted_directory) / str(student) / assignment / JOURNAL_FILE
        results = score_items(tests, explanations, learner_sources, solution_sources, journal,
                              source, self.timeout, self.memory_mb)
        for cell in nb.cells:
            grade_id = _grade_id(cell)
            if grade_id in results and cell.cell_type == "code" and utils.is_grade(cell):
                earned = cell.metadata.get("nbgrader", {}).get("score")
                table = render(results[grade_id], explanations[grade_id], earned)
                cell.outputs = [*cell.get("outputs", []), from_dict({
                    "output_type": "display_data", "metadata": {MIME_MARK: True},
                    "data": {"text/html": table, "text/plain": as_text(
                        results[grade_id], explanations[grade_id])}})]
        return nb, resources


def _grade_id(cell: NotebookNode) -> str:
    return str(cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", ""))


def _from_source(path: Path, nb: NotebookNode) -> tuple[dict[str, GradedCell], list[str]]:
    """Test cells and answer cells from the solution notebook (the graded notebook's test cells
    when the source is missing, e.g. a renamed notebook)."""
    cells = nbformat.read(path, as_version=4).cells if path.is_file() else nb.cells
    tests = {_grade_id(c): GradedCell(c.source, float(c.metadata.nbgrader.get("points", 0)))
             for c in cells
             if c.cell_type == "code" and utils.is_grade(c) and not utils.is_solution(c)}
    answers = [c.source for c in cells
               if path.is_file() and c.cell_type == "code" and utils.is_solution(c)]
    return tests, answers


# ------------------------------------------------------------------------------ rendering

def describe(result: ItemResult) -> str:
    """The learner's answer in words (plain text)."""
    value = result.answer
    if not result.answered:
        if result.note:  # an answer typed but not readable says why
            return result.note
        return "no answer" if not is_journal_key(result.name) else "nothing saved"
    if is_journal_key(result.name):
        return result.note or _describe_record(value)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return repr(value)


def _describe_record(value: Any) -> str:
    if isinstance(value, dict) and isinstance(value.get("interview"), str):
        return "an interview saved, but no finished one with this rep (none is scored)"
    if isinstance(value, dict) and isinstance(value.get("answers"), dict):
        return f"{len(value['answers'])} statement(s) answered and saved"
    if isinstance(value, dict) and isinstance(value.get("plays"), list):
        plays = len(recorded_paths(value))
        return f"{plays} finished conversation(s) saved; the first one counts"
    if isinstance(value, dict) and value.get("ending"):
        return "a finished conversation saved"
    return "saved"


def _points(value: float) -> str:
    return f"{value:g}"


def render(results: list[ItemResult], explanations: dict[str, Explanation],
           earned: float | None = None) -> str:
    """An HTML table: item, your answer, result, explanation, from its template
    (``coachlab/templates/coachlab-explain``), every value escaped."""
    rows = []
    for result in results:
        note = explanations[result.name]
        symbol, colour = VERDICTS[result.verdict]
        rows.append({"item": note.item, "answer": describe(result), "verdict": result.verdict,
                     "symbol": symbol, "colour": colour, "score": _points(result.score),
                     "max_score": _points(result.max_score), "keyed": note.keyed,
                     "why": note.why, "others": note.others})
    # Say why when the part earned less than its items add up to.
    shortfall = None
    if earned is not None and sum(r.score for r in results) > float(earned) + 1e-6:
        shortfall = _points(float(earned))
    return render_page("coachlab-explain/items.html.j2", rows=rows, earned=shortfall)


def as_text(results: list[ItemResult], explanations: dict[str, Explanation]) -> str:
    """The same table as plain text (for consoles and screen readers of plain output)."""
    lines = []
    for result in results:
        note = explanations[result.name]
        symbol, _ = VERDICTS[result.verdict]
        lines.append(f"{symbol} {result.verdict} ({_points(result.score)} of "
                     f"{_points(result.max_score)}): {note.item}")
        lines.append(f"    your answer: {describe(result)}")
        if note.keyed:
            lines.append(f"    answer: {' or '.join(note.keyed)}")
        lines.append(f"    why: {note.why}")
        if note.others:
            lines.append(f"    other answers: {note.others}")
    return "\n".join(lines)
