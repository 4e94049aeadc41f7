"""Preprocessors for ``nbgrader generate_assignment``: what turns solutions/ into exercises/."""

from __future__ import annotations

import re

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import ClearSolutions, NbGraderPreprocessor

from coachlab.grading.answers import blank_literals

#: Metadata flag on cells that only instructors may see (rubrics, model answers).
INSTRUCTOR_ONLY = "instructor_only"


def is_instructor_only(cell: NotebookNode) -> bool:
    """True for a cell marked ``metadata.coachlab.instructor_only``."""
    return bool(cell.get("metadata", {}).get("coachlab", {}).get(INSTRUCTOR_ONLY, False))


class BlankAnswers(ClearSolutions):
    """Like nbgrader's ClearSolutions, but ``answer = "x"`` becomes ``answer = ""``.

    A region with no assignment (prose, or code that is not an answer) gets the usual stub.
    """

    def _replace_solution_region(self, cell: NotebookNode, language: str) -> bool:
        if cell.cell_type != "code" or language != "python":
            return super()._replace_solution_region(cell, language)
        lines = cell.source.split("\n")
        begin, end = self.begin_solution_delimeter, self.end_solution_delimeter
        new_lines: list[str] = []
        region: list[str] | None = None
        indent = ""
        replaced = False
        for line in lines:
            if begin in line:
                if region is not None:
                    raise RuntimeError("encountered nested begin solution statements")
                region, indent, replaced = [], re.match(r"\s*", line).group(0), True
            elif end in line and region is not None:
                new_lines.extend(self._blank_region(region, indent, language))
                region = None
            elif region is not None:
                region.append(line)
            else:
                new_lines.append(line)
        if region is not None:
            raise RuntimeError("no end solution statement found")
        cell.source = "\n".join(new_lines)
        return replaced

    def _blank_region(self, region: list[str], indent: str, language: str) -> list[str]:
        blanked = blank_literals("\n".join(_dedent(region, indent)))
        if blanked is None:
            return [indent + stub for stub in self.code_stub[language].split("\n")]
        return [indent + line if line else line for line in blanked.split("\n")]


def _dedent(lines: list[str], indent: str) -> list[str]:
    return [line[len(indent):] if line.startswith(indent) else line for line in lines]


class RemoveInstructorCells(NbGraderPreprocessor):
    """Drop instructor-only cells (rubrics) from the learners' copy.

    It runs after SaveCells, so the gradebook keeps them: autograde puts rubrics back beside
    each answer for formgrader (see :class:`coachlab.grading.rubrics.InsertRubrics`).
    """

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        nb.cells = [cell for cell in nb.cells if not is_instructor_only(cell)]
        return nb, resources
