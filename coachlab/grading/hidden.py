"""Hidden tests, cut out by nbgrader's own ``ClearHiddenTests``.

Which cells are autograded tests, and what of a test cell a learner may see: the regions between
``BEGIN HIDDEN TESTS`` and ``END HIDDEN TESTS`` are removed by nbgrader's preprocessor, so its
rules (configurable delimiters, nested or unclosed regions refused) hold everywhere.
"""

from __future__ import annotations

import copy
from collections import Counter

from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import ClearHiddenTests


def is_test(cell: NotebookNode) -> bool:
    """An autograded test cell (graded, not an answer, code)."""
    info = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and bool(info.get("grade")) and not info.get("solution")


def visible_source(cell: NotebookNode, clear: ClearHiddenTests | None = None) -> str:
    """``cell``'s source without its hidden-test regions; ``cell`` itself is left as it is."""
    shown = copy.deepcopy(cell)
    (clear or ClearHiddenTests()).preprocess_cell(shown, {}, 0)
    return str(shown.source)


def removed_lines(before: str, after: str) -> list[str]:
    """The lines of ``before`` that are not in ``after`` (with repeats; order not kept).

    ``after`` is ``before`` with regions cut out, so this is what was cut: the region markers
    and the hidden lines.
    """
    return list((Counter(before.split("\n")) - Counter(after.split("\n"))).elements())
