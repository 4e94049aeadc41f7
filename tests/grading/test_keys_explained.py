"""Every autograded item has its reasoning, and the reasoning agrees with the hidden key.

Each solution folder holds explanations.yaml: per test cell, per answer, what was asked, the keyed
answer(s) and why. The hidden test cell is run on the solution's answers (full marks), on every
alternative the explanation accepts (full marks) and on a wrong answer (less), so an explanation can
never promise an answer the grader refuses, or the other way round.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest
import yaml

from coachlab.checks.keys import accepted
from coachlab.course import assignments
from coachlab.grading.cleanrun import literal_answers, run_cell

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = assignments(ROOT)


def _notebook(exercise: str) -> nbformat.NotebookNode:
    (path,) = sorted((ROOT / "solutions" / exercise).glob("*.ipynb"))
    return nbformat.read(path, as_version=4)


def _tests(nb: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    return {cell.id: cell for cell in nb.cells
            if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade")
            and not cell.metadata["nbgrader"].get("solution")}


def _explanations(exercise: str) -> dict[str, Any]:
    path = ROOT / "solutions" / exercise / "explanations.yaml"
    assert path.is_file(), f"{path} is missing: every exercise explains its keyed items"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _score(cell: nbformat.NotebookNode, answers: dict[str, Any]) -> float:
    result = run_cell(cell.source, answers)
    assert result["error"] is None, result["error"]
    return float(result["value"])


@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_autograded_item_is_explained(exercise: str) -> None:
    tests = _tests(_notebook(exercise))
    explained = _explanations(exercise)
    assert set(explained) == set(tests), "explanations.yaml must cover exactly the test cells"
    for grade_id, items in explained.items():
        assert items, f"{grade_id} explains no items"
        for name, entry in items.items():
            assert entry.get("item") and entry.get("why"), f"{grade_id}.{name} needs item and why"
            assert name in tests[grade_id].source, f"{grade_id} does not score {name}"


@pytest.mark.parametrize("exercise", EXERCISES)
def test_explained_answers_are_exactly_what_the_hidden_key_accepts(exercise: str) -> None:
    nb = _notebook(exercise)
    tests = _tests(nb)
    solution = literal_answers([cell.source for cell in nb.cells
                                if cell.metadata.get("nbgrader", {}).get("solution")
                                and cell.cell_type == "code"])
    for grade_id, items in _explanations(exercise).items():
        keyed = {name: entry for name, entry in items.items() if "answer" in entry}
        if not keyed:
            continue
        cell = tests[grade_id]
        full = float(cell.metadata["nbgrader"]["points"])
        assert _score(cell, solution) == full, f"{grade_id}: the solution is not full marks"
        for name, entry in keyed.items():
            options = accepted(entry["answer"])
            assert solution[name].strip().lower() in options, f"{name}: solution not explained"
            for option in options:
                assert _score(cell, {**solution, name: option}) == full, (
                    f"{grade_id}.{name}: the explanation accepts {option!r}, the key does not")
            assert _score(cell, {**solution, name: "not an answer"}) < full, (
                f"{grade_id}.{name}: a wrong answer still earns full marks")


@pytest.mark.parametrize("exercise", EXERCISES)
def test_explanations_are_not_released(exercise: str) -> None:
    assert not (ROOT / "exercises" / exercise / "explanations.yaml").exists()
