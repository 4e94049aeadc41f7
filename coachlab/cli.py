"""The ``coachlab`` command: argument parsing and calls into the package, nothing more.

Each command imports what it calls inside its own function, so a command pays only for itself:
``python -X importtime -c 'import coachlab.cli'`` took 17 ms; importing every command's modules
at the top took 20.4 s on the course's loaded 2-core machine (nbgrader, matplotlib, JupyterLab),
paid by ``coachlab start`` and ``coachlab --help`` alike.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coachlab.course import MissingDriverError


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
    except (_UserError, MissingDriverError) as error:
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
    start.add_argument("--instructor", action="store_true",
                       help="instructor mode: solutions/, formgrader and every JupyterLab "
                            "shortcut (default: learner mode)")
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
                       help="files or folders (default: the bank and the exercises' "
                       "scenario files)")
    check.set_defaults(run=_scenarios_check)
    _interview_commands(commands)
    _cohort_commands(commands)
    return parser


def _interview_commands(commands: argparse._SubParsersAction) -> None:
    interview = commands.add_parser("interview", help="interview a rep in your own words")
    interview_commands = interview.add_subparsers(title="interview commands", metavar="COMMAND")
    listing = interview_commands.add_parser("list", help="the reps you can interview")
    listing.add_argument("--json", action="store_true", help='print [{"id", "title"}, ...]')
    listing.add_argument("--answers", action="store_true",
                         help="add each rep's hidden cause and fitting coaching (instructors)")
    play = interview_commands.add_parser(
        "play", help="interview one rep: in the terminal, or from a script file",
        description="A script has one question per line, then `!diagnose CAUSE`, "
                    "`!coach CHOICE` and a last line: the first thing you say when coaching.")
    play.add_argument("rep", metavar="REP", help="a rep id (see `interview list`) or a file")
    play.add_argument("--script", type=Path, default=None, help="play this script file")
    play.add_argument("--json", action="store_true", help="print the result as JSON")
    for parser in (listing, play):
        parser.add_argument("--reps", type=Path, default=None, metavar="DIR",
                            help="the reps folder (default: course/reps)")
    listing.set_defaults(run=_interview_list)
    play.set_defaults(run=_interview_play)


def _cohort_commands(commands: argparse._SubParsersAction) -> None:
    roster = commands.add_parser("roster", help="manage the cohort's learners")
    roster_commands = roster.add_subparsers(title="roster commands", metavar="COMMAND")
    roster_import = roster_commands.add_parser(
        "import", help="add or update learners from a CSV (id, first name, last name, email)")
    roster_import.add_argument("csv", type=Path, help="the roster file")
    roster_import.set_defaults(run=_roster_import)

    for name, help_text in (("grade", "autograde every submitted learner in worker processes"),
                            ("feedback", "make feedback reports for every graded submission")):
        step = commands.add_parser(name, help=help_text)
        step.add_argument("modules", nargs="*", metavar="MODULE", help="e.g. 01 or 01-tell-or-ask")
        step.add_argument("--all", action="store_true", help="every module")
        step.add_argument("--jobs", type=int, default=None,
                          help="worker processes (default: one per CPU)")
        step.set_defaults(run=_grade if name == "grade" else _feedback)

    report = commands.add_parser("report", help="the cohort report: CSV, charts, HTML, at-risk")
    report.add_argument("--out", type=Path, default=Path("reports"),
                        help="folder for the report (default: reports/)")
    report.add_argument("--threshold", type=float, default=0.6,
                        help="at risk below this share of points (default 0.6)")
    report.set_defaults(run=_report)

    demo = commands.add_parser("demo", help="grade and report a synthetic cohort in a temp folder")
    demo.add_argument("--learners", type=int, default=30, help="how many learners (default 30)")
    demo.add_argument("--out", type=Path, default=None, help="folder (default: a new temp folder)")
    demo.add_argument("--modules", nargs="*", default=None, metavar="MODULE",
                      help="only these modules (default: all)")
    demo.add_argument("--jobs", type=int, default=None, help="worker processes for grading")
    demo.set_defaults(run=_demo)

    self_grade = commands.add_parser(
        "self-grade", help="grade your own exercise (self-paced): score and feedback report")
    self_grade.add_argument("module", nargs="?", default=None, metavar="MODULE",
                            help="e.g. 01 or 01-tell-or-ask (default: the exercise folder you "
                                 "are in)")
    self_grade.set_defaults(run=_self_grade)
    _xapi_commands(commands)

    progress = commands.add_parser("progress", help="your own progress through the course")
    progress.add_argument("--no-validate", action="store_true",
                          help="skip the self-check (which runs each answered exercise)")
    progress.add_argument("--learner", default=None,
                          help="also read this learner's scores from the gradebook")
    progress.add_argument("--chart", type=Path, default=None, help="save the chart as PNG here")
    progress.set_defaults(run=_progress)


def _xapi_commands(commands: argparse._SubParsersAction) -> None:
    xapi = commands.add_parser(
        "xapi", help="xAPI statements for the company's Learning Record Store (LRS)")
    xapi_commands = xapi.add_subparsers(title="xapi commands", metavar="COMMAND")
    send = xapi_commands.add_parser(
        "send", help="send what the gradebook holds (and the queue) to the LRS",
        description="Credentials come from COACHLAB_LRS_USERNAME / COACHLAB_LRS_PASSWORD or "
                    "the [lrs] section of .coachlab/xapi.toml, never from the command line.")
    export = xapi_commands.add_parser(
        "export", help="write the statements to a JSON file instead of sending them")
    for parser in (send, export):
        parser.add_argument("modules", nargs="*", metavar="MODULE",
                            help="e.g. 01 or 01-tell-or-ask")
        parser.add_argument("--all", action="store_true",
                            help="every module, plus practice sessions")
        parser.add_argument("--journals", type=Path, default=None, metavar="DIR",
                            help="learners' folders as DIR/<learner>/ (e.g. /home on a hub): "
                                 "adds lesson and practice statements from their journals")
    send.add_argument("--lrs", default=None, metavar="URL",
                      help="the LRS's xAPI endpoint, e.g. https://lrs.example.com/xapi/ "
                           "(default: COACHLAB_LRS_URL or the config file)")
    send.set_defaults(run=_xapi_send)
    export.add_argument("--out", type=Path, required=True, help="the JSON file to write")
    export.set_defaults(run=_xapi_export)


def _root() -> Path:
    # Deferred: a command pays only for itself (the module docstring).
    from coachlab.course import CourseNotFound, find_root

    try:
        return find_root()
    except CourseNotFound as error:
        raise _UserError(str(error)) from error


def _start(args: argparse.Namespace) -> int:
    # Deferred: a command pays only for itself (the module docstring).
    from coachlab.launch import start_lab

    return start_lab(_root(), port=args.port, open_browser=not args.no_browser,
                     instructor=args.instructor)


def _exercises(args: argparse.Namespace) -> int:
    # Deferred: a command pays only for itself (the module docstring).
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
    # Deferred: a command pays only for itself (the module docstring).
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
    # Deferred: a command pays only for itself (the module docstring).
    from coachlab.interview.checks import check_any
    from coachlab.practicefile import PracticeFileError, practice_files, read_practice_file
    from coachlab.scenarios import course_scenario_files

    practice: list[Path] = []
    if args.paths:
        paths = list(args.paths)
    else:
        root = _root()
        paths = course_scenario_files(root)
        reps = root / "course" / "reps"
        paths += sorted(reps.glob("*.yaml")) if reps.is_dir() else []
        practice = practice_files(root / "course")
    findings = check_any(paths)
    for finding in findings:
        print(finding)
    errors = sum(f.severity == "error" for f in findings)
    for path in practice:  # the lessons' practice files: their schema, as a lesson reads them
        try:
            read_practice_file(path)
        except PracticeFileError as error:
            print(f"error: {error}")
            errors += 1
    warnings = len(findings) - sum(f.severity == "error" for f in findings)
    where = (", ".join(map(str, args.paths)) if args.paths
             else f"{len(paths) + len(practice)} course files")
    print(f"{errors} error(s), {warnings} warning(s) in {where}")
    return 1 if errors else 0


def _reps(args: argparse.Namespace) -> dict[str, Any]:
    # Deferred: a command pays only for itself (the module docstring).
    from coachlab.interview import RepError, load_reps

    folder = args.reps or _root() / "course" / "reps"
    try:
        return load_reps(folder)
    except RepError as error:
        raise _UserError(str(error)) from error


def _interview_list(args: argparse.Namespace) -> int:
    reps = _reps(args)
    rows = [{"id": rep.id, "title": rep.title,
             **({"cause": rep.cause, "coaching": rep.coaching} if args.answers else {})}
            for rep in reps.values()]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for row in rows:
        extra = f"  [{row['cause']}, {row['coaching']}]" if args.answers else ""
        print(f"{row['id']}  {row['title']}{extra}")
    return 0


def _interview_play(args: argparse.Namespace) -> int:
    # Deferred: a command pays only for itself (the module docstring).
    from coachlab.interview import RepError, ScriptError, load_rep, parse_script, play
    from coachlab.interview.cli import play_in_terminal, result_json, result_text

    path = Path(args.rep)
    try:
        rep = load_rep(path) if path.suffix == ".yaml" and path.is_file() else None
    except RepError as error:
        raise _UserError(str(error)) from error
    if rep is None:
        reps = _reps(args)
        if args.rep not in reps:
            raise _UserError(f"no rep {args.rep!r}; `coachlab interview list` shows them")
        rep = reps[args.rep]
    if args.script is None:
        return play_in_terminal(rep, input, print)
    try:
        script = parse_script(args.script.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise _UserError(f"cannot read {args.script}: {error}") from error
    except ScriptError as error:
        raise _UserError(f"{args.script}: {error}") from error
    interview, result = play(rep, script)
    print(json.dumps(result_json(interview, result), ensure_ascii=False) if args.json
          else result_text(interview, result))
    return 0


def _cohort(root: Path) -> Any:
    # Deferred: a command pays only for itself (the module docstring).
    from coachlab.cohort.grade import Cohort
    from coachlab.course import gradebook_url

    return Cohort(root, root, gradebook_url(root))


def _modules(root: Path, args: argparse.Namespace) -> list[str]:
    # Deferred: a command pays only for itself (the module docstring).
    from coachlab.course import UnknownModule, resolve_modules

    try:
        return resolve_modules(root, args.modules, args.all)
    except UnknownModule as error:
        raise _UserError(str(error)) from error


def _roster_import(args: argparse.Namespace) -> int:
    # Deferred: a command pays only for itself (the module docstring).
    from coachlab.cohort.roster import RosterError, import_roster

    cohort = _cohort(_root())
    try:
        result = import_roster(args.csv, cohort.db_url, cohort.course_id)
    except RosterError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{len(result.added)} learner(s) added, {len(result.updated)} updated")
    return 0


def _grade(args: argparse.Namespace) -> int:
    # Deferred: a command pays only for itself (the module docstring).
    from coachlab.cohort.grade import grade, submissions, summary
    from coachlab.grading.jail import SandboxUnavailable

    root = _root()
    try:
        outcomes = grade(_cohort(root), submissions(root, _modules(root, args)), jobs=args.jobs,
                         progress=sys.stderr)
    except SandboxUnavailable as error:
        raise _UserError(str(error)) from error
    print(summary(outcomes))
    return 1 if any(o.failed for o in outcomes) else 0


def _feedback(args: argparse.Namespace) -> int:
    # Deferred: a command pays only for itself (the module docstring).
    from coachlab.cohort.grade import autograded, feedback
    from coachlab.grading.neutral import for_terminal

    root = _root()
    outcomes = feedback(_cohort(root), autograded(root, _modules(root, args)), jobs=args.jobs,
                        progress=sys.stderr)
    for outcome in outcomes:
        if outcome.failed:
            print(for_terminal(f"{outcome.learner} / {outcome.assignment}: {outcome.reason}"))
    made = sum(not o.failed for o in outcomes)
    print(f"feedback made for {made} submission(s) in {root / 'feedback'}; "
          "send it with `nbgrader release_feedback MODULE`")
    return 1 if made < len(outcomes) else 0


def _report(args: argparse.Namespace) -> int:
    # Deferred: a command pays only for itself (the module docstring).
    from coachlab.cohort.report import at_risk_text, build

    root = _root()
    report, files = build(_cohort(root).db_url, args.out, root=root, threshold=args.threshold)
    print(at_risk_text(report))
    if report.skills_note:
        print(f"note: {report.skills_note}")
    print(f"report: {files.html.resolve()}")
    print(f"scores: {files.csv.resolve()}")
    return 0


def _xapi_gather(root: Path, args: argparse.Namespace, config: Any) -> Any:
    # Deferred: a command pays only for itself (the module docstring).
    from coachlab.xapi.collect import gather

    modules = None if args.all else _modules(root, args)
    cohort = _cohort(root)
    if cohort.db_url.startswith("sqlite:///") and \
            not Path(cohort.db_url.removeprefix("sqlite:///")).is_file():
        raise _UserError(f"no gradebook at {cohort.db_url}: grade something first")
    try:
        return gather(root, cohort.db_url, cohort.course_id, config.statements,
                      modules=modules, journals=args.journals)
    except FileNotFoundError as error:
        raise _UserError(str(error)) from error


def _xapi_config(root: Path, lrs_url: str | None = None) -> Any:
    # Deferred: a command pays only for itself (the module docstring).
    from coachlab.xapi.config import XapiConfigError, load

    try:
        return load(root, lrs_url=lrs_url)
    except XapiConfigError as error:
        raise _UserError(str(error)) from error


def _xapi_notes(gathered: Any) -> None:
    for note in gathered.notes:
        print(f"left out: {note}")
    if gathered.waiting_for_manual_grading:
        print(f"{gathered.waiting_for_manual_grading} submission(s) wait for manual grading: "
              "their scores are sent once formgrader has every point")


def _xapi_send(args: argparse.Namespace) -> int:
    # Deferred: a command pays only for itself (the module docstring).
    from coachlab.xapi.config import SWITCH_ENV, URL_ENV, config_path
    from coachlab.xapi.queue import Queue, queue_dir
    from coachlab.xapi.send import send

    root = _root()
    config = _xapi_config(root, args.lrs)
    if not config.enabled:
        raise _UserError(f"sending is switched off ({SWITCH_ENV}=off)")
    if not config.lrs.url:
        raise _UserError(f"no LRS: give --lrs URL, set {URL_ENV}, or set url in the [lrs] "
                         f"section of {config_path(root)}")
    gathered = _xapi_gather(root, args, config)
    report = send(gathered.statements, config, Queue(queue_dir(root)), progress=sys.stderr)
    print(report.text())
    _xapi_notes(gathered)
    return 1 if report.queued or report.rejected else 0


def _xapi_export(args: argparse.Namespace) -> int:
    from coachlab.files import write_atomic

    root = _root()
    gathered = _xapi_gather(root, args, _xapi_config(root))
    out = args.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(out, json.dumps(gathered.statements, indent=2, ensure_ascii=False) + "\n")
    print(f"{len(gathered.statements)} statement(s) written to {out} (nothing sent)")
    _xapi_notes(gathered)
    return 0


def _demo(args: argparse.Namespace) -> int:
    # Deferred: a command pays only for itself (the module docstring).
    from coachlab.cohort.demo import run_demo

    files = run_demo(_root(), learners=args.learners, out=args.out, modules=args.modules,
                     jobs=args.jobs, progress=sys.stderr)
    print(f"demo report: {files.html}")
    return 0


def _self_grade(args: argparse.Namespace) -> int:
    # Deferred: a command pays only for itself (the module docstring).
    from coachlab.selfgrade import SelfGradeError, self_grade, summary

    print("Grading your saved notebook (about ten seconds)…", file=sys.stderr)
    try:
        result = self_grade(args.module)
    except SelfGradeError as error:
        raise _UserError(str(error)) from error
    print(summary(result))
    return 0


def _progress(args: argparse.Namespace) -> int:
    # Deferred: a command pays only for itself (the module docstring).
    from coachlab.progress.reading import learner_progress
    from coachlab.progress.selfcheck import self_check
    from coachlab.progress.view import as_text, chart

    progress = learner_progress(_root(), check=None if args.no_validate else self_check,
                                learner=args.learner)
    print(as_text(progress))
    if args.chart:
        chart(progress).savefig(args.chart, dpi=90)
        print(f"chart: {args.chart}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
