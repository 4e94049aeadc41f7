"""Self-grading: a self-paced learner grades their own exercise, as an instructor would.

``coachlab self-grade 01`` copies the learner's notebook and answer journal (read only, never
changed) into a scratch course folder with a private gradebook, and grades it there through the
same entry point as ``coachlab grade`` (:func:`coachlab.cohort.grade.grade`): the same rebuild on
a fresh release, hidden tests, and answers read and scored as data (the notebook never runs).
Feedback is made by the same step as ``coachlab feedback``, with one difference: reflections
stay ungraded and their rubrics are shown as a self-review checklist. The report and the score
are kept in
``self-graded/<exercise>/`` under the course root, where ``coachlab progress`` finds them.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from coachlab.course import (
    CONFIG_FILE,
    JOURNAL_FILE,
    SELF_GRADED_DIR,
    SELF_GRADED_SCORE,
    CourseNotFound,
    UnknownModule,
    find_root,
    resolve_modules,
    sqlite_gradebook,
)
from coachlab.files import write_atomic
from coachlab.grading import jail

#: The only student in a self-grading gradebook.
LEARNER = "self"

#: The scratch course's settings: the course's own, plus rubrics shown as a checklist.
_CONFIG = """\
# Written by coachlab self-grade: the course's settings, with rubrics as a self-review checklist.
c = get_config()  # noqa: F821
load_subconfig("nbgrader_config.py", path={course!r})  # noqa: F821
from coachlab.grading.checklist import RubricChecklist, SelfGradedNote  # noqa: E402
from coachlab.grading.feedback import HideInstructorContent  # noqa: E402

_steps = list(c.GenerateFeedback.preprocessors)
_steps.insert(_steps.index(HideInstructorContent), RubricChecklist)
_steps.insert(_steps.index(HideInstructorContent), SelfGradedNote)
c.GenerateFeedback.preprocessors = _steps
"""


class SelfGradeError(RuntimeError):
    """Self-grading could not run; the message says what to do. Nothing was changed."""


@dataclass(frozen=True)
class SelfGradeResult:
    """A self-graded exercise."""

    module: str
    score: float            # autograded points earned
    max_score: float        # autograded points available
    written_points: float   # points of reflections, not graded when self-grading
    report: Path            # the feedback report (the first notebook's, if several)
    seconds: float
    warnings: tuple[str, ...] = ()
    written: tuple[tuple[str, float], ...] = ()  # (part title, points) of each reflection


def self_grade(module: str | None = None, start: Path | str | None = None) -> SelfGradeResult:
    """Grade the learner's own copy of ``module`` ("01" or "01-tell-or-ask"; default: the
    exercise folder ``start`` is in) in the course found from ``start`` (default: here)."""
    started = time.perf_counter()
    here = Path(start or Path.cwd()).resolve()
    try:
        root = find_root(here)
    except CourseNotFound as error:
        raise SelfGradeError(str(error)) from error
    assignment = _assignment(root, module, here)
    files, warnings = _submission(root, assignment)
    with (tempfile.TemporaryDirectory(prefix="coachlab-self-grade-") as scratch,
          _jail_where_possible() as without_jail):
        reports, score = _grade(root, Path(scratch), assignment, files)
        written = _written_parts(root, assignment)
        out = _keep(root, assignment, reports, score, written)
    warnings += [without_jail] if without_jail else []
    return SelfGradeResult(assignment, score.auto, score.auto_max, score.manual_max,
                           out[0], time.perf_counter() - started, tuple(warnings),
                           tuple(written))


#: Said when self-grading runs without the jail because the platform cannot have one.
NO_JAIL_HERE = ("your notebook was graded without the grading jail, which needs Linux; that is "
                "safe for your own notebook on your own computer. Cohort grading needs Linux.")


@contextlib.contextmanager
def _jail_where_possible() -> Iterator[str | None]:
    """Turn the jail off for this self-grade where it cannot exist (Windows, macOS); yields why.

    Self-grading runs the learner's own notebook with the learner's own rights, so the jail
    guards nothing the learner could not do anyway; on Linux it stays on all the same.
    """
    if jail.platform_supported() or not jail.enabled():
        yield None
        return
    before = os.environ.get(jail.SWITCH)
    os.environ[jail.SWITCH] = "off"
    try:
        yield NO_JAIL_HERE
    finally:
        if before is None:
            os.environ.pop(jail.SWITCH, None)
        else:
            os.environ[jail.SWITCH] = before


def _assignment(root: Path, module: str | None, here: Path) -> str:
    if module is None:
        exercises = root / "exercises"
        if here.is_relative_to(exercises) and here != exercises:
            module = here.relative_to(exercises).parts[0]
        else:
            raise SelfGradeError("name the module to grade, e.g. `coachlab self-grade 01`, or run "
                                 "it inside the exercise's folder (exercises/01-tell-or-ask/)")
    try:
        return resolve_modules(root, [module])[0]
    except UnknownModule as error:
        raise SelfGradeError(str(error)) from error


def _submission(root: Path, assignment: str) -> tuple[dict[str, bytes], list[str]]:
    """The learner's notebooks and journal, read once into memory; refuses missing or unreadable
    notebooks with a message that says how to recover."""
    # Deferred: nbformat took 8.3 s to import (``python -X importtime``, loaded 2-core machine),
    # and every exercise notebook imports this module for its button.
    import nbformat

    folder = root / "exercises" / assignment
    expected = sorted(p.name for p in (root / "solutions" / assignment).glob("*.ipynb"))
    files: dict[str, bytes] = {}
    for name in expected:
        path = folder / name
        where = path.relative_to(root)
        if not path.is_file():
            raise SelfGradeError(
                f"{where} is missing, so there is nothing to grade. If you moved or renamed it, "
                f"put it back under that name; for a blank copy: git checkout -- {where}")
        data = path.read_bytes()
        try:
            nb = nbformat.reads(data.decode("utf-8"), as_version=4)
            nbformat.validate(nb)
        except Exception as error:  # broken JSON, wrong encoding or not a notebook at all
            checkpoint = folder / ".ipynb_checkpoints" / f"{path.stem}-checkpoint.ipynb"
            hint = (f"JupyterLab's last checkpoint is {checkpoint.relative_to(root)}: copy it "
                    f"over the broken file to recover your answers"
                    if checkpoint.is_file() else
                    f"if you have no copy, start again from a blank one: git checkout -- {where}")
            reason = str(error).strip().splitlines()[0][:160] if str(error).strip() else ""
            raise SelfGradeError(
                f"{where} cannot be read as a notebook ({type(error).__name__}: {reason}). "
                f"Nothing was graded and the file was left as it is; {hint}.") from error
        files[name] = data
    warnings: list[str] = []
    journal = folder / JOURNAL_FILE
    if journal.is_file() and not journal.is_symlink():
        files[JOURNAL_FILE] = journal.read_bytes()
        try:
            json.loads(files[JOURNAL_FILE].decode("utf-8"))
        except ValueError:
            warnings.append(f"{journal.relative_to(root)} cannot be read, so parts answered "
                            "with buttons score 0; the file was left as it is")
    return files, warnings


def _grade(root: Path, scratch: Path, assignment: str, files: dict[str, bytes]
           ) -> tuple[list[Path], Any]:
    """Grade in ``scratch`` through the cohort's grading entry point; (reports, score)."""
    # Deferred: every exercise notebook imports this module for its self-grade button, and
    # grading brings nbgrader: ``python -X importtime -c 'import coachlab.selfgrade'`` took
    # 42 ms so, 13.0 s with the grading imports at the top.
    from coachlab.cohort.grade import Cohort, grade_and_feedback
    from coachlab.grading.workspace import Workspace

    shutil.copytree(root / "solutions" / assignment, scratch / "solutions" / assignment,
                    ignore=shutil.ignore_patterns(f"{JOURNAL_FILE}*", ".ipynb_checkpoints",
                                                  "__pycache__"))
    (scratch / CONFIG_FILE).write_text(_CONFIG.format(course=str(root)), encoding="utf-8")
    # A private gradebook: never the cohort's, whatever COACHLAB_DB_URL says.
    db_url = sqlite_gradebook(scratch)
    workspace = Workspace(scratch, scratch, db_url)
    try:
        workspace.generate(assignment)
    except Exception as error:
        raise SelfGradeError(f"the course's exercise {assignment} could not be prepared for "
                             f"grading: {_first_line(error)}") from error
    workspace.add_learner(LEARNER)
    workspace.submit(LEARNER, assignment, dict(files))
    cohort = Cohort(scratch, scratch, db_url)
    work = [(assignment, LEARNER)]
    # One worker grades, then makes the report: starting it costs as much as the grading.
    [graded], made = grade_and_feedback(cohort, work, jobs=1, progress=None)
    if graded.failed:
        raise SelfGradeError(f"grading failed: {graded.reason}")
    if not made or made[0].failed:
        reason = made[0].reason if made else "it was not made"
        raise SelfGradeError(f"the feedback report could not be made: {reason}")
    reports = sorted((scratch / "feedback" / LEARNER / assignment).glob("*.html"))
    if not reports:
        raise SelfGradeError("grading finished but wrote no feedback report")
    return reports, workspace.score(assignment, LEARNER)


def _written_parts(root: Path, assignment: str) -> list[tuple[str, float]]:
    """The exercise's reflections by part title, as the report names them."""
    # Deferred: nbformat took 8.3 s to import (``python -X importtime``, loaded 2-core machine),
    # and every exercise notebook imports this module for its button.
    import nbformat

    # Deferred for the same start-up cost as in _grade.
    from coachlab.grading.report import written_parts

    return [part for path in sorted((root / "solutions" / assignment).glob("*.ipynb"))
            for part in written_parts(nbformat.read(path, as_version=4))]


def _keep(root: Path, assignment: str, reports: list[Path], score: Any,
          written: list[tuple[str, float]]) -> list[Path]:
    """Copy the reports to self-graded/<exercise>/ and record the score (each file swapped in
    whole, so a reader never sees half a file)."""
    out = root / SELF_GRADED_DIR / assignment
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.html"):
        if stale.name not in {r.name for r in reports}:
            stale.unlink()
    kept = []
    for report in reports:
        write_atomic(out / report.name, report.read_bytes())
        kept.append(out / report.name)
    # Deferred: pydantic took 0.84 s to import (loaded 2-core machine), and every exercise
    # notebook imports this module for its button; only grading writes or reads the record.
    from coachlab.scorefile import SelfGradedScore, WrittenPart

    record = SelfGradedScore(
        module=assignment, score=score.auto, max_score=score.auto_max,
        written_points=score.manual_max,
        written_parts=tuple(WrittenPart(title=title, points=points) for title, points in written),
        graded_at=datetime.now(UTC).replace(microsecond=0), reports=tuple(p.name for p in kept))
    write_atomic(out / SELF_GRADED_SCORE, record.model_dump_json(indent=2))
    return kept


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def in_words(score: float, max_score: float, written: list[tuple[str, float]] | tuple = (),
             written_points: float = 0) -> list[str]:
    """The score as a learner reads it, and what is left for the learner to review."""
    lines = [f"Your score: {score:g} of {max_score:g} points checked automatically."]
    if written:
        parts = [f"{title} ({points:g} points)" for title, points in written]
        named = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        lines.append(f"Review {named} yourself against its checklist in the report: written "
                     "answers are not graded when you grade yourself.")
    elif written_points:
        lines.append(f"Your written answers ({written_points:g} points) are not graded here: "
                     "check them against the self-review checklist in the report.")
    return lines


def summary(result: SelfGradeResult) -> str:
    """What the learner reads after self-grading: the score, what is not graded, the report."""
    words = in_words(result.score, result.max_score, result.written, result.written_points)
    lines = [f"Self-graded {result.module}: {result.score:g} of {result.max_score:g} points "
             "checked automatically.", *words[1:]]
    lines += [f"warning: {w}" for w in result.warnings]
    lines.append(f"Report: {result.report}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------ in JupyterLab

#: Seconds the button waits for grading before it says so (a self-grade takes 10 to 30 s).
BUTTON_TIMEOUT = 300


def self_grade_button(module: str | None = None) -> Any:
    """A button that self-grades this exercise (the notebook as last saved) and links the report.

    Grading runs ``coachlab self-grade`` in its own process, so the learner's kernel and
    notebook are left alone. The result is the value of an ``HTML`` widget, set once grading
    ends: a synced value, unlike an ``Output`` widget cleared from a callback, is never wiped
    by a ``clear_output`` the browser handles late. Executed outside JupyterLab (grading,
    tests) it only displays.
    """
    # Deferred: ipywidgets took 1.0 s to import (``python -X importtime``); the command line's
    # self-grade never shows a button.
    import ipywidgets as widgets

    intro = widgets.HTML(
        "<b>Self-paced? Grade your own work.</b> Save the notebook first (Ctrl+S or ⌘S): the "
        "button grades it as last saved, with the same hidden checks as an instructor, and "
        "links your feedback report.")
    # "max-content": the default width (148 px) cut the label to "Grade my exer…".
    button = widgets.Button(description="Grade my exercise", icon="check",
                            tooltip="Grade the saved notebook and make your feedback report",
                            layout=widgets.Layout(width="max-content"))
    result = widgets.HTML("", layout=widgets.Layout(min_height="1.5em"))
    result.add_class("coachlab-self-grade-result")

    def clicked(_: Any) -> None:
        button.disabled = True
        result.value = _paragraph("Grading… this takes about ten seconds.")
        try:
            result.value = _run_cli(module)
        except Exception as error:  # noqa: BLE001 - the learner must read something, always
            result.value = _failure(f"{type(error).__name__}: {error}")
        finally:
            button.disabled = False

    button.on_click(clicked)
    box = _labelled_box([intro, button, result])
    box.add_class("coachlab-self-grade")
    return box


def _run_cli(module: str | None) -> str:
    """Run ``coachlab self-grade`` here; the score in words and a link to the report (HTML
    built here, every text escaped), or what went wrong."""
    command = [sys.executable, "-m", "coachlab.cli", "self-grade", *([module] if module else [])]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False,
                              timeout=BUTTON_TIMEOUT)
    except subprocess.TimeoutExpired:
        return _failure(f"grading did not finish within {BUTTON_TIMEOUT // 60} minutes.")
    report = next((Path(line.removeprefix("Report: ")) for line in done.stdout.splitlines()
                   if line.startswith("Report: ")), None)
    if done.returncode or report is None or not report.is_file():
        said = (done.stderr.strip() or done.stdout.strip()).splitlines()
        return _failure(said[-1].removeprefix("coachlab: ") if said else
                        f"grading stopped (exit code {done.returncode}).")
    return _result(report, [line.removeprefix("warning: ") for line in done.stdout.splitlines()
                            if line.startswith("warning: ")])


def _result(report: Path, warnings: list[str]) -> str:
    """The score (from the record kept beside the report) and a link that opens the report."""
    # Deferred for the start-up cost named in _keep.
    from coachlab.scorefile import ScoreFileError, read_score

    try:
        record = read_score(report.parent / SELF_GRADED_SCORE)
    except ScoreFileError as error:
        return _failure(str(error))
    written = [(part.title, part.points) for part in record.written_parts]
    words = in_words(record.score, record.max_score, written, record.written_points)
    shown = "".join(_paragraph(line) for line in words)
    shown += "".join(_paragraph(f"Note: {w}") for w in warnings)
    shown += (f'<p><a href="{html.escape(report_url(report), quote=True)}" target="_blank" '
              f'rel="noopener">Open your feedback report</a> (opens in a new tab; it is kept '
              f"as {html.escape(_shown_path(report))})</p>")
    return f'<div role="status">{shown}</div>'


def report_url(report: Path) -> str:
    """The URL path of ``report`` through the Jupyter server's ``/files/`` handler.

    ``/files/`` serves the page as a page of its own, in a new tab (JupyterLab's own HTML viewer
    would show it untrusted, behind a "Trust HTML" button). The path is absolute from the
    server's base URL, so it does not depend on the address of the lab page it is shown on
    (``/lab``, ``/lab/tree/...``, ``/lab/workspaces/...``). The server is the one running here
    whose root holds the report (``jupyter server list``'s record: root and base URL, also
    under JupyterHub's ``/user/<name>/``); without one, the base URL is
    ``$JUPYTERHUB_SERVICE_PREFIX`` (else ``/``) and the root the course's.
    """
    report = report.resolve()
    base, root = _server(report)
    return f"{base.rstrip('/')}/files/{quote(report.relative_to(root).as_posix())}"


def _server(report: Path) -> tuple[str, Path]:
    """(base URL, root folder) of the Jupyter server that serves ``report``."""
    try:
        # Deferred: jupyter_server.serverapp took 11.9 s to import (``python -X importtime``); only
        # a report link in a notebook needs it.
        from jupyter_server.serverapp import list_running_servers

        servers = [(s.get("base_url", "/"), Path(s["root_dir"]).resolve())
                   for s in list_running_servers() if s.get("root_dir")]
    except Exception:  # noqa: BLE001 - no server information: fall back below
        servers = []
    serving = [(base, root) for base, root in servers if report.is_relative_to(root)]
    if serving:
        return max(serving, key=lambda server: len(server[1].parts))
    return os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/"), find_root(report.parent)


def _shown_path(report: Path) -> str:
    """The report's path from the course folder (short, and the same on every computer)."""
    try:
        return report.relative_to(find_root(report.parent)).as_posix()
    except Exception:  # noqa: BLE001 - outside a course: the full path is still right
        return str(report)


def _paragraph(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def _failure(reason: str) -> str:
    return (f'<div role="alert"><p><strong>Your exercise could not be graded.</strong> '
            f"{html.escape(reason)}</p><p>Save the notebook and press the button again; if it "
            f"happens again, run <code>coachlab self-grade</code> in a terminal in this folder "
            f"and show the message to your instructor.</p></div>")


def _labelled_box(children: list[Any]) -> Any:
    """A VBox whose plain-text form (in saved or graded copies) says what it is."""
    # Deferred: ipywidgets took 1.0 s to import (``python -X importtime``); the command line's
    # self-grade never shows a button.
    import ipywidgets as widgets

    box = widgets.VBox(children)
    show = box._repr_mimebundle_

    def labelled(**kwargs: Any) -> Any:
        bundle = show(**kwargs)
        if isinstance(bundle, dict):
            bundle["text/plain"] = "Self-grade button: open this notebook in JupyterLab to use it."
        return bundle

    box._repr_mimebundle_ = labelled
    return box
