"""The per-item check, run in the grading jail by the check server: each job scores one item.

Reads a list of jobs on stdin (see :func:`coachlab.grading.items.score_items`): each is a test
cell's source, the one answer it scores (as ``repr`` text, read back with ``ast.literal_eval``) or
a folder whose journal holds only that item's key, and, for a graded interview, the rep and key
whose note to add. Writes each job's result on stdout. Nothing but the standard library, the
literal reader and the course's scorers is imported, so it starts warm in the check server.
"""

from __future__ import annotations

import ast
import json
import os
import sys
from pathlib import Path
from typing import Any

from coachlab.checks.interview import feedback_note
from coachlab.grading.cleanrun import run_cell


def from_text(answers: dict[str, str]) -> dict[str, Any]:
    """The literals :func:`coachlab.grading.items._as_text` wrote, read back with
    ``ast.literal_eval``."""
    return {name: ast.literal_eval(text) for name, text in answers.items()}


def main() -> None:
    """Read jobs from stdin; run each test on its own answers in its own folder."""
    jobs = json.load(sys.stdin)
    results = {}
    start = Path.cwd()
    for job in jobs:
        os.chdir(start / job["cwd"])
        results[job["id"]] = run_cell(job["source"], from_text(job["answers"]))
        if job.get("rep"):
            results[job["id"]]["note"] = feedback_note(job["rep"], job["key"])
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
