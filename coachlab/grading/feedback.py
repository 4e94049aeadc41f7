"""Keep instructor-only material out of the feedback a learner reads.

nbgrader's feedback is rendered from the autograded notebook, whose test cells were restored from
the gradebook with their hidden tests (nbgrader issue #917). This preprocessor removes hidden-test
regions, any output line or traceback that quotes them, and rubric cells.
"""

from __future__ import annotations

import re

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode, from_dict
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from coachlab.grading.release import is_instructor_only

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: Lines shorter than this (e.g. ``)`` or ``pass``) are too common to count as quoting a test.
_MIN_QUOTED = 6


class HideInstructorContent(NbGraderPreprocessor):
    """Strip hidden tests, what quotes them, and rubrics from a notebook before feedback."""

    begin_test_delimeter = Unicode("BEGIN HIDDEN TESTS").tag(config=True)
    end_test_delimeter = Unicode("END HIDDEN TESTS").tag(config=True)
    hidden_failure_message = Unicode(
        "A hidden check for this part did not pass. "
        "Your feedback above says which answers to revisit."
    ).tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        nb.cells = [cell for cell in nb.cells if not is_instructor_only(cell)]
        for cell in nb.cells:
            if cell.cell_type == "code":
                self._strip_cell(cell)
        return nb, resources

    def _strip_cell(self, cell: NotebookNode) -> None:
        kept, hidden = split_hidden(cell.source, self.begin_test_delimeter, self.end_test_delimeter)
        if not hidden:
            return
        cell.source = kept
        quoted = [line.strip() for line in hidden if len(line.strip()) >= _MIN_QUOTED]
        outputs = []
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                outputs.append(self._safe_error(output, quoted))
            elif output.output_type == "stream":
                output.text = _without_quotes(output.text, quoted)
                if output.text:
                    outputs.append(output)
            else:
                outputs.append(output)
        cell.outputs = outputs

    def _safe_error(self, output: NotebookNode, quoted: list[str]) -> NotebookNode:
        message = f"{output.ename}: {output.evalue}"
        if _quotes_any(message, quoted):
            message = self.hidden_failure_message
        return from_dict({"output_type": "error", "ename": output.ename,
                          "evalue": output.evalue if message != self.hidden_failure_message
                          else self.hidden_failure_message,
                          "traceback": [message]})


def split_hidden(source: str, begin: str, end: str) -> tuple[str, list[str]]:
    """Split a cell's source into (source without hidden regions, the hidden lines)."""
    kept: list[str] = []
    hidden: list[str] = []
    inside = False
    for line in source.split("\n"):
        if begin in line:
            inside = True
        elif end in line and inside:
            inside = False
        elif inside:
            hidden.append(line)
        else:
            kept.append(line)
    return "\n".join(kept), hidden


def _quotes_any(text: str, quoted: list[str]) -> bool:
    plain = _ANSI.sub("", text)
    return any(line in plain for line in quoted)


def _without_quotes(text: str, quoted: list[str]) -> str:
    return "".join(
        line for line in text.splitlines(keepends=True) if not _quotes_any(line, quoted)
    )


#: The feedback page's template: nbgrader's, with a language, contrast and underlined links.
FEEDBACK_TEMPLATE = "coachlab-feedback"


def feedback_template_dirs() -> list[str]:
    """Template folders for ``HTMLExporter.extra_template_basedirs`` in ``GenerateFeedback``.

    nbgrader's own folder comes first because coachlab's template extends its ``feedback``
    template (nbgrader only adds that folder itself when none is configured).
    """
    from pathlib import Path

    import nbgrader

    nbgrader_templates = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" \
        / "templates"
    return [str(nbgrader_templates), str(Path(__file__).resolve().parents[1] / "templates")]
