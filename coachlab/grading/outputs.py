"""What may stay of a graded notebook's outputs: a character cap, and nothing live.

Outputs of a graded notebook are shown to the instructor (formgrader, on the Jupyter server's
origin, with the instructor's session) and to the learner (feedback). Any cell's outputs can carry
what learner code chose to print or display, so two steps run after the clean re-check:

- :class:`SafeOutputs` (nbconvert's ``SanitizeHTML`` on outputs): HTML and markdown outputs are
  cleaned with bleach (no ``<script>``, no event handlers, no ``javascript:`` links); every other
  kind of output that a browser could run (JavaScript, widget views, SVG, anything unknown) is
  dropped. Markdown cells are left as typed: the pages that render them escape or sanitize them
  (``HTMLExporter.sanitize_html``, the feedback template), so the answer stays the learner's text.
- :class:`CapOutputs`: at most ``max_chars`` characters of output per cell, whatever the kind
  (streams, tracebacks, every data type), so an output flood cannot grow the autograded notebook,
  formgrader's page or the feedback. An error output is never dropped, only shortened: trimming can
  never turn a failing check into a passing one.
"""

from __future__ import annotations

from typing import Any

import bleach
from nbconvert.exporters.exporter import ResourcesDict
from nbconvert.preprocessors.sanitize import SanitizeHTML
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer

#: Appended where output was cut.
CUT = "\n… output cut: more than {limit} characters\n"


#: What a learner's rendered markdown may keep: text structure and plain links, nothing that
#: loads, runs or styles anything (no img, script, iframe, form, style or event attributes).
ANSWER_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "del", "div", "em", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "span", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul"})
ANSWER_ATTRIBUTES = {"a": ["href", "title"], "abbr": ["title"], "td": ["align"],
                     "th": ["align"]}


def clean_answer_html(html: str) -> str:
    """A learner's markdown answer, already rendered to HTML, with everything but text
    structure and http(s)/mailto links escaped (shown as text, so the instructor sees what was
    tried). A Jinja filter of formgrader's page (``coachlab_clean``)."""
    return bleach.clean(str(html), tags=ANSWER_TAGS, attributes=ANSWER_ATTRIBUTES,
                        protocols=["http", "https", "mailto"], strip=False,
                        strip_comments=True)


class SafeOutputs(SanitizeHTML):
    """nbconvert's SanitizeHTML, on code cells' outputs only, always on in grading pipelines."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.enabled = True  # nbconvert's own preprocessors start disabled

    def preprocess_cell(self, cell: NotebookNode, resources: ResourcesDict,
                        cell_index: int) -> tuple[NotebookNode, ResourcesDict]:
        if cell.cell_type == "code":
            cell.outputs = self.sanitize_code_outputs(cell.get("outputs", []))
        return cell, resources


class CapOutputs(NbGraderPreprocessor):
    """At most ``max_chars`` characters of output per code cell; errors shortened, never
    dropped."""

    max_chars = Integer(
        20_000, help="Characters of output kept per cell, all outputs and kinds together."
    ).tag(config=True)
    max_error_chars = Integer(
        2_000, help="Characters kept of each error's message and of its traceback."
    ).tag(config=True)

    def preprocess_cell(self, cell: NotebookNode, resources: ResourcesDict,
                        cell_index: int) -> tuple[NotebookNode, ResourcesDict]:
        if cell.cell_type == "code":
            cell.outputs = cap(cell.get("outputs", []), self.max_chars, self.max_error_chars)
        return cell, resources


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _cut(text: str, room: int, limit: int) -> str:
    return text if len(text) <= room else text[:max(room, 0)] + CUT.format(limit=limit)


def cap(outputs: list[NotebookNode], max_chars: int, max_error_chars: int
        ) -> list[NotebookNode]:
    """``outputs`` within ``max_chars`` characters in all; errors kept (shortened)."""
    room = max_chars
    kept: list[NotebookNode] = []
    for output in outputs:
        kind = output.get("output_type")
        if kind == "error":
            output.ename = _cut(_text(output.get("ename", "")), 200, 200)
            output.evalue = _cut(_text(output.get("evalue", "")), max_error_chars,
                                 max_error_chars)
            traceback = "\n".join(_text(line) for line in output.get("traceback", []))
            if len(traceback) > max_error_chars:  # keep the end, where the error is named
                traceback = CUT.format(limit=max_error_chars) + traceback[-max_error_chars:]
            output.traceback = traceback.splitlines()
            kept.append(output)
        elif room <= 0:
            continue
        elif kind == "stream":
            text = _text(output.get("text", ""))
            output.text = _cut(text, room, max_chars)
            room -= len(text)
            kept.append(output)
        elif kind in ("display_data", "execute_result"):
            data = output.get("data", {})
            for key in list(data):
                size = len(_text(data[key]))
                if key == "text/plain":
                    data[key] = _cut(_text(data[key]), room, max_chars)
                elif size > room:
                    del data[key]  # a cut image or page is broken: drop it whole
                    continue
                room -= size
            if data:
                kept.append(output)
    return kept
