"""The suite builds its expensive fixtures once: tests marked ``xdist_group`` share one worker.

The hostile batch, the browser's JupyterLab, the hub and the LRS are module- or package-scoped
fixtures in tests marked ``xdist_group``; ``make test`` runs ``-n 3 --dist loadgroup`` so each is
built by one worker only. If the installed pytest and pytest-xdist stop honouring the mark (as
pytest 9 with xdist 3.8 does), each would be built by every worker that runs one of its tests,
in parallel, on a 2-core machine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

GROUPED = '''
import os, pytest
pytestmark = pytest.mark.xdist_group("shared")

@pytest.fixture(scope="module")
def built():
    with open(os.environ["BUILT_LOG"], "a") as log:
        log.write(os.environ.get("PYTEST_XDIST_WORKER", "main") + "\\n")

@pytest.mark.parametrize("n", range(8))
def test_uses_it(built, n):
    pass
'''
OTHER = '''
import pytest

@pytest.mark.parametrize("n", range(8))
def test_other(n):
    pass
'''


def test_a_grouped_module_fixture_is_built_by_one_worker(tmp_path: Path) -> None:
    (tmp_path / "test_grouped.py").write_text(GROUPED)
    (tmp_path / "test_other.py").write_text(OTHER)
    log = tmp_path / "built.log"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2",
         "--dist", "loadgroup", str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={"BUILT_LOG": str(log), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(log.read_text().split()) == 1, (
        f"the grouped fixture was built by {log.read_text().split()}: pytest-xdist's "
        "--dist loadgroup ignores xdist_group with this pytest; see pyproject.toml")
