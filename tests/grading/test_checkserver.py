"""The check server: one warm jailed Python per grading process, a fresh fork per check."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from coachlab.grading import checkserver
from tests.helpers.sandbox import require_sandbox


@pytest.fixture()
def server() -> Iterator[None]:
    require_sandbox()
    checkserver.reset()
    yield
    checkserver.reset()


def _check(source: str, timeout: float = 30) -> dict:
    job_input = json.dumps({"answers": ['label_1 = "open"'],
                            "tests": [{"id": "t", "source": source}]})
    with checkserver.job() as job:
        return job.run("coachlab.grading.cleanrun", job_input, timeout=timeout,
                       memory_mb=2048)["t"]


def test_checks_share_one_warm_server_but_never_each_others_state(server: None) -> None:
    # Each check runs in a fresh fork: what one changes (a module's state, a file in its own
    # folder) is gone for the next, while the server (same pid) stays.
    first = _check("import os, coachlab.checks.keys as keys\nkeys.LEFT_BEHIND = 1\n"
                   "open('note.txt', 'w').write('x')\n(os.getppid(), label_1)")
    second = _check("import os, coachlab.checks.keys as keys\n"
                    "(os.getppid(), hasattr(keys, 'LEFT_BEHIND'), os.path.exists('note.txt'))")
    first_parent, answer = eval(first["value"])  # noqa: S307 - our own test's repr
    second_parent, leaked, file_left = eval(second["value"])  # noqa: S307
    assert answer == "open" and first_parent == second_parent
    assert not leaked and not file_left


def test_a_check_past_its_time_stops_the_server_and_the_next_check_starts_a_fresh_one(
        server: None) -> None:
    with pytest.raises(checkserver.RunFailed, match="did not finish in 2 s"):
        _check("while True:\n    pass", timeout=2)
    assert _check("label_1")["value"] == "'open'"


def test_a_check_that_kills_itself_is_a_failure_and_the_server_goes_on(server: None) -> None:
    with pytest.raises(checkserver.RunFailed, match="could not run"):
        _check("import os\nos._exit(3)")
    assert _check("label_1")["value"] == "'open'"


def test_the_server_runs_only_the_check_modules(server: None) -> None:
    with checkserver.job() as job, pytest.raises(checkserver.RunFailed, match="could not run"):
        job.run("os", "{}", timeout=10, memory_mb=2048)


def test_a_closed_server_exits_by_itself_and_is_reaped(server: None) -> None:
    # Let go at the end of grading, the server ends on its own (so its CPU time is counted
    # with the grading process's children) rather than being killed.
    assert _check("label_1")["value"] == "'open'"
    current = checkserver._Server._current
    assert current is not None and current.process is not None
    process = current.process
    checkserver.reset()
    assert process.returncode == 0
