"""Preprocessors for ``nbgrader generate_assignment``: what turns solutions/ into exercises/."""

from __future__ import annotations

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import ClearSolutions, NbGraderPreprocessor

from coachlab.blanks import blank_literals

#: Metadata flag on cells that only instructors may see (rubrics, model answers).
INSTRUCTOR_ONLY = "instructor_only"


def is_instructor_only(cell: NotebookNode) -> bool:
    """True for a cell marked ``metadata.coachlab.instructor_only``."""
    return bool(cell.get("metadata", {}).get("coachlab", {}).get(INSTRUCTOR_ONLY, False))


class BlankAnswers(ClearSolutions):
    """nbgrader's ClearSolutions, but ``answer = "x"`` becomes ``answer = ""``.

    nbgrader cuts each solution region and writes its ``code_stub`` in its place. Here, for Python
    code cells, each line is numbered first (at its end) and the stub is a marker, so the lines
    nbgrader cut are known exactly; each marker then becomes its region with every literal
    blanked. A region
    with no assignment (code that is not an answer) and a solution cell without a region get the
    usual stub. Only ClearSolutions' public ``preprocess_cell`` and ``code_stub`` are used, so its
    own rules (nested or unclosed regions, regions outside solution cells) still apply.
    """

    code_stub: dict[str, str]  # ClearSolutions' trait (nbgrader has no type information)

    def preprocess_cell(
        self, cell: NotebookNode, resources: ResourcesDict, cell_index: int
    ) -> tuple[NotebookNode, ResourcesDict]:
        if cell.cell_type != "code" or resources.get("language") != "python":
            return super().preprocess_cell(cell, resources, cell_index)
        lines = cell.source.split("\n")
        stubs = self.code_stub
        cell.source = "\n".join(f"{line}{_NUMBERED}{number}" for number, line in enumerate(lines))
        self.code_stub = {**stubs, "python": _REGION}
        try:
            cell, resources = super().preprocess_cell(cell, resources, cell_index)
        except Exception:
            cell.source = "\n".join(lines)
            raise
        finally:
            self.code_stub = stubs
        cell.source = "\n".join(self._fill(lines, cell.source.split("\n"), stubs["python"]))
        return cell, resources

    def _fill(self, lines: list[str], cleared: list[str], stub: str) -> list[str]:
        """``cleared`` (nbgrader's output) with numbered lines restored and each marker replaced
        by its region, blanked."""
        numbers = [_number(line) for line in cleared]
        out: list[str] = []
        previous = -1
        position = 0
        while position < len(cleared):
            number = numbers[position]
            if number is not None:
                previous = number
                out.append(lines[previous])
                position += 1
                continue
            run = position
            while run < len(cleared) and numbers[run] is None:
                run += 1
            following = numbers[run] if run < len(cleared) else len(lines)
            regions: list[list[str] | None] = [*self._regions(lines[previous + 1:following])]
            markers = cleared[position:run]
            if not regions:  # a solution cell without a region: nbgrader stubbed it whole
                regions = [None] * len(markers)
            if len(regions) != len(markers):
                raise RuntimeError("could not match solution regions to nbgrader's stubs")
            for marker, region in zip(markers, regions, strict=True):
                indent = marker[: -len(_REGION)]
                out += self._blank_region(region, indent, stub)
            position = run
        return out

    def _regions(self, span: list[str]) -> list[list[str]]:
        """The regions in ``span`` (lines nbgrader cut), each without its BEGIN and END line."""
        regions: list[list[str]] = []
        for line in span:
            if self.begin_solution_delimeter in line:
                regions.append([])
            elif regions and self.end_solution_delimeter not in line:
                regions[-1].append(line)
        return regions

    @staticmethod
    def _blank_region(region: list[str] | None, indent: str, stub: str) -> list[str]:
        blanked = None if region is None else blank_literals("\n".join(_dedent(region, indent)))
        if blanked is None:
            return [indent + line for line in stub.split("\n")]
        return [indent + line if line else line for line in blanked.split("\n")]


#: Separates a line's number from the line while nbgrader clears solution regions.
_NUMBERED = "\x00coachlab-line\x00"
#: The stub nbgrader writes for each region; replaced by the blanked region.
_REGION = "\x00coachlab-region\x00"


def _number(line: str) -> int | None:
    # At the end of the line, so nbgrader still sees each line's indentation.
    _, separator, number = line.rpartition(_NUMBERED)
    return int(number) if separator and number.isdigit() else None


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
