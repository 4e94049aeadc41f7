"""The course kernel: every lesson and exercise works from whichever cell a learner runs first.

A manager does not know that a notebook's hidden set-up cell must run before anything else, nor
that a check below an answer only changes when the check itself is run. This IPython extension,
loaded by every kernel of the course's environment (see :func:`install`), fixes both for the
notebook a learner has open in JupyterLab:

- **At start** it runs the notebook's set-up cell (the code cell with id ``setup``), so a widget
  or check cell run first, after a restart or the next day, finds the course's tools.
- **When an answer is run** it re-runs every check cell (id ``check-*``) that reads a name the
  answer cell assigned, shows the result under the answer, and updates the check's own output
  further down in place.
- **A typo or error** reads as plain words: a cell Python cannot read gets a "Not yet" line that
  says what to fix (a missing or curly quote), and an error shows one friendly line instead of a
  traceback. The full traceback of an error in the course's own cells goes to the kernel's log.

Why an extension rather than more code in the notebooks: a cell can only help once it has run,
and the learner chooses which cell runs first. Loading at kernel start is the one moment the course
always gets. It is active only in a kernel that a Jupyter server started for a notebook
(``JPY_SESSION_NAME``): grading, validation and nbclient runs see the plain kernel, so scores and
nbgrader's Validate are unchanged.
"""

from __future__ import annotations

import ast
import json
import os
import re
import sys
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coachlab.course import Module, ModuleNameError
from coachlab.files import write_atomic
from coachlab.journals import record_lesson_opened

SETUP_ID = "setup"
"""The id of a notebook's set-up cell, the one the kernel runs at start."""

CHECK_PREFIX = "check-"
"""Cell ids of quick checks start with this; each one re-runs when an answer it reads is run."""

MAX_NOTEBOOK_BYTES = 20 * 1024 * 1024
"""A notebook larger than this is not read at start (a course notebook is far smaller)."""

EXTENSION = "coachlab.session.kernel"
"""This module's name, as listed in the environment's IPython kernel config."""

HANDLE = "__coachlab_session__"
"""The name under which a cell rewritten by the kernel reaches the session."""

CURLY_QUOTES = "“”„‟‘’‚‛«»"

RESTART = "Kernel › Restart Kernel and Run All Cells"


@dataclass(frozen=True)
class Check:
    """A quick-check cell: its id, its source, and the answer names it reads."""

    cell_id: str
    source: str
    reads: frozenset[str]


@dataclass(frozen=True)
class NotebookPlan:
    """What the course kernel needs to know about one notebook, read from its file."""

    setup: tuple[str, ...] = ()
    checks: tuple[Check, ...] = ()
    course_sources: frozenset[str] = field(default_factory=frozenset)
    """The sources of the course's own code cells (locked or not editable), stripped."""

    def check_for(self, source: str) -> Check | None:
        """The check cell whose source this is, if any."""
        stripped = source.strip()
        return next((c for c in self.checks if c.source.strip() == stripped), None)

    def checks_reading(self, names: Iterable[str]) -> list[Check]:
        """The check cells, in notebook order, that read any of ``names``."""
        wanted = set(names)
        return [c for c in self.checks if c.reads & wanted]

    def is_course_cell(self, source: str) -> bool:
        """Whether ``source`` is one of the course's own cells (not something a learner wrote)."""
        return source.strip() in self.course_sources


def _source(cell: Mapping[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _is_course_cell(cell: Mapping[str, Any]) -> bool:
    metadata = cell.get("metadata") or {}
    grading = metadata.get("nbgrader") or {}
    if grading.get("solution"):
        return False
    return bool(grading.get("locked")) or metadata.get("editable") is False or (
        cell.get("id") == SETUP_ID or str(cell.get("id", "")).startswith(CHECK_PREFIX))


def names_read(source: str) -> frozenset[str]:
    """The plain names a cell reads (``Name`` nodes in load context); empty if it does not parse."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return frozenset()
    return frozenset(node.id for node in ast.walk(tree)
                     if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load))


def names_assigned(source: str) -> frozenset[str]:
    """The names a cell assigns at its top level (``a = …``, ``a: str = …``, ``a += …``)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return frozenset()
    found: set[str] = set()
    for node in tree.body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        for target in targets:
            found.update(n.id for n in ast.walk(target)
                         if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store))
    return frozenset(found)


def read_plan(notebook: Path) -> NotebookPlan:
    """Read the set-up cell, the checks and the course's own cells from a notebook file.

    Raises ``ValueError`` for a file that is too large or not a notebook, ``OSError`` if it
    cannot be read; the caller then carries on as a plain kernel.
    """
    if notebook.stat().st_size > MAX_NOTEBOOK_BYTES:
        raise ValueError(f"{notebook} is larger than {MAX_NOTEBOOK_BYTES} bytes")
    data = json.loads(notebook.read_text(encoding="utf-8"))
    cells = data.get("cells") if isinstance(data, dict) else None
    if not isinstance(cells, list):
        raise ValueError(f"{notebook} is not a notebook (no list of cells)")
    code = [c for c in cells if isinstance(c, dict) and c.get("cell_type") == "code"]
    setup = tuple(_source(c) for c in code if c.get("id") == SETUP_ID)
    checks = tuple(Check(str(c["id"]), _source(c), names_read(_source(c)))
                   for c in code if str(c.get("id", "")).startswith(CHECK_PREFIX))
    course = frozenset(_source(c).strip() for c in code if _is_course_cell(c))
    return NotebookPlan(setup=setup, checks=checks, course_sources=course)


def session_notebook(environ: Mapping[str, str] | None = None,
                     cwd: Path | None = None) -> Path | None:
    """The notebook this kernel was started for by a Jupyter server, or None.

    jupyter_server sets ``JPY_SESSION_NAME`` to the notebook's path (absolute, or relative to
    the kernel's working folder, which is the notebook's folder).
    """
    environ = os.environ if environ is None else environ
    name = environ.get("JPY_SESSION_NAME", "")
    if not name.endswith(".ipynb"):
        return None
    here = Path.cwd() if cwd is None else cwd
    for candidate in (Path(name), here / name, here / Path(name).name):
        if candidate.is_file():
            return candidate.resolve()
    return None


# ------------------------------------------------------------------------------ plain words

def typo_message(source: str, error: SyntaxError) -> str:
    """What to fix in a cell Python cannot read, in a manager's words."""
    lines = source.splitlines()
    number = error.lineno or 1
    line = lines[number - 1].strip() if 0 < number <= len(lines) else ""
    hints = []
    if any(quote in line for quote in CURLY_QUOTES):
        hints.append('it has curly quotes (“ ” or ‘ ’): type straight quotes " instead, '
                     "for example when copying from a document")
    elif line.count('"') % 2 or line.count("'") % 2:
        hints.append("a quote is missing: the text needs a quote at each end")
    elif "=" not in line and line:
        hints.append("each answer is a name, an equals sign and text between quotes")
    hint = "; ".join(hints) or "compare it with the example in the instructions above"
    shown = f"\n    {line}" if line else ""
    return (f"Not yet: line {number} of this cell could not be read:{shown}\n"
            f"  - {hint}.\n"
            '  Answers look like this: choice_1 = "B"   (text between straight quotes).')


def error_message(error: BaseException, *, course_cell: bool) -> str:
    """One friendly paragraph for an error, never a traceback."""
    what = f"{type(error).__name__}: {error}".strip().rstrip(":")
    if course_cell:
        return (f"This part of the course could not be shown ({what}).\n"
                f"Your answers are safe. Try {RESTART}; if it happens again, tell your "
                "instructor what this line says.")
    if isinstance(error, NameError):
        name = getattr(error, "name", None) or _quoted_name(str(error))
        if name:
            return (f"Not yet: {name} is not something this notebook knows.\n"
                    f'  - If it is an answer, put it between quotes: "{name}".\n'
                    f"  - If it is a course tool, run the cell again (the kernel may have just "
                    f"restarted).")
    return (f"Not yet: this cell could not run ({what}).\n"
            "  Compare it with the example in the instructions above it.")


def missing_answer_message(error: NameError, check: Check) -> str:
    """A check read an answer name that has no value yet: say which, and how to bring it back."""
    name = getattr(error, "name", None) or _quoted_name(str(error)) or "an answer"
    if name not in check.reads:
        return error_message(error, course_cell=True)
    return (f"Not yet: {name} has no answer yet.\n"
            f'  - The answer cell above should have a line {name} = "…": type your answer '
            "between the quotes and run that cell (Shift+Enter).\n"
            "  - If the line is gone, type it back.")


def _quoted_name(message: str) -> str | None:
    match = re.search(r"name '([^']+)' is not defined", message)
    return match.group(1) if match else None


# ------------------------------------------------------------------------------ the session

class CourseSession:
    """The course's behaviour inside one learner's kernel (see the module docstring)."""

    def __init__(self, shell: Any, notebook: Path, plan: NotebookPlan) -> None:
        self.shell = shell
        self.notebook = notebook
        self.plan = plan
        self.shown: set[str] = set()
        self.current = ""

    # -- start
    def start(self) -> None:
        """Run the set-up cell and register the hooks."""
        self.shell.push({HANDLE: self}, interactive=False)
        for source in self.plan.setup:
            self._run_setup(source)
        self.shell.input_transformers_post.append(self.transform)
        self.shell.events.register("pre_run_cell", self.pre_run_cell)
        self.shell.events.register("post_run_cell", self.post_run_cell)
        self.shell.set_custom_exc((Exception,), self.on_error)

    def _run_setup(self, source: str) -> None:
        try:
            code = self.shell.transform_cell(source)
            exec(compile(code, f"<{self.notebook.name}: set-up>", "exec"), self.shell.user_ns)
        except Exception:  # noqa: BLE001 - the learner's cells then say what is missing
            log(f"the set-up cell of {self.notebook} failed at kernel start")

    # -- hooks
    def transform(self, lines: list[str]) -> list[str]:
        """Route a check cell through :meth:`run_check`; turn unreadable cells into a hint."""
        try:
            source = "".join(lines)
            check = self.plan.check_for(source) if source.strip() else None
            if check is not None:
                return [f"{HANDLE}.run_check({check.cell_id!r})\n"]
            try:
                ast.parse(source)
            except SyntaxError as error:
                return [f"{HANDLE}.say_typo({source!r}, {error.lineno or 1!r})\n"]
        except Exception:  # noqa: BLE001 - never stand between a learner and their cell
            log("the course kernel could not read a cell")
        return lines

    def pre_run_cell(self, info: Any) -> None:
        self.current = getattr(info, "raw_cell", "") or ""

    def post_run_cell(self, result: Any) -> None:
        """After an answer cell ran cleanly, re-run the checks that read what it assigned."""
        try:
            if result.error_before_exec or result.error_in_exec:
                return
            source = getattr(result.info, "raw_cell", "") or ""
            if self.plan.is_course_cell(source):
                return
            for check in self.plan.checks_reading(names_assigned(source)):
                self.run_check(check.cell_id, from_answer=True)
        except Exception:  # noqa: BLE001
            log("the course kernel could not re-run a check")

    def on_error(self, shell: Any, etype: type, value: BaseException, tb: Any,
                 tb_offset: int | None = None) -> list[str]:
        """Show one friendly paragraph instead of a traceback (IPython's custom handler)."""
        course = self.plan.is_course_cell(self.current)
        if course:
            log("an error in one of the course's cells",
                "".join(traceback.format_exception(etype, value, tb)))
        words = [error_message(value, course_cell=course)]
        # IPython leaves showing the error to the handler; the kernel's own display sends it as
        # the cell's error output (and the execute reply's traceback), with our words only.
        show = getattr(shell, "_showtraceback", None)
        if show is not None:
            show(etype, value, words)
        else:
            print(words[0], file=sys.stderr)
        return words

    # -- called from rewritten cells
    def say_typo(self, source: str, lineno: int) -> None:
        """Print the typo hint for a cell that did not parse."""
        try:
            ast.parse(source)
        except SyntaxError as error:
            print(typo_message(source, error), file=sys.stderr)
            return
        print(typo_message(source, SyntaxError("", (None, lineno, 0, ""))), file=sys.stderr)

    def run_check(self, cell_id: str, *, from_answer: bool = False) -> None:
        """Run a check cell and show its words as one output that later runs update in place."""
        # Deferred: IPython.display took 0.18 s to import (``python -X importtime``); ``coachlab
        # start`` imports this module to install the kernel, outside IPython.
        from IPython.display import display, update_display
        from IPython.utils.capture import capture_output

        check = next(c for c in self.plan.checks if c.cell_id == cell_id)
        with capture_output(display=True) as captured:
            try:
                # Check cells are plain Python: transform_cell would route them back here.
                exec(compile(check.source, f"<{cell_id}>", "exec"), self.shell.user_ns)
            except NameError as error:  # an answer line was deleted or never run
                print(missing_answer_message(error, check), file=sys.stderr)
            except Exception as error:  # noqa: BLE001 - a check never shows a traceback
                log(f"the check {cell_id} failed",
                    "".join(traceback.format_exception(type(error), error,
                                                       error.__traceback__)))
                print(error_message(error, course_cell=True), file=sys.stderr)
        words = "\n".join(part.strip() for part in (captured.stdout, captured.stderr)
                          if part.strip())
        display_id = f"coachlab-{cell_id}"
        # "Not yet" keeps the look of a check's stderr line (JupyterLab renders this type as it
        # renders stderr), but as a display it can be updated in place.
        bundle = ({"application/vnd.jupyter.stderr": words} if captured.stderr.strip()
                  else {"text/plain": words or "✓"})
        if from_answer and cell_id in self.shown:
            # the check's own output further down (and any earlier copy) says the same now
            update_display(bundle, raw=True, display_id=display_id)
        # and it shows where the learner is looking: JupyterLab clears a cell's outputs when it
        # runs again, so the answer cell gets it afresh each time
        display(bundle, raw=True, display_id=display_id)
        self.shown.add(cell_id)
        for output in captured.outputs:  # charts or widgets a check may show
            output.display()


LOG_FILE = Path.home() / ".coachlab" / "kernel.log"
"""Where the course kernel notes what went wrong, for an instructor or a developer to read."""

MAX_LOG_BYTES = 1024 * 1024


def log(what: str, details: str = "") -> None:
    """Note a problem in :data:`LOG_FILE`, never on the learner's page.

    Not stderr: the kernel forwards its own standard error to the notebook's output.
    """
    try:
        LOG_FILE.parent.mkdir(parents=True, exist_ok=True)
        if LOG_FILE.is_file() and LOG_FILE.stat().st_size > MAX_LOG_BYTES:
            LOG_FILE.replace(LOG_FILE.with_suffix(".log.old"))
        with LOG_FILE.open("a", encoding="utf-8") as handle:
            handle.write(f"coachlab: {what}\n{details}".rstrip() + "\n")
    except OSError:
        pass  # a read-only home: the learner's page matters more than the log


def load_ipython_extension(shell: Any) -> None:
    """IPython's entry point: start the course session if a Jupyter server opened a notebook."""
    notebook = session_notebook()
    if notebook is None:
        return
    try:
        plan = read_plan(notebook)
    except (OSError, ValueError) as error:
        log(f"not a course notebook session ({error})")
        return
    CourseSession(shell, notebook, plan).start()
    note_lesson_opened(notebook)


def note_lesson_opened(notebook: Path) -> None:
    """Record that a lesson was opened, so practice and progress count its module as started.

    A lesson is a notebook in ``course/`` whose name names a module
    (``course/01-tell-or-ask-lesson.ipynb``); ``course/practice.ipynb`` is none.
    """

    try:
        module = Module.parse(notebook.name)
    except ModuleNameError:
        return
    if notebook.parent.name != "course":
        return
    try:
        record_lesson_opened(notebook.parent, module.number)
    except (OSError, ValueError) as error:  # JournalError is a ValueError
        log(f"could not record that {notebook.name} was opened ({error})")


# ------------------------------------------------------------------------------ installing

def kernel_config_file(prefix: Path | None = None) -> Path:
    """The environment's IPython kernel config, read by every kernel it starts."""
    return (Path(sys.prefix) if prefix is None else prefix) / "etc" / "ipython" / \
        "ipython_kernel_config.json"


def install(prefix: Path | None = None) -> Path:
    """List this extension in the environment's kernel config (kept if already there).

    Other settings in that file are kept; a file that is not valid JSON is set aside with a
    ``.invalid`` suffix rather than overwritten.
    """
    target = kernel_config_file(prefix)
    config: dict[str, Any] = {}
    if target.is_file():
        try:
            loaded = json.loads(target.read_text(encoding="utf-8"))
            config = loaded if isinstance(loaded, dict) else {}
        except ValueError:
            target.replace(target.with_name(target.name + ".invalid"))
    app = config.setdefault("IPKernelApp", {})
    extensions = list(app.get("extensions", []))
    if EXTENSION in extensions:
        return target
    app["extensions"] = [*extensions, EXTENSION]
    target.parent.mkdir(parents=True, exist_ok=True)
    # Every user's kernel reads this file: readable by all, as a plain write would leave it.
    write_atomic(target, json.dumps(config, indent=2) + "\n", mode=0o666)
    return target
