"""Score test cells on the learner's answers read as data, in a process of their own.

Nothing the learner wrote is executed: each answer is read from the answer cells with
``ast.literal_eval`` (answers are typed as plain text, numbers and lists), and each test cell runs
in a fresh namespace holding only those values. An answer that is not a plain value (a name, a
call, a missing quote) is not read; a test that needs it fails with a reason the learner can act
on ("type your answer between quotes"). Usage:
``python -m coachlab.grading.cleanrun < job.json > results.json``.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import io
import json
import re
import sys
from dataclasses import dataclass, field
from typing import Any

#: The error a test gets when an answer it reads could not be read as a plain value.
NOT_READABLE = "AnswerNotReadable"
#: The error a test gets when an answer it reads is not there at all.
MISSING = "AnswerMissing"
#: Names an answer can never take: a test reads Python's own names as Python's (an answer called
#: ``len`` or ``__builtins__`` would change what the test's code means, not answer it).
_RESERVED = frozenset(dir(builtins))
_ASSIGNED = re.compile(r"^([A-Za-z_]\w*)\s*(?::[^=]*)?=(?!=)", re.MULTILINE)


@dataclass
class Answers:
    """The answers read from the answer cells: the plain values, and the names whose answer was
    typed but is not a plain value (with what was typed, shortened)."""

    values: dict[str, Any] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)


def read_answers(sources: list[str]) -> Answers:
    """``name = <literal>`` assignments at the top level of answer cells; the rest is not run.

    A later assignment to a name wins, as it would in a notebook; an assignment whose value is
    not a literal makes the name unreadable (and forgets an earlier value), so a learner is told
    why instead of being scored on a value they replaced."""
    answers = Answers()
    for source in sources:
        try:
            _read_cell(answers, source)
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            # The cell does not parse (a missing quote): each assignment is read on its own, so
            # a typo costs that answer alone; the one that does not parse is unreadable.
            for chunk in _statements(source):
                try:
                    _read_cell(answers, chunk)
                except (SyntaxError, ValueError, MemoryError, RecursionError):
                    for match in _ASSIGNED.finditer(chunk):
                        _unreadable(answers, match.group(1), chunk[match.end():])
    return answers


def _statements(source: str) -> list[str]:
    """``source`` cut before each line that starts an assignment at the left margin."""
    starts = [match.start() for match in _ASSIGNED.finditer(source)]
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    return [source[a:b] for a, b in zip(starts, [*starts[1:], len(source)], strict=True)]


def _read_cell(answers: Answers, source: str) -> None:
    """Read the top-level ``name = <literal>`` assignments of one parsed cell into ``answers``."""
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        elif isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        else:
            continue
        names = [target.id for target in targets if isinstance(target, ast.Name)
                 and _is_answer_name(target.id)]
        try:
            literal = ast.literal_eval(value)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            typed = ast.get_source_segment(source, value) or ""
            for name in names:
                _unreadable(answers, name, typed)
            continue
        for name in names:
            answers.values[name] = literal
            answers.unreadable.pop(name, None)


def _is_answer_name(name: str) -> bool:
    return not name.startswith("_") and name not in _RESERVED


def _unreadable(answers: Answers, name: str, typed: str) -> None:
    if not _is_answer_name(name):
        return
    answers.values.pop(name, None)
    first = typed.strip().splitlines()[0] if typed.strip() else ""
    answers.unreadable[name] = first[:60] + ("…" if len(first) > 60 else "")


def literal_answers(sources: list[str]) -> dict[str, Any]:
    """The plain values of :func:`read_answers`."""
    return read_answers(sources).values


def run_cell(source: str, answers: dict[str, Any]) -> dict[str, Any]:
    """Execute one test cell like a notebook would; report its value, stdout and error."""
    namespace: dict[str, Any] = {"__name__": "__main__", **answers}
    stdout = io.StringIO()
    result: dict[str, Any] = {"value": None, "error": None, "stdout": ""}
    try:
        tree = ast.parse(source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        with contextlib.redirect_stdout(stdout):
            exec(compile(tree, "<test>", "exec"), namespace)  # noqa: S102 - course test code
            if last is not None:
                value = eval(compile(ast.Expression(last.value), "<test>", "eval"), namespace)
                if value is not None:
                    result["value"] = repr(value)
    except BaseException as error:  # noqa: BLE001 - any failure scores zero, like nbgrader
        result["error"] = f"{type(error).__name__}: {error}"
        if isinstance(error, NameError) and error.name:
            result["missing"] = error.name
    result["stdout"] = stdout.getvalue()
    return result


def not_read(source: str, answers: Answers) -> list[str]:
    """One line per answer this test reads that was typed but could not be read as a plain
    value, saying how to type it. A test names the answers it reads, as names or as strings
    (``globals().get("label_1")``)."""
    used = _names_in(source)
    lines = []
    for name, typed in answers.unreadable.items():
        if name in used:
            shown = f" (you typed {typed})" if typed else ""
            lines.append(f"{NOT_READABLE}: your answer {name}{shown} could not be read. Type it "
                         f'between quotes, as the cell shows: {name} = "your answer" (a number '
                         "or a list works as typed).")
    return lines


def explain_failure(result: dict[str, Any], source: str, answers: Answers) -> dict[str, Any]:
    """``result`` with the reasons a learner can act on: each answer the test reads that could
    not be read, and an error naming an answer that is not there at all."""
    result = {**result, "not_read": not_read(source, answers)}
    missing = result.pop("missing", None)
    if result.get("error") and missing and missing in _names_in(source) \
            and missing not in answers.unreadable:
        result["error"] = (f"{MISSING}: there is no answer for {missing}. Type it in its answer "
                           f'cell, between quotes: {missing} = "your answer"')
    return result


def _names_in(source: str) -> set[str]:
    """The names ``source`` uses, and the strings in it that could be names."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and node.value.isidentifier():
            names.add(node.value)
    return names


def main() -> None:
    """Read a job from stdin, write one result per test cell to stdout."""
    job = json.load(sys.stdin)
    answers = read_answers(job["answers"])
    results = {}
    for cell in job["tests"]:
        results[cell["id"]] = explain_failure(run_cell(cell["source"], answers.values),
                                              cell["source"], answers)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
