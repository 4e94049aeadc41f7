"""The feedback page's template: set for nbgrader's GenerateFeedback only, and accessible.

The browser suite audits a real report with axe-core; this renders the page the way
GenerateFeedback builds its exporter, without a browser, so the settings are checked everywhere.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbconvert.exporters import HTMLExporter

from coachlab.course import load_config

ROOT = Path(__file__).resolve().parents[2]


def _feedback_exporter() -> HTMLExporter:
    from nbgrader.converters import GenerateFeedback
    from nbgrader.coursedir import CourseDirectory

    config = load_config(ROOT)
    converter = GenerateFeedback(coursedir=CourseDirectory(config=config), config=config)
    # What GenerateFeedback.start() does before converting.
    return converter.exporter_class(parent=converter, config=converter.config)


def _page(exporter: HTMLExporter) -> str:
    from coachlab.grading.report import ShapeReport

    test = nbformat.v4.new_code_cell("check(answer)  # the course's score cell", metadata={
        "nbgrader": {"grade": True, "solution": False, "grade_id": "grade-a", "points": 4,
                     "score": 3}})
    reflection = nbformat.v4.new_markdown_cell("I <b>rescue</b> deals.", metadata={
        "nbgrader": {"grade": True, "solution": True, "grade_id": "reflection", "points": 2,
                     "score": 1, "comment": "Name the rep's next step."}})
    answer = nbformat.v4.new_code_cell('label_1 = "<script>alert(1)</script>"', metadata={
        "nbgrader": {"grade": False, "solution": True, "grade_id": "answers-a"}})
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Exercise 01\n\nSee [the course](https://example.org)."),
        answer,
        nbformat.v4.new_markdown_cell("## Part A · Open or closed? (4 points)"),
        test, reflection])
    resources = {"nbgrader": {"notebook": "01-tell-or-ask", "score": 3, "max_score": 4,
                              "late_penalty": 0}}
    nb, resources = ShapeReport().preprocess(nb, resources)
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def test_feedback_page_declares_its_language_and_underlines_links() -> None:
    page = _page(_feedback_exporter())
    assert '<html lang="en">' in page
    assert "text-decoration: underline" in page
    assert "Part A · Open or closed? · Score 3 of 4" in page


def test_answers_are_text_and_the_instructors_comment_is_shown() -> None:
    page = _page(_feedback_exporter())
    assert "I &lt;b&gt;rescue&lt;/b&gt; deals." in page  # the learner's HTML stays text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "Your answer · Score 1 of 2" in page
    assert "Your instructor's comment" in page and "Name the rep's next step." in page
    assert "Your score: 4 of 6 points (3 of 4 points checked automatically; 1 of 2 for " \
        "Part A · Open or closed?)." in page


def test_feedback_page_is_a_report_not_a_notebook() -> None:
    page = _page(_feedback_exporter())
    assert "check(answer)" not in page  # the score cell's code
    for tool in ("In&nbsp;[", "cell-id=", "Grade cell", "Score:", "¶", "anchor-link"):
        assert tool not in page, tool
    # Offline: no MathJax, no stylesheet or script by URL (the course's own links stay).
    assert "<script" not in page and "<link" not in page and "mathjax" not in page.lower()
    assert 'href="https://example.org"' in page


def test_other_exporters_keep_their_own_template() -> None:
    # Formgrader renders submissions with an HTMLExporter of its own: it must not get ours.
    config = load_config(ROOT)
    assert "template_name" not in config.HTMLExporter
    assert HTMLExporter(config=config).template_name != "coachlab-feedback"
