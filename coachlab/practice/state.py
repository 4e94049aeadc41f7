"""The learner's practice state in the answer journal, and the summary progress reports read.

Everything lives under one journal key, ``practice``, changed with ``Journal.update`` (read,
change and write under the journal's lock, written atomically), so an answer is either recorded
whole or not at all, even if the kernel dies mid-write, and two open notebooks never lose each
other's answers::

    {"cards": {item id: {"skill": "sort", "card": <fsrs Card.to_dict()>, "reviews": 3,
                         "lapses": 1, "last": "right"}},
     "days":  {"2026-11-30": {"answered": 11, "right": 8, "new": 5, "seconds": 540.0,
                              "skills": {"sort": [2, 2], ...}}},
     "plan":  {"date": "2026-11-30", "items": [item ids, in order]}}

The shape is :class:`CardRecord`, :class:`DayRecord` and :class:`Plan` (pydantic). The state is
learner data, so it is read tolerantly: each card, day and the plan is checked on its own, and
:func:`clean` sets aside what does not fit (under ``unread``, kept as it was, so a session that
writes the state back never loses it) instead of failing. Readers of other people's journals
(:func:`read_journal`) get an empty state for a file they cannot read.

This module only reads plain values and does date arithmetic, so ``coachlab.progress`` and the
cohort report can use it without importing the scheduler, the widgets or the scenario bank.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
)

from coachlab.practice.items import SKILLS
from coachlab.responses import read_capped

KEY = "practice"
"""The journal key holding all practice state."""

WINDOW_DAYS = 14
"""The instructor's window: practice sessions in the last two weeks."""


UNREAD = "unread"
"""The key under which :func:`clean` keeps the cards and days it could not read, as they were."""


#: A count in the state: a whole number, not negative, never a string or a bool that reads as one.
Count = Annotated[StrictInt, Field(ge=0)]


class _Record(BaseModel):
    # Tolerant: the scheduler and later versions of the course may add fields; they are kept.
    model_config = ConfigDict(extra="allow")


class _Card(_Record):
    """The scheduler's card (fsrs ``Card.to_dict``): only its due time is read here."""

    due: AwareDatetime


class CardRecord(_Record):
    """One practised item: its skill, its scheduler card and how its reviews went."""

    skill: StrictStr
    card: _Card
    reviews: Count = 0
    lapses: Count = 0
    last: StrictStr | None = None


class DayRecord(_Record):
    """One calendar day of practice: items answered, right, new, time spent, per skill."""

    answered: Count = 0
    right: Count = 0
    new: Count = 0
    seconds: StrictFloat | Count = 0.0
    skills: dict[str, list[Count]] = {}  # skill: [answered, right]
    items: list[StrictStr] = []


class Plan(_Record):
    """Today's planned items, in order."""

    date: StrictStr
    items: list[StrictStr]


def empty() -> dict[str, Any]:
    """The state of a learner who has not practised yet."""
    return {"cards": {}, "days": {}, "plan": {}}


def _fits(model: type[BaseModel], value: Any) -> bool:
    try:
        model.model_validate(value)
    except ValidationError:
        return False
    return True


def clean(value: Any) -> dict[str, Any]:
    """``value`` as a practice state whose cards, days and plan fit their models.

    The journal is learner data, so nothing malformed stops a session or a report: a card or day
    that does not fit (or whose name is not an item id or a date) is set aside under ``unread``,
    exactly as it was, with any set aside before (kept even once the item has a readable card
    again); a plan that does not fit is planned again.
    The records kept are the journal's own values, unchanged (never re-serialised)."""
    state = empty()
    if not isinstance(value, dict):
        return state
    unread: dict[str, dict[str, Any]] = {"cards": {}, "days": {}}
    before = value.get(UNREAD)
    if isinstance(before, dict):
        for part in unread:
            if isinstance(before.get(part), dict):
                unread[part].update(before[part])
    for part, model, key_ok in (("cards", CardRecord, lambda k: isinstance(k, str) and k),
                                ("days", DayRecord, lambda k: _as_date(k) is not None)):
        records = value.get(part)
        for key, record in records.items() if isinstance(records, dict) else ():
            if key_ok(key) and _fits(model, record):
                state[part][key] = record
            else:
                unread[part][str(key)] = record
    plan = value.get("plan")
    if _fits(Plan, plan):
        state["plan"] = plan
    if unread["cards"] or unread["days"]:
        state[UNREAD] = unread
    return state


def day_key(moment: datetime) -> str:
    """The learner's calendar day at ``moment`` (in the clock's own time zone)."""
    return moment.date().isoformat()


def _as_date(text: Any) -> date | None:
    try:
        return date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _due(record: dict[str, Any]) -> datetime | None:
    try:
        due = datetime.fromisoformat(record["card"]["due"])
    except (KeyError, TypeError, ValueError):
        return None
    return due if due.tzinfo else None


def due_on(record: dict[str, Any], today: date, tz: Any) -> bool:
    """True when the card in ``record`` is due on or before ``today`` (in time zone ``tz``)."""
    due = _due(record)
    return due is not None and due.astimezone(tz).date() <= today


def streak(days: dict[str, Any], today: date) -> int:
    """Days practised in a row, ending today (or yesterday, if today is still to come)."""
    practised = {d for k, v in days.items()
                 if (d := _as_date(k)) is not None and _answered(v) > 0}
    day = today if today in practised else today - timedelta(days=1)
    count = 0
    while day in practised:
        count += 1
        day -= timedelta(days=1)
    return count


def _answered(day: Any) -> int:
    value = day.get("answered") if isinstance(day, dict) else 0
    return value if isinstance(value, int) and value > 0 else 0


@dataclass(frozen=True)
class SkillState:
    """One skill: items in the pool (if known), seen, due today, next review, streak.

    ``next_review`` is the soonest day one of the skill's seen items is due (today if one is
    overdue). It replaces a recall percentage: FSRS's retrievability is 100% by definition right
    after an answer, so a learner who had just missed an item read "recall estimate 100%". The
    day the scheduler brings the skill back says the same thing truthfully: tomorrow after a
    miss, days away after a hit.
    """

    skill: str
    name: str
    seen: int
    due: int
    next_review: date | None
    streak: int
    items: int | None = None

    def next_review_text(self, today: date) -> str:
        """'today', 'tomorrow', 'in 3 days', or '–' for a skill not practised yet."""
        return review_words(self.next_review, today)


def review_words(day: date | None, today: date) -> str:
    """When ``day`` comes, from ``today``, in a learner's words ('–' for none)."""
    if day is None:
        return "–"
    days = (day - today).days
    if days <= 0:
        return "today"
    return "tomorrow" if days == 1 else f"in {days} days"


@dataclass(frozen=True)
class PracticeSummary:
    """Where a learner stands in daily practice."""

    skills: tuple[SkillState, ...]
    streak: int
    sessions: int                 # days practised in the last WINDOW_DAYS days
    done_today: int
    right_today: int
    next_due: date | None
    last_day: date | None
    today: date | None = None     # the day this summary was made for (next reviews count from it)

    @property
    def started(self) -> bool:
        """True once the learner has answered at least one practice item."""
        return self.last_day is not None


def summarise(value: Any, now: datetime, pool_sizes: dict[str, int] | None = None
              ) -> PracticeSummary:
    """Summarise the practice state ``value`` (the journal's ``practice`` entry) at ``now``.

    ``now`` must carry a time zone: it decides which calendar day is today. A skill's next
    review is the soonest due day of its items already seen (never before today).
    """
    state = clean(value)
    today, tz = now.date(), now.tzinfo
    cards, days = state["cards"], state["days"]
    per_skill: dict[str, list[dict[str, Any]]] = {skill: [] for skill in SKILLS}
    for record in cards.values():
        per_skill.setdefault(str(record.get("skill")), []).append(record)
    skills = []
    for skill, records in per_skill.items():
        if skill not in SKILLS:
            continue
        dues = [max(due.astimezone(tz).date(), today) for r in records
                if (due := _due(r)) is not None]
        skill_days = {k: {"answered": (v.get("skills", {}).get(skill) or [0])[0]}
                      for k, v in days.items() if isinstance(v.get("skills"), dict)}
        skills.append(SkillState(
            skill, SKILLS[skill], len(records),
            sum(due_on(r, today, tz) for r in records),
            min(dues) if dues else None,
            streak(skill_days, today),
            None if pool_sizes is None else pool_sizes.get(skill, 0)))
    practised = sorted(d for k, v in days.items()
                       if (d := _as_date(k)) is not None and _answered(v) > 0)
    window_start = today - timedelta(days=WINDOW_DAYS - 1)
    later = [due.astimezone(tz).date() for r in cards.values()
             if (due := _due(r)) is not None and due.astimezone(tz).date() > today]
    today_record = days.get(today.isoformat(), {})
    return PracticeSummary(
        tuple(skills), streak(days, today),
        sum(window_start <= d <= today for d in practised),
        _answered(today_record),
        today_record.get("right", 0) if isinstance(today_record.get("right"), int) else 0,
        min(later) if later else None,
        practised[-1] if practised else None,
        today)


def as_text(summary: PracticeSummary) -> str:
    """A plain table: per skill, items seen, due today, next review, streak; then the totals."""
    if summary.started:
        head = (f"Daily practice: {summary.streak}-day streak, {summary.sessions} session(s) in "
                f"the last {WINDOW_DAYS} days, {summary.done_today} item(s) done today.")
    else:
        head = ("Daily practice: not started yet. Open course/practice.ipynb for ten minutes "
                "of mixed practice; it will tell you when to come back.")
    today = summary.today or date.today()
    lines = [head, f"  {'skill':<32} {'seen':>9} {'due':>4} {'next review':>12} {'streak':>7}"]
    for s in summary.skills:
        seen = f"{s.seen}/{s.items}" if s.items is not None else str(s.seen)
        lines.append(f"  {s.name:<32} {seen:>9} {s.due:>4} {s.next_review_text(today):>12} "
                     f"{s.streak:>7}")
    if summary.next_due:
        lines.append(f"  Next items due: {summary.next_due.isoformat()}.")
    return "\n".join(lines)


def read_journal(path: Path) -> dict[str, Any]:
    """The practice state in the journal file at ``path`` (empty if absent, unreadable or larger
    than ``coachlab.responses.MAX_JOURNAL_BYTES``).

    Reads the file as plain JSON without side effects: a report over many learners' journals
    must neither stop at one broken file nor write backups into their folders.
    """
    try:
        data = json.loads(read_capped(Path(path)))
        value = data["answers"][KEY]["value"]
    except (OSError, ValueError, KeyError, TypeError):
        return empty()
    return clean(value)


def merge_days(states: list[dict[str, Any]]) -> dict[str, Any]:
    """One state whose ``days`` are every day practised in any of ``states`` (the busiest copy
    of each day wins). Used when a learner's practice reaches the instructor in several journals."""
    merged = empty()
    for one in states:
        for day, record in clean(one)["days"].items():
            if _answered(record) > _answered(merged["days"].get(day, {})):
                merged["days"][day] = record
    return merged


@dataclass(frozen=True)
class Habit:
    """What an instructor sees of a learner's practice: sessions lately, streak, last day."""

    sessions: int
    streak: int
    last_day: date | None

    @property
    def text(self) -> str:
        """'5 in 14 days, streak 3' or 'none yet'."""
        if self.last_day is None:
            return "none yet"
        return f"{self.sessions} in {WINDOW_DAYS} days, streak {self.streak}"


def habit(journals: list[Path], today: date) -> Habit:
    """A learner's practice habit from the journals found for them."""
    days = merge_days([read_journal(p) for p in journals])["days"]
    practised = sorted(d for k, v in days.items()
                       if (d := _as_date(k)) is not None and _answered(v) > 0)
    window_start = today - timedelta(days=WINDOW_DAYS - 1)
    return Habit(sum(window_start <= d <= today for d in practised), streak(days, today),
                 practised[-1] if practised else None)
