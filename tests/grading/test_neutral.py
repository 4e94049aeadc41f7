"""Learner-chosen text per sink (terminal, CSV, HTML) and the output cap, piece by piece; the
whole pipeline is in tests/cohort/test_hostile.py."""

from __future__ import annotations

from nbformat.notebooknode import from_dict

from coachlab.grading.neutral import for_csv, for_html, for_terminal
from coachlab.grading.outputs import cap, clean_answer_html


def test_terminal_text_stays_on_one_line_with_every_control_visible() -> None:
    name = "a\x1b[2J\nfake line\r\x07\u202eevil\u200b\\x1b.fifo"
    shown = for_terminal(name)
    assert "\n" not in shown and "\x1b" not in shown and "\r" not in shown
    assert not any(ch in shown for ch in "\x07\u202e\u200b")
    assert shown == "a\\x1b[2J\\nfake line\\r\\x07\\u202eevil\\u200b\\\\x1b.fifo"
    assert for_terminal("Zoë Ødegaard") == "Zoë Ødegaard"  # letters are not controls


def test_csv_cells_that_a_spreadsheet_would_run_stay_text() -> None:
    for formula in ("=1+2", "+1", "-1+cmd", "@SUM(A1)", "\t=1", "\r=1"):
        assert for_csv(formula) == "'" + formula
    assert for_csv("ada") == "ada" and for_csv(3) == 3 and for_csv("") == ""


def test_html_text_is_escaped_for_content_and_attributes() -> None:
    assert for_html("<img src=x onerror='a()'> & \"") == (
        "&lt;img src=x onerror=&#x27;a()&#x27;&gt; &amp; &quot;")


def test_a_learners_rendered_markdown_keeps_structure_and_loses_everything_live() -> None:
    html = ('<p>ok <strong>b</strong> <a href="https://x.org">x</a></p>'
            '<img src=x onerror="a()"><script>b()</script><a href="javascript:c()">l</a>'
            '<div onmouseover="d()">d</div>')
    clean = clean_answer_html(html)
    assert '<p>ok <strong>b</strong> <a href="https://x.org">x</a></p>' in clean
    assert "<img" not in clean and "<script" not in clean and "javascript:" not in clean
    assert "onmouseover" not in clean.replace("&lt;", "")  # no live attribute


def test_the_cap_shortens_everything_but_never_drops_an_error() -> None:
    outputs = [from_dict(o) for o in (
        {"output_type": "stream", "name": "stdout", "text": "x" * 50_000},
        {"output_type": "display_data", "metadata": {},
         "data": {"text/plain": "y" * 50_000, "image/png": "z" * 50_000}},
        {"output_type": "error", "ename": "AssertionError", "evalue": "e" * 50_000,
         "traceback": ["t" * 50_000, "AssertionError: the check failed"]},
    )]
    kept = cap(outputs, 20_000, 2_000)
    assert [o.output_type for o in kept] == ["stream", "error"]
    assert len(kept[0].text) < 20_100
    assert len(kept[1].evalue) < 2_100
    assert kept[1].traceback[-1] == "AssertionError: the check failed"
