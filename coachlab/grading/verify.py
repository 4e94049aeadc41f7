"""Score every test cell in a clean process outside the learner's kernel: its result counts.

Runs after nbgrader's Execute: for every test cell, :mod:`coachlab.grading.cleanrun` re-runs the
test on the learner's answers read as literals, in a fresh process with a time and memory limit.
Every test cell's outputs are then replaced by the clean run's, so nbgrader records the clean
score and nothing the learner's kernel printed in a test cell is kept or decides a score.

When the clean run cannot run at all (the jail cannot start, an import error, a timeout, output
that is not its result) the submission is not scored: :class:`RecheckFailed` is raised, so
grading reports the submission as failed with the reason, and no score is saved for it.

The clean run works in a fresh folder holding the course's own data files for the exercise (from
solutions/) and the answer journal exactly as submitted: nothing the kernel wrote while it ran
(a rewritten scenario file, an edited journal) can reach it. It runs in the same bubblewrap jail as
the kernel (:mod:`coachlab.grading.jail`): the journal it reads is the learner's data.

The learner's kernel never sees hidden tests (``GuardedExecute`` runs only the visible part of a
test cell): the clean run, which runs every test cell in full, decides the score.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode, from_dict
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer, Unicode

from coachlab.grading import jail, limits


def code_digest(package: Path | None = None) -> str:
    """A digest of the package's Python source, to notice a submission that rewrites it."""
    import hashlib

    package = package or Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


#: Taken when the grader loads its configuration, before any learner code has run.
_CODE_AT_START = code_digest()


class CodeChanged(RuntimeError):
    """The course's grading code changed while a submission was being graded."""


class RecheckFailed(RuntimeError):
    """The clean re-check could not run: a grading error, never a score."""


NOTE = ("This part was checked again outside your notebook, reading your answers exactly as typed "
        "in the answer cells. Answers must be plain text, numbers or lists.")


class VerifyScores(NbGraderPreprocessor):
    """Score test cells in a clean process; a failure to run it fails the submission."""

    timeout = Integer(60, help="Seconds the clean run may take for one notebook.").tag(config=True)
    memory_mb = Integer(2048, help="Address-space limit of the clean run, in MiB.").tag(config=True)
    source_directory = Unicode("solutions", help="nbgrader's source folder.").tag(config=True)
    submitted_directory = Unicode("submitted", help="nbgrader's submitted folder.").tag(config=True)

    def preprocess(
        self, nb: NotebookNode, resources: ResourcesDict
    ) -> tuple[NotebookNode, ResourcesDict]:
        if code_digest() != _CODE_AT_START:
            raise CodeChanged(
                "the coachlab package changed on disk since grading started (a submission "
                "rewrote it, or the course was updated), so this submission is not graded: "
                "check the course's files, restart the grading command, and grade as a "
                "separate user (docs/hardening.md)")
        tests = [cell for cell in nb.cells
                 if utils.is_grade(cell) and not utils.is_solution(cell)
                 and cell.cell_type == "code"]
        if not tests:
            return nb, resources
        answers = [cell.source for cell in nb.cells
                   if utils.is_solution(cell) and cell.cell_type == "code"]
        job = {"answers": answers,
               "tests": [{"id": c.metadata.nbgrader["grade_id"], "source": c.source}
                         for c in tests]}
        with tempfile.TemporaryDirectory(prefix="coachlab-recheck-") as scratch:
            folder = Path(scratch)
            _pristine_files(resources.get("nbgrader", {}), folder,
                            Path(self.source_directory), Path(self.submitted_directory))
            results = self._clean_run(job, folder)
        for cell in tests:
            grade_id = cell.metadata.nbgrader["grade_id"]
            if grade_id not in results:
                raise RecheckFailed(f"the clean re-check gave no result for test cell {grade_id}")
            clean_cell = _cell_from(cell, results[grade_id])
            kernel_score, clean_score = _score(cell, self.log), _score(clean_cell, self.log)
            if clean_score != kernel_score:
                self.log.info("Test cell %s: %s points in the kernel, %s in the clean run, "
                              "which counts", grade_id, kernel_score, clean_score)
            cell.outputs = clean_cell.outputs
        return nb, resources

    def _clean_run(self, job: dict[str, Any], folder: Path) -> dict[str, Any]:
        """The clean run's result per test cell; :class:`RecheckFailed` if it cannot run."""
        jailed = jail.enabled()
        memory = [("RLIMIT_AS", self.memory_mb * 2**20)] if self.memory_mb else []
        command = jail.python_argv("coachlab.grading.cleanrun", limits=memory, jailed=jailed)
        env = dict(os.environ)
        if jailed:
            try:
                jail.check()
                command = jail.Jail(folder, forbidden=[Path.cwd() / "solutions"]).command(
                    command)
            except jail.SandboxUnavailable as error:
                raise RecheckFailed(f"the clean re-check could not start: {error}") from error
            env = {"PATH": "/usr/bin:/bin"}
        try:
            # Its own process group: on a timeout the whole group is killed, including a jail
            # still being set up (killing bwrap alone then could leave its child behind).
            process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True, cwd=folder, env=env, start_new_session=True,
                preexec_fn=limits.memory_cap(self.memory_mb))
        except OSError as error:
            raise RecheckFailed(f"the clean re-check could not start: {error}") from error
        with process:
            try:
                stdout, stderr = process.communicate(json.dumps(job), timeout=self.timeout)
            except subprocess.TimeoutExpired as error:
                _kill_group(process)
                raise RecheckFailed(f"the clean re-check did not finish in {self.timeout} s "
                                    "(a loaded machine?)") from error
        done = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
        if done.returncode != 0:
            last = done.stderr.strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
            raise RecheckFailed(f"the clean re-check could not run: {last[0][-300:]}")
        try:
            results = json.loads(done.stdout)
        except ValueError as error:
            raise RecheckFailed("the clean re-check gave no readable result") from error
        if not isinstance(results, dict):
            raise RecheckFailed("the clean re-check gave no readable result")
        return results


def _kill_group(process: subprocess.Popen) -> None:
    """Kill ``process`` and everything in its process group, then reap it."""
    import signal

    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()


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


def _score(cell: NotebookNode, log: Any) -> float:
    """nbgrader's score for a test cell; an impossible one (above the maximum) is infinite."""
    try:
        score, _ = utils.determine_grade(cell, log)
    except ValueError:
        return float("inf")
    return float(score or 0)


def _cell_from(cell: NotebookNode, result: dict[str, Any]) -> NotebookNode:
    """A copy of ``cell`` whose outputs are the clean run's."""
    outputs: list[dict[str, Any]] = []
    if not isinstance(result, dict):
        outputs.append(_error("CheckFailed", "This part could not be checked."))
    else:
        text = (result.get("stdout") or "") + NOTE + "\n"
        outputs.append({"output_type": "stream", "name": "stdout", "text": text})
        if result.get("error"):
            name, _, message = result["error"].partition(": ")
            outputs.append(_error(name, message))
        elif result.get("value") is not None:
            outputs.append({"output_type": "execute_result", "execution_count": None,
                            "metadata": {}, "data": {"text/plain": result["value"]}})
    copy = from_dict({**cell, "outputs": outputs})
    return copy


def _error(name: str, message: str) -> dict[str, Any]:
    return {"output_type": "error", "ename": name, "evalue": message,
            "traceback": [f"{name}: {message}"]}
