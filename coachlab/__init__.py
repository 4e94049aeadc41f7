"""coachlab: a Jupyter course that teaches new sales managers to coach by asking, not telling."""

__version__ = "0.1.0"
