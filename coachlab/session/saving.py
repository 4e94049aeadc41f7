"""The Jupyter server's pre-save hook: a saved notebook never holds a widget it cannot show again.

A widget's output in a saved notebook only points at a model that lives in the kernel. Opened the
next day, or after a restart, JupyterLab finds no such model and shows "Error displaying widget:
model not found", which tells a manager nothing. Before a notebook is written, each widget output
is replaced by a line that says how to bring it back. The learner's answers are not in those
outputs (widget answers live in the answer journal, typed answers in the cells), so nothing is
lost; the page in the open browser tab keeps its live widgets.
"""

from __future__ import annotations

from typing import Any

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

SHOW_AGAIN = ("▶ To show this again, click this cell and press Shift+Enter "
              "(or use the ▶ button above the notebook). Your answers are kept.")
"""What stands in a saved notebook where a widget was."""


def without_widget_views(outputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``outputs`` with each widget view replaced by one :data:`SHOW_AGAIN` line (only one)."""
    kept: list[dict[str, Any]] = []
    replaced = False
    for output in outputs:
        data = output.get("data") if isinstance(output, dict) else None
        if isinstance(data, dict) and WIDGET_VIEW in data:
            if not replaced:
                kept.append({"output_type": "display_data", "metadata": {},
                             "data": {"text/plain": SHOW_AGAIN}})
                replaced = True
            continue
        kept.append(output)
    return kept


def strip_widget_views(model: dict[str, Any], **_: Any) -> None:
    """jupyter_server's ``ContentsManager.pre_save_hook``: rewrite a notebook model in place."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    notebook = model["content"]
    for cell in notebook.get("cells", []):
        if isinstance(cell, dict) and cell.get("cell_type") == "code" and cell.get("outputs"):
            cell["outputs"] = without_widget_views(cell["outputs"])
    metadata = notebook.get("metadata")
    if isinstance(metadata, dict):
        metadata.pop("widgets", None)  # saved widget state: display-only, stale once reopened
