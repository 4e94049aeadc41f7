"""The course's HTML pages come from Jinja2 templates shipped as package data, with learner text
inert in each: a ``<script>`` or an ``onerror=`` answer is shown as text, never parsed as markup.

"Inert" is checked by parsing the page as a browser's tokenizer would (``html.parser``): no
``<script>`` element and no ``on…`` event attribute other than those the template itself writes
(there are none), and the hostile text still readable as text.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coachlab.cohort.report import CohortReport, Row, write
from coachlab.grading.explain import render as explain_table
from coachlab.grading.explanations import Explanation
from coachlab.grading.items import ItemResult
from coachlab.home.page import HomePage, ModuleRow, Practice, Status
from coachlab.outcomes import FAILED, GRADED
from coachlab.pages import NBCONVERT_TEMPLATES, PAGES, TEMPLATES, environment, render
from coachlab.practice.state import Habit
from coachlab.progress.reading import NextStep

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_TEMPLATES = ROOT / "coachlab" / TEMPLATES
#: What a hostile learner types where the course shows their text: a script, an attribute
#: break-out with an event handler, and an element with one.
SCRIPT = "<script>window.pwned=1</script>"
ONERROR = "x' onerror='alert(1)"
IMG = '<img src=x onerror="alert(2)">'
HOSTILE = f"{SCRIPT} {ONERROR} {IMG}"


class _Markup(HTMLParser):
    """The elements and attributes a browser would build from a page, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.handlers: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.handlers += [(tag, name) for name, _ in attrs if name.startswith("on")]
        self.text += [value for _, value in attrs if value]  # alt text is text too

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_inert(page: str, *, shown: str = HOSTILE) -> None:
    """``page`` has no script and no event handler, and shows ``shown`` as text."""
    markup = _Markup()
    markup.feed(page)
    markup.close()
    assert "script" not in markup.tags, "a learner's <script> became an element"
    assert markup.handlers == [], f"a learner's text became an event handler: {markup.handlers}"
    text = " ".join(markup.text)
    assert shown in text, "the learner's text should still be shown, as text"


def test_every_page_template_is_package_data_and_autoescaped() -> None:
    on_disk = sorted(p.relative_to(PACKAGE_TEMPLATES).as_posix()
                     for p in PACKAGE_TEMPLATES.rglob("*.j2")
                     if p.relative_to(PACKAGE_TEMPLATES).parts[0] not in NBCONVERT_TEMPLATES)
    assert on_disk == sorted(PAGES), "a new page template belongs in coachlab.pages.PAGES"
    for name in PAGES:
        template = environment().get_template(name)
        # Autoescape may be decided per template name: each page's must be on.
        escape = environment().autoescape
        assert escape is True or escape(template.name)


def test_an_undefined_value_is_an_error_not_an_empty_string() -> None:
    from jinja2 import UndefinedError

    with pytest.raises(UndefinedError):
        render("coachlab-explain/items.html.j2", rows=[])  # "earned" missing


def test_the_cohort_report_shows_hostile_ids_and_reasons_as_text(tmp_path: Path) -> None:
    learner = f"ada{HOSTILE}"
    rows = [Row(learner, SCRIPT, IMG, "01-tell-or-ask", 1.0, 5.0, GRADED, graded_max=5.0),
            Row("bob", "", "", "01-tell-or-ask", None, 5.0, FAILED, reason=HOSTILE)]
    report = CohortReport(["01-tell-or-ask"], [learner, "bob"], rows,
                          {learner: [f"01-tell-or-ask: {HOSTILE}"], "bob": [HOSTILE]},
                          skills_note=HOSTILE,
                          practice={learner: Habit(3, 1, datetime.date(2026, 1, 5))})
    page = write(report, tmp_path).html.read_text(encoding="utf-8")
    assert_inert(page, shown=learner)
    assert_inert(page, shown=f"01-tell-or-ask: {HOSTILE}")
    assert page.startswith("<!DOCTYPE html><html lang='en'>")


def test_the_feedback_table_shows_a_hostile_answer_as_text() -> None:
    result = ItemResult("test-a", "label_1", HOSTILE, True, 0.0, 1.0)
    note = Explanation(item="Have you tried a pilot?", answer=["leading", IMG], why=ONERROR,
                       others=SCRIPT)
    page = explain_table([result], {"label_1": note})
    assert_inert(page)
    assert_inert(page, shown=f"leading or {IMG}")
    assert '<span aria-hidden="true">✗</span> <strong>wrong</strong>' in page  # not colour alone


def test_the_course_home_shows_hostile_names_and_problems_as_text() -> None:
    # Module folders, report files and an error's message can carry names a learner chose.
    row = ModuleRow(f"09-{HOSTILE}", HOSTILE, Status("new", "○", "not started"),
                    f"course/{HOSTILE}.ipynb", None, f"self-graded/{HOSTILE}.html")
    home = HomePage([row], NextStep(f"Next: open {HOSTILE}", f"course/{HOSTILE}.ipynb"),
                    Practice(0, HOSTILE, None), f"self-graded/{HOSTILE}.html", [HOSTILE], None)
    for page in (_home(home, None), _home(None, HOSTILE)):
        assert_inert(page)


def _home(home: HomePage | None, problem: str | None) -> str:
    return render("coachlab-home/home.html.j2", home=home, problem=problem, root=HOSTILE,
                  lab_home="/lab", lab_url=lambda p: f"/lab/tree/{p}",
                  file_url=lambda p: f"/files/{p}")


def test_the_wheel_ships_every_template(tmp_path: Path) -> None:
    """Build the real wheel (pip, as a user's install would) and find each template in it."""
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir",
         str(tmp_path / "dist"), str(_source_copy(tmp_path / "src"))],
        capture_output=True, text=True, timeout=540, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    (wheel,) = (tmp_path / "dist").glob("coachlab-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name for name in archive.namelist() if name.startswith(f"coachlab/{TEMPLATES}/")}
    expected = {f"coachlab/{p.relative_to(ROOT / 'coachlab').as_posix()}"
                for p in PACKAGE_TEMPLATES.rglob("*") if p.is_file()}
    assert expected and expected <= shipped, sorted(expected - shipped)


def _source_copy(dest: Path) -> Path:
    """The files a wheel is built from, copied so the build leaves nothing in the work tree."""
    import shutil

    dest.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "coachlab", dest / "coachlab",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return dest
