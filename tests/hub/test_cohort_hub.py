"""A cohort on a real JupyterHub: one instructor and three learners, each a Unix user.

Through the hub's REST API the test creates the learners, puts them in the ``learners`` group and
starts every server; learners fetch, submit and fetch feedback through their own servers
(nbgrader's Assignments handlers), the late one by clicks in a browser; the instructor's nbgrader
and coachlab commands run as the instructor in the environment the hub gave the instructor's
server. The gradebook is PostgreSQL.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page

from tests.helpers.notebooks import points
from tests.helpers.submissions import build, hidden_snippets
from tests.hub import browser
from tests.hub.harness import (
    DEPLOY,
    PROXY,
    ROOT,
    Hub,
    HubError,
    as_user,
    create_user,
    free_port,
    remove_user,
    stop_processes,
    user_python,
)

# One group: under `--dist loadgroup` both tests share the module's one hub run.
pytestmark = [pytest.mark.hub, pytest.mark.xdist_group("hub")]

MODULE = "01-tell-or-ask"
COURSE = "coachlab"
INSTRUCTOR = "coachlab-instructor"
# learner -> what they hand in
LEARNERS = {"coachlab-learner1": "solved", "coachlab-learner2": "partial",
            "coachlab-learner3": "late"}
#: The late learner does everything by clicks in a browser: logs in, fetches and submits in
#: nbgrader's Assignments tab, then fetches the feedback and opens it there.
BROWSER_LEARNER = "coachlab-learner3"
PASSWORD = "coachlab-shared-" + secrets.token_hex(8)


@dataclass
class Cohort:
    """Everything the assertions need from one run of the course on the hub."""

    hub: Hub
    base: Path
    exchange: Path
    course: Path
    homes: dict[str, Path]
    db_url: str
    envs: dict[str, dict[str, str]] = field(default_factory=dict)
    fetched_feedback: dict[str, list[Path]] = field(default_factory=dict)
    steps: dict[str, float] = field(default_factory=dict)
    #: What the browser learner's page showed: the opened report's total, in words.
    report_total_in_the_browser: str = ""

    def instructor(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a command as the instructor, in the course folder, with the server's env."""
        return as_user(INSTRUCTOR, list(args), self.envs[INSTRUCTOR], cwd=self.course,
                       check=check)

    def assignments(self, learner: str, action: str) -> dict:
        """POST nbgrader's Assignments action (fetch, submit, fetch_feedback) on the learner's
        own server through the proxy, with the learner's own token."""
        response = self.hub.ok(
            "POST", f"/user/{learner}/assignments/{action}", self.hub.user_token(learner),
            json={"course_id": COURSE, "assignment_id": MODULE})
        body = response.json()
        if body.get("success") is False:
            raise HubError(f"{action} for {learner}: {body}")
        return body


@pytest.fixture(scope="module")
def cohort(hub_prerequisites: None, hub_gradebook: str) -> Iterator[Cohort]:
    """Run module 01 through the hub once; the hub stays up for the assertions."""
    started = time.perf_counter()
    base = Path(tempfile.mkdtemp(prefix="coachlab-hub-"))
    base.chmod(0o755)  # users reach the exchange and their homes below it
    users = [INSTRUCTOR, *LEARNERS]
    hub = None
    try:
        python = user_python(base)
        exchange = base / "exchange"
        subprocess.run([str(DEPLOY / "setup-exchange.sh"), str(exchange)], check=True,
                       capture_output=True)
        (base / "home").mkdir(mode=0o755)
        homes = {user: create_user(user, base / "home") for user in users}
        made = subprocess.run([str(DEPLOY / "setup-instructor.sh"), INSTRUCTOR, str(ROOT)],
                              check=False, capture_output=True, text=True)
        course = homes[INSTRUCTOR] / "coachlab"
        if made.returncode != 0 or not (course / "solutions").is_dir():
            raise HubError(f"setup-instructor.sh made no course at {course}:\n{made.stdout}"
                           f"{made.stderr}")

        hub_port, api_port, proxy_port = free_port(), free_port(), free_port()
        env = {
            "PATH": f"{Path(python).parent}:/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "COACHLAB_HUB_STATE_DIR": str(base / "hub"),
            "COACHLAB_HUB_URL": f"http://127.0.0.1:{hub_port}",
            "COACHLAB_HUB_API_URL": f"http://127.0.0.1:{api_port}",
            "COACHLAB_HUB_PROXY_API_URL": f"http://127.0.0.1:{proxy_port}",
            "COACHLAB_HUB_PROXY": str(PROXY),
            "COACHLAB_HUB_AUTHENTICATOR": "shared-password",
            "COACHLAB_HUB_SHARED_PASSWORD": PASSWORD,
            "COACHLAB_HUB_INSTRUCTORS": INSTRUCTOR,
            "COACHLAB_HUB_ADMIN_TOKEN": secrets.token_hex(32),
            "COACHLAB_HUB_USER_PYTHON": str(python),
            "COACHLAB_HUB_START_TIMEOUT": "180",
            "COACHLAB_EXCHANGE_ROOT": str(exchange),
            "COACHLAB_DB_URL": hub_gradebook,
        }
        hub = Hub.start(base / "hub", env)
        run = Cohort(hub, base, exchange, course, homes, hub_gradebook)
        run.steps["set-up"] = time.perf_counter() - started
        try:
            with browser.learner_page("hub_assignments_tab") as page:
                _enrol_and_start(run)
                _release(run)
                panel = _learners_work(run, page)
                _grade_and_feedback(run, page, panel)
        except Exception as error:
            raise HubError(f"{error}\n--- hub log ---\n{hub.tail()}") from error
        run.steps["total"] = time.perf_counter() - started
        print("\nhub cohort steps (s): " + json.dumps({k: round(v, 1)
                                                        for k, v in run.steps.items()}))
        yield run
    finally:
        # The servers go first: the hub stops each server it started by interrupting it and
        # waiting for it, while a server already gone is let go at once (teardown took 18-41 s).
        # So does the idle culler, the hub's one service: stopping it took the hub about 30 s
        # ("Cleaning up 1 services..." in the hub's log), in 7 of 12 full runs.
        down: dict[str, float] = {}
        t = time.perf_counter()
        for user in users:
            stop_processes(user)
        if hub is not None:
            for culler in _children_with(hub.process.pid, "jupyterhub_idle_culler"):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(culler, signal.SIGKILL)
        down["stop servers and the culler"] = time.perf_counter() - t
        if hub is not None:
            hub.stop()
        down["stop hub"] = time.perf_counter() - t - sum(down.values())
        for user in users:
            remove_user(user)
        shutil.rmtree(base, ignore_errors=True)
        down["remove users"] = time.perf_counter() - t - sum(down.values())
        print("\nhub teardown (s): " + json.dumps({k: round(v, 1) for k, v in down.items()}))


def _timed(run: Cohort, name: str, since: float) -> float:
    now = time.perf_counter()
    run.steps[name] = now - since
    return now


def _enrol_and_start(run: Cohort) -> None:
    """Learners are created and grouped through the REST API; every server is started."""
    t = time.perf_counter()
    learners = list(LEARNERS)
    run.hub.ok("POST", "/hub/api/users", json={"usernames": learners})
    run.hub.ok("POST", "/hub/api/groups/learners/users", json={"users": learners})
    run.hub.start_servers([INSTRUCTOR, *learners])
    for user in [INSTRUCTOR, *learners]:
        run.envs[user] = run.hub.server_env(user)
    _timed(run, "start 4 servers", t)


def _release(run: Cohort) -> None:
    """The instructor imports the roster, generates module 01 and releases it."""
    t = time.perf_counter()
    roster = run.course / "roster.csv"
    roster.write_text("id,first_name,last_name,email\n" + "".join(
        f"{name},Learner,{i},{name}@example.org\n" for i, name in enumerate(LEARNERS, 1)),
        encoding="utf-8")
    shutil.chown(roster, INSTRUCTOR, INSTRUCTOR)
    run.instructor("coachlab", "roster", "import", "roster.csv")
    run.instructor("nbgrader", "generate_assignment", MODULE, "--force")
    run.instructor("nbgrader", "release_assignment", MODULE)
    _timed(run, "instructor: roster, generate, release", t)


def _learners_work(run: Cohort, page: Page) -> Locator:
    """Each learner fetches module 01 and submits: two through their servers' REST handlers,
    on time; the browser learner by clicks, after the due date. Returns the browser learner's
    Assignments panel."""
    t = time.perf_counter()
    by_rest = [learner for learner in LEARNERS if learner != BROWSER_LEARNER]
    for learner in by_rest:
        run.assignments(learner, "fetch")
        _answer(run, learner)
    for learner in by_rest:
        run.assignments(learner, "submit")
    # No sleeps around the due date: the on-time submissions were stamped (to the microsecond,
    # on this machine's clock) before their requests returned, so a due date read now is later;
    # the late one is submitted after `nbgrader db assignment add` has returned, so it is later
    # still. _only_the_late_submission_is_late checks both.
    due = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
    run.instructor("nbgrader", "db", "assignment", "add", MODULE, f"--duedate={due}")
    t = _timed(run, "learners: fetch, submit", t)

    browser.log_in(page, run.hub.url, BROWSER_LEARNER, PASSWORD)
    panel = browser.open_assignments(page)
    released = browser.assignment_list(panel, "released", MODULE)
    browser.press(released, "Fetch")
    fetched = browser.assignment_list(panel, "fetched", MODULE)
    if not (run.homes[BROWSER_LEARNER] / MODULE / f"{MODULE}.ipynb").is_file():
        raise HubError("Fetch in the Assignments tab put no notebook in the learner's home")
    _answer(run, BROWSER_LEARNER)  # as if typed in the lab
    browser.press(fetched, "Submit")
    browser.assignment_list(panel, "submitted", MODULE)
    _timed(run, "browser learner: log in, fetch, submit", t)
    return panel


def _answer(run: Cohort, learner: str) -> None:
    """Put the learner's answers (notebook and journal, built for their kind) in the fetched
    folder, owned by the learner."""
    fetched = run.homes[learner] / MODULE
    kind = LEARNERS[learner]
    files = build("solved" if kind == "late" else kind, MODULE, fetched,
                  run.course / "solutions" / MODULE, run.base / "staging" / learner)
    for name, path in files.items():
        shutil.copyfile(path, fetched / name)
        shutil.chown(fetched / name, learner, learner)


def _grade_and_feedback(run: Cohort, page: Page, panel: Locator) -> None:
    """Collect, grade with `coachlab grade`, make and release feedback; learners fetch it, the
    browser learner by clicks, and opens the report in the lab."""
    t = time.perf_counter()
    run.instructor("nbgrader", "collect", MODULE)
    t = _timed(run, "instructor: collect", t)
    run.instructor("coachlab", "grade", MODULE, "--jobs", "2")
    t = _timed(run, "instructor: coachlab grade", t)
    run.instructor("nbgrader", "generate_feedback", MODULE)
    run.instructor("nbgrader", "release_feedback", MODULE)
    t = _timed(run, "instructor: generate and release feedback", t)
    for learner in LEARNERS:
        if learner != BROWSER_LEARNER:
            run.assignments(learner, "fetch_feedback")
    t = _timed(run, "learners: fetch feedback", t)

    browser.refresh(panel)
    submitted = browser.assignment_list(panel, "submitted", MODULE)
    browser.press(submitted, "Fetch Feedback")
    view = submitted.locator("a", has_text="view feedback").first
    view.wait_for(timeout=browser.ACTION_TIMEOUT_MS)
    view.click()  # the file browser goes to the feedback folder
    report = page.locator(".jp-DirListing-item", has_text=f"{MODULE}.html").first
    report.wait_for(timeout=browser.ACTION_TIMEOUT_MS)
    report.dblclick()
    shown = page.frame_locator(".jp-HTMLViewer iframe, iframe[title]").first
    total = shown.locator("p.total").first  # the report's one total, in words
    total.wait_for(timeout=browser.ACTION_TIMEOUT_MS)
    run.report_total_in_the_browser = total.inner_text()
    for learner in LEARNERS:
        run.fetched_feedback[learner] = sorted(
            (run.homes[learner] / MODULE / "feedback").glob(f"*/{MODULE}.html"))
    _timed(run, "browser learner: fetch and open feedback", t)


# ------------------------------------------------------------------------------ the assertions

def test_cohort_on_the_hub(cohort: Cohort) -> None:
    """One test, so that no test runner splits the checks of one hub run across workers."""
    _scores_in_the_postgresql_gradebook(cohort)
    _only_the_late_submission_is_late(cohort)
    _each_learner_fetches_their_own_feedback_without_hidden_tests(cohort)
    _learners_cannot_read_each_other_or_the_course(cohort)
    _environments_by_role(cohort)
    _formgrader_for_instructors_only(cohort)
    _hub_roles(cohort)
    _idle_culling(cohort)
    _shared_password_login(cohort)


def _submission(db_url: str, learner: str) -> dict:
    from nbgrader.api import Gradebook

    with Gradebook(db_url, COURSE) as gradebook:
        sub = gradebook.find_submission(MODULE, learner)
        return {"code": sub.code_score, "code_max": sub.max_code_score,
                "late_seconds": sub.total_seconds_late, "penalty": sub.late_submission_penalty,
                "needs_manual": sub.needs_manual_grade}


def _scores_in_the_postgresql_gradebook(cohort: Cohort) -> None:
    assert cohort.db_url.startswith("postgresql")
    solved = _submission(cohort.db_url, "coachlab-learner1")
    partial = _submission(cohort.db_url, "coachlab-learner2")
    late = _submission(cohort.db_url, "coachlab-learner3")
    assert solved["code_max"] > 0
    assert solved["code"] == pytest.approx(solved["code_max"])
    assert 0 < partial["code"] < partial["code_max"]
    assert late["code"] == pytest.approx(late["code_max"])
    # Reflections wait for the instructor in formgrader.
    assert solved["needs_manual"]


def _only_the_late_submission_is_late(cohort: Cohort) -> None:
    assert _submission(cohort.db_url, "coachlab-learner3")["late_seconds"] > 0
    for learner in ("coachlab-learner1", "coachlab-learner2"):
        assert _submission(cohort.db_url, learner)["late_seconds"] == 0


def _each_learner_fetches_their_own_feedback_without_hidden_tests(cohort: Cohort) -> None:
    hidden = hidden_snippets(cohort.course / "solutions" / MODULE)
    assert hidden
    for learner in LEARNERS:
        reports = cohort.fetched_feedback[learner]
        assert len(reports) == 1, f"{learner} fetched {reports}"
        report = reports[0]
        assert report.stat().st_uid == _uid(learner)
        text = report.read_text(encoding="utf-8")
        assert all(snippet not in text for snippet in hidden)
        # The report is theirs: it names their submission's own answers file, not another's.
        others = [other for other in LEARNERS if other != learner]
        assert not any(other in text for other in others)


def _learners_cannot_read_each_other_or_the_course(cohort: Cohort) -> None:
    inbound = cohort.exchange / COURSE / "inbound"
    submissions = sorted(p.name for p in inbound.iterdir())
    assert len(submissions) == 3
    # nbgrader's inbound folder cannot be listed; each submission ends in a random string.
    assert all(re.fullmatch(r"coachlab-learner\d\+01-tell-or-ask\+[^+]+\+[A-Za-z0-9_=-]{12}", s)
               for s in submissions), submissions
    spy = "coachlab-learner2"
    denied = as_user(spy, ["ls", str(inbound)], cohort.envs[spy], check=False)
    assert denied.returncode != 0 and "Permission denied" in denied.stderr
    feedback = as_user(spy, ["ls", str(cohort.exchange / COURSE / "feedback")], cohort.envs[spy],
                       check=False)
    assert feedback.returncode != 0 and "Permission denied" in feedback.stderr
    secrets_to_try = [
        cohort.course / "solutions" / MODULE / f"{MODULE}.ipynb",
        cohort.course / "submitted" / "coachlab-learner1" / MODULE / f"{MODULE}.ipynb",
        cohort.course / "nbgrader_config.py",
        cohort.homes["coachlab-learner1"] / MODULE / f"{MODULE}.ipynb",
    ]
    for path in secrets_to_try:
        assert path.exists(), path
        read = as_user(spy, ["cat", str(path)], cohort.envs[spy], check=False)
        assert read.returncode != 0 and "Permission denied" in read.stderr, path
    assert (cohort.course.stat().st_mode & 0o777) == 0o700
    assert cohort.course.stat().st_uid == _uid(INSTRUCTOR)


def _environments_by_role(cohort: Cohort) -> None:
    instructor = cohort.envs[INSTRUCTOR]
    assert instructor["COACHLAB_DB_URL"] == cohort.db_url
    assert instructor["COACHLAB_ROOT"] == str(cohort.course)
    assert instructor["COACHLAB_ROLE"] == "instructor"
    for learner in LEARNERS:
        env = cohort.envs[learner]
        assert env["COACHLAB_ROLE"] == "learner"
        assert "COACHLAB_DB_URL" not in env and "COACHLAB_ROOT" not in env
        assert env["HOME"] == str(cohort.homes[learner])
        assert env["JUPYTER_CONFIG_PATH"].split(":")[0].endswith("roles/learner")
    # Each learner has its own nbgrader cache in its own home.
    caches = {learner: cohort.homes[learner] / ".local/share/jupyter/nbgrader_cache" / COURSE
              for learner in LEARNERS}
    assert all(cache.is_dir() for cache in caches.values())
    for learner, cache in caches.items():
        assert cache.stat().st_uid == _uid(learner)
        assert [p.name.split("+")[0] for p in cache.iterdir()] == [learner]


def _formgrader_for_instructors_only(cohort: Cohort) -> None:
    hub = cohort.hub
    mine = hub.api("GET", f"/user/{INSTRUCTOR}/formgrader", hub.user_token(INSTRUCTOR),
                   allow_redirects=True)
    assert mine.status_code == 200 and "formgrader" in mine.text.lower()
    for learner in LEARNERS:
        token = hub.user_token(learner)
        missing = hub.api("GET", f"/user/{learner}/formgrader", token, allow_redirects=True)
        assert missing.status_code == 404
        listed = hub.ok("GET", f"/user/{learner}/assignments", token,
                        params={"course_id": COURSE}).json()
        assert listed["success"] and any(a["assignment_id"] == MODULE for a in listed["value"])
        lab = hub.ok("GET", f"/user/{learner}/lab", token).text
        assert "@jupyter/nbgrader:formgrader" in _page_config(lab)["disabledExtensions"]
    instructor_lab = hub.ok("GET", f"/user/{INSTRUCTOR}/lab", hub.user_token(INSTRUCTOR)).text
    assert "@jupyter/nbgrader:formgrader" not in _page_config(instructor_lab)["disabledExtensions"]


def _hub_roles(cohort: Cohort) -> None:
    hub = cohort.hub
    groups = {g["name"]: sorted(g["users"]) for g in hub.ok("GET", "/hub/api/groups").json()}
    assert groups["instructors"] == [INSTRUCTOR]
    assert groups["learners"] == sorted(LEARNERS)
    # Instructors see the learners' activity; a learner sees nobody else.
    seen = hub.api("GET", "/hub/api/users/coachlab-learner1", hub.user_token(INSTRUCTOR))
    assert seen.status_code == 200 and "last_activity" in seen.json()
    hidden = hub.api("GET", "/hub/api/users/coachlab-learner1",
                     hub.user_token("coachlab-learner2"))
    assert hidden.status_code in (403, 404)
    other_server = hub.api("GET", "/user/coachlab-learner1/api/contents",
                           hub.user_token("coachlab-learner2"))
    assert other_server.status_code in (302, 403, 404)


def _idle_culling(cohort: Cohort) -> None:
    services = cohort.hub.ok("GET", "/hub/api/services").json()
    assert "idle-culler" in services
    culler = _children_with(cohort.hub.process.pid, "jupyterhub_idle_culler")
    assert culler, "the idle culler is not running under the hub"
    args = Path(f"/proc/{cohort.hub.server_pid('coachlab-learner1')}/cmdline").read_bytes()
    assert b"--MappingKernelManager.cull_idle_timeout=" in args


def _shared_password_login(cohort: Cohort) -> None:
    import requests

    for password, expected in ((PASSWORD, True), ("wrong-password-123", False)):
        session = requests.Session()
        session.get(cohort.hub.url + "/hub/login", timeout=30)
        response = session.post(
            cohort.hub.url + "/hub/login",
            data={"username": "coachlab-learner1", "password": password,
                  "_xsrf": session.cookies.get("_xsrf", "")},
            allow_redirects=False, timeout=30)
        logged_in = response.status_code == 302 and "/hub/login" not in response.headers.get(
            "Location", "")
        assert logged_in is expected, (response.status_code, response.headers.get("Location"))


# ------------------------------------------------------------------------------ in the browser

def test_a_learner_uses_the_assignments_tab_in_the_browser(cohort: Cohort) -> None:
    """The browser learner logged in, fetched and submitted, then fetched the feedback and
    opened it, all by clicks (in the module's one hub run: _learners_work and
    _grade_and_feedback). The report the page showed has the learner's whole score."""
    auto, _ = points(cohort.course / "solutions" / MODULE / f"{MODULE}.ipynb")
    said = cohort.report_total_in_the_browser
    assert re.search(rf"\b{auto:g} of {auto:g} points checked automatically", said), said
    reports = cohort.fetched_feedback[BROWSER_LEARNER]
    assert len(reports) == 1 and reports[0].stat().st_uid == _uid(BROWSER_LEARNER)
    assert _submission(cohort.db_url, BROWSER_LEARNER)["late_seconds"] > 0  # submitted late


# ------------------------------------------------------------------------------ small helpers

def _uid(user: str) -> int:
    import pwd

    return pwd.getpwnam(user).pw_uid


def _page_config(page: str) -> dict:
    match = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                      page, re.S)
    assert match, "no page config in JupyterLab's page"
    return json.loads(html.unescape(match.group(1)) if "&quot;" in match.group(1)
                      else match.group(1))


def _children_with(pid: int, needle: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(re.search(r"^PPid:\s+(\d+)", status, re.M).group(1))
        if ppid == pid and needle.encode() in cmdline:
            found.append(int(entry.name))
    return found
