"""Benchmark sending xAPI statements to a real LRS: ralph (filesystem backend) on 127.0.0.1.

Run from the repository root after `make lrs`:  .venv/bin/python bench/bench_xapi.py [LEARNERS]
Builds the statements of a synthetic cohort (default 100 learners × 6 modules: submitted, scored,
passed/failed, feedback received), sends them in batches of 50 with basic auth, then sends them
all again (every one already stored). Prints statements per second for both sends and the
statement-building rate. Ralph's filesystem backend scans its whole file for every batch, so
its rate falls as the store grows; a production LRS (database-backed) does not.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coachlab.course import assignments  # noqa: E402
from coachlab.xapi.config import LrsSettings, StatementSettings, XapiConfig  # noqa: E402
from coachlab.xapi.identity import RosterEntry  # noqa: E402
from coachlab.xapi.queue import Queue  # noqa: E402
from coachlab.xapi.send import send  # noqa: E402
from coachlab.xapi.statements import FEEDBACK, SCORED, SUBMITTED, Event, build  # noqa: E402
from tests.xapi.lrs import PASSWORD, USER, LRSMissing, Ralph  # noqa: E402

MODULES = tuple(assignments(ROOT))  # the course's exercises, from solutions/


def statements(learners: int, settings: StatementSettings) -> list[dict]:
    """Every statement of a synthetic cohort."""
    rng = random.Random(3)
    start = datetime(2026, 11, 2, 9, tzinfo=UTC)
    built: list[dict] = []
    for number in range(learners):
        learner = RosterEntry(f"learner{number:04d}")
        for index, module in enumerate(MODULES):
            when = start + timedelta(days=7 * index, minutes=number)
            built += build(Event(SUBMITTED, learner.id, module, when), learner, settings)
            built += build(Event(SCORED, learner.id, module, when, rng.randint(0, 28), 28),
                           learner, settings)
            built += build(Event(FEEDBACK, learner.id, module, when + timedelta(days=2)),
                           learner, settings)
    return built


def main() -> int:
    learners = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    settings = StatementSettings(activity_base="https://learning.example.com/coachlab")
    began = time.perf_counter()
    batch = statements(learners, settings)
    building = time.perf_counter() - began
    print(f"built {len(batch)} statements for {learners} learners in {building:.2f} s "
          f"({len(batch) / building:,.0f}/s)")
    with tempfile.TemporaryDirectory() as folder:
        try:
            lrs = Ralph(Path(folder) / "ralph")
        except LRSMissing as error:
            print(f"skipped: {error}")
            return 0
        lrs.start()
        try:
            config = XapiConfig(lrs=LrsSettings(url=lrs.endpoint, username=USER,
                                                password=PASSWORD, batch_size=50),
                                statements=settings)
            queue = Queue(Path(folder) / "queue")
            first = send(batch, config, queue, progress=None)
            again = send(batch, config, queue, progress=None)
        finally:
            lrs.stop()
    print(f"first send: {first.stored} stored in {first.seconds:.2f} s "
          f"({first.rate:,.0f} statements/s, batches of 50, ralph fs backend)")
    print(f"second send: {again.already} already there, {again.stored} stored in "
          f"{again.seconds:.2f} s ({again.rate:,.0f} statements/s)")
    return 0 if first.stored == len(batch) and again.stored == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
