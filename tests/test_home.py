"""The course home: its facts come from coachlab.progress, its page is escaped and linked."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from coachlab.course import SELF_GRADED_DIR, SELF_GRADED_SCORE, Module
from coachlab.home import HOME_LINK, HOME_PATH, _jupyter_server_extension_points
from coachlab.home.page import ModuleRow, Status, build, status, title
from coachlab.progress.reading import SELF_GRADED, ModuleProgress
from coachlab.responses import Journal

ROOT = Path(__file__).resolve().parent.parent
MODULE = "01-tell-or-ask"


@pytest.fixture()
def course(tmp_path: Path) -> Path:
    """A fresh learner's course folder: lessons, exercises and the solutions' folder names."""
    root = tmp_path / "course-folder"
    root.mkdir()
    shutil.copyfile(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    ignore = shutil.ignore_patterns("coachlab-answers.json*", "feedback", ".ipynb_checkpoints")
    for part in ("course", "exercises"):
        shutil.copytree(ROOT / part, root / part, ignore=ignore)
    for module in (ROOT / "solutions").iterdir():
        if module.is_dir():
            (root / "solutions" / module.name).mkdir(parents=True)
    return root


def render(home, problem: str | None = None) -> str:  # noqa: ANN001 - a HomePage or None
    from coachlab.pages import render as render_page

    return render_page("coachlab-home/home.html.j2",
        home=home, problem=problem, root="/r", lab_home="/base/lab",
        lab_url=lambda path: f"/base/lab/tree/{path}",
        file_url=lambda path: f"/base/files/{path}")


def test_the_extension_is_found_by_jupyter_server() -> None:
    assert _jupyter_server_extension_points() == [{"module": "coachlab.home"}]
    assert HOME_PATH == "/coachlab/home"
    assert HOME_LINK == "/hub/user-redirect/coachlab/home"


def test_a_new_learner_starts_with_the_first_lesson(course: Path) -> None:
    home = build(course)
    assert [row.module for row in home.modules][:2] == ["00-welcome", MODULE]
    assert all(row.status.text == "not started" for row in home.modules)
    assert home.next_step.path == "course/00-welcome-lesson.ipynb"
    assert home.modules[1].lesson == f"course/{MODULE}-lesson.ipynb"
    assert home.modules[1].exercise == f"exercises/{MODULE}/{MODULE}.ipynb"
    assert home.practice.notebook == "course/practice.ipynb"
    assert home.latest_report is None


def test_the_home_follows_the_learner(course: Path) -> None:
    """Lesson opened, then self-graded: each visit reads the files again."""
    Journal.beside(course / "course").record(Module.parse(MODULE).journal_key("sorter"),
                                             {"choices": {"0": "tell"}})
    assert build(course).modules[1].status.text == "lesson opened"

    folder = course / SELF_GRADED_DIR / MODULE
    folder.mkdir(parents=True)
    (folder / SELF_GRADED_SCORE).write_text(json.dumps({"score": 17, "max_score": 21}))
    (folder / f"{MODULE}.html").write_text("<html>report</html>")
    home = build(course)
    assert home.modules[1].status == Status("graded", "✓", "self-graded: 17 of 21 points")
    assert home.modules[1].report == f"{SELF_GRADED_DIR}/{MODULE}/{MODULE}.html"
    assert home.latest_report == home.modules[1].report


def test_status_words_for_every_step() -> None:
    base = ModuleProgress(MODULE, False, 0, 5)
    assert status(base).text == "not started"
    assert status(base.__class__(MODULE, True, 0, 5)).text == "lesson opened"
    assert status(base.__class__(MODULE, True, 3, 5)).text == "exercise answered: 3 of 5 parts"
    graded = base.__class__(MODULE, True, 5, 5, score=8.0, max_score=10.0,
                            score_source="feedback")
    assert status(graded).text == "graded: 8 of 10 points"
    mine = base.__class__(MODULE, True, 5, 5, score=8.0, max_score=10.0, score_source=SELF_GRADED)
    assert status(mine).text == "self-graded: 8 of 10 points"
    assert title("02-find-the-root-cause") == "Find the root cause"


def test_the_page_is_escaped_and_links_into_the_lab(course: Path) -> None:
    home = build(course)
    hostile = ModuleRow("09-<script>", "<script>alert(1)</script>",
                        Status("new", "○", "not started"), "course/a b.ipynb", None, None)
    page = render(replace(home, modules=[*home.modules, hostile]))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert ">Lesson 01</a>" in page and ">Exercise 01</a>" in page  # links named by number
    assert "Lesson 09-&lt;script&gt;" in page  # a row that names no module keeps its whole name
    assert 'href="/base/lab/tree/course/00-welcome-lesson.ipynb"' in page
    assert 'href="/base/lab/tree/course/practice.ipynb"' in page
    assert "make start" in page and '<html lang="en">' in page
    # status in words beside a symbol hidden from screen readers, never colour alone
    assert '<span class="symbol" aria-hidden="true">○</span> not started' in page


def test_on_a_hub_the_way_back_is_the_hub() -> None:
    from coachlab.home.page import come_back

    assert "hub" in come_back(Path("/x"), on_hub=True)[0]
    assert any("make start" in line for line in come_back(Path("/x"), on_hub=False))


def test_the_readme_opens_with_the_home_page_picture() -> None:
    """The README's first section shows the course home, in the browser tests' screenshot."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_section = readme.split("\n## ")[1]
    assert first_section.startswith("Your course home")
    assert "](docs/img/home.png)" in first_section
    assert (ROOT / "docs" / "img" / "home.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_folder_without_a_course_gets_a_page_that_says_so(tmp_path: Path) -> None:
    from coachlab.home.page import NoCourseHere

    with pytest.raises(NoCourseHere):
        build(tmp_path)
    page = render(None, "NoCourseHere: no course/ folder in /r")
    assert "Your course could not be read" in page and 'href="/base/lab"' in page
    assert "Your modules" not in page
