"""Make exercises/ (the learners' copies) from solutions/ with nbgrader's generate step.

Generation runs in a scratch course folder, so it never touches the course's gradebook and always
starts from what is committed in solutions/. exercises/ is only ever written here.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from coachlab.course import JOURNAL_FILE, assignments, load_config, sqlite_gradebook


class GenerationError(RuntimeError):
    """nbgrader could not generate an exercise; the message says why, then nbgrader's log."""


def generate_into(root: Path, out: Path) -> list[str]:
    """Generate every exercise of the course at ``root`` into ``out``/<exercise>/.

    Returns the exercise names. Raises GenerationError, caused by the exception generation
    failed with.
    """
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    from coachlab.grading import steps

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
    """Rewrite ``root``/exercises from ``root``/solutions. Returns the exercise names."""
    return generate_into(root, root / "exercises")


def drift(root: Path) -> list[str]:
    """What differs between exercises/ and a fresh generation: one line per difference."""
    with tempfile.TemporaryDirectory(prefix="coachlab-drift-") as scratch:
        fresh = Path(scratch) / "exercises"
        generate_into(root, fresh)
        return _compare(fresh, root / "exercises")


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
