"""Score every test cell on the learner's answers read as data: the learner's notebook never runs.

Autograde does not execute the submitted notebook. For every test cell,
:mod:`coachlab.grading.cleanrun` runs the instructor's test code in a fresh process, on the
answers read from the answer cells as literals (``ast.literal_eval``) and on the answer journal
read as data. Each test cell's outputs are then what that run reported, so nbgrader records that
score; every other code cell keeps no output at all. Nothing the learner wrote is executed, and
nothing it could have printed is kept.

When the check cannot run at all (the jail cannot start, an import error, a timeout, output that
is not its result) the submission is not scored: :class:`CheckFailed` is raised, so grading
reports the submission as failed with the reason, and no score is saved for it.

The check works in a fresh folder holding the course's own data files for the exercise (from
solutions/) and the answer journal exactly as submitted. It runs in the bubblewrap jail
(:mod:`coachlab.grading.jail`), in a fork of the grading process's warm check server
(:mod:`coachlab.grading.checkserver`) with its own memory limit, as defence in depth: the journal
it reads and the answers it parses are the learner's data.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode, from_dict
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer, Unicode

from coachlab.grading import checkserver


def _package_digest(package: Path | None, describe: Callable[[Path], bytes]) -> str:
    """sha256 over the package's Python files, each by its relative name and ``describe``."""
    package = package or Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(describe(path))
    return digest.hexdigest()


def code_digest(package: Path | None = None) -> str:
    """A digest of the package's Python source, to notice a submission that rewrites it."""
    return _package_digest(package, Path.read_bytes)


def _stat_line(path: Path) -> bytes:
    stat = path.stat()
    return (f"\0{stat.st_size}\0{stat.st_ino}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}\n"
            .encode())


def code_stamp(package: Path | None = None) -> str:
    """A digest of each source file's name, size, inode and change times: cheap to take for
    every submission, and different after any write to the package (a rewrite changes the
    change time, which no user can set back)."""
    return _package_digest(package, _stat_line)


#: Taken when the grader loads its configuration, before any learner code has run.
_CODE_AT_START = code_digest()
_STAMP_AT_START = code_stamp()


def code_unchanged() -> bool:
    """Whether the package's source is what grading started with. Its stamp is compared for
    every submission; only when the stamp moved (a file was written or touched) is the source
    itself read and compared."""
    return code_stamp() == _STAMP_AT_START or code_digest() == _CODE_AT_START


class CodeChanged(RuntimeError):
    """The course's grading code changed while a submission was being graded."""


class CheckFailed(RuntimeError):
    """The check of the answers could not run: a grading error, never a score."""


NOTE = ("This part was checked by reading your answers exactly as typed in the answer cells. "
        "Answers must be plain text between quotes, numbers or lists.")


class ScoreAnswers(NbGraderPreprocessor):
    """Score test cells on the answers read as data; a failure to run the check fails the
    submission. Every other code cell is left without outputs."""

    timeout = Integer(60, help="Seconds the check may take for one notebook.").tag(config=True)
    memory_mb = Integer(2048, help="Address-space limit of the check, in MiB.").tag(config=True)
    source_directory = Unicode("solutions", help="nbgrader's source folder.").tag(config=True)
    submitted_directory = Unicode("submitted", help="nbgrader's submitted folder.").tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        if not code_unchanged():
            raise CodeChanged(
                "the coachlab package changed on disk since grading started (a submission "
                "rewrote it, or the course was updated), so this submission is not graded: "
                "check the course's files, restart the grading command, and grade as a "
                "separate user (docs/hardening.md)")
        for cell in nb.cells:
            if cell.cell_type == "code":  # nothing ran: no output but the check's
                cell.outputs = []
                cell.execution_count = None
        tests = [cell for cell in nb.cells
                 if utils.is_grade(cell) and not utils.is_solution(cell)
                 and cell.cell_type == "code"]
        if not tests:
            return nb, resources
        answers = [cell.source for cell in nb.cells
                   if utils.is_solution(cell) and cell.cell_type == "code"]
        job_input = {"answers": answers,
                     "tests": [{"id": c.metadata.nbgrader["grade_id"], "source": c.source}
                               for c in tests]}
        with checkserver.job() as job:
            _pristine_files(resources.get("nbgrader", {}), job.folder,
                            Path(self.source_directory), Path(self.submitted_directory))
            results = self._run_check(job, json.dumps(job_input))
        for cell in tests:
            grade_id = cell.metadata.nbgrader["grade_id"]
            if grade_id not in results:
                raise CheckFailed(f"the check of the answers gave no result for test cell "
                                  f"{grade_id}")
            cell.outputs = _outputs(results[grade_id])
        return nb, resources

    def _run_check(self, job: checkserver.Job, job_input: str) -> dict[str, Any]:
        """The check's result per test cell; :class:`CheckFailed` if it cannot run."""
        try:
            return job.run("coachlab.grading.cleanrun", job_input, timeout=self.timeout,
                           memory_mb=self.memory_mb)
        except checkserver.RunFailed as error:
            raise CheckFailed(f"the check of the answers {error}") from error


def _pristine_files(info: dict[str, Any], folder: Path, source_dir: Path,
                    submitted_dir: Path) -> None:
    """Copy the exercise's data files (and its reps folder) from the source folder and the
    journal as submitted.

    nbgrader converts with the course root as the working directory, where both live. The
    solution's reference play stays behind: the learner's journal alone holds their answers.
    """
    from coachlab.checks.interview import REPS_FOLDER
    from coachlab.course import JOURNAL_FILE
    from coachlab.responses import REFERENCE_FILENAME

    assignment, student = info.get("assignment"), info.get("student")
    if not assignment:
        return
    source = source_dir / assignment
    if source.is_dir():
        for path in source.iterdir():
            data = (path.suffix != ".ipynb" and not path.name.startswith(JOURNAL_FILE)
                    and path.name != REFERENCE_FILENAME)
            if path.is_file() and data:
                shutil.copyfile(path, folder / path.name)
            elif path.name == REPS_FOLDER and path.is_dir() and not path.is_symlink():
                shutil.copytree(path, folder / path.name, symlinks=True)
    journal = submitted_dir / str(student) / assignment / JOURNAL_FILE
    if student and journal.is_file() and not journal.is_symlink():
        shutil.copyfile(journal, folder / JOURNAL_FILE)


def _outputs(result: Any) -> list[NotebookNode]:
    """A test cell's outputs, made by the grader from the check's result for it."""
    outputs: list[dict[str, Any]] = []
    if not isinstance(result, dict):
        outputs.append(_error("CheckFailed", "This part could not be checked."))
    else:
        not_read = result.get("not_read")
        lines = [str(line) for line in not_read] if isinstance(not_read, list) else []
        text = str(result.get("stdout") or "") + "".join(f"{line}\n" for line in lines)
        outputs.append({"output_type": "stream", "name": "stdout", "text": text + NOTE + "\n"})
        if result.get("error"):
            name, _, message = str(result["error"]).partition(": ")
            outputs.append(_error(name, message))
        elif result.get("value") is not None:
            outputs.append({"output_type": "execute_result", "execution_count": None,
                            "metadata": {}, "data": {"text/plain": str(result["value"])}})
    return [from_dict(output) for output in outputs]


def _error(name: str, message: str) -> dict[str, Any]:
    return {"output_type": "error", "ename": name, "evalue": message,
            "traceback": [f"{name}: {message}"]}
