"""An author can check every module with nbgrader's own tools.

Each source notebook passes nbgrader's validator where it lies in solutions/ (its widget parts
read the reference play beside it), and the solution folder submitted as a learner's work (its
notebooks, its reference play as the journal) earns every autograded point, while the untouched
release earns none. The reference play never reaches a release or a learner's grading folder.
Those grades are read from the shared graded course (tests/helpers/graded.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coachlab.course import JOURNAL_FILE, assignments, load_config
from coachlab.responses import REFERENCE_FILENAME
from tests.helpers.graded import GROUP, TAMPERED, GradedCourse
from tests.helpers.notebooks import points
from tests.helpers.submissions import solution_files

pytestmark = pytest.mark.pipeline

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = assignments(ROOT)
WITH_WIDGETS = sorted(p.parent.name for p in ROOT.glob(f"solutions/*/{REFERENCE_FILENAME}"))


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory, course_root: Path) -> Path:
    """A copy of the course's settings and solutions/, without anyone's journal."""
    root = tmp_path_factory.mktemp("source")
    shutil.copyfile(course_root / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(course_root / "solutions", root / "solutions",
                    ignore=shutil.ignore_patterns(f"{JOURNAL_FILE}*", ".ipynb_checkpoints"))
    return root


def _validate(root: Path, notebook: Path) -> dict:
    """nbgrader's validator (run by `nbgrader validate` and the Validate button) on a notebook."""
    from nbgrader.validator import Validator

    return Validator(config=load_config(root)).validate(str(notebook))


def test_the_modules_with_widget_parts_have_a_reference_play() -> None:
    assert WITH_WIDGETS == ["00-welcome", "01-tell-or-ask", "02-find-the-root-cause",
                            "05-capstone"]


@pytest.mark.parametrize("exercise", EXERCISES)
def test_source_notebook_validates_where_it_lies(source: Path, exercise: str) -> None:
    folder = source / "solutions" / exercise
    notebooks = sorted(folder.glob("*.ipynb"))
    assert notebooks
    for notebook in notebooks:
        assert _validate(source, notebook) == {}, f"{notebook.name} does not validate"
    # Validation only reads the reference play: nothing was recorded beside the notebook.
    assert not (folder / JOURNAL_FILE).exists()


def test_without_its_reference_play_a_widget_module_fails_validation(tmp_path: Path,
                                                                     source: Path) -> None:
    root = tmp_path / "course"
    root.mkdir()
    shutil.copyfile(source / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(source / "solutions" / "00-welcome", root / "solutions" / "00-welcome")
    (root / "solutions" / "00-welcome" / REFERENCE_FILENAME).unlink()
    results = _validate(root, root / "solutions" / "00-welcome" / "00-welcome.ipynb")
    assert [cell["source"] for cell in results.get("failed", [])
            if "score_recorded" in cell["source"]], results


@pytest.mark.xdist_group(GROUP)
@pytest.mark.parametrize("exercise", EXERCISES)
def test_solution_folder_earns_every_point_and_a_blank_exercise_none(graded_course: GradedCourse,
                                                                    exercise: str) -> None:
    # The shared course's "solved" learner submits the solution folder (solution_files), and its
    # "tampered" learner the blank release with a copy of the reference play, which must count
    # for nothing.
    graded = graded_course[exercise]
    assert not (graded.release / REFERENCE_FILENAME).exists(), "the reference play was released"
    assert sorted(solution_files(graded.solution)) == sorted(
        p.name for p in graded.workspace.root.glob(f"submitted/solved/{exercise}/*")
        if p.name != "timestamp.txt")
    for learner in ("solved", TAMPERED):
        assert not (graded.autograded(learner) / REFERENCE_FILENAME).exists(), \
            "the reference play reached grading"

    available = sum(points(notebook)[0] for notebook in graded.solution.glob("*.ipynb"))
    solved = graded.score("solved")
    tampered = graded.score(TAMPERED)
    assert available > 0
    assert solved.auto_max == available, solved
    assert solved.auto == available, solved
    assert tampered.auto == 0, tampered
