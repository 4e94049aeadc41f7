"""What the grader accepts from a learner's folder: regular files inside it, nothing else.

A submission is the learner's data. Before nbgrader copies or reads it (at collect and again at
grade time) every entry is looked at without following links: a symbolic link (say, the notebook
pointing at the instructor's solution), a hard link to a file elsewhere, a device, a FIFO or a
socket, too many files or too many bytes are refused, with the reason, and nothing is copied.
Limits come before parsing: a notebook over :data:`MAX_NOTEBOOK_BYTES`, a journal over
:data:`MAX_JOURNAL_BYTES`, or either nested deeper than :data:`MAX_NESTING` is refused before any
JSON parser sees it.

When a submission arrived is the grader's fact, never the learner's: collect writes the receipt
time (the latest change the grader's file system recorded in the submission, which no user can
set back) beside the submission, and grading makes nbgrader's ``timestamp.txt`` say exactly that
(:func:`settle_timestamp`); a ``timestamp.txt`` the learner wrote decides nothing.
"""

from __future__ import annotations

import os
import re
import stat
from datetime import UTC, datetime
from pathlib import Path

from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader.exchange.default.collect import ExchangeCollect
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Unicode

from coachlab.course import JOURNAL_FILE
from coachlab.grading.neutral import for_terminal

#: A submission larger than this (all its files) is refused: answers are a few kilobytes, and
#: nbgrader would copy every file into autograded/ and feedback/.
MAX_SUBMISSION_BYTES = 50 * 1024 * 1024
#: A submission with more entries than this is refused.
MAX_ENTRIES = 200
#: A notebook larger than this is refused before it is parsed (a course notebook with answers
#: is well under 1 MB; a parsed notebook takes many times its size in memory).
MAX_NOTEBOOK_BYTES = 5 * 1024 * 1024
#: An answer journal larger than this is refused before it is parsed.
MAX_JOURNAL_BYTES = 1024 * 1024
#: Deepest nesting of brackets and braces accepted in a notebook or a journal.
MAX_NESTING = 64
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")

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
                reason = _file_refusal(Path(entry.path), name, info.st_size)
                if reason is not None:
                    return reason
    if total > max_bytes:
        return (f"submission is {total / 2**20:.0f} MB, over the {max_bytes // 2**20} MB limit: "
                f"ask the learner to remove large extra files and resubmit")
    return None


def nesting(data: bytes) -> int:
    """How deep brackets and braces nest in JSON text, strings left out (no parsing)."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub(b'""', data)):
        depth += 1 if match.group() in (b"[", b"{") else -1
        deepest = max(deepest, depth)
    return deepest


def journal_refusal(path: Path) -> str | None:
    """Why a learner's journal (or notebook) must not be parsed: not a plain file, too large or
    too deeply nested; None when it may be read. For readers outside grading (the report)."""
    try:
        info = os.lstat(path)
    except OSError as error:
        return f"{Path(path).name} cannot be read: {error.strerror}"
    if not stat.S_ISREG(info.st_mode):
        return f"{Path(path).name} is {_kind(info.st_mode)}"
    return _file_refusal(Path(path), Path(Path(path).name), info.st_size)


def _file_refusal(path: Path, name: Path, size: int) -> str | None:
    """Why one notebook or journal is refused before parsing: too large or too deeply nested."""
    if path.suffix == ".ipynb":
        limit, what = MAX_NOTEBOOK_BYTES, "notebook"
    elif path.name == JOURNAL_FILE:
        limit, what = MAX_JOURNAL_BYTES, "answer journal"
    else:
        return None
    if size > limit:
        return (f"{name} is {size / 2**20:.1f} MB, over the {what} limit of "
                f"{limit / 2**20:g} MB: ask the learner to clear outputs and resubmit")
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        depth = nesting(handle.read(limit + 1))
    if depth > MAX_NESTING:
        return f"{name} nests {depth} levels deep, over the limit of {MAX_NESTING}"
    return None


#: nbgrader's timestamp format (what ``nbgrader submit`` writes to timestamp.txt).
_STAMP = "%Y-%m-%d %H:%M:%S.%f UTC"
#: Files of the grader's own, left out when the receipt time is taken.
_GRADER_FILES = {"timestamp.txt", "coachlab-refused.txt"}


def received_at(folder: Path) -> datetime:
    """The latest status change (``st_ctime``) of anything in ``folder``, itself included:
    no earlier than the last change to the submission, and no user can set it back."""
    folder = Path(folder)
    latest = os.lstat(folder).st_ctime
    for parent, dirs, files in os.walk(folder):
        for entry in (*dirs, *files):
            if entry not in _GRADER_FILES:
                latest = max(latest, os.lstat(os.path.join(parent, entry)).st_ctime)
    return datetime.fromtimestamp(latest, UTC)


def receipt_path(folder: Path) -> Path:
    """Where the grader keeps ``folder``'s receipt: beside it in submitted/<learner>/, where
    no submission's files can be (collect copies only the exercise's folder)."""
    folder = Path(folder)
    return folder.parent / f".{folder.name}.received"


def write_receipt(folder: Path, when: datetime) -> None:
    """Record that ``folder`` was received at ``when`` (UTC)."""
    receipt_path(folder).write_text(when.astimezone(UTC).strftime(_STAMP) + "\n",
                                    encoding="utf-8")


def settle_timestamp(folder: Path) -> str:
    """Make ``folder``'s timestamp.txt (what nbgrader stores and judges lateness by) the
    grader's receipt; a submission placed by hand gets one now, from its files' change times."""
    folder = Path(folder)
    receipt = receipt_path(folder)
    if not receipt.is_file() or receipt.is_symlink():
        write_receipt(folder, received_at(folder))
    stamp = read_text(receipt, 200).strip()
    target = folder / "timestamp.txt"
    if target.is_symlink() or target.exists() and not target.is_file():
        raise Refused("timestamp.txt is not a plain file")
    target.write_text(stamp + "\n", encoding="utf-8")
    return stamp


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
            when = received_at(Path(src))  # before copying: the exchange's record, not ours
            super().do_copy(src, dest, log)
            write_receipt(Path(dest), when)
            settle_timestamp(Path(dest))
            return
        self.log.error("Not collected: %s: %s", for_terminal(src), for_terminal(reason))
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
