"""exercises/ is exactly what nbgrader makes from solutions/, and gives nothing away."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from coachlab.blanks import blank_literals
from coachlab.course import assignments
from coachlab.exercises import drift, needed_reps, reps_drift, sync_reps
from coachlab.grading.explanations import FILENAME as EXPLANATIONS
from coachlab.responses import REFERENCE_FILENAME
from tests.helpers.notebooks import split_hidden

ROOT = Path(__file__).resolve().parent.parent
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS",
           "BEGIN MARK SCHEME", "END MARK SCHEME")


def _pairs() -> list[tuple[Path, Path]]:
    pairs = []
    for name in assignments(ROOT):
        for solution in sorted((ROOT / "solutions" / name).glob("*.ipynb")):
            pairs.append((solution, ROOT / "exercises" / name / solution.name))
    return pairs


PAIRS = _pairs()
IDS = [p[0].stem for p in PAIRS]


def test_exercises_match_a_fresh_generation() -> None:
    problems = drift(ROOT)
    assert not problems, "exercises/ has drifted; run `make exercises`:\n" + "\n".join(problems)


def test_exercise_reps_are_the_course_reps() -> None:
    # One source of truth: course/reps/. The copies beside the exercises' notebooks are made by
    # `coachlab exercises`; an edited rep that was not copied again fails here.
    assert needed_reps(ROOT / "solutions" / "02-find-the-root-cause") == [
        "priya-cfo-waiting", "rosa-committee-stage"]
    assert needed_reps(ROOT / "solutions" / "05-capstone") == ["owen-vp-watching"]
    problems = reps_drift(ROOT)
    assert not problems, "run `coachlab exercises`:\n" + "\n".join(problems)
    for name in ("02-find-the-root-cause", "05-capstone"):
        released = ROOT / "exercises" / name / "reps"
        copied = ROOT / "solutions" / name / "reps"
        assert sorted(p.relative_to(released) for p in released.rglob("*.yaml")) == sorted(
            p.relative_to(copied) for p in copied.rglob("*.yaml"))


def test_sync_copies_the_reps_an_exercise_interviews_and_reports_drift(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "course" / "reps", tmp_path / "course" / "reps")
    folder = tmp_path / "solutions" / "02-find-the-root-cause"
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "solutions" / "02-find-the-root-cause" / "02-find-the-root-cause.ipynb",
                folder)
    (folder / "reps").mkdir()
    (folder / "reps" / "old-rep.yaml").write_text("id: old-rep\n", encoding="utf-8")
    assert "missing from solutions/02-find-the-root-cause/reps/: priya-cfo-waiting.yaml" in \
        reps_drift(tmp_path)
    assert sync_reps(tmp_path)
    assert reps_drift(tmp_path) == []
    assert not (folder / "reps" / "old-rep.yaml").exists()
    assert (folder / "reps" / "phrasings" / "priya-cfo-waiting.paraphrases.yaml").is_file()
    # The course's rep changes: the exercise's copy has drifted until it is synced again.
    source = tmp_path / "course" / "reps" / "rosa-committee-stage.yaml"
    source.write_text(source.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert reps_drift(tmp_path) == [
        "differs from course/reps/: solutions/02-find-the-root-cause/reps/"
        "rosa-committee-stage.yaml"]
    assert sync_reps(tmp_path) == [
        "solutions/02-find-the-root-cause/reps/rosa-committee-stage.yaml"]
    assert sync_reps(tmp_path) == []


def test_every_exercise_has_a_release() -> None:
    assert PAIRS, "no exercises found"
    for _solution, release in PAIRS:
        assert release.is_file(), f"{release} missing; run `make exercises`"


@pytest.mark.parametrize("name", assignments(ROOT))
def test_release_holds_no_instructor_file(name: str) -> None:
    released = {p.name for p in (ROOT / "exercises" / name).rglob("*")}
    for private in (EXPLANATIONS, REFERENCE_FILENAME):
        assert private not in released, f"exercises/{name} holds {private}"


def _secret_lines(solution: Path) -> list[str]:
    """Every line of the solution that a learner must not see."""
    secrets: list[str] = []
    for cell in nbformat.read(solution, as_version=4).cells:
        nbg = cell.metadata.get("nbgrader", {})
        if cell.metadata.get("coachlab", {}).get("instructor_only"):
            secrets += cell.source.split("\n")
        elif nbg.get("solution") and cell.cell_type == "markdown":
            secrets += cell.source.split("\n")
        elif nbg.get("solution"):
            _, region = split_hidden(cell.source, "BEGIN SOLUTION", "END SOLUTION")
            blanked = (blank_literals("\n".join(region)) or "").split("\n")
            secrets += [line for line in region if line not in blanked]
        _, hidden = split_hidden(cell.source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
        secrets += hidden
    # Table rules and brackets are shared with ordinary prose; only lines with words can leak.
    return [line.strip() for line in secrets if sum(ch.isalpha() for ch in line) >= 6]


@pytest.mark.parametrize(("solution", "release"), PAIRS, ids=IDS)
def test_release_leaks_no_solution_hidden_test_or_rubric(solution: Path, release: Path) -> None:
    text = release.read_text(encoding="utf-8")
    for marker in MARKERS:
        assert marker not in text, f"{release.name} contains {marker!r}"
    secrets = _secret_lines(solution)
    assert secrets, f"{solution.name} has no solutions or hidden tests to protect"
    nb = nbformat.read(release, as_version=4)
    sources = "\n".join(cell.source for cell in nb.cells)
    leaked = [line for line in secrets if line in sources]
    assert not leaked, f"{release.name} shows: {leaked[:5]}"
    assert not any(c.metadata.get("coachlab", {}).get("instructor_only") for c in nb.cells)


@pytest.mark.parametrize(("solution", "release"), PAIRS, ids=IDS)
def test_graded_cells_are_locked_with_stable_ids_and_points(solution: Path, release: Path) -> None:
    nb = nbformat.read(solution, as_version=4)
    grade_ids = []
    written = []
    rubrics = set()
    for cell in nb.cells:
        nbg = cell.metadata.get("nbgrader")
        if not nbg:
            continue
        grade_ids.append(nbg["grade_id"])
        assert cell.id == nbg["grade_id"], f"cell id {cell.id} != grade_id {nbg['grade_id']}"
        if nbg.get("grade"):
            assert nbg.get("points", 0) > 0, f"{nbg['grade_id']} has no points"
        if nbg.get("grade") and not nbg.get("solution"):
            assert nbg.get("locked"), f"test cell {nbg['grade_id']} is not locked"
        if nbg.get("grade") and nbg.get("solution"):
            written.append(nbg["grade_id"])
        if cell.metadata.get("coachlab", {}).get("instructor_only"):
            rubrics.add(nbg["grade_id"])
    assert len(grade_ids) == len(set(grade_ids)), "duplicate grade_id"
    for answer in written:
        assert f"{answer}-rubric" in rubrics, f"written answer {answer} has no rubric"


ALL_NOTEBOOKS = sorted(
    p for folder in ("course", "solutions", "exercises") for p in (ROOT / folder).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)


@pytest.mark.parametrize("path", ALL_NOTEBOOKS,
                         ids=[str(p.relative_to(ROOT)) for p in ALL_NOTEBOOKS])
def test_notebooks_are_committed_clean(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    ids = [cell.id for cell in nb.cells]
    assert len(ids) == len(set(ids)), "duplicate cell ids"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs, f"{path.name}:{cell.id} has outputs"
            assert cell.execution_count is None, f"{path.name}:{cell.id} has an execution count"


def test_explanations_are_never_released() -> None:
    from coachlab.course import load_config
    from coachlab.grading.explanations import FILENAME

    assert FILENAME in load_config(ROOT).CourseDirectory.ignore
    assert not list((ROOT / "exercises").rglob(FILENAME))


@pytest.mark.parametrize(("solution", "release"), PAIRS, ids=IDS)
def test_release_shows_no_explanation(solution: Path, release: Path) -> None:
    from coachlab.grading.explanations import FILENAME, load_explanations

    explanations = load_explanations(solution.parent / FILENAME)
    assert explanations, f"{solution.parent.name} has no {FILENAME}"
    nb = nbformat.read(release, as_version=4)
    text = "\n".join(cell.source for cell in nb.cells) + release.read_text(encoding="utf-8")
    for items in explanations.values():
        for note in items.values():
            for secret in (note.why, note.others):
                assert not secret or secret not in text, f"{release.name} shows: {secret[:60]}"
