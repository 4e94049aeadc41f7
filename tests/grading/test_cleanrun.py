"""The clean re-check's runner: answers read as literals, tests run with nothing else."""

from __future__ import annotations

from coachlab.grading.cleanrun import explain_failure, literal_answers, read_answers, run_cell


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


def test_a_typo_costs_that_answer_alone_and_is_named() -> None:
    # A missing quote stops the whole cell from parsing: the other answers are still read.
    answers = read_answers(['label_1 = "open"\nlabel_2 = "tell\nlabel_3 = ask\nlabel_4 = 3'])
    assert answers.values == {"label_1": "open", "label_4": 3}
    assert answers.unreadable == {"label_2": '"tell', "label_3": "ask"}


def test_a_later_plain_answer_replaces_an_unreadable_one_and_the_other_way_round() -> None:
    assert read_answers(['a = b\na = "ok"']).values == {"a": "ok"}
    answers = read_answers(['a = "ok"\na = b'])
    assert answers.values == {} and answers.unreadable == {"a": "b"}


def test_a_test_says_how_to_type_each_answer_it_reads_that_could_not_be_read() -> None:
    answers = read_answers(["label_1 = ask\nlabel_2 = tell"])
    # Tests name the answers they read as names or as strings (globals().get("label_1")).
    test = "x = globals().get('label_1')\nassert label_2 == 'ask'"
    result = explain_failure(run_cell(test, answers.values), test, answers)
    assert [line.split(" could")[0] for line in result["not_read"]] == [
        "AnswerNotReadable: your answer label_1 (you typed ask)",
        "AnswerNotReadable: your answer label_2 (you typed tell)"]
    assert 'label_1 = "your answer"' in result["not_read"][0]
    # A test that reads other answers says nothing about these.
    assert explain_failure(run_cell("1", {}), "1", answers)["not_read"] == []
    missing = explain_failure(run_cell("label_9 == 1", {}), "label_9 == 1", read_answers([]))
    assert missing["error"].startswith("AnswerMissing: there is no answer for label_9")
    wrong = read_answers(['label_1 = "tell"'])
    other = explain_failure(run_cell("assert label_1 == 'ask'", wrong.values),
                            "assert label_1 == 'ask'", wrong)
    assert other["error"] == "AssertionError: " and other["not_read"] == []


def test_an_answer_cannot_take_pythons_own_names() -> None:
    # An answer named like a builtin or a dunder would change what the test's code means.
    answers = read_answers(['len = 3\n__builtins__ = {}\n_hidden = 1\nAssertionError = "x"\n'
                            'label_1 = "open"'])
    assert answers.values == {"label_1": "open"} and answers.unreadable == {}
