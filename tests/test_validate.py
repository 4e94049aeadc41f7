"""Validate in a manager's words: each cell nbgrader lists is named by its part, never by code.

The handler itself is exercised in a real JupyterLab by tests/browser/test_instructor.py (a
learner's first Validate lists the parts by title) and tests/browser/test_first_evening.py (a
complete exercise gets nbgrader's Success in learner mode).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from coachlab import launch, modes
from coachlab.home import validate
from coachlab.home.validate import FALLBACK_TITLE, in_words, part_titles, titles_by_source
from tests.helpers import cells

ROOT = Path(__file__).resolve().parent.parent
EXERCISE_00 = ROOT / "exercises" / "00-welcome" / "00-welcome.ipynb"
EXERCISE_02 = ROOT / "exercises" / "02-find-the-root-cause" / "02-find-the-root-cause.ipynb"
PART_B = "Part B · Which mistake is it?"
VALIDATE_EXTENSION = "nbgrader.server_extensions.validate_assignment"


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def cell(nb: nbformat.NotebookNode, cell_id: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.get("id") == cell_id)


def failed(*sources: str) -> dict:
    """A result as nbgrader's Validator reports failed cells: the stripped source, the error."""
    return {"failed": [{"source": s.strip(), "error": "Not yet: choice_2 is still empty",
                        "raw_error": "Not yet: choice_2 is still empty"} for s in sources]}


# ------------------------------------------------------------------ the source -> title mapping

def test_each_cell_of_exercise_00_belongs_to_the_part_above_it() -> None:
    nb = read(EXERCISE_00)
    titles = dict(zip([c.id for c in nb.cells], part_titles(nb), strict=True))
    assert titles["intro"] == FALLBACK_TITLE  # nothing above the exercise's own title
    assert titles["setup"] == "Exercise 00 · Chief revenue or chief rescue officer?"
    assert titles["check-a"] == "Part A · Where are you today?"
    assert titles["answers-b"] == titles["check-b"] == titles["grade-b"] == PART_B
    # the learner's written answer is in Part C; the points note "(4 points, ...)" is left out
    assert titles["reflection"] == "Part C · Which one is yours?"
    assert titles["self-grade"] == "Before you submit"


def test_a_part_is_named_by_its_first_heading_not_a_subheading_inside_it() -> None:
    """Exercise 02's Part A holds seven "Transcript" headings below its title."""
    nb = read(EXERCISE_02)
    titles = part_titles(nb)
    first_code_after_part_a = next(
        i for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and titles[i].startswith("Part A"))
    assert titles[first_code_after_part_a] == "Part A · What is the evidence telling you?"
    assert not any(t.startswith("Transcript") for t in titles)


def test_the_failed_check_of_part_b_is_named_by_part_b_and_carries_no_code() -> None:
    nb = read(EXERCISE_00)
    check_b = cell(nb, "check-b").source
    assert "check_choices(" in check_b  # what nbgrader would show a manager
    named = in_words(failed(check_b, cell(nb, "check-a").source, cell(nb, "reflection").source),
                     nb)
    assert [entry["source"] for entry in named["failed"]] == [
        PART_B, "Part A · Where are you today?", "Part C · Which one is yours?"]
    assert named["failed"][0]["error"] == "Not yet: choice_2 is still empty"  # kept as it is
    text = json.dumps(named)
    assert "check_" not in text and "choice_1=choice_1" not in text


def test_every_list_nbgrader_reports_is_named_and_nothing_else_changes() -> None:
    nb = read(EXERCISE_00)
    source = cell(nb, "check-b").source.strip()
    result = {"type_changed": [{"source": source, "old_type": "code", "new_type": "markdown"}],
              "changed": [{"source": source}], "passed": [{"source": source}]}
    named = in_words(result, nb)
    assert named == {"type_changed": [{"source": PART_B, "old_type": "code",
                                       "new_type": "markdown"}],
                     "changed": [{"source": PART_B}], "passed": [{"source": PART_B}]}
    assert result["changed"] == [{"source": source}]  # nbgrader's result is left as it was
    assert in_words({}, nb) == {}  # success: nbgrader's empty result, untouched


def test_code_never_shows_even_when_no_part_can_be_named() -> None:
    nb = read(EXERCISE_00)
    # a cell the notebook does not hold (edited since), and no notebook at all
    assert in_words(failed("check_choices('X')"), nb)["failed"][0]["source"] == FALLBACK_TITLE
    assert in_words(failed(cell(nb, "check-b").source), None)["failed"][0]["source"] == (
        FALLBACK_TITLE)


def test_the_same_source_in_two_parts_is_not_guessed() -> None:
    nb = cells.notebook(cells.prose("## Part A · One", "a-title"), cells.test("check()", "a"),
                        cells.prose("## Part B · Two", "b-title"), cells.test("check()", "b"),
                        cells.test("check_b()", "b2"))
    assert titles_by_source(nb)["check()"] == FALLBACK_TITLE
    assert titles_by_source(nb)["check_b()"] == "Part B · Two"


def test_a_learners_own_heading_or_hidden_markdown_names_no_part() -> None:
    hidden = cells.prose("## Instructor note", "hidden")
    hidden.metadata["jupyter"] = {"source_hidden": True}
    nb = cells.notebook(cells.prose("## Part A · Mine", "a-title"),
                        cells.reflection("# I am a heading"),
                        hidden, cells.test("check()", "a"))
    assert part_titles(nb)[-1] == "Part A · Mine"


# ------------------------------------------------------------------ errors without code

def test_errors_are_one_line_without_the_code_that_raised_them(tmp_path: Path) -> None:
    """The handler's config runs nbgrader's own Validator with minimal tracebacks: a hidden
    check that raises shows its error, not the line of code it was called from."""
    from nbconvert.filters import strip_ansi
    from nbgrader.validator import Validator

    nb = cells.notebook(cells.prose("## Part B · Which mistake is it?"),
                        cells.test('from json import loads as check_json; check_json("{")',
                                   "check-b"))
    nb.cells[1].metadata.nbgrader["points"] = 0  # a check, failing on its error alone
    path = tmp_path / "exercise.ipynb"
    nbformat.write(nb, path)
    handler = object.__new__(validate.ValidateHandler)  # load_config needs no request
    cwd = os.getcwd()
    os.chdir(tmp_path)  # nbgrader reads nbgrader_config.py from the server's folder
    try:
        config = handler.load_config()
    finally:
        os.chdir(cwd)
    assert validate.MINIMAL_TRACEBACKS in config.Execute.extra_arguments
    result = Validator(config=config).validate(str(path))
    entry = result["failed"][0]
    error = strip_ansi(entry["raw_error"])
    assert error.startswith("JSONDecodeError: Expecting property name"), error
    # a full traceback quotes the cell's line and json's own code
    assert "check_json" not in error and "check_json" not in entry["error"]
    assert "decoder.py" not in error
    assert in_words(result, nb)["failed"][0]["source"] == PART_B


# ------------------------------------------------------------------ the course's handler answers

def test_the_course_serves_nbgraders_validate_urls_with_its_own_handler() -> None:
    from nbgrader.server_extensions.validate_assignment.handlers import (
        NbGraderVersionHandler,
        default_handlers,
    )

    served = dict(validate.routes("/base/"))
    assert set(served) == {f"/base{pattern}" for pattern, _ in default_handlers}
    assert served["/base/assignments/validate"] is validate.ValidateHandler
    assert served["/base/nbgrader_version"] is NbGraderVersionHandler  # the lab's first call


def test_ours_is_matched_first_even_if_nbgraders_extension_were_on(tmp_path: Path) -> None:
    """jupyter_server loads extensions in name order (coachlab.home before nbgrader's) and
    tornado tries routes in the order they were added."""
    from nbgrader.server_extensions.validate_assignment import _load_jupyter_server_extension
    from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine
    from tornado.web import Application

    from coachlab.home import _load_jupyter_server_extension as load_ours

    app = Application(base_url="/")
    serverapp = SimpleNamespace(web_app=app, root_dir=str(tmp_path),
                                log=SimpleNamespace(info=lambda *a: None))
    for load in sorted([load_ours, _load_jupyter_server_extension],
                       key=lambda f: f.__module__):
        load(serverapp)
    request = HTTPServerRequest(
        start_line=RequestStartLine("POST", "/assignments/validate", "HTTP/1.1"),
        headers=HTTPHeaders({"Host": "127.0.0.1"}))
    assert app.find_handler(request).handler_class is validate.ValidateHandler


def test_nbgraders_validate_extension_is_off_in_every_mode(tmp_path: Path) -> None:
    # learner mode: the learner's config folder, with or without an exchange
    for exchange in (False, True):
        off = modes.server_config(exchange)["ServerApp"]["jpserver_extensions"]
        assert off[VALIDATE_EXTENSION] is False
        assert "coachlab.home" not in off
    # instructor mode: the environment, where nbgrader's wheel turns every extension on
    d = tmp_path / "etc" / "jupyter" / "jupyter_server_config.d"
    d.mkdir(parents=True)
    (d / "nbgrader.json").write_text(json.dumps({"ServerApp": {"jpserver_extensions": {
        VALIDATE_EXTENSION: True, "nbgrader.server_extensions.formgrader": True}}}))
    launch.ensure_home_extension(tmp_path)
    from jupyter_server.extension.config import ExtensionConfigManager

    found = ExtensionConfigManager(read_config_path=[str(tmp_path / "etc" / "jupyter")]
                                   ).get_jpserver_extensions()
    assert found[VALIDATE_EXTENSION] is False
    assert found["coachlab.home"] is True and found["nbgrader.server_extensions.formgrader"]
    assert VALIDATE_EXTENSION not in launch.NBGRADER_EXTENSIONS  # `coachlab start` enables


@pytest.mark.parametrize("role", ["learner", "instructor"])
def test_the_hubs_roles_use_the_courses_validate(role: str) -> None:
    config = ROOT / "deploy" / "jupyterhub" / "roles" / role / "jupyter_server_config.json"
    extensions = json.loads(config.read_text())["ServerApp"]["jpserver_extensions"]
    assert extensions[VALIDATE_EXTENSION] is False
    assert extensions["coachlab.home"] is True
