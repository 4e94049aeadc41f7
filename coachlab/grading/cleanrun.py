"""Run test cells again in a clean process, on the learner's answers read as plain literals.

Test cells run in the learner's kernel, where an answer cell may have replaced a grading helper,
patched a builtin or defined an object whose ``__eq__`` lies. Here nothing the learner wrote is
executed: each answer is read from the answer cells with ``ast.literal_eval`` (answers are typed as
plain text, numbers and lists), and each test cell runs in a fresh namespace holding only those
values. Usage: ``python -m coachlab.grading.cleanrun < job.json > results.json``.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import sys
from typing import Any


def literal_answers(sources: list[str]) -> dict[str, Any]:
    """``name = <literal>`` assignments at the top level of answer cells; the rest is ignored."""
    answers: dict[str, Any] = {}
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.AnnAssign) and node.value is not None:
                targets, value = [node.target], node.value
            elif isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            else:
                continue
            try:
                literal = ast.literal_eval(value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                continue
            for target in targets:
                if isinstance(target, ast.Name):
                    answers[target.id] = literal
    return answers


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
    result["stdout"] = stdout.getvalue()
    return result


def main() -> None:
    """Read a job from stdin, write one result per test cell to stdout."""
    job = json.load(sys.stdin)
    answers = literal_answers(job["answers"])
    results = {cell["id"]: run_cell(cell["source"], answers) for cell in job["tests"]}
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
