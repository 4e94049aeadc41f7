"""Learner-chosen text made harmless for each place it is shown: a terminal, a CSV cell, HTML.

A learner chooses their submission's file names and, on some exchanges, their own id; those
strings reach the instructor inside refusal reasons, the grading summary and the cohort report.
Each sink has one function here, and every place that writes learner text to that sink calls it:

- :func:`for_terminal`: control characters (escape sequences, newlines, carriage returns, bidi
  overrides and other invisible format characters) are shown as ``\\x1b``-style escapes, so a
  name cannot move the cursor, recolour the screen or forge a line of the summary;
- :func:`for_csv`: a cell that a spreadsheet would read as a formula (a leading ``= + - @``, tab
  or carriage return, per OWASP's CSV-injection guidance) gets a leading ``'`` so it stays text;
- :func:`for_html`: ``& < > " '`` escaped, for text put in a page or an attribute.
"""

from __future__ import annotations

import html
import unicodedata

#: Unicode categories never shown raw in a terminal: controls (C0, C1, DEL), format characters
#: (bidi overrides, zero-width joiners) and line or paragraph separators.
_HIDDEN = {"Cc", "Cf", "Zl", "Zp"}
#: First characters a spreadsheet reads as the start of a formula (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def for_terminal(text: object) -> str:
    """``text`` on one line with every control or invisible character written as an escape
    (``\\n``, ``\\x1b``, ``\\u202e``), so what the instructor reads is what the bytes are."""
    out = []
    for char in str(text):
        if unicodedata.category(char) in _HIDDEN or char == "\\":
            escaped = char.encode("unicode_escape").decode("ascii")
            out.append(escaped)
        else:
            out.append(char)
    return "".join(out)


def for_csv(value: object) -> object:
    """A CSV cell that stays text in a spreadsheet: a string starting like a formula gets a
    leading ``'``. Numbers and None are returned as they are (the csv module quotes the rest)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def for_html(text: object) -> str:
    """``text`` escaped for HTML element content and quoted attribute values."""
    return html.escape(str(text), quote=True)
