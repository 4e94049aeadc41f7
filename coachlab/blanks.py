"""Blank the answers in a solution region while keeping its shape.

nbgrader's stock release replaces a whole solution region with one code stub. A manager then meets
``raise NotImplementedError()``. Instead, ``label_1 = "leading"`` becomes ``label_1 = ""``: the
names, comments and layout stay, every literal that could carry the answer is emptied. The same
rule tells a learner's progress whether an answer cell still holds only those blanks
(:func:`is_unanswered`), so the release and the progress page cannot disagree.
"""

from __future__ import annotations

import ast
import io
import token
import tokenize

#: What a learner sees in a written (markdown) answer cell before answering.
TEXT_STUB = "_Write your answer here._"

#: Replacement for each kind of literal that can hold an answer.
_BLANKS = {token.STRING: '""', token.NUMBER: "None"}
_BLANK_NAMES = {"True": "None", "False": "None"}
_FSTRING_TOKENS = {getattr(token, "FSTRING_START", -1)} - {-1}


def blank_literals(code: str) -> str | None:
    """Return ``code`` with every string, number and boolean literal blanked.

    Returns None when the code has no assignment (nothing to keep the shape of) or does not
    tokenize, so the caller can fall back to a plain stub.
    """
    try:
        tree = ast.parse(code)
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError, ValueError):
        return None
    if not any(isinstance(node, ast.Assign | ast.AnnAssign) for node in tree.body):
        return None
    line_starts = [0]
    for line in code.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))

    def offset(row: int, col: int) -> int:
        return line_starts[row - 1] + col

    edits: list[tuple[int, int, str]] = []
    for tok in tokens:
        replacement = _BLANKS.get(tok.type)
        if tok.type == token.NAME:
            replacement = _BLANK_NAMES.get(tok.string)
        if tok.type in _FSTRING_TOKENS:
            return None  # an f-string is code, not an answer; keep the stock stub
        if replacement is not None:
            edits.append((offset(*tok.start), offset(*tok.end), replacement))
    blanked = code
    for start, end, replacement in reversed(edits):
        blanked = blanked[:start] + replacement + blanked[end:]
    return blanked


def is_unanswered(cell_type: str, source: str) -> bool:
    """True when an answer cell still holds only the blanks the release gave the learner."""
    if cell_type == "markdown":
        return source.strip() in ("", TEXT_STUB, "YOUR ANSWER HERE")
    blanked = blank_literals(source)
    if blanked is None:  # not plain assignments: the learner wrote something of their own
        return not source.strip()
    return blanked == source
