"""Grading: the nbgrader plugins the course adds (release, rebuild, jailed execution, clean-run
verification, feedback, intake, workspace).

What notebook cells call lives in :mod:`coachlab.checks`. Nothing here is imported by
``import coachlab``.
"""
