"""Kept only for :mod:`coachlab.capstone`, whose quick check moves to ``coachlab.checks.capstone``.

Delete this file when capstone.py no longer imports it; ``tests/test_layers.py`` fails until then
(see ``PENDING`` there), so it cannot be forgotten.
"""

from coachlab.checks.quick import quick_check

__all__ = ["quick_check"]
