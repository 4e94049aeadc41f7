"""Reports in a real browser: the instructor's cohort report opens with its charts drawn; a
learner's "Grade my exercise" button shows the score and links a feedback report that opens on
its own page, loads nothing from outside and passes the axe audit."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext

from coachlab.cohort.report import build
from tests.browser.audit import WHOLE_PAGE, assert_accessible
from tests.browser.lab import Notebook, wait_for_text, widget_button
from tests.helpers.report import assert_reads_as_a_report

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_report.py"


def _synthetic_gradebook(db_url: str, learners: int) -> None:
    # The report benchmark's generator: nbgrader's schema filled with a varied cohort.
    spec = importlib.util.spec_from_file_location("bench_report", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.fill(db_url, learners)


def test_report_opens_with_every_chart(browser_context: BrowserContext, tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    _synthetic_gradebook(db_url, learners=40)
    report, files = build(db_url, tmp_path / "report")
    page = browser_context.new_page()
    try:
        page.goto(files.html.as_uri())
        images = page.locator("img")
        assert images.count() == len(files.charts) >= 2
        for index in range(images.count()):
            image = images.nth(index)
            # A data-URI PNG that decoded: the browser knows its natural size.
            assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        text = page.inner_text("body")
        for learner in list(report.at_risk)[:3]:
            assert learner in text
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    finally:
        page.close()


EXERCISE = "exercises/00-welcome/00-welcome.ipynb"
#: A self-grade takes 10 to 30 s alone; the browser suite shares 2 cores with its server.
GRADING_TIMEOUT_MS = 240_000


def test_grade_my_exercise_shows_the_score_and_opens_the_report(page, lab_server) -> None:
    notebook = Notebook.open(page, lab_server, EXERCISE)
    notebook.run_cell(notebook.cell_with("self_grade_button"))
    box = notebook.widget("coachlab-self-grade")
    button = widget_button(box, "Grade my exercise")
    # The whole label fits its button (it was cut to "Grade my exer…").
    assert button.evaluate("b => b.scrollWidth <= b.clientWidth"), button.inner_text()
    button.click()
    # Whatever earlier tests answered in the shared course (Part A, say), the score is said in
    # words, and the reflection is the learner's to review.
    said = wait_for_text(box, r"Your score: \d+ of 6 points checked automatically",
                         timeout_ms=GRADING_TIMEOUT_MS)
    score = re.search(r"Your score: (\d+) of 6", said).group(1)
    assert "Review Part C · Which one is yours? (4 points) yourself" in said
    link = box.get_by_role("link", name="Open your feedback report")
    assert link.get_attribute("href") == "/files/self-graded/00-welcome/00-welcome.html"
    assert (lab_server.root / "self-graded" / "00-welcome" / "00-welcome.html").is_file()

    with page.context.expect_page() as opened:
        link.click()
    report = opened.value
    outside: list[str] = []
    report.on("request", lambda r: outside.append(r.url)
              if not r.url.startswith((lab_server.base_url, "data:", "about:")) else None)
    try:
        report.wait_for_load_state("load")
        report.reload(wait_until="load")  # requests are watched from the first byte
        assert report.url.startswith(f"{lab_server.base_url}/files/self-graded/")
        text = report.inner_text("body")
        assert f"Self-graded: {score} of 6 points checked automatically." in text
        for title in ("Part A · Where are you today?", "Part B · Which mistake is it?",
                      "Part C · Which one is yours?"):
            assert report.get_by_role("link", name=title).count() == 1
        assert "Trust HTML" not in text  # its own page, not JupyterLab's HTML viewer
        assert_reads_as_a_report(report.content(), lab_server.root / "solutions" / "00-welcome")
        assert not outside, f"the report fetched from outside the server: {outside}"
        assert_accessible(report, "self-graded feedback report", WHOLE_PAGE)
    finally:
        report.close()
