"""A learner's own progress, module by module: :mod:`~coachlab.progress.reading` reads it into plain
data (the ground floor: no kernel, no drawing); :mod:`~coachlab.progress.view` words and charts
it; :mod:`~coachlab.progress.selfcheck` runs nbgrader's Validator when a self-check is asked for.

This file imports nothing, so importing the reading does not bring the view along.
"""
