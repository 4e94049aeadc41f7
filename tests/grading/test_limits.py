"""Resource limits for learner code: real caps on Linux, and none (not a crash) on Windows."""

from __future__ import annotations

import subprocess
import sys

from coachlab.grading import limits

ALLOCATE = "b = bytearray(600 * 2**20); print('allocated')"


def test_memory_cap_stops_a_child_that_takes_too_much() -> None:
    capped = subprocess.run([sys.executable, "-c", ALLOCATE], capture_output=True, text=True,
                            preexec_fn=limits.memory_cap(300), check=False)
    assert capped.returncode != 0 and "MemoryError" in capped.stderr
    free = subprocess.run([sys.executable, "-c", ALLOCATE], capture_output=True, text=True,
                          preexec_fn=limits.memory_cap(2048), check=False)
    assert free.stdout.strip() == "allocated"


def test_without_rlimits_nothing_is_passed_to_the_child(monkeypatch) -> None:
    """Windows: no ``resource`` module and no ``preexec_fn``; the child runs uncapped."""
    monkeypatch.setattr(limits, "available", lambda: False)
    assert limits.memory_cap(300) is None
    done = subprocess.run([sys.executable, "-c", "print('ran')"], capture_output=True, text=True,
                          preexec_fn=limits.memory_cap(300), check=True)
    assert done.stdout.strip() == "ran"
