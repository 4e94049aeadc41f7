"""The ``coachlab`` command: argument parsing and calls into the package, nothing more."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``coachlab`` command and return its exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except _UserError as error:
        print(f"coachlab: {error}", file=sys.stderr)
        return 2


class _UserError(Exception):
    """An error the user can fix; printed without a traceback."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coachlab", description="A Jupyter course on coaching by asking, not telling.")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    start = commands.add_parser("start", help="open the course in JupyterLab")
    start.add_argument("--port", type=int, default=8888, help="first port to try (default 8888)")
    start.add_argument("--no-browser", action="store_true", help="only print the URL")
    start.set_defaults(run=_start)

    exercises = commands.add_parser(
        "exercises", help="regenerate exercises/ from solutions/ (nbgrader generate)")
    exercises.add_argument("--check", action="store_true",
                           help="change nothing; exit 1 if exercises/ has drifted from solutions/")
    exercises.set_defaults(run=_exercises)

    classify = commands.add_parser("classify", help="label a manager's reply")
    classify.add_argument("text", nargs="+", help='the reply, or "-" to read one reply per line')
    classify.add_argument("--json", action="store_true", help="print JSON lines")
    classify.set_defaults(run=_classify)

    scenarios = commands.add_parser("scenarios", help="work with the scenario bank")
    scenario_commands = scenarios.add_subparsers(title="scenario commands", metavar="COMMAND")
    check = scenario_commands.add_parser("check", help="validate scenario files")
    check.add_argument("paths", nargs="*", type=Path,
                       help="files or folders (default: the course's scenarios)")
    check.set_defaults(run=_scenarios_check)
    return parser


def _root() -> Path:
    from coachlab.course import CourseNotFound, find_root

    try:
        return find_root()
    except CourseNotFound as error:
        raise _UserError(str(error)) from error


def _start(args: argparse.Namespace) -> int:
    from coachlab.launch import start_lab

    return start_lab(_root(), port=args.port, open_browser=not args.no_browser)


def _exercises(args: argparse.Namespace) -> int:
    from coachlab.exercises import drift, regenerate

    root = _root()
    if args.check:
        problems = drift(root)
        for problem in problems:
            print(problem)
        print("exercises/ is in step with solutions/" if not problems
              else "run `coachlab exercises` (or `make exercises`) to regenerate")
        return 1 if problems else 0
    names = regenerate(root)
    print(f"exercises/ regenerated from solutions/: {', '.join(names)}")
    return 0


def _classify(args: argparse.Namespace) -> int:
    from coachlab.analysis import classify

    texts = [line for line in sys.stdin.read().splitlines() if line.strip()] \
        if args.text == ["-"] else [" ".join(args.text)]
    status = 0
    for text in texts:
        try:
            result = classify(text)
        except ValueError as error:
            print(f"coachlab: {error}", file=sys.stderr)
            status = 2
            continue
        if args.json:
            print(json.dumps({"text": text, "label": result.label,
                              "reasons": list(result.reasons), "hint": result.hint}))
            continue
        print(result.label)
        for reason in result.reasons:
            print(f"  because {reason}")
        if result.hint:
            print(f"  tip: {result.hint}")
    return status


def _scenarios_check(args: argparse.Namespace) -> int:
    from coachlab.scenarios import check_paths

    paths = args.paths or [_root() / "course" / "scenarios"]
    findings = check_paths(paths)
    for finding in findings:
        print(finding)
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    print(f"{errors} error(s), {warnings} warning(s) in {', '.join(map(str, paths))}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
