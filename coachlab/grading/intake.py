"""What the grader accepts from a learner's folder: regular files inside it, nothing else.

A submission is the learner's data. Before nbgrader copies or reads it (at collect and again at
grade time) every entry is looked at without following links: a symbolic link (say, the notebook
pointing at the instructor's solution), a hard link to a file elsewhere, a device, a FIFO or a
socket, too many files or too many bytes are refused, with the reason, and nothing is copied.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.exchange.default.collect import ExchangeCollect
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

#: A submission larger than this (all its files) is refused: answers are a few kilobytes, and
#: nbgrader would copy every file into autograded/ and feedback/.
MAX_SUBMISSION_BYTES = 50 * 1024 * 1024
#: A submission with more entries than this is refused.
MAX_ENTRIES = 200

_KINDS = {stat.S_IFLNK: "a link", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device",
          stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFSOCK: "a socket"}


class Refused(ValueError):
    """A learner's folder holds something the grader does not accept."""


def refusal(folder: Path, max_bytes: int = MAX_SUBMISSION_BYTES) -> str | None:
    """Why ``folder`` cannot be graded or collected, or None when it holds only regular files
    (and folders of them) within the limits. Nothing is followed or opened."""
    folder = Path(folder)
    try:
        top = os.lstat(folder)
    except OSError as error:
        return f"the submission folder cannot be read: {error.strerror}"
    if not stat.S_ISDIR(top.st_mode):
        return f"the submission folder {folder.name} is {_kind(top.st_mode)}, not a folder"
    total = count = 0
    pending = [folder]
    while pending:
        current = pending.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                info = entry.stat(follow_symlinks=False)
                name = Path(entry.path).relative_to(folder)
                count += 1
                if count > MAX_ENTRIES:
                    return (f"submission holds more than {MAX_ENTRIES} files: ask the learner "
                            f"to submit only the exercise's files")
                if stat.S_ISDIR(info.st_mode):
                    pending.append(Path(entry.path))
                    continue
                if not stat.S_ISREG(info.st_mode):
                    return (f"{name} is {_kind(info.st_mode)}; only plain files are graded: ask "
                            f"the learner to submit the file itself")
                if info.st_nlink > 1:
                    return (f"{name} is a hard link to a file outside the submission; only "
                            f"plain files are graded: ask the learner to resubmit")
                total += info.st_size
    if total > max_bytes:
        return (f"submission is {total / 2**20:.0f} MB, over the {max_bytes // 2**20} MB limit: "
                f"ask the learner to remove large extra files and resubmit")
    return None


def _kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a plain file")


def read_text(path: Path, limit: int = MAX_SUBMISSION_BYTES) -> str:
    """A learner's file as text, refusing a link (``O_NOFOLLOW``), a non-regular or huge file."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as error:
        raise Refused(f"{Path(path).name} cannot be read without following a link: "
                      f"{error.strerror}") from error
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            raise Refused(f"{Path(path).name} is not a plain file within the size limit")
        return handle.read(limit + 1).decode("utf-8")


def refused_at_collect(folder: Path) -> str | None:
    """The reason collect refused this submission, if it did."""
    marker = Path(folder) / REFUSED_FILE
    if marker.is_file() and not marker.is_symlink():
        return "refused at collect: " + marker.read_text(encoding="utf-8").strip()
    return None


#: Left in submitted/<learner>/<exercise>/ in place of a submission collect refused.
REFUSED_FILE = "coachlab-refused.txt"


class SafeCollect(ExchangeCollect):
    """nbgrader's collect, refusing a submission that holds anything but plain files.

    A refused submission is not copied; its folder in submitted/ holds only
    :data:`REFUSED_FILE` with the reason, which ``coachlab grade`` reports. The other learners'
    submissions are collected as usual.
    """

    def do_copy(self, src: str, dest: str, log: object = None) -> None:
        """Copy ``src`` to ``dest`` only if :func:`refusal` finds nothing wrong with it."""
        reason = refusal(Path(src))
        if reason is None:
            super().do_copy(src, dest, log)
            return
        self.log.error("Not collected: %s: %s", src, reason)
        Path(dest).mkdir(parents=True, exist_ok=True)
        (Path(dest) / REFUSED_FILE).write_text(reason + "\n", encoding="utf-8")


class CheckSubmittedFiles(NbGraderPreprocessor):
    """First step of autograde: refuse a submission whose folder in submitted/ holds anything
    but plain files, whichever command started grading (``coachlab grade``, ``nbgrader
    autograde``, self-grading)."""

    submitted_directory = Unicode("submitted", help="nbgrader's submitted folder.").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict
                   ) -> tuple[NotebookNode, ResourcesDict]:
        info = resources.get("nbgrader", {})
        student, assignment = info.get("student"), info.get("assignment")
        if student and assignment:
            # nbgrader converts with the course root as the working directory.
            folder = Path(self.submitted_directory) / str(student) / str(assignment)
            reason = refused_at_collect(folder) or refusal(folder)
            if reason is not None:
                raise Refused(f"{student} / {assignment} not graded: {reason}")
        return nb, resources
