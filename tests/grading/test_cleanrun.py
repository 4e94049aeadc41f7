"""The clean re-check's runner: answers read as literals, tests run with nothing else."""

from __future__ import annotations

from coachlab.grading.cleanrun import literal_answers, run_cell


def test_only_literal_assignments_are_answers() -> None:
    answers = literal_answers([
        'label_1 = "open"\nlabel_2: str = "tell"\nplan = ["drill", 3]',
        "class Liar(str):\n    def __eq__(self, other):\n        return True\nlabel_3 = Liar('x')",
        "label_4 = input()",
        "def f(:",  # does not parse: skipped, the rest still counts
    ])
    # Guards ast.literal_eval: an object whose __eq__ lies is never an answer.
    assert answers == {"label_1": "open", "label_2": "tell", "plan": ["drill", 3]}


def test_a_later_assignment_wins_and_nested_ones_are_ignored() -> None:
    answers = literal_answers(['a = "first"\na = "second"\nif True:\n    b = 1'])
    assert answers == {"a": "second"}


def test_a_test_cell_runs_on_the_answers_alone() -> None:
    # Guards the fresh namespace: helpers a learner defined or patched do not exist here.
    result = run_cell("print(sorted(k for k in globals() if not k.startswith('__')))\n1 + 1",
                      {"label_1": "open"})
    assert result == {"value": "2", "error": None, "stdout": "['label_1']\n"}


def test_a_failure_is_reported_as_name_and_message() -> None:
    result = run_cell("assert label_1 == 'open', 'label 1 is not open'", {"label_1": "tell"})
    assert result["error"] == "AssertionError: label 1 is not open"
    assert run_cell("raise SystemExit(3)", {})["error"] == "SystemExit: 3"
    assert run_cell("x = 1", {})["value"] is None
