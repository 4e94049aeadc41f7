"""One warm, jailed Python per grading process that runs each check in a fork of itself.

Every check grading runs (the score of a notebook's test cells, the per-item check behind the
feedback) is course code reading one learner's data. Starting a fresh Python for each would spend
most of its time importing the course's scorers and compiling their pattern tables, the same work
for every learner. So each grading process starts one *check server* in the jail
(:mod:`coachlab.grading.jail`), once: it imports and warms the scorers, then waits. For every job
it forks a child, which changes into that job's folder, lowers its own memory limit, runs the
check module on the job and exits. The server never reads a learner's data, and no child outlives
its job, so nothing of one learner's check can reach the next: each starts from the same clean,
warm parent.

A job is a folder in the server's scratch folder (the jail's only writable folder): the caller
fills it (the exercise's data files, the journal as submitted), :meth:`Job.run` writes the job's
input beside them and sends the folder's name; the child reads ``job.json`` and writes
``result.json``. When a job runs past its time, or the server dies, the whole server is killed
with everything it started (its own process group and PID namespace), :class:`RunFailed` says
why, and the next job starts a fresh server.

The protocol, one line each way per job: ``MODULE FOLDER MEMORY_MB`` in, the child's exit status
out.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coachlab.grading import jail
from coachlab.grading.limits import memory_cap

#: Modules a check may run (a job naming anything else is refused by the server).
MODULES = ("coachlab.grading.cleanrun", "coachlab.grading.itemrun")
#: The server's own address-space limit, in MiB; each child sets its job's lower limit itself.
SERVER_MEMORY_MB = 4096
#: The largest result a check may write, in bytes.
MAX_RESULT_BYTES = 20 * 2**20
#: How long the server may take to start and warm up, in seconds.
START_TIMEOUT = 60.0
#: Seconds a server whose input was closed may take to exit before it is killed.
CLOSE_TIMEOUT = 5.0


def start_timeout() -> float:
    """:data:`START_TIMEOUT` (a function, so a test can shorten it)."""
    return START_TIMEOUT


class RunFailed(RuntimeError):
    """A check could not run to its end: the message says why, in one line."""


@dataclass
class Job:
    """One check's folder in the server's scratch folder, and the server that runs it."""

    server: _Server
    folder: Path

    def run(self, module: str, payload: str, *, timeout: float,
            memory_mb: int) -> dict[str, Any]:
        """Run ``module`` on ``payload`` in this folder; the JSON object it wrote, or
        :class:`RunFailed`."""
        output = self.server.run(self.folder, module, payload, timeout, memory_mb)
        try:
            result = json.loads(output)
        except ValueError as error:
            raise RunFailed("gave no readable result") from error
        if not isinstance(result, dict):
            raise RunFailed("gave no readable result")
        return result


@contextmanager
def job() -> Iterator[Job]:
    """A fresh folder for one check, removed afterwards; fill it, then call :meth:`Job.run`."""
    server = _Server.current()
    folder = server.new_folder()
    try:
        yield Job(server, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def reset() -> None:
    """Stop this process's check server, if any: the next job starts a fresh one (with the
    environment and settings of that moment)."""
    with _Server._lock:
        server, _Server._current = _Server._current, None
    if server is not None:
        server.close()


class _Server:
    """The grading process's check server (started on its first job)."""

    _current: _Server | None = None
    _lock = threading.Lock()

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="coachlab-checks-"))
        self.process: subprocess.Popen[str] | None = None
        self.jobs = 0
        self.lock = threading.Lock()

    @classmethod
    def current(cls) -> _Server:
        with cls._lock:
            if cls._current is None:
                cls._current = cls()
                atexit.register(cls._current.close)
            return cls._current

    def new_folder(self) -> Path:
        with self.lock:
            self.jobs += 1
            folder = self.root / f"job-{self.jobs}"
        folder.mkdir()
        return folder

    def run(self, folder: Path, module: str, payload: str, timeout: float,
            memory_mb: int) -> str:
        (folder / "job.json").write_text(payload, encoding="utf-8")
        with self.lock:
            process = self._started()
            assert process.stdin is not None
            try:
                process.stdin.write(f"{module} {folder.name} {int(memory_mb)}\n")
                process.stdin.flush()
            except OSError as error:
                self._stop()
                raise RunFailed(f"could not run: the check server stopped ({error})") from error
            line = self._answer(process, timeout)
        status = _status(line)
        error_file = folder / "error.txt"
        if status != 0:
            said = error_file.read_text(errors="replace").strip().splitlines()[-1:] if \
                error_file.is_file() else []
            raise RunFailed(f"could not run: {(said or [f'exit status {status}'])[0][-300:]}")
        result = folder / "result.json"
        if not result.is_file() or result.is_symlink():
            raise RunFailed("gave no result")
        if result.stat().st_size > MAX_RESULT_BYTES:
            raise RunFailed(f"gave a result over {MAX_RESULT_BYTES // 2**20} MB")
        return result.read_text(encoding="utf-8", errors="replace")

    def _started(self) -> subprocess.Popen[str]:
        if self.process is not None and self.process.poll() is None:
            return self.process
        self._stop()
        jailed = jail.enabled()
        limits = [("RLIMIT_AS", SERVER_MEMORY_MB * 2**20)]
        if jailed:
            limits += [("RLIMIT_NPROC", 64), ("RLIMIT_FSIZE", 64 * 2**20)]
        command = jail.python_argv("coachlab.grading.checkserver", limits=limits, jailed=jailed)
        env = dict(os.environ)
        if jailed:
            try:
                jail.check()
                command = jail.Jail(self.root, forbidden=[Path.cwd() / "solutions"]).command(
                    command)
            except jail.SandboxUnavailable as error:
                raise RunFailed(f"could not start: {error}") from error
            env = {"PATH": "/usr/bin:/bin"}
        try:
            # Its own process group: stopping it stops a jail still being set up too.
            self.process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, text=True, cwd=self.root, env=env,
                start_new_session=True, preexec_fn=memory_cap(SERVER_MEMORY_MB))
        except OSError as error:
            raise RunFailed(f"could not start: {error}") from error
        ready = self._answer(self.process, start_timeout())
        if ready.strip() != "ready":
            self._stop()
            raise RunFailed(f"could not start: the check server said {ready.strip()[:200]!r}")
        return self.process

    def _answer(self, process: subprocess.Popen[str], timeout: float) -> str:
        """The server's next line, or :class:`RunFailed` (and a stopped server)."""
        assert process.stdout is not None
        readable, _, _ = select.select([process.stdout], [], [], timeout)
        if not readable:
            self._stop()
            raise RunFailed(f"did not finish in {timeout:g} s (a loaded machine?)")
        line = process.stdout.readline()
        if not line:
            self._stop()
            raise RunFailed("could not run: the check server stopped")
        return line

    def _stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        _kill_group(process)

    def close(self) -> None:
        """Stop the server and remove its scratch folder. The server is first let go (its input
        closed, so it exits and is reaped with the CPU time it used), then killed if it lingers."""
        process = self.process
        if process is not None and process.stdin is not None:
            try:
                process.stdin.close()
                process.wait(timeout=CLOSE_TIMEOUT)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self._stop()
        shutil.rmtree(self.root, ignore_errors=True)


def _kill_group(process: subprocess.Popen[str]) -> None:
    """Kill ``process`` and everything in its process group, then reap it."""
    import signal

    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    for stream in (process.stdin, process.stdout):
        try:
            if stream is not None:
                stream.close()
        except OSError:
            pass
    process.wait()


def _status(line: str) -> int:
    try:
        return int(line.strip())
    except ValueError:
        return -1


# ------------------------------------------------------------------------------ the server side

def warm() -> None:
    """Import the course's scorers and compile their pattern tables once, in the parent."""
    import coachlab.checks.interview  # noqa: F401
    import coachlab.checks.keys  # noqa: F401
    import coachlab.checks.scoring  # noqa: F401
    import coachlab.grading.cleanrun  # noqa: F401
    import coachlab.grading.itemrun  # noqa: F401
    import coachlab.scenarios  # noqa: F401
    from coachlab.analysis import assess

    # Fixed text, never a learner's: compiles the tables every reading of a reply uses.
    assess("So what do you think is stopping them from signing?", context="I just feel stuck.")


def serve() -> None:
    """Read jobs from stdin, one line each; fork a child per job; write its exit status."""
    import importlib
    import resource

    try:
        warm()
    except Exception as error:  # noqa: BLE001 - a server that cannot warm still serves
        print(f"warm-up failed: {type(error).__name__}", file=sys.stderr)
    print("ready", flush=True)
    for line in sys.stdin:
        module, folder, memory = (line.split() + ["", "", ""])[:3]
        if module not in MODULES or not folder.startswith("job-") or "/" in folder:
            print("-1", flush=True)
            continue
        pid = os.fork()
        if pid == 0:  # the child: one job, then gone
            status = 1
            try:
                os.chdir(folder)
                if memory.isdigit() and int(memory):
                    limit = int(memory) * 2**20
                    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
                _redirect("job.json", 0, os.O_RDONLY)
                _redirect("result.json", 1, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
                _redirect("error.txt", 2, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
                sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
                sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
                sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
                importlib.import_module(module).main()
                sys.stdout.flush()
                status = 0
            except BaseException as error:  # noqa: BLE001 - reported, then the child ends
                try:
                    print(f"{type(error).__name__}: {error}"[:500], file=sys.stderr, flush=True)
                except BaseException:  # noqa: BLE001
                    pass
            finally:
                os._exit(status)
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        print(str(code), flush=True)


def _redirect(name: str, fd: int, flags: int) -> None:
    target = os.open(name, flags | os.O_NOFOLLOW, 0o600)
    os.dup2(target, fd)
    os.close(target)


if __name__ == "__main__":
    serve()
