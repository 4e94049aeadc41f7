"""The grading jail in tests: skip where it cannot start, fail instead when CI requires it."""

from __future__ import annotations

import os

import pytest

from coachlab.grading import jail


def require_sandbox() -> None:
    """Skip the calling test (or fail, with COACHLAB_REQUIRE_SANDBOX=1) if no jail can start."""
    try:
        jail.check()
    except jail.SandboxUnavailable as error:
        if os.environ.get("COACHLAB_REQUIRE_SANDBOX") == "1":
            pytest.fail(f"COACHLAB_REQUIRE_SANDBOX=1 but {error}")
        pytest.skip(str(error))
