"""Daily spaced practice over the whole course: items from the course's data, scheduled by FSRS.

    >>> from coachlab.practice import build_pool, Session
    >>> pool = build_pool()                          # course/scenarios + course/practice
    >>> session = Session(pool, Journal.beside())    # today's items, saved in the journal
    >>> session.answer("open")                       # judge, schedule, move on

Modules: ``items`` (the item model), ``scenario_items`` and ``lesson_items`` (generation),
``pool`` (the whole pool), ``judge`` (right, partly, wrong), ``schedule`` (FSRS), ``state`` (the
journal entry and the summary progress reads), ``session`` (today's items, interleaved).
"""

from coachlab.practice.items import SKILLS, Item, Option
from coachlab.practice.pool import build_pool, pool_sizes
from coachlab.practice.session import Session, interleave
from coachlab.practice.state import PracticeSummary, summarise

__all__ = ["SKILLS", "Item", "Option", "PracticeSummary", "Session", "build_pool", "interleave",
           "pool_sizes", "summarise"]
