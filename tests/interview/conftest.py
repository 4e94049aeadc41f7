"""Fixture reps for the interview tests (test data, not course content)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlab.interview import Rep, load_rep

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures" / "reps"


@pytest.fixture(scope="session")
def dana() -> Rep:
    """A lacks-confidence rep: deals stall with the champion."""
    return load_rep(FIXTURES / "fx-dana.yaml")


@pytest.fixture(scope="session")
def sam() -> Rep:
    """A fears-being-stumped rep: discovery calls stay shallow."""
    return load_rep(FIXTURES / "fx-sam.yaml")
