"""What a learner must never see on a course page: stderr, warnings, errors, tracebacks."""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
from nbformat import NotebookNode

NOISE = re.compile(r"WARNING|Warning|Error|Traceback|\[IPKernelApp\]")
"""Words that mark a warning or error in any output text."""

WIDGET = "application/vnd.jupyter.widget-view+json"


def noisy_outputs(nb: NotebookNode) -> list[str]:
    """Every output of an executed notebook that is an error, a stderr stream, or text with a
    warning or an error in it, as ``"cell id: what"`` (empty when the page is clean)."""
    found = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            data = output.get("data", {})
            if WIDGET in data:  # a widget's text/plain is its Python repr, not what is shown
                data = {}
            text = output.get("text", "") or "".join(
                str(v) for k, v in data.items() if k.startswith("text/"))
            if kind == "error":
                found.append(f"{cell.id}: {output.get('ename')}: {output.get('evalue')}")
            elif kind == "stream" and output.get("name") == "stderr":
                found.append(f"{cell.id}: stderr: {text[:300]}")
            elif NOISE.search(text):
                found.append(f"{cell.id}: {NOISE.search(text).group(0)} in {text[:300]!r}")
    return found


def run_as_learner(notebook: Path, folder: Path, timeout: int = 300) -> NotebookNode:
    """Run ``notebook`` top to bottom in a fresh kernel working in ``folder``, as JupyterLab would.

    ipykernel shows what subprocesses print on its stderr (a kernel the page starts, say) as
    the cell's stderr, except under pytest (it checks ``PYTEST_CURRENT_TEST``): the kernel runs
    without that variable, so a test sees what a learner sees.
    """
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute(env=env)
    return nb
