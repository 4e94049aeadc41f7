"""nbgrader's Execute, with limits a runaway submission cannot talk its way out of.

- Memory: the kernel lowers its own address-space limit at start-up (``resource.setrlimit``), so a
  memory hog gets a MemoryError in its cell instead of taking the machine down.
- Time: a cell that outlives ``Execute.timeout`` is interrupted and the kernel is restarted, so an
  infinite loop (even one that ignores interrupts) or a kernel broken by patched builtins costs one
  timeout, not one per remaining cell.
- Crashes: a cell that kills its kernel (``os._exit``) gets an error output and a fresh kernel runs
  the rest, instead of the whole submission failing.
Later cells then run without the earlier cells' state, which can only lower a score.
"""

from __future__ import annotations

from typing import Any

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import run_sync
from nbformat.notebooknode import NotebookNode, from_dict
from nbgrader.preprocessors import Execute
from traitlets import Integer


class GuardedExecute(Execute):
    """Execute with a kernel memory limit and a fresh kernel after a timeout or a crash."""

    kernel_memory_mb = Integer(
        3072, help="Address-space limit for the grading kernel, in MiB (0: no limit)."
    ).tag(config=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if self.kernel_memory_mb:
            limit = self.kernel_memory_mb * 1024 * 1024
            line = ("import resource as _r; "
                    f"_r.setrlimit(_r.RLIMIT_AS, ({limit}, {limit})); del _r")
            self.extra_arguments = [*self.extra_arguments, f"--IPKernelApp.exec_lines={[line]!r}"]
        self._restart_needed = False

    async def _async_handle_timeout(self, timeout: int, cell: Any = None) -> Any:
        reply = await super()._async_handle_timeout(timeout, cell)
        self._restart_needed = True
        return reply

    async def async_execute_cell(self, cell: NotebookNode, cell_index: int,
                                 execution_count: int | None = None,
                                 store_history: bool = True) -> NotebookNode:
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
        self._restart_needed = False
        await self.km.restart_kernel(now=True)
        await self.kc.wait_for_ready(timeout=60)
