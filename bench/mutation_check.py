"""Remove each grading defence in turn and check that a named test fails.

Run from the repository root:  .venv/bin/python bench/mutation_check.py [NAME ...]
(``make mutations``). For every defence below, the script makes a scratch copy of the checkout
(``git worktree add --detach`` of HEAD, with the working tree's changes to tracked files), edits
one place so the defence is gone, runs the tests named for it, and expects them to fail. A
mutation whose text is no longer found is reported as stale (the defence moved: update the
table), never as a pass. Exit status: 0 when every mutation was caught, 1 otherwise.

It takes minutes (some defences are caught only by the hostile suite, which grades a batch), so
it is not part of ``make test``; run it after changing grading and quote its table.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Mutation:
    """One defence removed: ``old`` (found exactly once in ``path``) becomes ``new``."""

    name: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]


MUTATIONS = (
    Mutation("links, devices and oversized submissions are refused",
             "coachlab/grading/intake.py",
             '    folder = Path(folder)\n    try:\n        top = os.lstat(folder)',
             '    return None\n    folder = Path(folder)\n    try:\n        top = os.lstat(folder)',
             ("tests/grading/test_intake.py",)),
    Mutation("a notebook or journal over its size limit is refused before parsing",
             "coachlab/grading/intake.py",
             "    if size > limit:\n",
             "    if False:\n",
             ("tests/grading/test_intake.py",)),
    Mutation("answers are read as literals, never evaluated",
             "coachlab/grading/cleanrun.py",
             "literal = ast.literal_eval(value)",
             "literal = eval(ast.get_source_segment(source, value) or 'None')",
             ("tests/grading/test_cleanrun.py",)),
    Mutation("an answer cannot take a builtin or private name",
             "coachlab/grading/cleanrun.py",
             'return not name.startswith("_") and name not in _RESERVED',
             "return True",
             ("tests/grading/test_cleanrun.py",)),
    Mutation("an answer cell over the character limit is not carried over",
             "coachlab/grading/rebuild.py",
             "if mine is not None and len(mine.source) > MAX_ANSWER_CHARS:",
             "if False:",
             ("tests/grading/test_rebuild.py",)),
    Mutation("code cells keep no output but the check's",
             "coachlab/grading/score.py",
             "                cell.outputs = []\n",
             "                pass\n",
             ("tests/grading/test_score.py",)),
    Mutation("a test cell the check gave no result for fails the submission",
             "coachlab/grading/score.py",
             "            if grade_id not in results:\n",
             "            if False:\n",
             ("tests/grading/test_score.py",)),
    Mutation("grading stops when the package changed on disk",
             "coachlab/grading/score.py",
             "        if not code_unchanged():\n",
             "        if False:\n",
             ("tests/grading/test_score.py",)),
    Mutation("every grading Python starts isolated (-I)",
             "coachlab/grading/jail.py",
             '[python or sys.executable, "-I", "-c", BOOT,',
             '[python or sys.executable, "-c", BOOT,',
             ("tests/grading/test_jail.py",)),
    Mutation("terminal output escapes control characters",
             "coachlab/grading/neutral.py",
             '        if unicodedata.category(char) in _HIDDEN or char == "\\\\":',
             "        if False:",
             ("tests/grading/test_neutral.py",)),
    Mutation("a CSV cell starting like a formula is quoted",
             "coachlab/grading/neutral.py",
             "    if isinstance(value, str) and value.startswith(_FORMULA_START):",
             "    if False:",
             ("tests/grading/test_neutral.py",)),
    Mutation("a written answer is cleaned before formgrader shows it",
             "coachlab/grading/outputs.py",
             "    return bleach.clean(str(html), tags=ANSWER_TAGS,",
             "    return str(html) or bleach.clean(str(html), tags=ANSWER_TAGS,",
             ("tests/grading/test_feedback_page.py", "tests/grading/test_neutral.py")),
    Mutation("test cells' outputs are sanitized",
             "coachlab/grading/outputs.py",
             "            cell.outputs = self.sanitize_code_outputs(cell.get(\"outputs\", []))",
             "            pass",
             ("tests/grading/test_outputs.py",)),
    Mutation("outputs are capped per cell",
             "coachlab/grading/outputs.py",
             "            cell.outputs = cap(cell.get(\"outputs\", []), self.max_chars, "
             "self.max_error_chars)",
             "            pass",
             ("tests/grading/test_outputs.py",)),
    Mutation("feedback drops rubric and instructor-only cells",
             "coachlab/grading/feedback.py",
             "        nb.cells = [cell for cell in nb.cells if not is_instructor_only(cell)]\n",
             "",
             ("tests/grading/test_hidden.py", "tests/grading/test_feedback.py")),
    Mutation("the feedback page prints answers as escaped text",
             "coachlab/templates/coachlab-feedback/coachlab-feedback.html.j2",
             '<pre class="answer code">{{ cell.source | escape_html }}</pre>',
             '<pre class="answer code">{{ cell.source }}</pre>',
             ("tests/grading/test_feedback_page.py",)),
    Mutation("learner metadata is cleared in autograde",
             "nbgrader_config.py",
             "c.ClearMetadataPreprocessor.enabled = True",
             "c.ClearMetadataPreprocessor.enabled = False",
             ("tests/grading/test_learner_metadata.py",)),
    Mutation("lateness comes from the grader's receipt",
             "coachlab/grading/intake.py",
             "    if not receipt.is_file() or receipt.is_symlink():\n"
             "        write_receipt(folder, received_at(folder))",
             "    return ''\n    if not receipt.is_file() or receipt.is_symlink():\n"
             "        write_receipt(folder, received_at(folder))",
             ("tests/grading/test_intake.py",)),
)


def _scratch_copy(base: Path) -> Path:
    """A detached worktree of HEAD at ``base``, with the working tree's tracked changes."""
    subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(base), "HEAD"],
                   cwd=ROOT, check=True)
    diff = subprocess.run(["git", "diff", "HEAD", "--binary"], cwd=ROOT, check=True,
                          capture_output=True).stdout
    if diff:
        subprocess.run(["git", "apply", "--whitespace=nowarn"], cwd=base, input=diff, check=True)
    return base


def _run(mutation: Mutation, copy: Path) -> tuple[str, float]:
    """'caught', 'MISSED' or 'stale', and the seconds the tests took."""
    target = copy / mutation.path
    text = target.read_text(encoding="utf-8")
    if text.count(mutation.old) != 1:
        return "stale", 0.0
    target.write_text(text.replace(mutation.old, mutation.new), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(copy), "COACHLAB_REQUIRE_SANDBOX": "1"}
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-n", "0",
                               "-p", "no:cacheprovider", *mutation.tests], cwd=copy, env=env,
                              capture_output=True, text=True)
    finally:
        target.write_text(text, encoding="utf-8")
    took = time.perf_counter() - start
    return ("caught" if done.returncode == 1 else
            "MISSED" if done.returncode == 0 else f"error {done.returncode}"), took


def main(names: list[str]) -> int:
    """Run the mutations whose name contains any of ``names`` (all when empty)."""
    chosen = [m for m in MUTATIONS if not names or any(n in m.name for n in names)]
    results = []
    with tempfile.TemporaryDirectory(prefix="coachlab-mutations-") as tmp:
        copy = _scratch_copy(Path(tmp) / "checkout")
        try:
            for mutation in chosen:
                outcome, took = _run(mutation, copy)
                results.append((mutation, outcome, took))
                print(f"{outcome:>8}  {took:5.0f} s  {mutation.name}  "
                      f"({', '.join(mutation.tests)})", flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(copy)], cwd=ROOT,
                           check=False)
    caught = sum(outcome == "caught" for _, outcome, _ in results)
    print(f"{caught} of {len(results)} defences removed were caught by a named test")
    return 0 if caught == len(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
