"""Benchmark how long each notebook of the course takes to run top to bottom in a fresh kernel.

Run from the repository root:  .venv/bin/python bench/bench_notebooks.py
Every notebook in course/, exercises/ and solutions/ is run with nbclient in a scratch copy of
its folder (no one's answers copied), as Run All runs it; the kernel's start is not counted.
Prints the seconds per notebook, the slowest, and each notebook over the budget: a lesson must
feel instant to run, so 10 s. The suite checks that each notebook runs without an error (in the
browser, or by nbgrader's validator); this is where its speed is read.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
BUDGET_SECONDS = 10.0


def notebooks() -> list[Path]:
    """Every notebook of the course, lessons first."""
    return sorted(path for folder in ("course", "exercises", "solutions")
                  for path in (ROOT / folder).rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in path.parts)


def run_copy(path: Path, scratch: Path) -> float:
    """Seconds to execute a copy of ``path`` (its folder copied to ``scratch``), kernel started."""
    folder = scratch / path.parent.name
    shutil.copytree(path.parent, folder, ignore=shutil.ignore_patterns("coachlab-answers.json*"))
    nb = nbformat.read(folder / path.name, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(folder)}})
    with client.setup_kernel():
        started = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        return time.perf_counter() - started


def main() -> None:
    # A fresh machine builds matplotlib's font cache at first use: not the notebook's time.
    import matplotlib.font_manager  # noqa: F401

    timings: list[tuple[float, str]] = []
    with tempfile.TemporaryDirectory(prefix="coachlab-bench-notebooks-") as scratch:
        for number, path in enumerate(notebooks()):
            seconds = run_copy(path, Path(scratch) / str(number))
            name = str(path.relative_to(ROOT))
            timings.append((seconds, name))
            print(f"{name}: {seconds:.2f} s", flush=True)
    slowest = max(timings)
    over = [name for seconds, name in timings if seconds > BUDGET_SECONDS]
    print(f"notebooks: {len(timings)}, total {sum(s for s, _ in timings):.1f} s, "
          f"slowest {slowest[1]} {slowest[0]:.2f} s (budget {BUDGET_SECONDS:.0f} s each)")
    print(f"over budget: {', '.join(over) if over else 'none'}")
    sys.exit(1 if over else 0)


if __name__ == "__main__":
    main()
