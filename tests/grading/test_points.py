"""What the autograded points reward: judgement, form, or recall.

Judgement: diagnosing the cause from evidence, choosing the move that fits it, deciding whether to
step in or let the rep try, planning the debrief. Form: a complete self-assessment, a well-formed
question, a plan that meets the rules, naming a move. Recall: sources or course mechanics. The
course promises at least 60% judgement and at most 10% recall; this table must match every test
cell's points. Cells are named by module number and grade id; the modules themselves are read from
the course folder, so a new or renamed exercise shows up here without editing a list.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tests.helpers.course import exercises

ROOT = Path(__file__).resolve().parents[2]

#: (module number, grade id) -> the points of that test cell, by what they reward.
KINDS: dict[tuple[str, str], dict[str, float]] = {
    ("00", "grade-a"): {"form": 2},                       # a complete self-assessment
    ("00", "grade-b"): {"judgement": 4},                  # which mistake, if any
    ("01", "grade-a"): {"form": 5},                       # naming the move of ten replies
    ("01", "grade-b"): {"form": 6},                       # typed open questions
    ("01", "grade-c"): {"judgement": 6},                  # first reply, explore, teach
    ("01", "grade-d"): {"judgement": 4},                  # first complete play of a conversation
    ("02", "grade-a"): {"judgement": 14},                 # the cause from the evidence
    ("02", "grade-b"): {"form": 6},                       # typed diagnostic questions
    # An interview, of 12: evidence 5, cause 3, fit 2, trust 1 (judgement); asking 1 (form).
    ("02", "grade-c"): {"judgement": 5.5, "form": 0.5},   # two reps, 3 each
    ("03", "grade-a"): {"judgement": 16},                 # step in, join or let them try, and why
    ("03", "grade-b"): {"form": 6},                       # typed pre-brief questions
    ("03", "grade-c"): {"judgement": 8},                  # debriefing a lost deal
    ("04", "grade-a"): {"form": 6},                       # a plan that meets the three rules
    ("04", "grade-b"): {"judgement": 8},                  # what to do so a skill sticks
    ("05", "grade-a"): {"judgement": 10 * 11 / 12, "form": 10 / 12},  # an interview
    ("05", "grade-b"): {"form": 2},                       # a complete self-assessment
}


def _test_cells() -> dict[tuple[str, str], float]:
    cells = {}
    for module in exercises(ROOT):
        for path in sorted((ROOT / module.solution_folder).glob("*.ipynb")):
            for cell in nbformat.read(path, as_version=4).cells:
                nbg = cell.metadata.get("nbgrader", {})
                if nbg.get("grade") and not nbg.get("solution"):
                    cells[(module.number, nbg["grade_id"])] = float(nbg["points"])
    return cells


def test_every_test_cell_is_classified_with_its_points() -> None:
    cells = _test_cells()
    assert set(KINDS) == set(cells)
    for where, kinds in KINDS.items():
        assert sum(kinds.values()) == pytest.approx(cells[where]), where


def test_judgement_earns_at_least_60_percent_and_recall_at_most_10() -> None:
    total = sum(sum(kinds.values()) for kinds in KINDS.values())
    share = {kind: sum(k.get(kind, 0) for k in KINDS.values()) / total
             for kind in ("judgement", "form", "recall")}
    assert share["judgement"] >= 0.60, share
    assert share["recall"] <= 0.10, share
