"""GuardedExecute on small hand-built notebooks: time limits through nbclient's public hooks,
hidden tests kept from the learner's kernel, a fresh kernel after a timeout or a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell
from traitlets.config import Config

from coachlab.grading.execute import GuardedExecute
from tests.helpers import cells
from tests.helpers.sandbox import require_sandbox


@pytest.fixture()
def sandbox() -> None:
    require_sandbox()


def _execute(tmp_path: Path, *nb_cells, timeout: int = 3):
    config = Config()
    config.Execute.timeout = timeout
    nb = cells.notebook(*nb_cells)
    nb, _ = GuardedExecute(config=config).preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    return nb


def _text(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def _errors(cell) -> list[str]:
    return [o.ename for o in cell.outputs if o.output_type == "error"]


def test_the_timeout_is_taken_through_public_hooks_only() -> None:
    # Pins the seam: nothing private of nbclient's is overridden.
    private = [name for name in vars(GuardedExecute) if name.startswith("_async")]
    assert private == []
    assert GuardedExecute.interrupt_on_timeout.default_value is True


def test_an_infinite_loop_is_stopped_and_the_rest_runs_in_a_fresh_kernel(
        sandbox: None, tmp_path: Path) -> None:
    # Guards on_cell_executed: without the fresh kernel, `state` would survive the timeout.
    nb = _execute(tmp_path,
                  new_code_cell("state = 'kept'"),
                  new_code_cell("while True:\n    pass"),
                  new_code_cell("print(globals().get('state', 'fresh'))"))
    assert "CellTimeoutError" in _errors(nb.cells[1])
    message = [o for o in nb.cells[1].outputs if o.output_type == "error"][-1]
    assert "ran too long and was stopped" in message.evalue
    assert _text(nb.cells[2]) == "fresh\n"


def test_a_loop_that_ignores_interrupts_costs_one_timeout(sandbox: None, tmp_path: Path) -> None:
    # Guards the CellTimeoutError branch of async_execute_cell (nbclient raises it when the
    # kernel does not answer the interrupt).
    nb = _execute(tmp_path,
                  new_code_cell("import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                                "while True:\n    pass"),
                  new_code_cell("print('after')"))
    assert "CellTimeoutError" in _errors(nb.cells[0])
    assert _text(nb.cells[1]) == "after\n"


def test_a_cell_that_kills_its_kernel_gets_an_error_and_the_rest_runs(
        sandbox: None, tmp_path: Path) -> None:
    # Guards the DeadKernelError branch of async_execute_cell.
    nb = _execute(tmp_path, new_code_cell("import os\nos._exit(3)"),
                  new_code_cell("print('after')"))
    assert _errors(nb.cells[0]) == ["KernelStopped"]
    assert _text(nb.cells[1]) == "after\n"


def test_the_learners_kernel_never_runs_hidden_tests(sandbox: None, tmp_path: Path) -> None:
    # Guards the visible_source call in async_execute_cell; the cell keeps its full source.
    source = "print('visible')\n### BEGIN HIDDEN TESTS\nprint('hidden')\n### END HIDDEN TESTS"
    nb = _execute(tmp_path, cells.test(source))
    assert _text(nb.cells[0]) == "visible\n"
    assert nb.cells[0].source == source
