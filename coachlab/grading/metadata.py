"""nbgrader's cell-metadata check, validating each distinct cell metadata once per process.

``CheckCellMetadata`` validates every cell's nbgrader metadata against nbgrader's JSON schema,
and ``jsonschema.validate`` checks the schema itself again on every call: about a quarter of an
autograde's time went there. Every submission of an exercise is rebuilt on the same release
(:mod:`coachlab.grading.rebuild`), so its cells carry the same few metadata dicts. Here nbgrader's
own validator checks each distinct dict once; a dict already found valid is not checked again.
The check, its errors and its message are nbgrader's (``preprocess`` follows
``CheckCellMetadata.preprocess``; ``tests/grading/test_metadata.py`` pins that body).
"""

from __future__ import annotations

import json
import traceback
from typing import Any, ClassVar

from nbformat.notebooknode import NotebookNode
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.preprocessors import CheckCellMetadata

#: Most distinct metadata dicts remembered (a course has a few hundred cells).
MAX_REMEMBERED = 10_000


class _ValidOnce(MetadataValidator):
    """nbgrader's validator, skipping a cell whose metadata it has already found valid."""

    valid: ClassVar[set[str]] = set()

    def validate_cell(self, cell: NotebookNode) -> None:
        meta = cell.get("metadata", {}).get("nbgrader")
        if meta is None:
            return
        key = json.dumps(meta, sort_keys=True, default=repr)
        if key in self.valid:
            return
        super().validate_cell(cell)
        if len(self.valid) < MAX_REMEMBERED:
            self.valid.add(key)


class CheckCellMetadataOnce(CheckCellMetadata):
    """``CheckCellMetadata`` with each distinct cell metadata validated once per process."""

    def preprocess(self, nb: NotebookNode, resources: Any) -> tuple[NotebookNode, Any]:
        try:
            _ValidOnce().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg) from None
        return nb, resources
