"""Reports in a real browser: the instructor's cohort report opens with its charts drawn.

A learner's "Grade my exercise" button, its score and the feedback report it links (its own
page, nothing loaded from outside, the axe audit) are checked in test_first_evening.py, on the
evening's one self-grade in the browser.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext

from coachlab.cohort.report import build

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
