"""The one atomic write: a whole new file or the old one, never half of either."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from coachlab.files import PRIVATE, temp_files, write_atomic

ROOT = Path(__file__).resolve().parents[1]


def test_text_and_bytes_replace_the_file(tmp_path: Path) -> None:
    target = tmp_path / "answers.json"
    assert write_atomic(target, "première\n") == target
    assert target.read_bytes() == "première\n".encode()
    write_atomic(target, b"\x00\xffbytes")
    assert target.read_bytes() == b"\x00\xffbytes"
    write_atomic(str(target), "latin é", encoding="latin-1")
    assert target.read_bytes() == b"latin \xe9"
    assert temp_files(target) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.json"]


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_new_files_are_private_unless_asked_otherwise(tmp_path: Path) -> None:
    write_atomic(tmp_path / "private", "x")
    assert stat.S_IMODE((tmp_path / "private").stat().st_mode) == PRIVATE
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "shared", "x", mode=0o666)
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "shared").stat().st_mode) == 0o644


def test_a_write_that_fails_leaves_the_old_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "answers.json"
    write_atomic(target, "old")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "new \udc80", encoding="utf-8")  # a lone surrogate cannot encode
    with pytest.raises(TypeError):
        write_atomic(target, 42)  # type: ignore[arg-type]
    assert target.read_text() == "old" and temp_files(target) == []


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE")
def test_a_write_cut_short_by_the_file_system_leaves_the_old_file_intact(tmp_path: Path) -> None:
    """The file system refuses the new content half way (a file-size limit, as a full disk
    would): the error reaches the caller, the old file is whole, no temporary file is left."""
    target = tmp_path / "answers.json"
    write_atomic(target, "old")
    script = ("import resource, signal, sys\n"
              "from coachlab.files import write_atomic\n"
              "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
              "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
              "try:\n"
              "    write_atomic(sys.argv[1], 'new ' * 10_000)\n"
              "except OSError as error:\n"
              "    print(error.errno)\n")
    done = subprocess.run([sys.executable, "-c", script, str(target)], cwd=ROOT, check=True,
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == str(errno.EFBIG), done
    assert target.read_text() == "old" and temp_files(target) == []


def test_a_write_that_fails_at_the_rename_leaves_no_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    (folder / "inside").mkdir(parents=True)
    with pytest.raises(OSError):
        write_atomic(folder, "cannot replace a folder that is not empty")
    assert (folder / "inside").is_dir() and temp_files(folder) == []
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "missing" / "file", "the parent folder must exist")


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_writer_killed_mid_write_leaves_the_old_file_intact(tmp_path: Path) -> None:
    """A real process is killed after writing the new content to its temporary file and before
    the rename (it is held in fsync, where a slow disk would keep it): the target still holds
    the old content, whole, and the next write replaces it as usual."""
    target = tmp_path / "answers.json"
    write_atomic(target, "old")
    script = ("import os, sys, time\n"
              "from coachlab import files\n"
              "def held(descriptor):\n"
              "    print('written', flush=True)\n"
              "    time.sleep(600)\n"
              "files.os.fsync = held\n"
              "files.write_atomic(sys.argv[1], 'new ' * 100_000)\n")
    writer = subprocess.Popen([sys.executable, "-c", script, str(target)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "written\n"
        [temp] = temp_files(target)
        assert temp.read_text() == "new " * 100_000  # the whole new content, not yet in place
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert writer.returncode == -signal.SIGKILL
    assert target.read_text() == "old"
    write_atomic(target, "next")
    assert target.read_text() == "next"
