"""Shared fixtures. nbgrader runs `alembic` as a program, so the environment's bin/ goes on PATH."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
# Learner notebooks import coachlab; kernels started by the tests must find this checkout.
os.environ["PYTHONPATH"] = str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")


@pytest.fixture(scope="session")
def course_root() -> Path:
    """The course checkout under test."""
    return ROOT


# The shared graded course (every exercise graded once per kind of learner): a session fixture
# the grading, validation and self-grade tests read from instead of grading again.
from tests.helpers.graded import graded_course  # noqa: E402, F401
