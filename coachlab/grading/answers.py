"""The answer stub's old home, kept only because ``nbgrader_config.py`` still imports
``TEXT_STUB`` from here; everything else reads :mod:`coachlab.blanks`."""

from coachlab.blanks import TEXT_STUB

__all__ = ["TEXT_STUB"]
