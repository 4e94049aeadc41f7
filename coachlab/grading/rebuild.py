"""Rebuild a submission on the learners' copy before it is graded.

nbgrader trusts a submission's cell metadata, and stumbles when it is tampered with: a deleted,
duplicated or renamed test cell, a flipped ``grade`` flag or stripped metadata each make autograde
crash or leave a part waiting for manual grading forever. Instead of patching each case, grading
starts from the released notebook (exercises/<exercise>/<notebook>.ipynb): every cell comes from
there, and only the learner's answers (solution cells, matched by ``grade_id``, else by cell id)
are carried over. Added cells are dropped; the submitted file itself is kept untouched by nbgrader.
The notebook's metadata is the release's too: nothing the learner's notebook carried (widget
state, extensions' data) reaches autograded/, formgrader or feedback. An answer longer than
:data:`MAX_ANSWER_CHARS` is not carried over (graded as blank, with a note in the cell), so no
later step parses, runs or renders a huge answer.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Protocol

import nbformat
from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

#: Longest answer cell carried over, in characters (the course's answers are a few lines).
MAX_ANSWER_CHARS = 20_000


class MissingRelease(RuntimeError):
    """The learners' copy that a submission is rebuilt on does not exist."""


class RebuildSubmission(NbGraderPreprocessor):
    """Replace a submission's structure with the release's, keeping the learner's answers."""

    release_directory = Unicode(
        "exercises", help="The course's release folder, relative to the course root."
    ).tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        info = resources["nbgrader"]
        # nbgrader converts with the course root as the working directory.
        path = Path(self.release_directory) / info["assignment"] / f"{info['notebook']}.ipynb"
        if not path.is_file():
            raise MissingRelease(
                f"cannot grade {info['notebook']}: the learners' copy {path.resolve()} is "
                f"missing; run `coachlab exercises` in the course folder")
        release = nbformat.read(path, as_version=4)
        nb.cells = rebuild_cells(release.cells, nb.cells, self.log)
        nb.metadata = copy.deepcopy(release.metadata)
        return nb, resources


def _grade_id(cell: NotebookNode) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


class Warns(Protocol):
    """Where a note goes: a logger, or anything with a logger's ``warning``."""

    def warning(self, msg: str, /, *args: object) -> None: ...


def _is_answer(cell: NotebookNode) -> bool:
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("solution"))


def rebuild_cells(release: list[NotebookNode], submitted: list[NotebookNode],
                  log: Warns | None = None) -> list[NotebookNode]:
    """The release's cells, with each answer cell's source taken from ``submitted``."""
    by_grade_id: dict[str, NotebookNode] = {}
    by_cell_id: dict[str, NotebookNode] = {}
    for cell in submitted:
        source = cell.get("source")
        if not isinstance(source, str):
            continue
        grade_id = _grade_id(cell)
        if _is_answer(cell) and isinstance(grade_id, str):
            by_grade_id.setdefault(grade_id, cell)
        if isinstance(cell.get("id"), str):
            by_cell_id.setdefault(cell["id"], cell)
    rebuilt = []
    for cell in release:
        new = copy.deepcopy(cell)
        if _is_answer(cell):
            mine = by_grade_id.get(_grade_id(cell) or "") or by_cell_id.get(cell.get("id", ""))
            if mine is not None and len(mine.source) > MAX_ANSWER_CHARS:
                note = (f"answer not graded: {len(mine.source):,} characters, over the limit "
                        f"of {MAX_ANSWER_CHARS:,}")
                new.source = (f"# {note}\n{new.source}" if new.cell_type == "code"
                              else f"_({note})_")
                if log is not None:
                    log.warning("Answer cell %s: %s", _grade_id(cell), note)
            elif mine is not None:
                new.source = mine.source
            elif log is not None:
                log.warning("Answer cell %s is missing from the submission; graded as blank",
                            _grade_id(cell))
        rebuilt.append(new)
    return rebuilt
