"""Notebook timing measures the notebook, not one-off machine set-up."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.fixture(scope="session", autouse=True)
def matplotlib_font_cache() -> None:
    """Build matplotlib's font cache once (a fresh machine spends seconds on it at first use)."""
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], check=True,
                   timeout=300)
