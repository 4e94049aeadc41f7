"""Resource limits for the processes that run learner code, where the platform has them.

POSIX systems cap a child's memory with ``setrlimit`` before it starts; Windows has neither the
``resource`` module nor ``preexec_fn``. There these helpers return None and the child runs
without a cap, which only a self-paced learner grading their own notebook ever does (the
grading jail, which cohort grading requires, exists on Linux only).
"""

from __future__ import annotations

import importlib.util
import resource
from collections.abc import Callable


def available() -> bool:
    """Whether this platform can limit a child process's resources (``resource`` exists)."""
    return importlib.util.find_spec("resource") is not None


def memory_cap(megabytes: int) -> Callable[[], None] | None:
    """A ``preexec_fn`` that caps the child's address space, or None where limits do not exist."""
    if not available():
        return None
    limit = megabytes * 1024 * 1024

    def cap() -> None:  # runs in the child, before exec

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return cap

