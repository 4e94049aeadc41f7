"""nbgrader steps fail with the exception that stopped them, never with log text to read.

Real nbgrader (stock preprocessors) on a tiny course built here, and real database locks."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.reader import NotJSONError

from coachlab.grading import steps
from tests.helpers import cells

pytestmark = pytest.mark.pipeline


def _api(root: Path):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config

    config = Config()
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.db_url = f"sqlite:///{root / 'gradebook.db'}"
    config.Execute.timeout = 20
    return NbGraderAPI(CourseDirectory(config=config), config=config)


def _source(root: Path, answer: str) -> None:
    folder = root / "source" / "ex"
    folder.mkdir(parents=True)
    nb = cells.notebook(cells.answer(answer, grade_id="a"),
                        cells.test("assert a == 'x'", grade_id="t", points=1))
    nbformat.write(nb, folder / "ex.ipynb")


def test_a_failed_generation_carries_nbgraders_exception(tmp_path: Path) -> None:
    _source(tmp_path, "### BEGIN SOLUTION\na = 'x'")  # no END SOLUTION
    result = steps.generate_assignment(_api(tmp_path), "ex")
    assert not result.success
    assert isinstance(result.error, RuntimeError)
    assert result.reason == "RuntimeError: no end solution statement found"
    with pytest.raises(steps.StepFailed, match="no end solution") as raised:
        result.check()
    assert raised.value.__cause__ is result.error


def test_a_broken_submission_fails_autograde_with_its_own_exception(tmp_path: Path) -> None:
    # The exception kept by convert_single_notebook, not the generic "see the log" at the end.
    _source(tmp_path, "### BEGIN SOLUTION\na = 'x'\n### END SOLUTION")
    api = _api(tmp_path)
    assert steps.generate_assignment(api, "ex").check().success
    submitted = tmp_path / "submitted" / "ada" / "ex"
    submitted.mkdir(parents=True)
    (submitted / "ex.ipynb").write_text("{", encoding="utf-8")
    result = steps.autograde(api, "ex", "ada")
    assert isinstance(result.error, NotJSONError), result.log
    assert result.reason.startswith("NotJSONError: Notebook does not appear to be JSON")
    assert "\n" not in result.reason


def test_a_good_submission_grades_and_gets_feedback(tmp_path: Path) -> None:
    _source(tmp_path, "### BEGIN SOLUTION\na = 'x'\n### END SOLUTION")
    api = _api(tmp_path)
    steps.generate_assignment(api, "ex").check()
    submitted = tmp_path / "submitted" / "ada" / "ex"
    submitted.mkdir(parents=True)
    (submitted / "ex.ipynb").write_bytes((tmp_path / "source" / "ex" / "ex.ipynb").read_bytes())
    assert steps.autograde(api, "ex", "ada").check().error is None
    assert steps.generate_feedback(api, "ex", "ada").check().success
    assert (tmp_path / "feedback" / "ada" / "ex" / "ex.html").is_file()


def test_one_line_is_short_and_named() -> None:
    assert steps.one_line(ValueError("first\nsecond")) == "ValueError: first"
    assert steps.one_line(KeyError()) == "KeyError"
    assert len(steps.one_line(ValueError("x" * 500))) == 200


#: sha256 of the ``NbGraderAPI`` methods whose bodies :mod:`coachlab.grading.steps` follows (the
#: converter, its flags, the feedback template). A new nbgrader that changes one fails here, so
#: the copy is looked at again instead of drifting silently.
FOLLOWED = {
    "generate_assignment": "e8f9980217fc4c59c78404ada63ef1ef185dc1acbbbc491ec28c21d8aff0be61",
    "autograde": "99d6b171e65d81b5f3a2ccce208b3414cf287b9f1b98c48428258c6b4c42974e",
    "generate_feedback": "a7c124ae4a8c0c3101bda7a9f5a812dc0a1280fd10b15b95a3f75efd90b05d02",
}


@pytest.mark.parametrize("method", sorted(FOLLOWED))
def test_the_followed_nbgrader_api_bodies_are_unchanged(method: str) -> None:
    import hashlib
    import inspect

    from nbgrader.apps import NbGraderAPI

    source = inspect.getsource(getattr(NbGraderAPI, method))
    assert hashlib.sha256(source.encode()).hexdigest() == FOLLOWED[method], source
