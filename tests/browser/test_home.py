"""The course home and the two modes, in a real JupyterLab at a laptop's 1366×768.

Learner mode (``coachlab start``): the page opens on the course home, which is accessible, keyboard
usable and fresh on every visit; the file browser shows the course and not the tooling; nbgrader's
instructor tools and (without an exchange) the Assignments tab are gone; the command-mode keys
that change, add or delete cells do nothing. Instructor mode brings all of it back. The home's
screenshot is the README's (docs/img/home.png), redrawn with ``COACHLAB_SCREENSHOTS=1``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page

from coachlab.course import SELF_GRADED_DIR, SELF_GRADED_SCORE
from tests.browser.audit import WHOLE_PAGE, assert_accessible
from tests.browser.lab import PANEL, Notebook, focused_text
from tests.browser.server import Lab

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

REPO = Path(__file__).resolve().parents[2]
#: The README's screenshot of the home, redrawn only when asked (``COACHLAB_SCREENSHOTS=1``): a
#: run of the suite leaves the checkout as it found it. Otherwise the picture goes to the
#: test artifacts, to look at.
SCREENSHOT = (REPO / "docs" / "img" / "home.png" if os.environ.get("COACHLAB_SCREENSHOTS") == "1"
              else REPO / "tests" / "artifacts" / "home.png")
LAPTOP = {"width": 1366, "height": 768}
MODULE = "01-tell-or-ask"
#: nbgrader's instructor tools as its menu names them, in lower case ("Create assignment").
TOOLS = ("formgrader", "create assignment", "course list")
#: Two plain cells (code, then markdown) for the key presses: nothing locks them.
KEYS_NOTEBOOK = "keys-check.ipynb"


def home_url(lab: Lab) -> str:
    return f"{lab.base_url}/coachlab/home?token={lab.token}"


@pytest.fixture
def laptop(page: Page) -> Page:
    page.set_viewport_size(LAPTOP)
    return page


def test_start_opens_the_course_home(laptop: Page, lab_server: Lab) -> None:
    """JupyterLab's default URL is the home: a learner lands there after the token login."""
    laptop.goto(f"{lab_server.base_url}/?token={lab_server.token}")
    laptop.wait_for_url(re.compile(r"/coachlab/home"))
    assert laptop.title() == "Course home · coachlab"


def test_the_home_is_fresh_accessible_and_pictured(laptop: Page, lab_server: Lab) -> None:
    laptop.goto(home_url(lab_server))
    row = laptop.locator("tr[data-module='01-tell-or-ask']")
    assert "self-graded" not in row.inner_text()  # (earlier tests may have opened the lesson)
    # the learner grades module 01 elsewhere, then comes back: the page says so
    folder = lab_server.root / SELF_GRADED_DIR / MODULE
    try:
        folder.mkdir(parents=True)
        (folder / SELF_GRADED_SCORE).write_text(json.dumps({"score": 17, "max_score": 21}))
        (folder / f"{MODULE}.html").write_text("<html lang='en'><title>r</title>17/21</html>")
        laptop.goto(home_url(lab_server))
        text = " ".join(row.inner_text().split())
        assert "✓ self-graded: 17 of 21 points" in text, text
        assert row.get_by_role("link", name="Report 01").count() == 1
        latest = laptop.get_by_role("link", name="Open your latest report")
        href = latest.get_attribute("href") or ""
        assert href.endswith(f"/files/{SELF_GRADED_DIR}/{MODULE}/{MODULE}.html"), href
        body = " ".join(laptop.inner_text("body").split())
        assert "Today's practice" in body and "item(s) due" in body
        assert "make start" in body
        assert_accessible(laptop, "course home", WHOLE_PAGE)
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        laptop.screenshot(path=str(SCREENSHOT), full_page=False)
    finally:
        shutil.rmtree(lab_server.root / SELF_GRADED_DIR, ignore_errors=True)


def test_the_home_is_keyboard_usable(laptop: Page, lab_server: Lab) -> None:
    """Tab reaches the next step first; Enter opens its notebook in JupyterLab, whose tab
    is the lesson's own name; the notebook's home link leads back."""
    laptop.goto(home_url(lab_server))
    laptop.keyboard.press("Tab")
    # The next step depends on what earlier tests left in the shared course: read where it goes.
    assert laptop.evaluate("() => !!document.activeElement.closest('.next')"), \
        focused_text(laptop)  # the first stop is the next step's link
    target = laptop.evaluate("() => document.activeElement.getAttribute('href')") or ""
    notebook = re.search(r"/lab/tree/(.+\.ipynb)$", target)
    assert notebook, target
    outline = laptop.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    laptop.keyboard.press("Enter")
    laptop.wait_for_url(re.compile(re.escape(f"/lab/tree/{notebook.group(1)}")))
    # The notebook's tab carries its own name (JupyterLab may also restore earlier tabs).
    title = notebook.group(1).rsplit("/", 1)[-1]
    laptop.locator("#jp-main-dock-panel .lm-TabBar-tab", has_text=re.compile(
        f"^\\s*{re.escape(title)}\\s*$")).first.wait_for(timeout=60_000)
    home = laptop.locator(f"{PANEL} .jp-MarkdownOutput a", has_text="Back to your course home")
    home.first.scroll_into_view_if_needed(timeout=60_000)
    home.first.click()
    laptop.wait_for_url(re.compile(r"/coachlab/home"))


def file_browser_names(page: Page) -> list[str]:
    """The names listed at the top of JupyterLab's file browser."""
    page.locator(".jp-DirListing-item").first.wait_for(timeout=60_000)
    return [" ".join(t.split()) for t in
            page.locator(".jp-DirListing-item .jp-DirListing-itemName").all_inner_texts()]


def nbgrader_menu(page: Page) -> list[str]:
    """The visible items of the Nbgrader menu (empty when there is no such menu)."""
    page.keyboard.press("Escape")
    menu = page.locator(".lm-MenuBar-item", has_text=re.compile("^Nbgrader$"))
    if not menu.count():
        return []
    menu.click()
    items = page.locator(".lm-Menu:visible .lm-Menu-item:not(.lm-mod-hidden) .lm-Menu-itemLabel")
    labels = [t.strip() for t in items.all_inner_texts()]
    page.keyboard.press("Escape")
    return labels


def side_tabs(page: Page) -> list[str]:
    """The titles of the side bars' tabs (their captions, read as a learner hovers)."""
    return page.locator(".jp-SideBar .lm-TabBar-tab").evaluate_all(
        "(tabs) => tabs.map((t) => t.getAttribute('title') || t.textContent || '')")


def open_lab(page: Page, lab: Lab) -> None:
    page.goto(f"{lab.base_url}/lab?reset&token={lab.token}", wait_until="domcontentloaded")
    page.locator("#jp-main-dock-panel").wait_for(timeout=60_000)


def test_learner_mode_shows_the_course_and_not_the_tooling(laptop: Page, lab_server: Lab
                                                           ) -> None:
    open_lab(laptop, lab_server)
    names = file_browser_names(laptop)
    assert {"course", "exercises"} <= set(names), names
    assert not {"solutions", "coachlab", "tests", "nbgrader_config.py"} & set(names), names
    menu = nbgrader_menu(laptop)
    assert not [label for label in menu if label.lower().startswith(TOOLS)], menu
    assert "assignment list" not in [label.lower() for label in menu]  # no exchange, no tab
    tabs = " ".join(side_tabs(laptop))
    assert "Create Assignment" not in tabs and "Assignments" not in tabs, tabs
    assert "Error fetching courses" not in laptop.inner_text("body")


def cells(page: Page) -> list[str]:
    """The open notebook's cells, as their types (code, markdown, raw)."""
    return page.locator(f"{PANEL} .jp-Notebook .jp-Cell").evaluate_all(
        "(cells) => cells.map((c) => c.classList.contains('jp-CodeCell') ? 'code' :"
        " c.classList.contains('jp-MarkdownCell') ? 'markdown' : 'raw')")


def press_edit_keys(page: Page, lab: Lab) -> list[list[str]]:
    """Open the two-cell notebook, select its first cell in command mode, press M, A, B, D D
    and X as a learner might by accident; return the cells after each key."""
    notebook_json = {"cells": [
        {"cell_type": "code", "execution_count": None, "id": "one", "metadata": {},
         "outputs": [], "source": ["1 + 1"]},
        {"cell_type": "markdown", "id": "two", "metadata": {}, "source": ["Some words."]}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                    "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}
    (lab.root / KEYS_NOTEBOOK).write_text(json.dumps(notebook_json))
    notebook = Notebook.open(page, lab, KEYS_NOTEBOOK)
    assert cells(page) == ["code", "markdown"]
    first = notebook.panel.locator(".jp-Cell").first
    first.locator(".jp-InputArea-prompt").click()
    page.keyboard.press("Escape")  # command mode
    seen = []
    for key in ("m", "a", "b", "d", "d", "x"):
        page.keyboard.press(key)
        page.wait_for_timeout(400)
        seen.append(cells(page))
    return seen


def test_learner_mode_keys_do_not_change_cells(laptop: Page, lab_server: Lab) -> None:
    assert all(state == ["code", "markdown"] for state in press_edit_keys(laptop, lab_server))

