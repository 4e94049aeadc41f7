"""Self-grading: a self-paced learner grades their own exercise, as an instructor would.

``coachlab self-grade 01`` copies the learner's notebook and answer journal (read only, never
changed) into a scratch course folder with a private gradebook, and grades it there through the
same entry point as ``coachlab grade`` (:func:`coachlab.cohort.grade.grade`): the same rebuild on
a fresh release, hidden tests, clean re-check and grading kernel. Feedback is made by the same
step as ``coachlab feedback``, with one difference: reflections stay ungraded and their rubrics
are shown as a self-review checklist. The report and the score are kept in
``self-graded/<exercise>/`` under the course root, where ``coachlab progress`` finds them.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coachlab.course import JOURNAL_FILE, SELF_GRADED_DIR, SELF_GRADED_SCORE

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


def self_grade(module: str | None = None, start: Path | str | None = None) -> SelfGradeResult:
    """Grade the learner's own copy of ``module`` ("01" or "01-tell-or-ask"; default: the
    exercise folder ``start`` is in) in the course found from ``start`` (default: here)."""
    from coachlab.course import CourseNotFound, find_root

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
        out = _keep(root, assignment, reports, score)
    warnings += [without_jail] if without_jail else []
    return SelfGradeResult(assignment, score.auto, score.auto_max, score.manual_max,
                           out[0], time.perf_counter() - started, tuple(warnings))


#: Said when self-grading runs without the jail because the platform cannot have one.
NO_JAIL_HERE = ("your notebook was graded without the grading jail, which needs Linux; that is "
                "safe for your own notebook on your own computer. Cohort grading needs Linux.")


@contextlib.contextmanager
def _jail_where_possible() -> Iterator[str | None]:
    """Turn the jail off for this self-grade where it cannot exist (Windows, macOS); yields why.

    Self-grading runs the learner's own notebook with the learner's own rights, so the jail
    guards nothing the learner could not do anyway; on Linux it stays on all the same.
    """
    from coachlab.grading import jail

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
    from coachlab.cohort import UnknownModule, resolve_modules

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
    from coachlab.cohort.grade import Cohort, feedback, grade
    from coachlab.course import CONFIG_FILE
    from coachlab.grading.workspace import Workspace

    shutil.copytree(root / "solutions" / assignment, scratch / "solutions" / assignment,
                    ignore=shutil.ignore_patterns(f"{JOURNAL_FILE}*", ".ipynb_checkpoints",
                                                  "__pycache__"))
    (scratch / CONFIG_FILE).write_text(_CONFIG.format(course=str(root)), encoding="utf-8")
    # A private gradebook: never the cohort's, whatever COACHLAB_DB_URL says.
    db_url = f"sqlite:///{scratch / 'gradebook.db'}"
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
    graded = grade(cohort, work, jobs=1, progress=None)[0]
    if graded.failed:
        raise SelfGradeError(f"grading failed: {graded.reason}")
    made = feedback(cohort, work, jobs=1, progress=None)[0]
    if made.failed:
        raise SelfGradeError(f"the feedback report could not be made: {made.reason}")
    reports = sorted((scratch / "feedback" / LEARNER / assignment).glob("*.html"))
    if not reports:
        raise SelfGradeError("grading finished but wrote no feedback report")
    return reports, workspace.score(assignment, LEARNER)


def _keep(root: Path, assignment: str, reports: list[Path], score: Any) -> list[Path]:
    """Copy the reports to self-graded/<exercise>/ and record the score (each file swapped in
    whole, so a reader never sees half a file)."""
    out = root / SELF_GRADED_DIR / assignment
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.html"):
        if stale.name not in {r.name for r in reports}:
            stale.unlink()
    kept = []
    for report in reports:
        _replace(out / report.name, report.read_bytes())
        kept.append(out / report.name)
    record = {"module": assignment, "score": score.auto, "max_score": score.auto_max,
              "written_points": score.manual_max,
              "graded_at": datetime.now(UTC).isoformat(timespec="seconds"),
              "reports": [p.name for p in kept]}
    _replace(out / SELF_GRADED_SCORE, json.dumps(record, indent=2).encode("utf-8"))
    return kept


def _replace(target: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, target)


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def summary(result: SelfGradeResult) -> str:
    """What the learner reads after self-grading: the score, what is not graded, the report."""
    lines = [f"Self-graded {result.module}: {result.score:g} / {result.max_score:g} points "
             "checked automatically."]
    if result.written_points:
        lines.append(f"Your written answers ({result.written_points:g} points) are not graded "
                     "here: check them against the self-review checklist in the report.")
    lines += [f"warning: {w}" for w in result.warnings]
    lines.append(f"Report: {result.report}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------ in JupyterLab

def self_grade_button(module: str | None = None) -> Any:
    """A button that self-grades this exercise (the notebook as last saved) and links the report.

    Grading runs ``coachlab self-grade`` in its own process, so the learner's kernel and
    notebook are left alone. Executed outside JupyterLab (grading, tests) it only displays.
    """
    import ipywidgets as widgets

    intro = widgets.HTML(
        "<b>Self-paced? Grade your own work.</b> Save the notebook first (Ctrl+S or ⌘S): the "
        "button grades it as last saved, with the same hidden checks as an instructor, and "
        "links your feedback report.")
    button = widgets.Button(description="Grade my exercise", icon="check",
                            tooltip="Grade the saved notebook and make your feedback report")
    output = widgets.Output()

    def clicked(_: Any) -> None:
        from IPython.display import HTML

        button.disabled = True
        output.clear_output()
        output.append_stdout("Grading… this takes about half a minute.\n")
        try:
            shown = _run_cli(module)
        finally:
            button.disabled = False
        output.clear_output()
        output.append_display_data(HTML(shown))

    button.on_click(clicked)
    return _labelled_box([intro, button, output])


def _run_cli(module: str | None) -> str:
    """Run ``coachlab self-grade`` here; its output as HTML with a link to the report."""
    import html
    import subprocess

    command = [sys.executable, "-m", "coachlab.cli", "self-grade", *([module] if module else [])]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    text = (done.stdout + done.stderr).strip()
    shown = f"<pre>{html.escape(text)}</pre>"
    for line in done.stdout.splitlines():
        if line.startswith("Report: "):
            path = Path(line.removeprefix("Report: "))
            link = os.path.relpath(path, Path.cwd())
            shown += (f'<p><a href="{html.escape(link)}" target="_blank">Open your feedback '
                      f"report</a> ({html.escape(path.name)})</p>")
    return shown


def _labelled_box(children: list[Any]) -> Any:
    """A VBox whose plain-text form (in saved or graded copies) says what it is."""
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
