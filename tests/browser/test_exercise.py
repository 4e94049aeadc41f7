"""Exercise 01 in a real browser: the blank release runs and passes the axe audit, then Part D's
conversation is played, saved and on disk."""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest

from coachlab.responses import Journal
from coachlab.session.saving import SHOW_AGAIN
from tests.browser.audit import assert_accessible
from tests.browser.lab import Notebook, assert_blank_exercise_ran, play_to_ending, wait_for_text
from tests.helpers.journals import answers as journal_answers

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

EXERCISE = "exercises/01-tell-or-ask/01-tell-or-ask.ipynb"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def test_part_d_play_is_saved_in_the_journal(page, lab_server) -> None:
    notebook = Notebook.open(page, lab_server, EXERCISE)
    notebook.run_all()
    # Parts A-C are still blank: Run All goes through, each quick check says what is missing
    # ("Not yet"), and the release as a learner first sees it passes the axe audit.
    assert_blank_exercise_ran(notebook)
    stopped = notebook.cell_with_output("Not yet")
    assert "label_1 is still empty" in wait_for_text(stopped, r"label_1")
    assert_accessible(page, EXERCISE)
    # The learner plays Part D first, before answering Parts A-C.
    player = notebook.widget("coachlab-player")
    assert "Jordan" in wait_for_text(player, r"Jordan")

    replies = play_to_ending(notebook, player)
    wait_for_text(player, r"Root cause:")
    # An autosave that began as the cell started running can leave the file without its output
    # and the tab marked saved; save_with saves again until the file holds the line.
    notebook.save_with(SHOW_AGAIN)

    player_cell = saved_cell(lab_server.root / EXERCISE, "player")
    # The widget lives in the kernel; the file says how to show it again (coachlab.session.saving)
    # instead of holding a view that reads "model not found" once the notebook is reopened.
    assert not any(WIDGET_VIEW in output.get("data", {}) for output in player_cell.outputs)
    assert [output["data"]["text/plain"] for output in player_cell.outputs] == [SHOW_AGAIN]

    journal = Journal(lab_server.root / "exercises" / "01-tell-or-ask" / "coachlab-answers.json")
    play = journal.get("01.play")
    assert isinstance(play, dict), journal_answers(journal)
    assert play["path"] and len(play["path"]) == len(replies)
    assert play["ending"]
    assert play["scenario"] == "first-reply"


def saved_cell(path: Path, cell_id: str, timeout_s: float = 30.0) -> nbformat.NotebookNode:
    """The cell ``cell_id`` as the server last wrote it, once it has outputs: a save the tab
    reports as done may still be on its way to disk (an autosave in flight)."""
    deadline = time.monotonic() + timeout_s
    while True:
        cell = next(c for c in nbformat.read(path, as_version=4).cells if c.get("id") == cell_id)
        if cell.outputs or time.monotonic() > deadline:
            return cell
        time.sleep(0.2)
