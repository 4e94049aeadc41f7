"""Writing a file so that a reader, a crash or a full disk never leaves half of it.

:func:`write_atomic` is the course's one way to replace a file: the answer journal, the xAPI
queue, exported statements, self-graded reports and the kernel's config all go through it. It
writes a temporary file in the same folder, flushes and fsyncs it, renames it over the target
with :func:`os.replace` (atomic on POSIX and Windows within one file system), then fsyncs the
folder so the rename itself survives a power cut. Any failure before the rename removes the
temporary file and leaves the old target as it was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

__all__ = ["TEMP_SUFFIX", "PRIVATE", "fsync_directory", "temp_files", "write_atomic"]

#: Every temporary file ends so: ``.<name>.<random>.tmp`` beside the target.
TEMP_SUFFIX = ".tmp"
#: The default permissions of a new file: readable by its owner only, as ``tempfile.mkstemp``
#: made them for every writer before this helper (journals hold a learner's answers, the queue
#: their names and e-mail addresses).
PRIVATE = 0o600


def write_atomic(path: Path | str, data: str | bytes, *, mode: int = PRIVATE,
                 encoding: str = "utf-8", sync_folder: bool = True) -> Path:
    """Replace ``path`` with ``data`` (text, encoded with ``encoding``, or bytes), atomically
    and durably; returns the path.

    ``mode`` is the new file's permission bits before the umask (``0o666`` gives what ``open``
    would, for files other users must read). The parent folder must exist. On any error (an
    unencodable text, a full disk, a target that is a folder) the temporary file is removed, the
    old file is left intact and the error is raised.

    ``sync_folder=False`` leaves the folder's fsync to the caller: a writer of many files in one
    folder (the xAPI queue) calls :func:`fsync_directory` once after the batch, so a batch of n
    files costs n + 1 fsyncs instead of 2n.
    """
    path = Path(path)
    if isinstance(data, str):
        payload = data.encode(encoding)
    elif isinstance(data, bytes | bytearray | memoryview):
        payload = bytes(data)
    else:  # bytes(42) would quietly write 42 zero bytes
        raise TypeError(f"write_atomic writes str or bytes, not {type(data).__name__}")
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}{TEMP_SUFFIX}")
    descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                         mode)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if sync_folder:
        fsync_directory(path.parent)
    return path


def temp_files(path: Path | str) -> list[Path]:
    """Temporary files :func:`write_atomic` left beside ``path`` (a writer killed mid-write)."""
    path = Path(path)
    return sorted(path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"))


def fsync_directory(directory: Path | str) -> None:
    """Make a rename or a new file in ``directory`` durable (POSIX); skipped silently where a
    folder cannot be opened or synced (Windows, some network file systems)."""
    if os.name != "posix":
        return
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
