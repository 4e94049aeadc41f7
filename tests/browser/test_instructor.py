"""Exercise 01 answered entirely in the browser, graded, then marked by hand in formgrader.

A learner types every answer into the cells, plays the conversation by clicking, presses
nbgrader's **Validate** and reads its "Not yet" list (each part named by its title, never by its
check's code), fixes the answers and saves. The instructor then grades with the real
``coachlab grade`` (sandbox on), opens the submission in formgrader (served by the same
JupyterLab), reads the rubric beside the reflection, enters a score and a comment, and
``coachlab report`` counts that score.

The learner works in a fetched copy (``coachlab-learner/01-tell-or-ask/``), so the exercise
folder other browser tests use stays untouched.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser.lab import (
    Notebook,
    button_labels,
    validate,
    wait_for_text,
    widget_button,
)
from tests.browser.server import Lab
from tests.browser.test_home import (
    LAPTOP,
    TOOLS,
    file_browser_names,
    nbgrader_menu,
    open_lab,
    press_edit_keys,
    side_tabs,
)
from tests.helpers.notebooks import points

# The instructor's server and what runs on it are a group of their own, so that under
# `--dist loadgroup` they can run beside the learner's browser tests on the other worker.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-instructor")]

REPO = Path(__file__).resolve().parents[2]
MODULE = "01-tell-or-ask"
LEARNER = "coachlab-learner"
FOLDER = f"{LEARNER}/{MODULE}"
NOTEBOOK = f"{FOLDER}/{MODULE}.ipynb"
SOLUTION = REPO / "solutions" / MODULE / f"{MODULE}.ipynb"

LABELS = ["leading", "open", "rescue", "closed", "tell", "open", "rescue", "tell", "leading",
          "closed"]
QUESTIONS = ["What do you think would make the value clear to them next time?",
             "How are you thinking about raising budget with your champion?",
             "What did you learn about their pain in discovery?"]
#: The first try: a typo in one label and one question not written yet; Validate names both.
TYPO = "opne"
CHOICES = ["C", "B", "B"]
REFLECTION = (
    "A rep said a renewal was at risk. My first reply was \"I'll call the customer\": a rescue. "
    "An open question would have been: \"What do you know about what the customer wants this "
    "year?\" It would have shown me whether the rep knew which questions to ask.")
MANUAL_SCORE = 3
#: The parts of exercise 01 as Validate names them: by their titles, without the points.
PART_A = "Part A · Name the move"
PART_B = "Part B · From telling to asking"
PART_C = "Part C · Your move"
PART_D = "Part D · Play it through"
#: The code nbgrader's own dialog would show for a failing part: its hidden checks' calls.
CHECK_CODE = ("check_labels", "check_questions", "check_played", "label_2=label_2")
COMMENT = "Clear rescue named; add what the rep would learn from your question."


@dataclass
class Flow:
    """What the learner saw and what grading produced, for the assertions."""

    lab: Lab
    validate_first: str = ""
    validate_fixed: str = ""
    grade_output: str = ""
    auto_score: float = 0.0
    auto_max: float = 0.0
    needs_manual: bool = False
    timings: dict[str, float] = field(default_factory=dict)


def course_env() -> dict[str, str]:
    """The environment for the instructor's commands: this venv's tools first on PATH."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.pop("COACHLAB_SANDBOX", None)  # the jail stays on, as for a real cohort
    env.pop("COACHLAB_DB_URL", None)
    return env


def instructor(lab: Lab, *args: str, timeout: float = 300) -> str:
    """Run a command in the course folder the JupyterLab serves; fail with its output."""
    done = subprocess.run(list(args), cwd=lab.root, env=course_env(), capture_output=True,
                          text=True, timeout=timeout, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"{' '.join(args)} exited {done.returncode}:\n{output[-3000:]}"
    return output


# ------------------------------------------------------------------------------ the learner

def type_into(page: Page, cell, text: str) -> None:
    """Replace the code cell's text by typing, as a learner does: click, select all, type."""
    editor = cell.locator(".cm-content").first
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    page.keyboard.type(text)
    page.keyboard.press("Escape")  # back to command mode


def assignments(prefix: str, values: list[str]) -> str:
    return "\n".join(f'{prefix}_{i} = "{value}"' for i, value in enumerate(values, 1))


def play_path(notebook: Notebook, player, replies: list[str]) -> None:
    """Click the given replies in order, each once the previous one has been answered."""
    for reply in replies:
        before = button_labels(player, "button.coachlab-choice")
        assert reply in before, f"{reply!r} is not offered: {before}"
        button = widget_button(player, reply)
        button.scroll_into_view_if_needed()
        button.click()
        deadline = time.monotonic() + 30
        while button_labels(player, "button.coachlab-choice") == before:
            assert time.monotonic() < deadline, f"clicking {reply!r} changed nothing"
            notebook.page.wait_for_timeout(100)
        notebook.wait_for_kernel_idle()


def best_replies() -> list[str]:
    """The replies of the scenario's best ending, read from the scenario itself."""
    from coachlab.scenarios import load_scenario

    scenario = load_scenario(REPO / "exercises" / MODULE / "first-reply.yaml")
    best = next(p for p in scenario.paths() if p.ending.outcome == "best")
    return [step.choice.reply for step in best.steps]


def answer_in_the_browser(page: Page, lab: Lab, flow: Flow) -> None:
    """The learner's whole session: type, run, validate, fix, play, write, save, validate."""
    notebook = Notebook.open(page, lab, NOTEBOOK)
    type_into(page, notebook.cell_with('label_1 = ""'),
              assignments("label", [LABELS[0], TYPO, *LABELS[2:]]))
    type_into(page, notebook.cell_with('rewrite_1 = ""'),
              assignments("rewrite", [QUESTIONS[0], "", QUESTIONS[2]]))
    type_into(page, notebook.cell_with('choice_1 = ""'), assignments("choice", CHOICES))
    notebook.run_all()
    # The quick check under Part A stops Run All and names the typo.
    stopped = notebook.cell_with_output("Not yet")
    wait_for_text(stopped, TYPO)
    notebook.save()
    flow.validate_first = validate(notebook)

    type_into(page, notebook.cell_with(f'label_2 = "{TYPO}"'), assignments("label", LABELS))
    type_into(page, notebook.cell_with('rewrite_2 = ""'), assignments("rewrite", QUESTIONS))
    notebook.run_all()  # now Run All stops only at Part D's check: the conversation is unplayed
    notebook.run_cell(notebook.cell_with('play_scenario("first-reply.yaml"'))
    player = notebook.widget("coachlab-player")
    wait_for_text(player, r"Jordan")
    play_path(notebook, player, best_replies())
    wait_for_text(player, r"Debrief")

    reflection = notebook.panel.locator(".jp-MarkdownCell", has_text="Write your answer here")
    reflection.scroll_into_view_if_needed()
    reflection.locator(".jp-RenderedMarkdown").dblclick()
    type_into(page, reflection, REFLECTION)
    page.keyboard.press("Shift+Enter")  # renders the answer, as a learner ends an edit
    notebook.save_with(REFLECTION[-40:])
    flow.validate_fixed = validate(notebook)


# ------------------------------------------------------------------------------ the instructor

def submit_and_grade(lab: Lab, flow: Flow) -> None:
    """Hand the saved folder in as nbgrader's collect would, then `coachlab grade` it."""
    submitted = lab.root / "submitted" / LEARNER / MODULE
    submitted.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(lab.root / FOLDER, submitted,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    # (the gradebook knows the exercise already: conftest's instructor_exercise_01)
    flow.grade_output = instructor(lab, "coachlab", "grade", MODULE, "--jobs", "1")
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{lab.root / 'gradebook.db'}", "coachlab") as gradebook:
        submission = gradebook.find_submission(MODULE, LEARNER)
        flow.auto_score = submission.code_score
        flow.auto_max = submission.max_code_score
        flow.needs_manual = submission.needs_manual_grade


@pytest.fixture
def page(browser_context: BrowserContext, instructor_server: Lab) -> Iterator[Page]:
    """A page on the instructor's JupyterLab (formgrader is an instructor tool)."""
    from tests.browser.conftest import _page_then_fresh_kernels

    yield from _page_then_fresh_kernels(browser_context, instructor_server)


@pytest.fixture(scope="module")
def flow(browser_context: BrowserContext, instructor_exercise_01: Lab) -> Flow:
    """Run the learner's session and the grading once for this module's tests (on the
    instructor's server, which then opens the submission in formgrader)."""
    from tests.browser.conftest import ARTIFACTS, shutdown_sessions

    lab_server = instructor_exercise_01

    shutil.copytree(lab_server.root / "exercises" / MODULE, lab_server.root / FOLDER,
                    ignore=shutil.ignore_patterns("coachlab-answers.json*", ".ipynb_checkpoints"))
    result = Flow(lab_server)
    page = browser_context.new_page()
    page.set_default_timeout(30_000)
    started = time.perf_counter()
    try:
        answer_in_the_browser(page, lab_server, result)
    except Exception:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "learner_flow.png"), full_page=True)
        raise
    finally:
        page.close()
        shutdown_sessions(lab_server)
    result.timings["learner in the browser"] = time.perf_counter() - started
    started = time.perf_counter()
    submit_and_grade(lab_server, result)
    result.timings["coachlab grade"] = time.perf_counter() - started
    return result


def test_validate_lists_what_is_missing_then_grading_gives_full_marks(flow: Flow) -> None:
    first = flow.validate_first
    assert "Not yet" in first
    assert f'label_2 = "{TYPO}" is not one of' in first, first
    assert "rewrite_2 is still empty" in first, first
    assert "play the conversation" in first, first  # Part D not played yet
    assert "You did not provide a response" in first  # the reflection is still blank
    assert "label_1 " not in first and "choice_1" not in first, first  # right first time
    # Each failing part is named by its title, never by its hidden check's code; the parts
    # answered right (Part C) are not listed.
    assert PART_A in first and PART_B in first and PART_D in first, first
    assert PART_C not in first, first
    assert not any(code in first for code in CHECK_CODE), first
    fixed = flow.validate_fixed
    assert "Not yet" not in fixed and "failed" not in fixed, fixed
    assert "Success" in fixed or "passed" in fixed, fixed

    auto, _ = points(SOLUTION)
    assert flow.auto_max == pytest.approx(auto)
    assert flow.auto_score == pytest.approx(auto), flow.grade_output
    assert flow.needs_manual  # the reflection waits for the instructor
    print(f"\nbrowser exercise timings (s): "
          f"{ {k: round(v, 1) for k, v in flow.timings.items()} }")


def test_instructor_grades_the_reflection_in_formgrader(flow: Flow, page: Page) -> None:
    lab = flow.lab
    # Nbgrader › Formgrader opens nbgrader's pages in a JupyterLab panel. ?reset: a fresh
    # workspace, so the learner's notebook of the flow does not reopen beside it (with a kernel
    # of its own, and frames of its own that "the first iframe" could pick instead).
    page.goto(f"{lab.base_url}/lab?reset&token={lab.token}", wait_until="domcontentloaded")
    page.locator(".lm-MenuBar-item", has_text=re.compile("^Nbgrader$")).click()
    page.locator(".lm-Menu-item[data-command='nbgrader:open-formgrader']").click()
    formgrader = page.frame_locator("#formgrader iframe").first  # the Formgrader panel's
    # Manual Grading › the exercise › its notebook; each link is waited for on its own page.
    for target in ("gradebook", f"gradebook/{MODULE}", f"gradebook/{MODULE}/{MODULE}"):
        formgrader.locator(f"a[href$='/formgrader/{target}']").first.click()
    listed = formgrader.locator("table")
    # The learner's row: other browser tests hand in their own submissions of 01 to this
    # server (test_hostile_pages), and formgrader lists submissions without names.
    link = f"a[href*='/formgrader/submissions/{_submission_id(lab)}']"
    mine = listed.locator(link).first
    mine.wait_for(timeout=30_000)
    auto, _ = points(SOLUTION)
    row = listed.locator(f"tr:has({link})").first
    assert f"{auto:g} / {auto:g}" in row.inner_text()  # code score: full marks
    mine.click()

    answer = formgrader.locator(".nbgrader_cell", has_text="My first reply").first
    answer.wait_for(timeout=30_000)
    assert REFLECTION.split(":")[0] in answer.inner_text()
    # The rubric sits right below the learner's answer, as the instructor's guide says.
    rubric = answer.locator(
        "xpath=ancestor::div[contains(@class,'cell')][1]/following-sibling::div[1]")
    rubric_text = rubric.inner_text()
    assert "Rubric for Part E" in rubric_text and "Look for" in rubric_text, rubric_text[:300]

    score = answer.locator("input.score")
    comment = answer.locator("textarea.comment")
    # Formgrader fills the fields from its API after the page shows; an entry typed before
    # that is overwritten, so the instructor's entry is repeated until the gradebook has it.
    for _ in range(3):
        score.fill(str(MANUAL_SCORE))
        score.press("Tab")
        comment.fill(COMMENT)
        comment.press("Tab")
        if _manual_grade_saved(lab):
            break
    else:
        raise AssertionError(f"formgrader did not save the score and comment: {_saved(lab)}")

    out = lab.root / "reports"
    instructor(lab, "coachlab", "report", "--out", str(out))
    rows = [r for r in csv.DictReader((out / "report.csv").open(encoding="utf-8"))
            if r["learner"] == LEARNER and r["module"] == MODULE]
    assert len(rows) == 1, rows
    _, manual = points(SOLUTION)
    assert float(rows[0]["score"]) == pytest.approx(auto + MANUAL_SCORE)
    assert float(rows[0]["max"]) == pytest.approx(auto + manual)
    assert rows[0]["status"] == "graded", rows[0]


def _submission_id(lab: Lab) -> str:
    """The gradebook's id of the learner's submitted notebook (formgrader's link to it)."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{lab.root / 'gradebook.db'}", "coachlab") as gradebook:
        return str(gradebook.find_submission_notebook(MODULE, MODULE, LEARNER).id)


def _saved(lab: Lab) -> tuple[float | None, str | None]:
    """The reflection's manual score and comment in the gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{lab.root / 'gradebook.db'}", "coachlab") as gradebook:
        notebook = gradebook.find_submission_notebook(MODULE, MODULE, LEARNER)
        grade = next(g for g in notebook.grades if g.cell.name == "reflection")
        comment = next(c for c in notebook.comments if c.cell.name == "reflection")
        return grade.manual_score, comment.manual_comment


def _manual_grade_saved(lab: Lab, timeout: float = 10) -> bool:
    """Formgrader saves on change: whether the gradebook holds the score and comment in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _saved(lab) == (MANUAL_SCORE, COMMENT):
            return True
        time.sleep(0.25)
    return False


def test_feedback_and_cohort_reports_pass_an_accessibility_audit(flow: Flow, page: Page) -> None:
    from tests.browser.audit import WHOLE_PAGE, assert_accessible

    lab = flow.lab
    instructor(lab, "coachlab", "feedback", MODULE)
    feedback = lab.root / "feedback" / LEARNER / MODULE / f"{MODULE}.html"
    out = lab.root / "reports-audit"
    instructor(lab, "coachlab", "report", "--out", str(out))
    for name, html in (("feedback report", feedback), ("cohort report", out / "report.html")):
        page.goto(html.as_uri())
        assert_accessible(page, name, WHOLE_PAGE)  # prints "axe <name>: <rule counts>"

    # Results are never shown by colour alone: every verdict has a symbol and a word.
    page.goto(feedback.as_uri())
    assert page.locator("html").get_attribute("lang") == "en"
    text = page.inner_text("body")
    assert "✓" in text and re.search(r"\bright\b", text), text[:500]


def test_instructor_mode_has_every_tool(browser_context: BrowserContext,
                                        instructor_server: Lab) -> None:
    """Instructor mode (``coachlab start --instructor``) brings back what learner mode hides
    (tests/browser/test_home.py checks learner mode)."""
    from tests.browser.conftest import shutdown_sessions

    page = browser_context.new_page()
    page.set_viewport_size(LAPTOP)
    try:
        open_lab(page, instructor_server)
        names = file_browser_names(page)
        assert {"solutions", "course", "exercises"} <= set(names), names
        menu = nbgrader_menu(page)
        for tool in TOOLS:
            assert any(label.lower().startswith(tool) for label in menu), menu
        assert "Create Assignment" in " ".join(side_tabs(page))
        # the same keys that do nothing for a learner edit the instructor's notebook
        seen = press_edit_keys(page, instructor_server)
        assert seen[0] == ["markdown", "markdown"], seen  # M
        assert len(seen[1]) == 3, seen  # A
    finally:
        page.close()
        shutdown_sessions(instructor_server)
