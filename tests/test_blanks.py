"""Blanking answers for the learners' copy keeps the shape and removes every answer (the
preprocessor that uses it is tested in test_release.py)."""

from __future__ import annotations

import pytest

from coachlab.blanks import blank_literals


@pytest.mark.parametrize(("code", "blanked"), [
    ('label_1 = "leading"', 'label_1 = ""'),
    ("answers = ['open', 'tell']  # two replies", 'answers = ["", ""]  # two replies'),
    ("confidence = 3\nready = True", "confidence = None\nready = None"),
    ('plan = {\n    "day_1": "drill",\n}', 'plan = {\n    "": "",\n}'),
    ('text = """line one\nline two"""', 'text = ""'),
])
def test_blank_literals(code: str, blanked: str) -> None:
    assert blank_literals(code) == blanked


@pytest.mark.parametrize("code", ["print('hi')", "def f(:", "x ="])
def test_blank_literals_declines_what_is_not_an_answer(code: str) -> None:
    assert blank_literals(code) is None


@pytest.mark.parametrize(("cell_type", "source", "blank"), [
    ("code", 'label_1 = ""\nlabel_2 = ""', True),
    ("code", 'label_1 = "open"\nlabel_2 = ""', False),
    ("code", "plan = []", True),
    ("code", 'plan = ["day 1: drill"]', False),
    ("code", "print('my own code')", False),
    ("code", "", True),
    ("markdown", "_Write your answer here._", True),
    ("markdown", "I told Sam to call the CFO.", False),
])
def test_is_unanswered(cell_type: str, source: str, blank: bool) -> None:
    from coachlab.blanks import is_unanswered

    assert is_unanswered(cell_type, source) is blank

