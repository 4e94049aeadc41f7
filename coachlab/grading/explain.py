"""Feedback that explains every score: each item's answer, verdict and explanation.

Runs in ``GenerateFeedback`` before :class:`~coachlab.grading.feedback.HideInstructorContent`.
Under each autograded cell that has explanations (``solutions/NN-slug/explanations.yaml``) it
adds an HTML table: what was asked, the learner's answer, right / partly right / wrong (a symbol
and a word, never colour alone) and the explanation. Item scores come from
:mod:`coachlab.grading.items`; hidden tests, rubrics and solution cells are never quoted.
"""

from __future__ import annotations

import html
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
    """An HTML table: item, your answer, result, explanation (all text escaped)."""
    esc = html.escape
    rows = []
    for result in results:
        note = explanations[result.name]
        symbol, colour = VERDICTS[result.verdict]
        keyed = ""
        if note.keyed:
            keyed = (f'<p style="margin:0 0 .4em"><strong>Answer:</strong> '
                     f'{esc(" or ".join(note.keyed))}</p>')
        others = (f'<p style="margin:.4em 0 0"><strong>Other answers:</strong> '
                  f'{esc(note.others)}</p>') if note.others else ""
        rows.append(
            "<tr>"
            f'<td style="{_CELL}">{esc(note.item)}</td>'
            f'<td style="{_CELL}">{esc(describe(result))}</td>'
            f'<td style="{_CELL};color:{colour};white-space:nowrap">'
            f'<span aria-hidden="true">{symbol}</span> <strong>{esc(result.verdict)}</strong>'
            f"<br>{_points(result.score)} of {_points(result.max_score)}</td>"
            f'<td style="{_CELL}">{keyed}<p style="margin:0">{esc(note.why)}</p>{others}</td>'
            "</tr>")
    total = sum(r.score for r in results)
    caveat = ""
    if earned is not None and total > float(earned) + 1e-6:
        caveat = (f'<p style="margin:.4em 0">This part earned {_points(float(earned))} points: '
                  "less than its items add up to, because repeated answers count once and "
                  "answers must be plain text typed between the quotes.</p>")
    head = "".join(f'<th scope="col" style="{_CELL};text-align:left">{h}</th>'
                   for h in ("Item", "Your answer", "Result", "Why"))
    return (f'<div class="coachlab-explained tex2jax_ignore mathjax_ignore" lang="en" '
            f'style="color:#1a1a1a;background:#ffffff">'
            f'<p style="margin:.4em 0"><strong>Your answers, item by item</strong></p>{caveat}'
            f'<table style="border-collapse:collapse;width:100%">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


_CELL = "border:1px solid #767676;padding:.35em .5em;vertical-align:top"


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
