"""Every link in the course's notebooks leads somewhere, and every "Next" is a link.

JupyterLab opens a relative link as a file in the Lab, so it must name a file that exists; an
in-page anchor must name a heading of the same notebook; an absolute path must be a route the
course serves (the course home). Links are read from markdown rendered by mistune (nbconvert's
renderer), so raw ``<a href>`` in a cell counts as well as ``[text](target)``.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import mistune
import pytest

from coachlab.home import HOME_LINK

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for folder in ("course", "solutions", "exercises")
                   for p in (ROOT / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
#: Absolute paths a notebook may link to: the server routes the course adds.
KNOWN_ROUTES = {HOME_LINK}
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [value for name, value in attrs if name == "href" and value]


def markdown_cells(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


def links(markdown: str) -> list[str]:
    """Every href in ``markdown``, as JupyterLab would render it."""
    parser = _Links()
    parser.feed(mistune.html(markdown))
    return parser.hrefs


def anchors(path: Path) -> set[str]:
    """The ids JupyterLab gives the notebook's headings (spaces become hyphens)."""
    return {re.sub(r"\s", "-", match) for text in markdown_cells(path)
            for match in HEADING.findall(text)}


def problem(notebook: Path, href: str) -> str | None:
    """Why ``href`` in ``notebook`` leads nowhere, or None when it resolves."""
    parts = urlsplit(href)
    if parts.scheme in ("http", "https", "mailto"):
        return None
    if parts.scheme or parts.netloc:
        return f"{href}: an unexpected kind of link"
    if not parts.path:
        return None if unquote(parts.fragment) in anchors(notebook) else f"{href}: no such heading"
    if parts.path.startswith("/"):
        return None if parts.path in KNOWN_ROUTES else f"{href}: not a route the course serves"
    target = (notebook.parent / unquote(parts.path)).resolve()
    if not target.exists():
        return f"{href}: no such file"
    if parts.fragment and target.suffix == ".ipynb" and unquote(parts.fragment) not in anchors(
            target):
        return f"{href}: no such heading in {target.name}"
    return None


def test_the_notebooks_are_found() -> None:
    assert len(NOTEBOOKS) >= 14


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_link_resolves(notebook: Path) -> None:
    found = [p for text in markdown_cells(notebook) for href in links(text)
             if (p := problem(notebook, href))]
    assert found == []


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_next_step_is_a_link(notebook: Path) -> None:
    """A line that starts with "Next" (the step after this notebook) carries a link."""
    lines = [line for text in markdown_cells(notebook) for line in text.split("\n\n")
             if re.match(r"\**Next:?\**", line.strip())]
    assert [line for line in lines if not links(line)] == []


def test_lessons_link_to_their_exercise_and_home() -> None:
    lesson = ROOT / "course" / "01-tell-or-ask-lesson.ipynb"
    hrefs = {href for text in markdown_cells(lesson) for href in links(text)}
    assert "../exercises/01-tell-or-ask/01-tell-or-ask.ipynb" in hrefs
    assert HOME_LINK in hrefs


def test_a_broken_link_is_caught(tmp_path: Path) -> None:
    notebook = tmp_path / "course" / "x.ipynb"
    notebook.parent.mkdir()
    notebook.write_text(json.dumps({"cells": [
        {"cell_type": "markdown", "source": ["## A heading\n"], "metadata": {}}]}))
    assert problem(notebook, "missing.ipynb") == "missing.ipynb: no such file"
    assert problem(notebook, "#A-heading") is None
    assert problem(notebook, "#Elsewhere") == "#Elsewhere: no such heading"
    assert problem(notebook, "/lab/tree/x") == "/lab/tree/x: not a route the course serves"
    assert problem(notebook, "x.ipynb") is None
    assert links('<a href="/x" target="_self">x</a> and [y](y.ipynb)') == ["/x", "y.ipynb"]
