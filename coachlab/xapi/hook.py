"""The one call ``coachlab grade`` and ``coachlab feedback`` make when they finish.

When an LRS is configured (and ``send_on_grade`` is on), the statements for the submissions just
graded (submitted, scored) or given feedback (feedback released) are queued on disk first and
then sent with the rest of the queue. Whatever happens here, grading has already finished and
its results stand: an LRS that is down or a settings mistake costs one line on stderr, and the
statements wait in the queue for ``coachlab xapi send``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from coachlab.xapi.collect import gather
from coachlab.xapi.config import SWITCH_ENV, load
from coachlab.xapi.queue import Queue, queue_dir
from coachlab.xapi.send import send
from coachlab.xapi.statements import FEEDBACK, SCORED, SUBMITTED


@contextmanager
def disabled() -> Iterator[None]:
    """Send nothing inside this block (the demo's synthetic learners must never reach a real
    LRS, even when the instructor's shell has one configured)."""
    before = os.environ.get(SWITCH_ENV)
    os.environ[SWITCH_ENV] = "off"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(SWITCH_ENV, None)
        else:
            os.environ[SWITCH_ENV] = before


def after_step(cohort: Any, step: str, outcomes: list[Any],
               progress: TextIO | None = sys.stderr) -> Any:
    """Send the statements for ``outcomes`` of ``step`` ("grade" or "feedback") if an LRS is
    configured; returns the SendReport, or None when nothing was to be sent. Never raises."""
    try:
        return _send(cohort, step, outcomes, progress)
    except Exception as error:  # grading must finish whatever the LRS or its settings do
        if progress is not None:
            print(f"xAPI: nothing sent ({type(error).__name__}: {error}); grading is "
                  "unaffected", file=progress)
        return None


def _send(cohort: Any, step: str, outcomes: list[Any], progress: TextIO | None) -> Any:
    config = load(cohort.root)
    if not config.can_send or not config.lrs.send_on_grade:
        return None

    only = {(o.assignment, o.learner) for o in outcomes if not o.failed}
    if not only:
        return None
    kinds = (SUBMITTED, SCORED) if step == "grade" else (FEEDBACK,)
    gathered = gather(cohort.root, cohort.db_url, cohort.course_id, config.statements,
                      only=only, kinds=kinds)
    queue = Queue(queue_dir(cohort.root))
    queue.put(gathered.statements)  # on disk before the first byte goes out
    report = send([], config, queue, progress=None)
    if progress is not None:
        print(report.text(), file=progress)
        for note in gathered.notes:
            print(f"xAPI: {note}", file=progress)
    return report
