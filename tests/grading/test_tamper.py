"""Tampered and hostile submissions, graded by real nbgrader with the course's defences.

Each case builds a bad submission of exercise 01 and autogrades it beside an honest twin (the same
answers, no mischief). A case passes when it is graded (or fails with a clear reason) and never
earns more than its honest twin; tampered test cells and metadata must be graded as if untouched.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest

from coachlab.grading.workspace import StepFailed, Workspace

pytestmark = pytest.mark.pipeline

EXERCISE = "01-tell-or-ask"
NOTEBOOK = f"{EXERCISE}.ipynb"
# The solution without a played scenario: parts A, B, C right (17 points), part D unplayed.
HONEST = 17.0


def _cell(nb: nbformat.NotebookNode, cell_id: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.id == cell_id)


def _delete(nb):
    nb.cells = [c for c in nb.cells if c.id != "grade-c"]


def _duplicate(nb):
    index = [c.id for c in nb.cells].index("grade-c")
    twin = copy.deepcopy(nb.cells[index])
    twin.id = "grade-c-twin"
    twin.source = "4.0"
    nb.cells.insert(index, twin)


def _rename(nb):
    _cell(nb, "grade-c").metadata.nbgrader.grade_id = "my-own-test"


def _raise_points(nb):
    _cell(nb, "grade-a").metadata.nbgrader.points = 1000
    _cell(nb, "grade-a").source = "1000.0"


def _flip_grade(nb):
    _cell(nb, "grade-c").metadata.nbgrader.grade = False


def _strip_metadata(nb):
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)


def _replace_with_pass(nb):
    _cell(nb, "grade-b").source = "pass"


def _unlock(nb):
    _cell(nb, "grade-b").metadata.nbgrader.locked = False
    _cell(nb, "grade-b").source = "6.0"


def _extra_cell(nb):
    nb.cells.append(nbformat.v4.new_code_cell("label_1 = 'open'"))


TAMPERED: dict[str, Callable] = {
    "test cell deleted": _delete,
    "test cell duplicated": _duplicate,
    "grade_id renamed": _rename,
    "points raised": _raise_points,
    "grade flag flipped": _flip_grade,
    "all nbgrader metadata stripped": _strip_metadata,
    "test cell replaced with pass": _replace_with_pass,
    "test cell unlocked and edited": _unlock,
    "extra cell appended": _extra_cell,
}

# Hostile code appended to the part C answer cell. Part A is answered wrongly ("x") so that a
# defence failing to hold shows up as points the honest twin does not get.
HOSTILE: dict[str, str] = {
    "answer with a lying __eq__": (
        "class Always(str):\n    def __eq__(self, other): return True\n"
        "    def __hash__(self): return 0\n    def strip(self): return self\n"
        "label_1 = Always('x')"),
    "grading helper monkeypatched": (
        "import coachlab.checks.keys as k\nk.score_accepts = lambda *a, **kw: 10.0"),
    "builtin monkeypatched": "import builtins\nbuiltins.type = lambda value: str",
    "infinite loop": "while True:\n    pass",
    "loop that ignores interrupts": (
        "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"),
    "os._exit": "import os\nos._exit(0)",
    "100 MB of output": "print('x' * 100_000_000)",
    "memory hog": "hog = bytearray(16 * 1024 ** 3)",
    "course file rewritten while grading": (
        "from pathlib import Path\n"
        "scenario = Path('first-reply.yaml')\n"
        "text = scenario.read_text().replace('root_cause_found: false', 'root_cause_found: true')"
        ".replace('outcome: poor', 'outcome: best')\n"
        "scenario.write_text(text)\n"
        "from coachlab.responses import Journal\n"
        "Journal.beside().record('01.play', {'path': [2, 0], 'ending': 'ending_rescued'})"),
}


def grade_all(tmp_path_factory: pytest.TempPathFactory, course_root: Path) -> dict[str, object]:
    """Grade every case once; map case -> Score or the StepFailed message."""
    root = tmp_path_factory.mktemp("tamper")
    ws = Workspace.from_course(root / "course", course_root)
    ws.generate(EXERCISE)
    solution = ws.root / "solutions" / EXERCISE / NOTEBOOK
    submissions: dict[str, nbformat.NotebookNode] = {}
    for name, tamper in TAMPERED.items():
        nb = nbformat.read(solution, as_version=4)
        tamper(nb)
        submissions[name] = nb
    wrong_a = "\n".join(f'label_{i} = "x"' for i in range(1, 11))
    honest = nbformat.read(solution, as_version=4)
    _cell(honest, "answers-a").source = wrong_a
    submissions["honest twin"] = honest
    for name, code in HOSTILE.items():
        nb = copy.deepcopy(honest)
        _cell(nb, "answers-c").source += "\n" + code
        submissions[name] = nb
    results: dict[str, object] = {}
    for index, (name, nb) in enumerate(submissions.items()):
        learner = f"learner{index}"
        path = root / f"{learner}.ipynb"
        nbformat.write(nb, path)
        ws.add_learner(learner)
        ws.submit(learner, EXERCISE, {NOTEBOOK: path})
        try:
            ws.autograde(EXERCISE, learner)
            results[name] = ws.score(EXERCISE, learner)
        except StepFailed as failure:
            results[name] = str(failure)
    return results


def test_tampered_and_hostile_submissions(tmp_path_factory: pytest.TempPathFactory,
                                          course_root: Path) -> None:
    # One test grades every case in one batch (the batch is the slow part); every case is checked
    # and all problems are reported together.
    graded = grade_all(tmp_path_factory, course_root)
    problems = []
    for case in TAMPERED:
        score = graded[case]
        if isinstance(score, str):
            problems.append(f"{case}: grading failed: {score[-300:]}")
        elif (score.auto, score.auto_max, score.manual_max) != (HONEST, 21.0, 4.0):
            # Honest points, the same maximum, and the reflection still waits for the instructor.
            problems.append(f"{case}: {score}")
    honest = graded["honest twin"]
    assert honest.auto == 12.0, honest  # parts B and C right, A wrong
    for case in HOSTILE:
        score = graded[case]
        if isinstance(score, str):
            problems.append(f"{case}: should be graded, not fail: {score[-300:]}")
        elif score.auto > honest.auto:
            problems.append(f"{case}: {score.auto} points > honest {honest.auto}")
    assert not problems, "\n".join(problems)
