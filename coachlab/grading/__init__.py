"""Grading: what nbgrader's test cells call, and the preprocessors the course adds to nbgrader.

The test-cell helpers live in :mod:`coachlab.grading.checks` (instant feedback) and
:mod:`coachlab.grading.scoring` (the real grade). Nothing here is imported by ``import coachlab``.
"""
