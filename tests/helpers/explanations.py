"""Check a feedback report's item-by-item explanations against the solution's explanations."""

from __future__ import annotations

import html
import re
from pathlib import Path

from coachlab.grading.explanations import FILENAME, load_explanations

_VERDICT = re.compile(r"<strong>(right|partly right|wrong)</strong>")


def verdicts(report: str) -> list[str]:
    """Every item verdict in a report, in order."""
    return _VERDICT.findall(report)


def assert_explained(report: str, solution_dir: Path, kind: str) -> None:
    """Each item's question and explanation is in ``report``, with a verdict that fits ``kind``
    ("solved": all right, "untouched": all wrong, "partial": some credit, not all right)."""
    explanations = load_explanations(solution_dir / FILENAME)
    assert explanations, f"{solution_dir.name} has no {FILENAME}"
    items = [note for notes in explanations.values() for note in notes.values()]
    text = html.unescape(report)  # nbconvert re-serialises the HTML it is given
    for note in items:
        assert note.item in text, f"item missing from feedback: {note.item}"
        assert note.why in text, f"explanation missing for: {note.item}"
        if note.others:
            assert note.others in text, f"'others' missing for: {note.item}"
    found = verdicts(report)
    assert len(found) == len(items), (len(found), len(items))
    if kind == "solved":
        assert set(found) == {"right"}, found
    elif kind == "untouched":
        assert set(found) == {"wrong"}, found
    else:
        assert set(found) - {"wrong"} and set(found) != {"right"}, found
