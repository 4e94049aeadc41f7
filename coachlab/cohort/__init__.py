"""The instructor's cohort workflow: roster, grading, feedback, reports and a demo cohort.

One module per verb: ``roster`` (import learners), ``grade`` (autograde and feedback in worker
processes), ``report`` (the cohort's scores, charts and at-risk learners from the gradebook) and
``demo`` (a throwaway cohort that runs every step). They share the gradebook location
(:func:`coachlab.course.gradebook_url`).
"""

from __future__ import annotations

from coachlab.course import DB_ENV, gradebook_url

__all__ = ["DB_ENV", "gradebook_url"]
