"""RebuildSubmission: grading starts from the release; only the learner's answers come along."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

from coachlab.grading.rebuild import (
    MAX_ANSWER_CHARS,
    MissingRelease,
    RebuildSubmission,
    rebuild_cells,
)
from tests.helpers import cells


def _release():
    return [cells.prose("Which move is it?"), cells.answer('label_1 = ""', "answers-a"),
            cells.test("check(label_1)", "test-a", points=2)]


def test_answers_are_carried_over_by_grade_id() -> None:
    mine = cells.answer('label_1 = "open"', "answers-a", cell_id="renamed-cell")
    rebuilt = rebuild_cells(_release(), [mine])
    assert [c.source for c in rebuilt] == ["Which move is it?", 'label_1 = "open"',
                                           "check(label_1)"]


def test_an_answer_over_the_limit_is_not_carried_over_and_says_why() -> None:
    at_limit = 'label_1 = "' + "a" * (MAX_ANSWER_CHARS - 12) + '"'
    assert len(at_limit) == MAX_ANSWER_CHARS
    assert rebuild_cells(_release(), [cells.answer(at_limit, "answers-a")])[1].source == at_limit
    over = 'label_1 = "' + "a" * MAX_ANSWER_CHARS + '"'
    rebuilt = rebuild_cells(_release(), [cells.answer(over, "answers-a")])[1].source
    assert "a" * 100 not in rebuilt
    assert rebuilt == (f"# answer not graded: {len(over):,} characters, over the limit of "
                       f'{MAX_ANSWER_CHARS:,}\nlabel_1 = ""')


def test_an_answer_with_stripped_metadata_is_found_by_cell_id() -> None:
    mine = new_code_cell('label_1 = "open"', id="answers-a")  # nbgrader metadata removed
    assert rebuild_cells(_release(), [mine])[1].source == 'label_1 = "open"'


def test_a_tampered_test_cell_is_the_release_again() -> None:
    # Guards "every cell comes from the release": only answer cells take the learner's source.
    forged = cells.test("print('full marks')", "test-a", points=200)
    forged.metadata.nbgrader["solution"] = True  # disguised as an answer, wrong id
    rebuilt = rebuild_cells(_release(), [forged])
    assert rebuilt[2].source == "check(label_1)"
    assert rebuilt[2].metadata.nbgrader["points"] == 2


def test_added_cells_are_dropped_and_a_missing_answer_is_blank() -> None:
    warnings: list[tuple] = []

    class Log:
        def warning(self, *args: object) -> None:
            warnings.append(args)

    extra = new_code_cell("import os; os.system('rm -rf ~')", id="mine")
    rebuilt = rebuild_cells(_release(), [extra], Log())
    assert [c.id for c in rebuilt] == [c.id for c in _release()]
    assert rebuilt[1].source == 'label_1 = ""'
    assert warnings and "answers-a" in warnings[0]


def test_a_cell_whose_source_is_not_text_is_ignored() -> None:
    # Guards the isinstance(source, str) check: tampered JSON must not crash grading.
    broken = cells.answer("", "answers-a")
    broken["source"] = {"not": "text"}
    assert rebuild_cells(_release(), [broken])[1].source == 'label_1 = ""'


def test_the_release_is_not_changed_by_a_rebuild() -> None:
    release = _release()
    rebuild_cells(release, [cells.answer('label_1 = "open"', "answers-a")])
    assert release[1].source == 'label_1 = ""'


def _resources() -> dict:
    return {"nbgrader": {"assignment": "ex", "notebook": "ex", "student": "ada"}}


def test_the_preprocessor_reads_the_release_from_the_course(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # nbgrader converts in the course root
    (tmp_path / "exercises" / "ex").mkdir(parents=True)
    nbformat.write(cells.notebook(*_release()), tmp_path / "exercises" / "ex" / "ex.ipynb")
    submitted = cells.notebook(cells.answer('label_1 = "tell"', "answers-a"))
    nb, _ = RebuildSubmission().preprocess(submitted, _resources())
    assert [c.source for c in nb.cells][1:] == ['label_1 = "tell"', "check(label_1)"]


def test_a_missing_release_says_how_to_make_it(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(MissingRelease, match="coachlab exercises"):
        RebuildSubmission().preprocess(cells.notebook(), _resources())
