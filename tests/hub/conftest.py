"""Fixtures for the multi-user hub test: prerequisites, a PostgreSQL gradebook, the hub itself."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.hub.harness import missing_prerequisites

REQUIRE = "COACHLAB_REQUIRE_HUB"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "hub: runs a real JupyterHub with separate Unix users (root, Node.js)")


def unavailable(reason: str) -> None:
    """Skip the test, or fail it when COACHLAB_REQUIRE_HUB=1 (as in CI)."""
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"{REQUIRE}=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def hub_prerequisites() -> None:
    """Skip (or fail in CI) when the hub, the proxy, useradd or root are missing."""
    missing = missing_prerequisites()
    if missing:
        unavailable("; ".join(missing))


@pytest.fixture(scope="module")
def hub_gradebook(hub_prerequisites: None) -> Iterator[str]:
    """A PostgreSQL gradebook (the cohort tests' throwaway server)."""
    from tests.cohort.postgres import PostgresMissing, running_server

    try:
        with running_server("coachlab_hub") as url:
            yield url
    except PostgresMissing as error:
        unavailable(str(error))
