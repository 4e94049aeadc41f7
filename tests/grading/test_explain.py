"""ExplainItems: each item's answer, verdict and explanation under its test cell."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from coachlab.grading.explain import MIME_MARK, ExplainItems, render
from coachlab.grading.explanations import Explanation
from coachlab.grading.items import ItemResult
from tests.helpers import cells

EXPLANATIONS = """\
test-a:
  label_1:
    item: "Have you tried a pilot?"
    answer: leading
    why: It suggests the answer.
  label_2:
    item: "What did the CFO say?"
    answer: open
    why: It invites the rep's own account.
"""
# Scored alone, an item's test runs with the other answers missing, as the course's scorers allow.
TEST = ("### BEGIN HIDDEN TESTS\n"
        "g = globals()\n"
        "float(g.get('label_1') == 'leading') + float(g.get('label_2') == 'open')\n"
        "### END HIDDEN TESTS")


def _course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    monkeypatch.chdir(tmp_path)  # nbgrader converts in the course root
    source = tmp_path / "solutions" / "ex"
    source.mkdir(parents=True)
    (source / "explanations.yaml").write_text(EXPLANATIONS, encoding="utf-8")
    nbformat.write(cells.notebook(
        cells.answer('label_1 = "leading"\nlabel_2 = "open"', "answers-a"),
        cells.test(TEST, "test-a", points=2)), source / "ex.ipynb")
    return {"nbgrader": {"assignment": "ex", "student": "ada", "notebook": "ex"}}


def test_each_item_gets_its_verdict_and_why(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    resources = _course(tmp_path, monkeypatch)
    graded = cells.test("", "test-a", points=2)
    graded.metadata.nbgrader["score"] = 1
    nb = cells.notebook(cells.answer('label_1 = "leading"\nlabel_2 = "tell"', "answers-a"),
                        graded)
    nb, _ = ExplainItems().preprocess(nb, resources)
    (table,) = [o for o in nb.cells[1].outputs if o.metadata.get(MIME_MARK)]
    text = table.data["text/plain"]
    assert "✓ right (1 of 1): Have you tried a pilot?" in text
    assert "✗ wrong (0 of 1): What did the CFO say?" in text
    assert "your answer: tell" in text
    assert "float(g.get" not in table.data["text/html"]  # the hidden test is never quoted


def test_a_learners_answer_is_escaped_in_the_report() -> None:
    # Guards html.escape in render: an answer is text, never markup in the feedback page.
    result = ItemResult("test-a", "label_1", "<script>alert(1)</script>", True, 0.0, 1.0)
    note = Explanation(item="Have you tried a pilot?", answer="leading", why="It leads.")
    page = render([result], {"label_1": note})
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_a_part_that_earned_less_than_its_items_says_why() -> None:
    results = [ItemResult("t", "a", "x", True, 1.0, 1.0), ItemResult("t", "b", "x", True, 1.0, 1.0)]
    notes = {n: Explanation(item=n, answer="x", why="w") for n in "ab"}
    assert "This part earned 1 points" in render(results, notes, earned=1.0)
    assert "This part earned" not in render(results, notes, earned=2.0)


def test_without_explanations_nothing_is_added(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    resources = _course(tmp_path, monkeypatch)
    (tmp_path / "solutions" / "ex" / "explanations.yaml").unlink()
    nb = cells.notebook(cells.test("", "test-a"))
    nb, _ = ExplainItems().preprocess(nb, resources)
    assert nb.cells[0].outputs == []
