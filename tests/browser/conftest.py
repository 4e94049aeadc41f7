"""Fixtures for the browser suite: one JupyterLab and one Chromium per test process.

Under ``pytest -n 3`` each xdist worker that receives browser tests starts its own server (on
its own free port, over its own copy of the course) and its own browser: session fixtures are
per worker. The tests are also marked ``xdist_group``, so ``--dist loadgroup`` sends each group to
one worker: ``browser`` (the learner's server) and ``browser-instructor`` (the instructor's
server: tests/browser/test_instructor.py and test_hostile_pages.py). The two groups may run on
the two workers side by side, each worker with its own Chromium, but no server starts twice.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser import server
from tests.browser.server import Lab

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SERVER_LOGS: list[Path] = []  # this process's server log, quoted when a browser test fails
MISSING_CHROMIUM = (
    f"Chromium not found at {CHROMIUM}: install Debian's chromium package to run the browser tests"
)


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """A JupyterLab serving a scratch copy of the course on 127.0.0.1 with a random token, in
    learner mode, as ``coachlab start`` serves it.

    Yields ``Lab(base_url, token, root)``, a named tuple; ``root`` is the copy, so tests can
    read what the notebooks wrote to disk. The server is stopped (terminate, then kill) after
    the session.
    """
    scratch = tmp_path_factory.mktemp("lab")
    lab, process, log = server.start(REPO, scratch)
    SERVER_LOGS.append(log)
    try:
        yield lab
    finally:
        server.stop(process)


@pytest.fixture(scope="session")
def instructor_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """Like ``lab_server``, in instructor mode (``coachlab start --instructor``): formgrader, the
    assignment creator and every file. Started only by the tests that need it."""
    scratch = tmp_path_factory.mktemp("instructor-lab")
    lab, process, log = server.start(REPO, scratch, instructor=True)
    SERVER_LOGS.append(log)
    try:
        yield lab
    finally:
        server.stop(process)


@pytest.fixture(scope="session")
def instructor_exercise_01(instructor_server: Lab) -> Lab:
    """The instructor's server, with exercise 01 known to its gradebook: nbgrader's own
    generate step, run once for every module that grades 01 there (the formgrader flow and the
    hostile pages). Its output goes to a scratch folder, so the course's exercises/ (which the
    learner flows play in) is not replaced."""
    from tests.browser.test_instructor import MODULE, instructor

    instructor(instructor_server, "nbgrader", "generate_assignment", MODULE, "--force",
               f"--CourseDirectory.release_directory={instructor_server.root / 'generated'}")
    return instructor_server


@pytest.fixture(scope="session")
def browser_context() -> Iterator[BrowserContext]:
    """Headless Chromium with a fresh profile; skipped (or failed in CI) without Chromium."""
    if not CHROMIUM.is_file():
        if os.environ.get("COACHLAB_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{MISSING_CHROMIUM} (COACHLAB_REQUIRE_BROWSER=1)", pytrace=False)
        pytest.skip(MISSING_CHROMIUM)
    args = (["--no-sandbox"] if server.running_as_root() else []) + CHROMIUM_ARGS
    profile = tempfile.mkdtemp(prefix="coachlab-chromium-")
    try:
        context = server.shared_playwright().chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=args,
            viewport={"width": 1280, "height": 900}, accept_downloads=False,
        )
        try:
            yield context
        finally:
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(browser_context: BrowserContext, lab_server: Lab) -> Iterator[Page]:
    """A new page for one test; afterwards its kernels are shut down so the next test starts
    from a fresh kernel (the course copy, and what was saved to it, stays)."""
    yield from _page_then_fresh_kernels(browser_context, lab_server)


def _page_then_fresh_kernels(browser_context: BrowserContext, lab: Lab) -> Iterator[Page]:
    page = browser_context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        page.close()
        shutdown_sessions(lab)


def shutdown_sessions(lab: Lab) -> None:
    """Shut down every kernel session of ``lab`` through the REST API."""
    def call(method: str, path: str) -> bytes:
        request = urllib.request.Request(f"{lab.base_url}{path}", method=method)
        request.add_header("Authorization", f"token {lab.token}")
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read()

    try:
        for session in json.loads(call("GET", "/api/sessions")):
            call("DELETE", f"/api/sessions/{session['id']}")
    except OSError:
        pass  # a server that is gone has no kernels left


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """When a browser test fails, keep a screenshot in tests/artifacts/<test name>.png."""
    outcome = yield
    report = outcome.get_result()
    if report.when not in ("setup", "call") or not report.failed or "browser" not in item.keywords:
        return
    if SERVER_LOGS:
        report.sections.append(("jupyterlab log (last lines)", server.tail(SERVER_LOGS[-1], 30)))
    page = getattr(item, "funcargs", {}).get("page")
    if page is None or page.is_closed():
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.name)
    target = ARTIFACTS / f"{name}.png"
    try:
        page.screenshot(path=str(target), full_page=True, timeout=15_000)
    except Exception as error:  # noqa: BLE001 - a failed screenshot must not hide the failure
        report.sections.append(("screenshot", f"could not save {target}: {error}"))
    else:
        report.sections.append(("screenshot", f"saved {target}"))


@pytest.fixture(scope="module")
def shared_page(browser_context: BrowserContext, lab_server: Lab) -> Iterator[Page]:
    """One page for every test of a module, so a notebook is opened and run once and then
    driven by several tests. A module overrides ``page`` with it (``page`` is the name the
    failure screenshot looks for); its kernels are shut down after the module."""
    yield from _page_then_fresh_kernels(browser_context, lab_server)
