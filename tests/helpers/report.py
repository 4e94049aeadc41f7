"""Check that a feedback report reads as a report for a manager, not as a grading tool's dump."""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat

from coachlab.grading.hidden import is_test
from coachlab.grading.report import heading_title

#: What nbgrader's and nbconvert's own pages show, and a learner must not see.
TOOL_WORDS = ("In [", "In&nbsp;[", "Out[", "Test cell", "Grade cell", "Student's answer",
              "Score:", "cell-id", "instructor only", "Reply with", "Fontconfig", "Traceback",
              "¶", "Trust HTML")
#: An asset fetched from outside the course: a script, stylesheet, image or frame by URL.
OUTSIDE_ASSET = re.compile(
    r"<(script|link|img|iframe|source|video|audio)\b[^>]*\b(src|href)\s*=\s*[\"']?\s*(https?:)?//"
    r"|url\(\s*[\"']?\s*(https?:)?//|@import", re.IGNORECASE)


def page_text(report: str) -> str:
    """The report's visible text (styles and tags removed, entities decoded)."""
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", report, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def helper_lines(solution_dir: Path) -> list[str]:
    """Lines of code a learner's notebook hides or does not write: helper code, widget calls,
    quick checks and score cells (long enough to be telling)."""
    lines: list[str] = []
    for path in sorted(solution_dir.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            hidden = cell.metadata.get("jupyter", {}).get("source_hidden", False)
            helper = cell.cell_type == "code" and not cell.metadata.get(
                "nbgrader", {}).get("solution", False)
            if hidden or helper or is_test(cell):
                lines += [line.strip() for line in cell.source.splitlines()
                          if sum(c.isalpha() for c in line) >= 12]
    return lines


def part_titles(solution_dir: Path) -> list[str]:
    """The headings of the parts (``## Part A · …``) of every notebook of the exercise."""
    titles: list[str] = []
    for path in sorted(solution_dir.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            title = heading_title(cell.source) if cell.cell_type == "markdown" else None
            if title and title.startswith("Part "):
                titles.append(title)
    return titles


def assert_reads_as_a_report(report: str, solution_dir: Path) -> None:
    """No tool words, prompts, cell ids, helper code, stderr or outside assets; one total;
    every part named by its title."""
    text = page_text(report)
    shown = [word for word in TOOL_WORDS if word in report or word in text]
    assert not shown, f"the report reads like a grading tool: {shown}"
    assert not re.search(r"\bid=\"cell-id=", report)
    leaked = [line for line in helper_lines(solution_dir) if line in text]
    assert not leaked, f"the report shows code the learner never wrote: {leaked[:3]}"
    outside = OUTSIDE_ASSET.search(report)
    assert not outside, f"the report loads an outside asset: {outside.group(0)}"
    assert "mathjax" not in re.sub(r"\bclass=\"[^\"]*\"", "", report).lower()
    totals = text.count("points checked automatically")
    assert totals == 1, f"the report should give one total, not {totals}"
    titles = part_titles(solution_dir)
    assert titles, f"{solution_dir.name} has no part headings"
    for title in titles:
        # Once in the course's own heading, at least once more naming the part's result.
        assert text.count(title) >= 2, f"part not named in the report: {title}"
