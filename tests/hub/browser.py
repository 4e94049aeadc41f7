"""A learner's browser on the hub: log in, use nbgrader's Assignments tab, open feedback.

Everything goes through the page (login form, menus, buttons, file browser), as a learner does.
Chromium is Debian's, as in the browser suite; a failure keeps a screenshot in tests/artifacts.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from playwright.sync_api import Locator, Page

from tests.browser.conftest import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    MISSING_CHROMIUM,
)
from tests.browser.server import running_as_root, shared_playwright

#: The hub spawns the learner's server at login; generous on a loaded 2-core machine.
SPAWN_TIMEOUT_MS = 180_000
ACTION_TIMEOUT_MS = 120_000


@contextmanager
def learner_page(name: str) -> Iterator[Page]:
    """A fresh headless Chromium page; on an exception a screenshot is saved as ``name``.png.

    Without Chromium the test is skipped, or fails when COACHLAB_REQUIRE_BROWSER=1 (as in CI).
    """
    if not CHROMIUM.is_file():
        if os.environ.get("COACHLAB_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{MISSING_CHROMIUM} (COACHLAB_REQUIRE_BROWSER=1)", pytrace=False)
        pytest.skip(MISSING_CHROMIUM)

    args = (["--no-sandbox"] if running_as_root() else []) + CHROMIUM_ARGS
    browser = shared_playwright().chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                                  args=args)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(30_000)
        try:
            yield page
        except BaseException:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            raise
    finally:
        browser.close()


def log_in(page: Page, hub_url: str, user: str, password: str) -> None:
    """Log in on the hub's login page and wait for the learner's JupyterLab."""
    page.goto(f"{hub_url}/hub/login", wait_until="domcontentloaded")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", password)
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_url(re.compile(rf"/user/{re.escape(user)}/lab"), timeout=SPAWN_TIMEOUT_MS)
    page.locator(".lm-MenuBar-item").first.wait_for(timeout=SPAWN_TIMEOUT_MS)


def open_assignments(page: Page) -> Locator:
    """Nbgrader › Assignment List; returns the panel once its lists have loaded."""
    page.keyboard.press("Escape")
    page.locator(".lm-MenuBar-item", has_text=re.compile("^Nbgrader$")).click()
    page.locator(".lm-Menu-item[data-command='nbgrader:open-assignment-list']").click()
    panel = page.locator(".jp-MainAreaWidget", has=page.locator("#released_assignments_list"))
    panel.wait_for(timeout=ACTION_TIMEOUT_MS)
    return panel


def refresh(panel: Locator) -> None:
    """Reload the Assignments lists with the panel's refresh button."""
    panel.locator("#refresh_assignments_list, button[title*='efresh']").first.click()


def assignment_list(panel: Locator, section: str, assignment: str) -> Locator:
    """One of the panel's lists (released, fetched, submitted) once it shows ``assignment``."""
    listed = panel.locator(f"#{section}_assignments_list")
    listed.locator(".col-md-12", has_text=assignment).first.wait_for(timeout=ACTION_TIMEOUT_MS)
    return listed


def press(scope: Locator, label: str) -> None:
    """Click the button labelled exactly ``label`` in ``scope``."""
    scope.locator("button", has_text=re.compile(f"^\\s*{re.escape(label)}\\s*$")).first.click()
