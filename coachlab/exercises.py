"""Make exercises/ (the learners' copies) from solutions/ with nbgrader's generate step.

Generation runs in a scratch course folder, so it never touches the course's gradebook and always
starts from what is committed in solutions/. exercises/ is only ever written here.

Reps have one source, ``course/reps/``. An exercise that interviews a rep needs the rep file
beside its notebook (``reps/<id>.yaml``, and its paraphrases in ``reps/phrasings/``): the widget
reads it in the learner's kernel, and the grader replays the interview against it in the jail,
where nothing outside the submission folder is visible. So :func:`regenerate` first copies the
reps each solution notebook interviews into ``solutions/NN-slug/reps/`` (nbgrader then releases
them, and autograde overwrites a learner's copy with this master one); :func:`drift` reports a
copy that differs from ``course/reps/``, so an edited rep cannot go stale in an exercise.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import nbformat
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory

from coachlab.course import JOURNAL_FILE, assignments, load_config, sqlite_gradebook
from coachlab.grading import steps
from coachlab.interview.loader import PARAPHRASES


class GenerationError(RuntimeError):
    """nbgrader could not generate an exercise; the message says why, then nbgrader's log."""


def generate_into(root: Path, out: Path) -> list[str]:
    """Generate every exercise of the course at ``root`` into ``out``/<exercise>/.

    Returns the exercise names. Raises GenerationError, caused by the exception generation
    failed with.
    """
    names = assignments(root)
    with tempfile.TemporaryDirectory(prefix="coachlab-generate-") as scratch:
        scratch_root = Path(scratch)
        shutil.copytree(root / "solutions", scratch_root / "solutions",
                        ignore=shutil.ignore_patterns(f"{JOURNAL_FILE}*", ".ipynb_checkpoints",
                                                      "__pycache__"))
        config = load_config(root, course_root=scratch_root,
                             db_url=sqlite_gradebook(scratch_root))
        api = NbGraderAPI(CourseDirectory(config=config), config=config)
        for name in names:
            result = steps.generate_assignment(api, name)
            if not result.success:
                raise GenerationError(f"Could not generate {name}: {result.reason}\n"
                                      f"{result.log}") from result.error
        out.mkdir(parents=True, exist_ok=True)
        for name in names:
            target = out / name
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(scratch_root / "exercises" / name, target)
    for stale in (p for p in out.iterdir() if p.is_dir() and p.name not in names):
        shutil.rmtree(stale)
    return names


def regenerate(root: Path) -> list[str]:
    """Copy the reps each exercise needs from course/reps/, then rewrite ``root``/exercises from
    ``root``/solutions. Returns the exercise names."""
    sync_reps(root)
    return generate_into(root, root / "exercises")


def drift(root: Path) -> list[str]:
    """What differs between exercises/ and a fresh generation, and between the reps in
    solutions/ and course/reps/: one line per difference."""
    with tempfile.TemporaryDirectory(prefix="coachlab-drift-") as scratch:
        fresh = Path(scratch) / "exercises"
        generate_into(root, fresh)
        return reps_drift(root) + _compare(fresh, root / "exercises")


# ------------------------------------------------------------------------------ reps

REPS = "reps"
"""The folder beside an exercise notebook that holds its reps (``coachlab.checks.interview``)."""

# The widget call that names a rep in a notebook: ``interview("priya-cfo-waiting", key=...)``.
_REP_CALL = re.compile(r"\binterview\(\s*[\"']([a-z0-9]+(?:-[a-z0-9]+)*)[\"']")


def needed_reps(solution: Path) -> list[str]:
    """The ids of the reps the notebooks in ``solution`` interview, sorted."""
    found: set[str] = set()
    for path in sorted(solution.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                found.update(_REP_CALL.findall(cell.source))
    return sorted(found)


def rep_files(root: Path, rep_id: str) -> dict[str, Path]:
    """The course's files for ``rep_id``: path inside ``reps/`` -> source in course/reps/."""
    source = root / "course" / REPS
    files = {f"{rep_id}.yaml": source / f"{rep_id}.yaml"}
    phrasings = source / PARAPHRASES / f"{rep_id}.paraphrases.yaml"
    if phrasings.is_file():
        files[f"{PARAPHRASES}/{phrasings.name}"] = phrasings
    return files


def _wanted_reps(root: Path, exercise: str) -> dict[str, Path]:
    wanted: dict[str, Path] = {}
    for rep_id in needed_reps(root / "solutions" / exercise):
        wanted.update(rep_files(root, rep_id))
    return wanted


def sync_reps(root: Path) -> list[str]:
    """Copy each exercise's reps from course/reps/ into solutions/<exercise>/reps/, removing any
    the exercise no longer interviews. Returns the files written, relative to ``root``."""
    written = []
    for exercise in assignments(root):
        folder = root / "solutions" / exercise / REPS
        wanted = _wanted_reps(root, exercise)
        for name, source in wanted.items():
            if not source.is_file():
                raise FileNotFoundError(f"{exercise} interviews a rep with no file: {source}")
            target = folder / name
            if not target.is_file() or target.read_bytes() != source.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
                written.append(str(target.relative_to(root)))
        if folder.is_dir():
            for stale in sorted(folder.rglob("*"), reverse=True):
                name = str(stale.relative_to(folder))
                if stale.is_file() and name not in wanted:
                    stale.unlink()
                elif stale.is_dir() and not any(stale.iterdir()):
                    stale.rmdir()
            if not any(folder.iterdir()):
                folder.rmdir()
    return written


def reps_drift(root: Path) -> list[str]:
    """How the reps in solutions/ differ from course/reps/: one line per difference."""
    problems = []
    for exercise in assignments(root):
        folder = root / "solutions" / exercise / REPS
        wanted = _wanted_reps(root, exercise)
        have = ({str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}
                if folder.is_dir() else set())
        where = f"solutions/{exercise}/{REPS}"
        problems += [f"missing from {where}/: {name}" for name in sorted(set(wanted) - have)]
        problems += [f"not a rep {exercise} interviews: {where}/{name}"
                     for name in sorted(have - set(wanted))]
        problems += [f"differs from course/{REPS}/: {where}/{name}"
                     for name in sorted(set(wanted) & have)
                     if (folder / name).read_bytes() != wanted[name].read_bytes()]
    return problems


def _compare(expected: Path, actual: Path) -> list[str]:
    def files(base: Path) -> set[str]:
        if not base.is_dir():
            return set()
        return {str(p.relative_to(base)) for p in base.rglob("*")
                if p.is_file() and ".ipynb_checkpoints" not in p.parts}

    want, have = files(expected), files(actual)
    problems = [f"missing from exercises/: {name}" for name in sorted(want - have)]
    problems += [f"not made from solutions/: {name}" for name in sorted(have - want)]
    for name in sorted(want & have):
        if _content(expected / name) != _content(actual / name):
            problems.append(f"differs from a fresh generation: {name}")
    return problems


def _content(path: Path) -> object:
    if path.suffix == ".ipynb":
        return json.loads(path.read_text(encoding="utf-8"))
    return path.read_bytes()
