"""Validate in a real JupyterLab (learner mode): the dialog names a part, never its code.

Each test validates its own copy of exercise 00 (a folder of its own in the served course), so
the course's exercise stays as the other browser tests expect it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coachlab.course import JOURNAL_FILE
from coachlab.responses import REFERENCE_FILENAME
from tests.browser.lab import Notebook, validate
from tests.browser.server import Lab
from tests.helpers.notebooks import fill

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

REPO = Path(__file__).resolve().parents[2]
MODULE = "00-welcome"
PART_A = "Part A · Where are you today?"
PART_B = "Part B · Which mistake is it?"
PART_C = "Part C · Which one is yours?"
#: The code nbgrader's own dialog shows for Part B: its hidden check's call.
CHECK_CODE = ("check_", "choice_1=choice_1")
PART_B_ANSWERS = 'choice_1 = "A"\nchoice_2 = "C"\nchoice_3 = "D"\nchoice_4 = "B"\n'
REFLECTION = ("Rescuing, mostly: I took over a renewal call last quarter instead of asking the rep "
              "what she would do next.")


def exercise_copy(lab: Lab, folder: str, answers: dict[str, str]) -> str:
    """Exercise 00 in ``folder`` of the served course, answered as ``answers`` (by cell id), its
    self-assessment (Part A) complete; returns its path relative to the server's root."""
    target = lab.root / folder
    target.mkdir()
    fill(REPO / "exercises" / MODULE / f"{MODULE}.ipynb", answers, target / f"{MODULE}.ipynb")
    shutil.copyfile(REPO / "solutions" / MODULE / REFERENCE_FILENAME, target / JOURNAL_FILE)
    return f"{folder}/{MODULE}.ipynb"


def test_a_blank_part_is_named_by_its_title_with_its_check_message(page, lab_server) -> None:
    path = exercise_copy(lab_server, "validate-part-b-blank", {"reflection": REFLECTION})
    said = validate(Notebook.open(page, lab_server, path))
    assert PART_B in said, said
    assert "Not yet" in said and "choice_2 is still empty" in said, said
    assert not any(code in said for code in CHECK_CODE), said
    # Parts A and C are done: only Part B is listed
    assert PART_A not in said and PART_C not in said, said


def test_a_complete_exercise_still_gets_nbgraders_success(page, lab_server) -> None:
    path = exercise_copy(lab_server, "validate-complete",
                         {"answers-b": PART_B_ANSWERS, "reflection": REFLECTION})
    said = validate(Notebook.open(page, lab_server, path))
    assert "Success! Your notebook passes all the tests." in said, said
