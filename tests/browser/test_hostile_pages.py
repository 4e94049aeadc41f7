"""A learner's HTML and JavaScript never run in the instructor's or the learner's browser.

A hostile learner writes their reflection (a markdown answer) with an ``<img onerror>``, a
``<script>``, a ``javascript:`` link and a raw event handler, and makes their first answer cell
display HTML and JavaScript. The submission goes through the real ``coachlab grade`` (jail on)
and ``coachlab feedback``. Then, in Chromium, the instructor opens the submission in formgrader
(served by the instructor's JupyterLab, the origin with every grade and solution) and the learner
opens their feedback page: each script would set ``window.__pwned``, open a dialog, or both.
Nothing may: the flag stays unset, no dialog opens, no ``javascript:`` link or event-handler
attribute is left in the page.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser.server import Lab
from tests.browser.test_instructor import instructor

# On the instructor's server: the group of tests/browser/test_instructor.py.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-instructor")]

MODULE = "01-tell-or-ask"
LEARNER = "h-script"
REFLECTION = """My reflection.

<img src="x" onerror="window.__pwned = 'img'; alert('img')">
<script>window.__pwned = 'script'; alert('script')</script>
[read more](javascript:window.__pwned='link';alert('link'))
<a href="javascript:window.__pwned='anchor'">anchor</a>
<div onmouseover="window.__pwned='hover'" style="position:fixed;inset:0">cover</div>
<svg onload="window.__pwned='svg'"></svg>
"""
DISPLAYS = """from IPython.display import HTML, Javascript, display
display(HTML('<img src="x" onerror="window.__pwned = \\'output\\'; alert(1)">'))
display(Javascript("window.__pwned = 'js'; alert('js')"))
display({'text/html': '<script>window.__pwned = "raw"</script>'}, raw=True)
label_1 = ""
"""


def _submit(lab: Lab) -> None:
    release = lab.root / "exercises" / MODULE
    nb = nbformat.read(release / f"{MODULE}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.id == "reflection":
            cell.source = REFLECTION
        elif cell.id == "answers-a":
            cell.source = DISPLAYS
    folder = lab.root / "submitted" / LEARNER / MODULE
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{MODULE}.ipynb")


@pytest.fixture(scope="module")
def graded(instructor_exercise_01: Lab) -> Lab:
    """The hostile submission graded and given feedback through the real commands (the
    gradebook knows exercise 01 from conftest's instructor_exercise_01)."""
    lab = instructor_exercise_01
    _submit(lab)
    instructor(lab, "coachlab", "grade", MODULE, "--jobs", "1")
    instructor(lab, "coachlab", "feedback", MODULE, "--jobs", "1")
    return lab


@pytest.fixture
def page(browser_context: BrowserContext) -> Iterator[Page]:
    page = browser_context.new_page()
    page.set_default_timeout(30_000)
    yield page
    page.close()


def _nothing_ran(page: Page, dialogs: list[str]) -> None:
    page.mouse.move(200, 200)  # a covering element's mouseover would fire now
    page.wait_for_timeout(1500)
    assert page.evaluate("window.__pwned === undefined"), page.evaluate("window.__pwned")
    assert dialogs == []
    assert page.locator("a[href^='javascript:' i]").count() == 0
    for handler in ("onerror", "onload", "onmouseover"):
        assert page.locator(f"[{handler}]").count() == 0, handler
    assert "__pwned" not in " ".join(page.locator("script").all_inner_texts())


def test_formgrader_shows_the_hostile_answer_without_running_it(graded: Lab, page: Page) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{graded.root / 'gradebook.db'}", "coachlab") as gradebook:
        submitted = gradebook.find_submission_notebook(MODULE, MODULE, LEARNER)
        notebook_id = submitted.id
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{graded.base_url}/formgrader/submissions/{notebook_id}/?token={graded.token}")
    page.locator(".nbgrader_cell", has_text="My reflection").first.wait_for()
    # The learner's text is there, as text: the instructor can read what was tried.
    assert "My reflection" in page.content()
    _nothing_ran(page, dialogs)


def test_the_feedback_page_shows_the_hostile_answer_without_running_it(graded: Lab,
                                                                       page: Page) -> None:
    report = graded.root / "feedback" / LEARNER / MODULE / f"{MODULE}.html"
    assert report.is_file()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(Path(report).as_uri())
    page.get_by_text("My reflection").first.wait_for()
    _nothing_ran(page, dialogs)
