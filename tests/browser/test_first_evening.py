"""A manager's first evening, played as a new manager plays it, at a laptop's 1366×768.

Only what the screen says is done, one gesture at a time: start on the course home, open lesson 00
in one click, run the one cell it points to, follow "Next" to the exercise, answer with a typo and
watch the check change as the answer is run, write the reflection, Validate, press "Grade my
exercise" and read the score, open the report (on its own page, nothing loaded from outside, an axe
audit), close the tab and come back (and come back the next day, on a restarted server), then see
the home's status change. Every page visited is read for a
traceback, a widget error or a warning a learner would see.

The clicks and key presses the path takes, and its time, go to
``tests/artifacts/first-evening.json`` (quoted in the notes on the course).
"""

from __future__ import annotations

import ast
import json
import re
import secrets
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Locator, Page

from coachlab.session.saving import SHOW_AGAIN
from tests.browser import server
from tests.browser.audit import WHOLE_PAGE, assert_accessible
from tests.browser.conftest import ARTIFACTS, SERVER_LOGS
from tests.browser.lab import PANEL, Notebook, validate, wait_for_text, widget_button
from tests.browser.server import Lab
from tests.browser.test_home import TOOLS, nbgrader_menu
from tests.helpers.report import assert_reads_as_a_report

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

REPO = Path(__file__).resolve().parents[2]
LAPTOP = {"width": 1366, "height": 768}
LESSON = "course/00-welcome-lesson.ipynb"
EXERCISE = "exercises/00-welcome/00-welcome.ipynb"
SOLUTION = REPO / "solutions" / "00-welcome" / "00-welcome.ipynb"
GRADING_TIMEOUT_MS = 240_000
#: What a learner must never see on a page of the course.
ALARMS = re.compile(r"Traceback|Error displaying widget|model not found|WARNING|Warning:|"
                    r"Error fetching|exchange directory does not exist|NameError|SyntaxError")
REFLECTION = ("Telling, mostly. Last week a rep asked how to answer a pricing objection and I "
              "gave her my script instead of asking what she had tried.")


@dataclass
class Learner:
    """A page and a tally of every click and key press the evening took."""

    page: Page
    clicks: int = 0
    keys: int = 0
    steps: dict[str, float] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)

    def click(self, target: Locator) -> None:
        target.scroll_into_view_if_needed()
        target.click()
        self.clicks += 1

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.keys += 1

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.keys += len(text)

    def step(self, name: str) -> None:
        self.steps[name] = round(time.monotonic() - self.started, 1)

    def assert_calm(self, page: Page | None = None) -> None:
        """No traceback, widget error or warning anywhere on the page."""
        text = (page or self.page).inner_text("body")
        alarm = ALARMS.search(text)
        assert alarm is None, f"the learner sees {alarm.group(0)!r}:\n" \
            f"{text[max(0, alarm.start() - 300):alarm.end() + 300]}"


def serve(root: Path, state: Path, port: int, token: str, log: Path) -> subprocess.Popen:
    """Serve an existing course folder as ``coachlab start`` does (learner mode)."""
    with log.open("ab") as sink:
        process = subprocess.Popen(
            server.server_command(root, state, port, token), cwd=root,
            env=server.server_env(REPO, state), stdin=subprocess.DEVNULL, stdout=sink,
            stderr=subprocess.STDOUT, start_new_session=True)
    server.wait_until_ready(Lab(f"http://127.0.0.1:{port}", token, root), process, log)
    return process


@pytest.fixture(scope="module")
def evening(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Lab, Path]]:
    """A course of its own (the evening changes exercise 00 for good), served in learner mode."""
    scratch = tmp_path_factory.mktemp("first-evening")
    lab, process, log = server.start(REPO, scratch)
    SERVER_LOGS.append(log)
    try:
        yield lab, scratch
    finally:
        server.stop(process)


def open_tab(learner: Learner, lab: Lab, title: str) -> Notebook:
    """Wait for the notebook whose tab is ``title`` to be current, with its kernel idle."""
    tab = learner.page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current")
    learner.page.wait_for_function(
        "([tab, title]) => { const t = document.querySelector(tab);"
        " return t && t.textContent.trim() === title; }",
        arg=["#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current", title], timeout=60_000)
    assert tab.inner_text().strip() == title
    notebook = Notebook(learner.page, lab, title)
    learner.page.locator(f"{PANEL} .jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
    notebook.wait_for_kernel_idle()
    return notebook


def run_by_clicking(learner: Learner, notebook: Notebook, cell: Locator) -> None:
    """What the notebook says: click the cell, press Shift + Enter."""
    learner.click(cell.locator(".jp-InputArea-editor").first)
    learner.press("Shift+Enter")
    notebook.wait_until_run()
    notebook.wait_for_kernel_idle()


def type_answer(learner: Learner, notebook: Notebook, cell: Locator, text: str) -> None:
    """Click into the answer cell, replace its text, and run it (Shift + Enter)."""
    learner.click(cell.locator(".cm-content").first)
    learner.press("Control+a")
    learner.type(text)
    learner.press("Shift+Enter")
    notebook.wait_until_run()
    notebook.wait_for_kernel_idle()


def solution_answers() -> dict[str, str]:
    """Part B's keyed letters, read from the solution notebook (never written here)."""
    cells = json.loads(SOLUTION.read_text(encoding="utf-8"))["cells"]
    source = "".join(next(c for c in cells if c["id"] == "answers-b")["source"])
    tree = ast.parse(source)
    return {node.targets[0].id: ast.literal_eval(node.value)
            for node in tree.body if isinstance(node, ast.Assign)}


def code_cell(notebook: Notebook, text: str) -> Locator:
    """The code cell whose source contains ``text`` (markdown that quotes it does not count)."""
    return notebook.panel.locator(".jp-CodeCell", has=notebook.page.locator(
        ".jp-InputArea-editor", has_text=text)).first


def outputs_text(notebook: Notebook) -> str:
    return "\n".join(notebook.panel.locator(".jp-OutputArea-output").all_inner_texts())


def answer_the_statements(learner: Learner, notebook: Notebook) -> None:
    widget = notebook.widget("coachlab-selfassessment")
    rows = widget.locator(".widget-toggle-buttons")
    total = rows.count()
    for index in range(total):
        before = widget.inner_text()
        learner.click(rows.nth(index).locator("button.widget-toggle-button").nth(index % 5))
        for _ in range(300):  # each click is saved by the kernel before the next
            if widget.inner_text() != before:
                break
            learner.page.wait_for_timeout(100)
    wait_for_text(widget, f"All {total} statements answered")


def test_a_managers_first_evening(browser_context: BrowserContext,
                                  evening: tuple[Lab, Path]) -> None:
    lab, scratch = evening
    page = browser_context.new_page()
    page.set_viewport_size(LAPTOP)
    learner = Learner(page)
    answers = solution_answers()
    try:
        # 1. start: the course home, then lesson 00 in one click
        page.goto(f"{lab.base_url}/?token={lab.token}")
        page.wait_for_url(re.compile(r"/coachlab/home"), timeout=60_000)
        learner.assert_calm()
        lesson_row = page.locator("tr[data-module='00-welcome']")
        assert "not started" in lesson_row.inner_text()
        learner.click(page.get_by_role("link", name=re.compile(r"^Open lesson 00")).first)
        lesson = open_tab(learner, lab, "00-welcome-lesson.ipynb")
        learner.step("lesson open")

        # 2. run only the cell the lesson points to: the example profile, no set-up first
        run_by_clicking(learner, lesson, code_cell(lesson, "example_profile()"))
        lesson.panel.locator("img[alt^='Bar chart']").first.wait_for(timeout=60_000)
        learner.assert_calm()

        # 3. follow "Next" to the exercise
        learner.click(lesson.panel.locator(".jp-MarkdownOutput a",
                                           has_text="the exercise").first)
        exercise = open_tab(learner, lab, "00-welcome.ipynb")
        learner.step("exercise open")

        # 4. Part A by clicking, Part B with one typo: the check changes as the answer is run
        run_by_clicking(learner, exercise, code_cell(exercise, 'self_assessment("00.'))
        answer_the_statements(learner, exercise)
        typo = dict(answers, choice_2="V")
        type_answer(learner, exercise, code_cell(exercise, "choice_1 = "),
                    "\n".join(f'{name} = "{value}"' for name, value in typo.items()))
        said = outputs_text(exercise)
        assert 'choice_2 = "V" is not one of' in said, said
        fixed = "\n".join(f'{name} = "{value}"' for name, value in answers.items())
        learner.click(code_cell(exercise, 'choice_2 = "V"').locator(".cm-content").first)
        learner.press("Control+a")
        learner.type(fixed)
        learner.press("Shift+Enter")
        exercise.wait_until_run()
        exercise.wait_for_kernel_idle()
        answered = code_cell(exercise, fixed.splitlines()[1])
        wait_for_text(answered.locator(".jp-OutputArea"), "All 4 choices are made")
        assert "is not one of" not in outputs_text(exercise)

        # the reflection, written by the documented gesture: click it, Enter, type
        reflection = exercise.panel.locator(".jp-MarkdownCell",
                                            has_text="Write your answer here").first
        learner.click(reflection)
        learner.press("Enter")
        learner.press("Control+a")
        learner.type(REFLECTION)
        learner.press("Shift+Enter")
        exercise.panel.locator(".jp-MarkdownCell", has_text="Telling, mostly").first.wait_for()
        cell_types = exercise.panel.locator(".jp-Cell").evaluate_all(
            "(cells) => cells.map((c) => c.className)")
        assert not any("jp-RawCell" in kind for kind in cell_types), "a cell became raw"
        learner.assert_calm()

        # Validate: nothing is still empty
        verdict = validate(exercise)  # two clicks: Validate, then the dialog's OK
        learner.clicks += 2
        assert "Success! Your notebook passes all the tests." in verdict, verdict
        learner.step("answered and validated")

        # 5. Grade my exercise: the score, in words, and a link to the report (the browser
        # suite's one press of the button: the grading is the slow part)
        run_by_clicking(learner, exercise, code_cell(exercise, "self_grade_button"))
        box = exercise.widget("coachlab-self-grade")
        button = widget_button(box, "Grade my exercise")
        # The whole label fits its button (it was cut to "Grade my exer…").
        assert button.evaluate("b => b.scrollWidth <= b.clientWidth"), button.inner_text()
        learner.click(button)
        said = wait_for_text(box, r"Your score: \d+ of \d+ points", timeout_ms=GRADING_TIMEOUT_MS)
        assert "Your score: 6 of 6 points checked automatically" in said, said
        # the reflection is the learner's to review
        assert "Review Part C · Which one is yours? (4 points) yourself" in said, said
        link = box.get_by_role("link", name="Open your feedback report")
        assert link.get_attribute("href") == "/files/self-graded/00-welcome/00-welcome.html"
        assert (lab.root / "self-graded" / "00-welcome" / "00-welcome.html").is_file()
        learner.step("graded")

        # 6. the report: a manager's page on its own, with one total and no code or cell ids,
        # nothing loaded from outside the server, and no serious axe finding
        with page.context.expect_page() as opened:
            learner.click(link)
        report = opened.value
        report_opens_on_its_own(report, lab)
        learner.assert_calm(report)
        report.close()

        # 7. close the tab once the course's autosave has written the last answer, and come back
        exercise.save()  # waits for the tab's unsaved mark to go: no fixed wait
        page.close()
        page = browser_context.new_page()
        page.set_viewport_size(LAPTOP)
        learner.page = page
        again = Notebook.open(page, lab, EXERCISE)
        assert_answers_kept(again, answers)
        learner.assert_calm()
        # 9. a learner has no instructor tool (instructor mode: test_home.py)
        menu = [label.lower() for label in nbgrader_menu(page)]
        assert not [label for label in menu if label.startswith(TOOLS)], menu
        page.close()

        # ... and the next day: a new server over the same course, a new kernel
        lab = next_day(lab, scratch)
        page = browser_context.new_page()
        page.set_viewport_size(LAPTOP)
        learner.page = page
        again = Notebook.open(page, lab, EXERCISE)
        assert_answers_kept(again, answers)
        assert SHOW_AGAIN in outputs_text(again)  # where a widget was, how to show it again
        learner.assert_calm()
        run_by_clicking(learner, again, code_cell(again, 'self_assessment("00.'))
        wait_for_text(again.widget("coachlab-selfassessment"), "All 12 statements answered")
        learner.assert_calm()

        # 8. back home: the status has changed
        learner.click(again.panel.locator(".jp-MarkdownOutput a",
                                          has_text="Back to your course home").last)
        page.wait_for_url(re.compile(r"/coachlab/home"), timeout=60_000)
        row = " ".join(page.locator("tr[data-module='00-welcome']").inner_text().split())
        assert "self-graded: 6 of 6 points" in row, row
        learner.assert_calm()
        learner.step("home again")
    finally:
        record(learner)
        page.close()


def report_opens_on_its_own(report: Page, lab: Lab) -> None:
    """The self-graded report, opened from its link: the server's own page (not JupyterLab's
    HTML viewer), the score in words, a link per part, a manager's page, nothing fetched from
    outside the server (watched from the first byte of a reload), and an axe audit."""
    outside: list[str] = []
    report.on("request", lambda r: outside.append(r.url)
              if not r.url.startswith((lab.base_url, "data:", "about:")) else None)
    report.wait_for_load_state("load")
    report.reload(wait_until="load")  # requests are watched from the first byte
    assert report.url.startswith(f"{lab.base_url}/files/self-graded/")
    text = report.inner_text("body")
    assert "Self-graded: 6 of 6 points checked automatically." in text, text[:500]
    for title in ("Part A · Where are you today?", "Part B · Which mistake is it?",
                  "Part C · Which one is yours?"):
        assert report.get_by_role("link", name=title).count() == 1, title
    assert "Trust HTML" not in text  # its own page, not JupyterLab's HTML viewer
    assert_reads_as_a_report(report.content(), REPO / "solutions" / "00-welcome")
    assert not outside, f"the report fetched from outside the server: {outside}"
    assert_accessible(report, "self-graded feedback report", WHOLE_PAGE)


def assert_answers_kept(notebook: Notebook, answers: dict[str, str]) -> None:
    """The typed answers and the reflection are in the reopened notebook."""
    cell = code_cell(notebook, "choice_1 = ")
    cell.wait_for(timeout=30_000)
    source = cell.locator(".jp-InputArea-editor").inner_text()
    for name, value in answers.items():
        assert f'{name} = "{value}"' in source, source
    # the notebook renders its cells progressively: wait for the reflection before counting
    reflection = notebook.panel.locator(".jp-MarkdownCell", has_text="Telling, mostly")
    reflection.first.wait_for(state="attached", timeout=30_000)
    assert reflection.count() == 1


def next_day(lab: Lab, scratch: Path) -> Lab:
    """Stop the evening's server and serve the same course again, as ``coachlab start`` would
    tomorrow: the kernel, and every widget in it, are gone."""
    from tests.browser.conftest import shutdown_sessions

    shutdown_sessions(lab)
    port = server.free_port()
    token = secrets.token_urlsafe(24)
    log = scratch / "jupyterlab-next-day.log"
    SERVER_LOGS.append(log)
    process = serve(lab.root, scratch / "lab-state", port, token, log)
    NEXT_DAY_SERVERS.append(process)
    return Lab(f"http://127.0.0.1:{port}", token, lab.root)


NEXT_DAY_SERVERS: list[subprocess.Popen] = []


@pytest.fixture(scope="module", autouse=True)
def _stop_next_day_servers() -> Iterator[None]:
    yield
    for process in NEXT_DAY_SERVERS:
        server.stop(process)


def record(learner: Learner) -> None:
    """Keep the evening's clicks, keys and minutes for the course notes."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    figures = {"clicks": learner.clicks, "keys": learner.keys,
               "minutes": round((time.monotonic() - learner.started) / 60, 1),
               "seconds_at": learner.steps}
    (ARTIFACTS / "first-evening.json").write_text(json.dumps(figures, indent=1),
                                                  encoding="utf-8")
