"""Partly correct answers for each exercise, and what must never reach a learner."""

from __future__ import annotations

import html
from pathlib import Path

import nbformat

from coachlab.grading.feedback import split_hidden

#: exercise -> notebook stem -> cell id -> the learner's source. Some right, some wrong.
PARTIAL_ANSWERS: dict[str, dict[str, dict[str, str]]] = {
    "01-tell-or-ask": {
        "01-tell-or-ask": {
            "answers-a": "\n".join([
                'label_1 = "leading"', 'label_2 = "open"', 'label_3 = "rescue"',
                'label_4 = "closed"', 'label_5 = "open"', 'label_6 = "tell"',
                'label_7 = "rescue"', 'label_8 = "tell"', 'label_9 = "closed"',
                'label_10 = "closed"',
            ]),
            "answers-b": "\n".join([
                'rewrite_1 = "What do you think would land best with their CFO?"',
                'rewrite_2 = "Have you tried calling the champion today?"',
                'rewrite_3 = "Spend more time on their pain."',
            ]),
            "answers-c": 'choice_1 = "A"\nchoice_2 = "B"',
        },
    },
}


def hidden_snippets(solution_dir: Path) -> list[str]:
    """Lines of hidden tests and rubrics in a solution folder, as they would appear in HTML."""
    snippets: list[str] = []
    for path in sorted(solution_dir.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.metadata.get("coachlab", {}).get("instructor_only"):
                lines = cell.source.split("\n")
            else:
                _, lines = split_hidden(cell.source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
            snippets += [line.strip() for line in lines if len(line.strip()) >= 12]
    return [html.escape(s, quote=False) for s in snippets] + snippets
