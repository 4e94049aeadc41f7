"""nbgrader's Execute, with limits a runaway submission cannot talk its way out of.

- Memory: the kernel's address-space limit is set at start-up (``resource.setrlimit``), so a
  memory hog gets a MemoryError in its cell instead of taking the machine down. In the jail the
  limits are set by :data:`coachlab.grading.jail.BOOT` before the kernel's launcher is even
  imported, in a Python started with ``-I``: no file in the submission can stand in for a module.
- Time: a cell that outlives ``Execute.timeout`` is interrupted and the kernel is restarted, so an
  infinite loop (even one that ignores interrupts) or a kernel broken by patched builtins costs one
  timeout, not one per remaining cell. Only nbclient's public seams are used: with
  ``interrupt_on_timeout`` nbclient answers a timed-out cell with the ``error_on_timeout`` reply,
  which the ``on_cell_executed`` hook recognises; a kernel that ignores the interrupt makes
  nbclient raise ``CellTimeoutError`` (``raise_on_iopub_timeout``).
- Crashes: a cell that kills its kernel (``os._exit``) gets an error output and a fresh kernel runs
  the rest, instead of the whole submission failing.
- Jail: the kernel runs inside a bubblewrap jail (:mod:`coachlab.grading.jail`) on a scratch copy
  of the submission, talking to the grader over Unix sockets; it also has a process limit and a
  file-size limit. Stopping or restarting the kernel ends every process it started.
- Hidden tests never reach the learner's kernel: test cells run there without their
  ``BEGIN/END HIDDEN TESTS`` region (the clean re-check runs them in full, see ``verify``), so no
  code of the learner's can read them and print them into its own feedback.
- Outputs: a cell's outputs beyond ``max_output_bytes`` are dropped while they arrive, display
  *updates* included, so a flood of output cannot exhaust the grader's memory; widget state is not
  stored in the notebook.
Later cells then run without the earlier cells' state, which can only lower a score.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import run_sync
from nbformat.notebooknode import NotebookNode, from_dict
from nbgrader.preprocessors import ClearHiddenTests, Execute
from traitlets import Bool, Dict, Integer

from coachlab.course import GRADEBOOK_FILE
from coachlab.grading import jail
from coachlab.grading import limits as kernel_limits
from coachlab.grading.hidden import is_test, visible_source

__all__ = ["GuardedExecute", "JailedKernelManager", "is_test"]

#: What a cell that ran too long shows in place of its output.
TIMED_OUT = "This cell ran too long and was stopped; the cells after it ran afresh."


class JailedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel runs in a bubblewrap jail on a scratch copy of its folder.

    The scratch copy holds the regular files of the folder nbclient would start the kernel in
    (the submission as nbgrader copied it, with the course's data files), never following a
    link. Kernel and grader talk over Unix sockets in the scratch folder (``ipc`` transport): the
    jail has no network. Interrupts are sent as messages, because a jailed kernel sits in its own
    session where the grader's signals do not reach it. The scratch folder is removed when the
    kernel is cleaned up for good.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        #: What must never be visible in the jail (the course's solutions and gradebook).
        self.forbidden: list[Path] = []
        #: Resource limits (``RLIMIT_*`` name, value) set before the kernel's code is imported.
        self.limits: list[tuple[str, int]] = []
        self._scratch: Path | None = None
        self._jail: jail.Jail | None = None

    async def _async_pre_start_kernel(self, **kw: Any) -> tuple[list[str], dict[str, Any]]:
        if self._scratch is None:
            self._scratch = jail.scratch()
            work, sockets = self._scratch / "work", self._scratch / "ipc"
            work.mkdir()
            sockets.mkdir()
            if kw.get("cwd"):
                jail.copy_regular_files(Path(kw["cwd"]), work)
            self.transport, self.ip = "ipc", str(sockets / "kernel")
            self.connection_file = str(self._scratch / "kernel.json")
            self._jail = jail.Jail(work, same_path=[sockets],
                                   read_only=[Path(self.connection_file)],
                                   forbidden=self.forbidden)
            self.kernel_spec.interrupt_mode = "message"
        return await super()._async_pre_start_kernel(**kw)

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        assert self._jail is not None
        kw.update(stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                  stderr=subprocess.DEVNULL, env={"PATH": "/usr/bin:/bin"}, cwd="/")
        command = self._jail.command(_isolated(kernel_cmd, self.limits),
                                     env={"IPYTHONDIR": "/tmp/ipython"})
        await super()._async_launch_kernel(command, **kw)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart)
        if not restart and self._scratch is not None:
            jail.remove(self._scratch)
            self._scratch = None


def _isolated(kernel_cmd: list[str], limits: list[tuple[str, int]]) -> list[str]:
    """The kernelspec's ``python -m ipykernel_launcher ...`` started through the jail's boot
    code: ``-I``, limits first, the grader's coachlab first on the path."""
    if len(kernel_cmd) < 3 or kernel_cmd[1] != "-m":
        raise jail.SandboxUnavailable(
            f"the grading kernel must be started as `python -m MODULE`, not {kernel_cmd[:3]}: "
            "check the python3 kernelspec")
    return jail.python_argv(kernel_cmd[2], kernel_cmd[3:], limits, python=kernel_cmd[0])


class GuardedExecute(Execute):
    """Execute in a jail, with kernel limits and a fresh kernel after a timeout or a crash."""

    kernel_memory_mb = Integer(
        3072, help="Address-space limit for the grading kernel, in MiB (0: no limit)."
    ).tag(config=True)
    kernel_processes = Integer(
        64, help="Most processes and threads a jailed kernel may run at once."
    ).tag(config=True)
    kernel_file_mb = Integer(
        64, help="Largest file a jailed kernel may write, in MiB."
    ).tag(config=True)
    max_output_bytes = Integer(
        1_000_000, help="Outputs of one cell beyond this size are dropped as they arrive."
    ).tag(config=True)
    store_widget_state = Bool(
        False, help="Widget state is the learner's: never stored in the graded notebook."
    ).tag(config=True)
    error_on_timeout = Dict(
        default_value={"ename": "CellTimeoutError", "evalue": TIMED_OUT,
                       "traceback": [f"CellTimeoutError: {TIMED_OUT}"]},
        help="The error a timed-out cell gets (nbclient's reply to a timeout).",
    ).tag(config=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.jailed = jail.enabled()
        limits = []
        if self.kernel_memory_mb:
            limits.append(("RLIMIT_AS", self.kernel_memory_mb * 2**20))
        if self.jailed:
            jail.check()
            self.kernel_manager_class = JailedKernelManager
            # Counted inside the jail's own user namespace, so other processes do not count.
            limits += [("RLIMIT_NPROC", self.kernel_processes),
                       ("RLIMIT_FSIZE", self.kernel_file_mb * 2**20)]
        else:
            self.log.warning(jail.OFF_WARNING)
        self._limits = limits
        line = kernel_limits.kernel_line(limits)
        if line and not self.jailed:
            # Without the jail there is no boot code: the kernel sets its limits as it starts.
            self.extra_arguments = [*self.extra_arguments, f"--IPKernelApp.exec_lines={[line]!r}"]
        self._restart_needed = False
        self._output_bytes: dict[int, int] = {}
        self._hidden = ClearHiddenTests(parent=self)

    def create_kernel_manager(self) -> Any:
        km = super().create_kernel_manager()
        if isinstance(km, JailedKernelManager):
            # nbgrader converts with the course root as the working directory.
            km.forbidden = [Path.cwd() / "solutions", Path.cwd() / GRADEBOOK_FILE]
            km.limits = list(self._limits)
        return km

    def output(self, outs: list[NotebookNode], msg: dict[str, Any], display_id: str | None,
               cell_index: int) -> NotebookNode | None:
        size = self._output_bytes.get(cell_index, 0) + len(json.dumps(msg.get("content", {})))
        self._output_bytes[cell_index] = size
        if size > self.max_output_bytes:
            return None
        return super().output(outs, msg, display_id, cell_index)

    def process_message(self, msg: dict[str, Any], cell: NotebookNode,
                        cell_index: int) -> NotebookNode | None:
        """nbclient applies a display *update* without calling :meth:`output`: charge it to the
        same budget, and drop it once the cell is over that budget."""
        if msg.get("msg_type") == "update_display_data":
            size = self._output_bytes.get(cell_index, 0) + len(json.dumps(msg.get("content", {})))
            self._output_bytes[cell_index] = size
            if size > self.max_output_bytes:
                return None
        return super().process_message(msg, cell, cell_index)

    def on_cell_executed(self, **kwargs: Any) -> None:
        """nbclient's hook after each cell: a timed-out cell (nbclient answered it with
        ``error_on_timeout``) gets a fresh kernel before the next cell runs."""
        super().on_cell_executed(**kwargs)
        content = (kwargs.get("execute_reply") or {}).get("content", {})
        timed_out = self.error_on_timeout or {}
        # A learner's cell that raises the same error only costs itself a fresh kernel.
        if content.get("status") == "error" and all(
                content.get(key) == timed_out.get(key) for key in ("ename", "evalue")):
            self._restart_needed = True

    async def async_execute_cell(self, cell: NotebookNode, cell_index: int,
                                 execution_count: int | None = None,
                                 store_history: bool = True) -> NotebookNode:
        source = cell.get("source")
        if is_test(cell):
            # The learner's kernel runs only the visible part of a test cell.
            cell.source = visible_source(cell, self._hidden)
        try:
            result = await super().async_execute_cell(cell, cell_index, execution_count,
                                                      store_history)
        except DeadKernelError:
            self.log.error("The kernel died while running cell %s; starting a fresh one",
                           cell_index)
            return await self._fail(
                cell, "KernelStopped",
                "This cell stopped the notebook; the cells after it ran afresh.")
        except CellTimeoutError:
            self.log.error("Cell %s did not stop when interrupted; starting a fresh kernel",
                           cell_index)
            return await self._fail(cell, "CellTimeoutError",
                                    "This cell ran too long and was stopped.")
        finally:
            cell.source = source
        if self._restart_needed:
            self.log.error("Cell %s timed out; starting a fresh kernel", cell_index)
            await self._fresh_kernel()
        return result

    def execute_cell(self, cell: NotebookNode, cell_index: int,
                     execution_count: int | None = None,
                     store_history: bool = True) -> NotebookNode:
        # nbclient binds the sync wrapper to its own coroutine; route it through ours.
        return run_sync(self.async_execute_cell)(cell, cell_index, execution_count,
                                                 store_history)

    async def _fail(self, cell: NotebookNode, name: str, message: str) -> NotebookNode:
        cell.outputs = [*cell.get("outputs", []), from_dict({
            "output_type": "error", "ename": name, "evalue": message,
            "traceback": [f"{name}: {message}"]})]
        await self._fresh_kernel()
        return cell

    async def _fresh_kernel(self) -> None:
        # Restarting a jailed kernel kills its jail: nothing the cell started survives.
        self._restart_needed = False
        await self.km.restart_kernel(now=True)
        await self.kc.wait_for_ready(timeout=60)

