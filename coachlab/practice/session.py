"""Today's session: which items, in what order, and recording each answer.

A session takes the items due today (most overdue first), adds a few new ones (balanced across
skills, and only from the modules the learner has opened: practice never asks about something not
yet taught), and mixes them so no two items in a row practise the same skill when that can be
avoided. The plan is saved with the day's date, so re-running the notebook or restarting the
kernel resumes the same session; answered items drop out of it.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from coachlab.practice import schedule, state
from coachlab.practice.items import SKILLS, Item
from coachlab.practice.judge import WRONG, Verdict, judge
from coachlab.practice.pool import pool_sizes
from coachlab.responses import Journal

NEW_PER_SESSION = 5
"""New items a session introduces at most."""

SESSION_SIZE = 12
"""Most items in one session: about ten minutes."""

Clock = Callable[[], datetime]


def local_now() -> datetime:
    """The time now, in the computer's time zone (the learner's day)."""
    return datetime.now().astimezone()


def interleave(items: Sequence[Item]) -> list[Item]:
    """Reorder ``items`` so no two neighbours share a skill where the counts allow it.

    At each step take, from the skills other than the last one used, the one with the most items
    left (earlier in ``items`` first on a tie); within a skill the given order is kept.
    """
    queues: dict[str, list[Item]] = {}
    for item in items:
        queues.setdefault(item.skill, []).append(item)
    first_seen = {skill: i for i, skill in enumerate(queues)}
    ordered: list[Item] = []
    last: str | None = None
    while any(queues.values()):
        # Another skill if there is one; else the only skill left, the last one.
        candidates = ([s for s, q in queues.items() if q and s != last]
                      or [s for s, q in queues.items() if q])
        skill = max(candidates, key=lambda s: (len(queues[s]), -first_seen[s]))
        ordered.append(queues[skill].pop(0))
        last = skill
    return ordered


def place_near_end(queue: list[Item], item: Item) -> None:
    """Put ``item`` as late in ``queue`` as it can go without sitting next to its own skill."""
    for position in range(len(queue), 0, -1):
        before = queue[position - 1].skill
        after = queue[position].skill if position < len(queue) else None
        if item.skill not in (before, after):
            queue.insert(position, item)
            return
    queue.append(item)  # no gap between other skills is left: last is best


def _shuffle_key(item: Item) -> int:
    return zlib.crc32(item.id.encode("utf-8"))


def choose(pool: Sequence[Item], value: Any, now: datetime, *, new_limit: int = NEW_PER_SESSION,
           size: int = SESSION_SIZE, new_from: Sequence[Item] | None = None) -> list[Item]:
    """Today's items from ``pool`` given the practice state ``value``, interleaved.

    Items due come from the whole ``pool``; new items only from ``new_from`` (default: the pool).
    """
    practice = state.clean(value)
    cards = practice["cards"]
    today = now.date()
    done_today = _done_today(practice, today)
    by_id = {item.id: item for item in pool}
    due = [by_id[i] for i, r in cards.items()
           if i in by_id and i not in done_today and state.due_on(r, today, now.tzinfo)]
    due.sort(key=lambda item: (cards[item.id]["card"].get("due", ""), item.id))
    due = due[:size]
    new_left = min(new_limit - _new_today(practice, today), size - len(due))
    fresh = _new_items(pool if new_from is None else new_from, cards, max(new_left, 0),
                       avoid=frozenset(map(_origin, due)))
    return interleave([*due, *fresh])


def _origin(item: Item) -> tuple[str, str]:
    """The skill and the scenario (or file) an item comes from."""
    return item.skill, item.source.split(",")[0]


def _done_today(practice: dict[str, Any], today: Any) -> set[str]:
    day = practice["days"].get(today.isoformat(), {})
    items = day.get("items") if isinstance(day, dict) else None
    return set(items) if isinstance(items, list) else set()


def _new_today(practice: dict[str, Any], today: Any) -> int:
    day = practice["days"].get(today.isoformat(), {})
    new = day.get("new") if isinstance(day, dict) else 0
    return new if isinstance(new, int) else 0


def _new_items(pool: Sequence[Item], cards: dict[str, Any], count: int,
               planned: frozenset[str] = frozenset(),
               avoid: frozenset[tuple[str, str]] = frozenset()) -> list[Item]:
    """``count`` unseen items, each from the skill seen least so far (then least chosen).

    Within a skill, an item from a scenario already practised in this session for that skill
    (``avoid``, and those chosen here) waits for another day when there is another choice.
    """
    unseen: dict[str, list[Item]] = {}
    for item in sorted(pool, key=_shuffle_key):
        if item.id not in cards and item.id not in planned:
            unseen.setdefault(item.skill, []).append(item)
    seen = Counter(str(r.get("skill")) for r in cards.values())
    order = list(SKILLS)
    used = set(avoid)
    chosen: list[Item] = []
    while len(chosen) < count and any(unseen.values()):
        skill = min((s for s, q in unseen.items() if q),
                    key=lambda s: (seen[s], order.index(s) if s in order else len(order)))
        queue = unseen[skill]
        pick = next((i for i, item in enumerate(queue) if _origin(item) not in used), 0)
        item = queue.pop(pick)
        chosen.append(item)
        used.add(_origin(item))
        seen[skill] += 1
    return chosen


@dataclass
class Answer:
    """What happened when the learner answered one item."""

    item: Item
    verdict: Verdict
    first_try: bool
    due: datetime | None = None
    again_today: bool = False      # shown once more at the end of this session


@dataclass
class Session:
    """One day's practice over ``pool``, kept in ``journal``; ``clock`` gives the time.

    ``queue`` holds the items still to answer. An item answered wrong comes back once at the end
    of the session (retrieval until it is right), but only its first answer is scheduled.

    ``opened`` holds the two-digit modules the learner has opened (None: every module). Only
    their items are new in a session. An item already scheduled stays scheduled whatever its
    module: the learner has seen it, and dropping it would break its spacing.
    """

    pool: Sequence[Item]
    journal: Journal
    clock: Clock = local_now
    new_limit: int = NEW_PER_SESSION
    size: int = SESSION_SIZE
    opened: frozenset[str] | None = None
    queue: list[Item] = field(default_factory=list)
    answered: list[Answer] = field(default_factory=list)
    _retried: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.opened is not None:
            self.opened = frozenset(self.opened)
        self.queue = self._todays_plan()

    @property
    def new_pool(self) -> list[Item]:
        """The items that may be introduced as new: those of the opened modules."""
        if self.opened is None:
            return list(self.pool)
        return [item for item in self.pool if item.module in self.opened]

    def waiting_skills(self) -> dict[str, str]:
        """Skills with no item to offer yet, each with the first module that would open one."""
        offered = {item.skill for item in self.new_pool}
        waiting: dict[str, str] = {}
        for item in self.pool:
            if item.skill not in offered:
                waiting[item.skill] = min(waiting.get(item.skill, item.module), item.module)
        return waiting

    @property
    def nothing_opened(self) -> bool:
        """True when no item can be offered yet: none scheduled, none in an opened module."""
        if self.queue or self.new_pool:
            return False
        practice = state.clean(self.journal.get(state.KEY))
        return not practice["cards"]

    @property
    def current(self) -> Item | None:
        """The item to show now, or None when the session is done."""
        return self.queue[0] if self.queue else None

    def _todays_plan(self) -> list[Item]:
        now = self.clock()
        today = state.day_key(now)
        by_id = {item.id: item for item in self.pool}

        def plan(value: Any) -> Any:
            practice = state.clean(value)
            saved = practice["plan"]
            # An empty plan is planned again: it was made before any module was opened (or
            # with nothing left to offer), and a lesson opened since should bring its items.
            if saved.get("date") != today or not saved.get("items"):
                items = choose(self.pool, practice, now, new_limit=self.new_limit,
                               size=self.size, new_from=self.new_pool)
                practice["plan"] = {"date": today, "items": [i.id for i in items]}
            return practice

        practice = self.journal.update(state.KEY, plan)
        done = _done_today(practice, now.date())
        allowed = {item.id for item in self.new_pool} | set(practice["cards"])
        return [by_id[i] for i in practice["plan"]["items"]
                if i in by_id and i not in done and i in allowed]

    @property
    def unseen(self) -> int:
        """Items in the pool never answered and not already in today's plan."""
        practice = state.clean(self.journal.get(state.KEY))
        planned = set(practice["plan"].get("items", []))
        return sum(i.id not in practice["cards"] and i.id not in planned for i in self.new_pool)

    def more(self, count: int = NEW_PER_SESSION) -> list[Item]:
        """Add ``count`` new items to today's session, when the learner asks for more."""
        now = self.clock()
        added: list[Item] = []

        def change(value: Any) -> Any:
            practice = state.clean(value)
            plan = practice["plan"]
            if plan.get("date") != state.day_key(now):
                plan = practice["plan"] = {"date": state.day_key(now), "items": []}
            fresh = interleave(_new_items(self.new_pool, practice["cards"], count,
                                          frozenset(plan["items"])))
            plan["items"] = [*plan["items"], *(i.id for i in fresh)]
            added[:] = fresh
            return practice

        self.journal.update(state.KEY, change)
        for item in added:
            place_near_end(self.queue, item)
        return added

    def answer(self, response: str | Mapping[str, Any], seconds: float | None = None
               ) -> Answer:
        """Judge ``response`` to the current item, schedule it (first try only), move on.

        ``response`` is an option's value or typed text; for an interview item, the play
        (``{"questions", "diagnosis", "coaching", "first_line"}``), replayed to judge it."""
        item = self.current
        if item is None:
            raise RuntimeError("Today's practice is done: there is no item to answer.")
        verdict = judge(item, response)
        self.queue.pop(0)
        first = item.id not in self._retried
        due = None
        again = False
        if first:
            due = self._record(item, verdict, seconds)
            if verdict.result == WRONG:
                self._retried.add(item.id)
                place_near_end(self.queue, item)
                again = True
        result = Answer(item, verdict, first, due, again)
        self.answered.append(result)
        return result

    def _record(self, item: Item, verdict: Verdict, seconds: float | None) -> datetime:
        now = self.clock()
        today = state.day_key(now)
        rating = schedule.rating_for(item, verdict.result, seconds)
        reviewed: list[datetime] = []

        def change(value: Any) -> Any:
            practice = state.clean(value)
            record = practice["cards"].get(item.id)
            is_new = record is None
            card = (schedule.new_card(item.id, now) if is_new
                    else schedule.card_from(record["card"]))
            card = schedule.review(card, rating, now, seconds)
            reviewed.append(card.due)
            old = record or {}
            practice["cards"][item.id] = {
                "skill": item.skill, "card": card.to_dict(),
                "reviews": int(old.get("reviews", 0)) + 1,
                "lapses": int(old.get("lapses", 0)) + (verdict.result == WRONG and not is_new),
                "last": verdict.result,
            }
            day = practice["days"].setdefault(today, {})
            right = verdict.right
            day["answered"] = int(day.get("answered", 0)) + 1
            day["right"] = int(day.get("right", 0)) + right
            day["new"] = int(day.get("new", 0)) + is_new
            day["seconds"] = round(float(day.get("seconds", 0)) + (seconds or 0), 1)
            tally = day.setdefault("skills", {}).setdefault(item.skill, [0, 0])
            tally[0] += 1
            tally[1] += right
            day.setdefault("items", []).append(item.id)
            return practice

        self.journal.update(state.KEY, change)
        return reviewed[-1]

    def summary(self) -> state.PracticeSummary:
        """Where the learner stands now (done today, streak, next due)."""
        return state.summarise(self.journal.get(state.KEY), self.clock(),
                               pool_sizes(list(self.pool)))
