"""The learner's live session: the course kernel and what the server does when a notebook is saved.

- :mod:`coachlab.session.kernel`: an IPython extension loaded by every kernel of the course's
  environment. In a notebook opened by a learner it runs the notebook's set-up cell at start, so
  any cell works first; re-runs an answer's check when the answer is run; and turns typos and
  errors into plain words.
- :mod:`coachlab.session.saving`: the Jupyter server's pre-save hook, which replaces widget
  outputs with a line saying how to show them again, so a notebook reopened the next day never
  reads "Error displaying widget: model not found".
"""
