"""The grading pipeline's output guards, each on its own: sanitized HTML, capped text, errors kept.

The check makes every test cell's outputs (text), so these guards are defence in depth; each is
held here by a test that fails without it (``make mutations``)."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_output

from coachlab.grading.outputs import CapOutputs, SafeOutputs
from tests.helpers import cells


def _cell(*outputs: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return cells.test("check(label_1)", "test-a", points=2, outputs=list(outputs))


def test_html_in_a_test_cells_output_is_sanitized() -> None:
    page = new_output("display_data", data={
        "text/html": '<b>ok</b><script>alert(1)</script><img src=x onerror="alert(2)">'})
    cell, _ = SafeOutputs().preprocess_cell(_cell(page), {}, 0)
    html = cell.outputs[0].data["text/html"]
    assert "<b>ok</b>" in html
    assert "<script" not in html and "<img" not in html  # shown as text at most, never live


def test_a_cells_output_is_capped_and_its_error_kept() -> None:
    flood = new_output("stream", name="stdout", text="x" * 50_000)
    error = new_output("error", ename="AssertionError", evalue="label_1 is not 'open'",
                       traceback=["AssertionError: label_1 is not 'open'"])
    cell, _ = CapOutputs(max_chars=1_000).preprocess_cell(_cell(flood, error), {}, 0)
    text = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    assert 1_000 <= len(text) < 1_200
    assert [o.ename for o in cell.outputs if o.output_type == "error"] == ["AssertionError"]
