"""Keep instructor-only material out of the feedback a learner reads.

nbgrader's feedback is rendered from the autograded notebook, whose test cells were restored from
the gradebook with their hidden tests (nbgrader issue #917). This preprocessor removes hidden-test
regions (with nbgrader's own ClearHiddenTests), any output line or traceback that quotes them, and
rubric cells.
"""

from __future__ import annotations

import re
from pathlib import Path

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode, from_dict
from nbgrader.preprocessors import ClearHiddenTests
from traitlets import Unicode

from coachlab.grading.hidden import is_test, removed_lines
from coachlab.grading.release import is_instructor_only

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: Lines shorter than this (e.g. ``)`` or ``pass``) are too common to count as quoting a test.
_MIN_QUOTED = 6


class HideInstructorContent(ClearHiddenTests):
    """nbgrader's ClearHiddenTests, for feedback: it also drops rubric cells and removes output
    lines and tracebacks that quote a hidden test.

    Only test cells are cleared: a learner's answer cell that happens to hold the delimiter text
    is the learner's own, and must not make feedback fail.
    """

    hidden_failure_message = Unicode(
        "A hidden check for this part did not pass. "
        "Your feedback above says which answers to revisit."
    ).tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        nb.cells = [cell for cell in nb.cells if not is_instructor_only(cell)]
        return super().preprocess(nb, resources)

    def preprocess_cell(
        self, cell: NotebookNode, resources: ResourcesDict, cell_index: int
    ) -> tuple[NotebookNode, ResourcesDict]:
        if not is_test(cell):
            return cell, resources
        source = cell.source
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if cell.source != source:
            self._strip_outputs(cell, removed_lines(source, cell.source))
        return cell, resources

    def _strip_outputs(self, cell: NotebookNode, hidden: list[str]) -> None:
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


def _quotes_any(text: str, quoted: list[str]) -> bool:
    plain = _ANSI.sub("", text)
    return any(line in plain for line in quoted)


def _without_quotes(text: str, quoted: list[str]) -> str:
    return "".join(
        line for line in text.splitlines(keepends=True) if not _quotes_any(line, quoted)
    )


#: The feedback page's template: coachlab's own report page, on nbconvert's base templates.
FEEDBACK_TEMPLATE = "coachlab-feedback"


def feedback_template_dirs() -> list[str]:
    """Template folders for ``HTMLExporter.extra_template_basedirs`` in ``GenerateFeedback``.

    Only coachlab's: its template extends nbconvert's ``base`` templates (found on nbconvert's
    own path), not nbgrader's feedback page, whose notebook layout, test-cell labels and
    MathJax from a CDN are what the learner must not see.
    """
    return [str(Path(__file__).resolve().parents[1] / "templates")]


#: formgrader's submission page: nbgrader's, with learners' markdown cleaned after rendering.
FORMGRADER_TEMPLATE = "coachlab-formgrade"


def formgrader_template_paths() -> list[str]:
    """Folders for ``HTMLExporter.extra_template_paths``: formgrader builds its exporter from the
    course config (``HTMLExporter``, not a scoped section) with the template name "formgrade";
    ``HTMLExporter.template_file`` then picks coachlab's page, which extends nbgrader's."""
    return [str(Path(__file__).resolve().parents[1] / "templates" / FORMGRADER_TEMPLATE)]
