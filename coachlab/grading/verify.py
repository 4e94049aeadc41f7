"""Check each autograded score again outside the learner's kernel, and keep the lower one.

Runs after nbgrader's Execute: for every test cell, :mod:`coachlab.grading.cleanrun` re-runs the
test on the learner's answers read as literals, in a fresh process with a time and memory limit.
Where the clean run earns less than the kernel run, the cell's outputs are replaced by the clean
run's, so nbgrader records the lower score and the feedback says why.

The clean run works in a fresh folder holding the course's own data files for the exercise (from
solutions/) and the answer journal exactly as submitted: nothing the kernel wrote while it ran
(a rewritten scenario file, an edited journal) can reach it. It runs in the same bubblewrap jail as
the kernel (:mod:`coachlab.grading.jail`): the journal it reads is the learner's data.

The learner's kernel never sees hidden tests (``GuardedExecute`` runs only the visible part of a
test cell), so a kernel run earns full points unless a visible check fails: the clean run, which
runs every test cell in full, decides the score.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
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


NOTE = ("This part was checked again outside your notebook, reading your answers exactly as typed "
        "in the answer cells. Answers must be plain text, numbers or lists.")


class VerifyScores(NbGraderPreprocessor):
    """Re-score test cells in a clean process; a kernel can only lower its score, never raise it."""

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
            result = results.get(cell.metadata.nbgrader["grade_id"]) if results else None
            clean_cell = _cell_from(cell, result)
            kernel_score = _score(cell, self.log)
            clean_score = _score(clean_cell, self.log)
            if clean_score < kernel_score:
                self.log.warning("Test cell %s: %s points in the kernel, %s in a clean run; "
                                 "keeping %s", cell.metadata.nbgrader["grade_id"], kernel_score,
                                 clean_score, clean_score)
                cell.outputs = clean_cell.outputs
        return nb, resources

    def _clean_run(self, job: dict[str, Any], folder: Path) -> dict[str, Any] | None:
        command = [sys.executable, "-m", "coachlab.grading.cleanrun"]
        env = dict(os.environ)
        if jail.enabled():
            jail.check()
            command = jail.Jail(folder, forbidden=[Path.cwd() / "solutions"]).command(command)
            env = {"PATH": "/usr/bin:/bin"}
        try:
            done = subprocess.run(
                command, input=json.dumps(job), capture_output=True, text=True,
                timeout=self.timeout, cwd=folder, env=env,
                preexec_fn=limits.memory_cap(self.memory_mb), check=False)
        except subprocess.TimeoutExpired:
            self.log.error("The clean re-check timed out; every test in this notebook scores 0")
            return None
        if done.returncode != 0:
            self.log.error("The clean re-check failed: %s", done.stderr.strip()[-500:])
            return None
        return json.loads(done.stdout)


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


def _cell_from(cell: NotebookNode, result: dict[str, Any] | None) -> NotebookNode:
    """A copy of ``cell`` whose outputs are the clean run's (an error if there was none)."""
    outputs: list[dict[str, Any]] = []
    if result is None:
        outputs.append(_error("CheckFailed", "This part could not be checked again."))
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
