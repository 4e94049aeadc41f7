"""The pre-save hook: widget outputs become a line saying how to show them again."""

from __future__ import annotations

import copy

from coachlab.session.saving import SHOW_AGAIN, WIDGET_VIEW, strip_widget_views

WIDGET = {"output_type": "execute_result", "execution_count": 3, "metadata": {},
          "data": {"text/plain": "VBox(...)", WIDGET_VIEW: {"model_id": "abc"}}}
TEXT = {"output_type": "stream", "name": "stdout", "text": "✓ All 4 choices are made."}


def notebook_model(*outputs: dict) -> dict:
    return {"type": "notebook", "content": {
        "metadata": {"widgets": {"state": {}}},
        "cells": [{"cell_type": "code", "source": "x", "outputs": list(outputs)},
                  {"cell_type": "markdown", "source": "# Part A"}]}}


def test_widget_views_become_one_show_again_line() -> None:
    model = notebook_model(WIDGET, copy.deepcopy(WIDGET), TEXT)
    strip_widget_views(model=model, path="exercises/00-welcome/00-welcome.ipynb")
    outputs = model["content"]["cells"][0]["outputs"]
    assert [o["data"]["text/plain"] for o in outputs if "data" in o] == [SHOW_AGAIN]
    assert outputs[-1] == TEXT  # other outputs are kept, in order
    assert "widgets" not in model["content"]["metadata"]
    assert all(WIDGET_VIEW not in o.get("data", {}) for o in outputs)


def test_notebooks_without_widgets_and_other_files_are_untouched() -> None:
    model = notebook_model(TEXT)
    model["content"]["metadata"] = {}
    before = copy.deepcopy(model)
    strip_widget_views(model=model, path="n.ipynb")
    assert model == before
    text = {"type": "file", "content": "hello"}
    strip_widget_views(model=text, path="a.txt")
    assert text == {"type": "file", "content": "hello"}
