"""Small hand-built cells for preprocessor unit tests (nbgrader's own test style)."""

from __future__ import annotations

from typing import Any

from nbformat.notebooknode import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook


def _nbgrader(grade_id: str, *, grade: bool, solution: bool, locked: bool,
              points: float | None = None) -> dict[str, Any]:
    info: dict[str, Any] = {"grade": grade, "solution": solution, "locked": locked,
                            "grade_id": grade_id, "schema_version": 3}
    if points is not None:
        info["points"] = points
    return info


def answer(source: str, grade_id: str = "answer", cell_id: str | None = None) -> NotebookNode:
    """An (ungraded) code answer cell."""
    cell = new_code_cell(source, id=cell_id or grade_id)
    cell.metadata["nbgrader"] = _nbgrader(grade_id, grade=False, solution=True, locked=False)
    return cell


def reflection(source: str, grade_id: str = "reflection", points: float = 2) -> NotebookNode:
    """A written answer graded by hand."""
    cell = new_markdown_cell(source, id=grade_id)
    cell.metadata["nbgrader"] = _nbgrader(grade_id, grade=True, solution=True, locked=False,
                                          points=points)
    return cell


def test(source: str, grade_id: str = "test", points: float = 1,
         outputs: list[dict[str, Any]] | None = None) -> NotebookNode:
    """An autograded test cell."""
    cell = new_code_cell(source, id=grade_id)
    cell.metadata["nbgrader"] = _nbgrader(grade_id, grade=True, solution=False, locked=True,
                                          points=points)
    if outputs is not None:
        from nbformat.notebooknode import from_dict

        cell.outputs = [from_dict(o) for o in outputs]
    return cell


def rubric(source: str, answer_id: str = "reflection") -> NotebookNode:
    """An instructor-only rubric cell for the written answer ``answer_id``."""
    cell = new_markdown_cell(source, id=f"{answer_id}-rubric")
    cell.metadata["nbgrader"] = _nbgrader(f"{answer_id}-rubric", grade=False, solution=False,
                                          locked=True)
    cell.metadata["coachlab"] = {"instructor_only": True}
    return cell


def prose(source: str, cell_id: str = "prose") -> NotebookNode:
    """A plain markdown cell."""
    return new_markdown_cell(source, id=cell_id)


def notebook(*cells: NotebookNode) -> NotebookNode:
    """A python notebook holding ``cells``."""
    nb = new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    return nb


def error(ename: str, evalue: str, traceback: list[str] | None = None) -> dict[str, Any]:
    """An error output."""
    return {"output_type": "error", "ename": ename, "evalue": evalue,
            "traceback": traceback or [f"{ename}: {evalue}"]}


def stream(text: str, name: str = "stdout") -> dict[str, Any]:
    """A stream output."""
    return {"output_type": "stream", "name": name, "text": text}
