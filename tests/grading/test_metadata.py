"""The cell-metadata check validates each distinct metadata once, and still refuses bad ones."""

from __future__ import annotations

import hashlib
import inspect

import pytest
from nbgrader.nbgraderformat import ValidationError
from nbgrader.preprocessors import CheckCellMetadata

from coachlab.grading.metadata import CheckCellMetadataOnce, _ValidOnce
from tests.helpers import cells

#: sha256 of nbgrader's ``CheckCellMetadata.preprocess``, which ``CheckCellMetadataOnce``
#: follows line by line: a new nbgrader that changes it fails here, to be looked at.
UPSTREAM = "f8dfe8c496d03e526c73f55837efef711749488700fe21e046e3e9d5be65550c"


def test_the_followed_nbgrader_body_is_unchanged() -> None:
    source = inspect.getsource(CheckCellMetadata.preprocess)
    assert hashlib.sha256(source.encode()).hexdigest() == UPSTREAM, source


def test_valid_metadata_is_checked_once_and_bad_metadata_always_refused() -> None:
    _ValidOnce.valid.clear()
    nb = cells.notebook(cells.answer('label_1 = ""', "answers-a"),
                        cells.test("assert label_1", "grade-a", points=2))
    check = CheckCellMetadataOnce()
    check.preprocess(nb, {})
    remembered = set(_ValidOnce.valid)
    assert len(remembered) == 2
    check.preprocess(nb, {})
    assert _ValidOnce.valid == remembered
    # Metadata never seen valid (points as text) is checked, and refused, every time.
    nb.cells[1].metadata.nbgrader["points"] = "two"
    for _ in range(2):
        with pytest.raises(ValidationError, match="nbgrader metadata may be corrupted"):
            check.preprocess(nb, {})
    assert _ValidOnce.valid == remembered
