"""Reinforcement plans: practice sessions over 30 days, and the rules a good plan meets.

A plan is a list of sessions. Each session is a day (1 to 30), a skill from a short vocabulary
(:data:`SKILLS`) and an activity (:data:`ACTIVITIES`). :func:`check_plan` applies three rules,
each with a plain-English message:

``practice``
    Every skill in the plan is practised at least :data:`MIN_SESSIONS` (3) times, counting
    sessions of any activity.
``spacing``
    For each skill, take the *different* days it is practised on (two sessions of one skill on
    the same day are one visit). There must be at least 3 such days, and the last must come at
    least :data:`MIN_SPAN` (14) days after the first, so the practice is spread over weeks rather
    than crammed into a few days. The shape of the gaps does not matter: widening, equal and
    shrinking gaps did equally well on final recall when the total spacing was the same
    (Karpicke & Bauernschmidt, 2011; Kang et al., 2014 for widening versus equal). Days 1, 3, 7,
    14, 28 and days 1, 8, 15, 22 pass; days 1, 2, 3 (all in three days) and days 1, 10, 12 (over
    within twelve days) fail.
``retrieval``
    At least :data:`RETRIEVAL_SHARE` (75%) of all sessions in the plan are retrieval activities:
    the rep recalls and performs the skill (role play, drill, pre-brief, debrief, quiz yourself).
    "re-read notes" is the one activity that is not retrieval.

An empty plan fails every rule. The rules are the course's practical reading of the research on
spacing and retrieval practice; the lesson explains which parts are firm findings (spacing beats
cramming, recalling beats re-reading) and which are a rule of thumb (widening gaps, which
the rules do not require).

Text form: one session per line, ``"day 1: discovery questions: role play"`` (see
:func:`parse_plan`). Exercise 04 uses that form; its quick check and hidden scoring are in
:mod:`coachlab.checks.planner`. This module has no Jupyter or plotting imports.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, field_validator

__all__ = [
    "ACTIVITIES",
    "DAYS",
    "EXPANDING_DAYS",
    "MIN_SESSIONS",
    "MIN_SPAN",
    "RETRIEVAL_ACTIVITIES",
    "RETRIEVAL_SHARE",
    "SKILLS",
    "Plan",
    "PlanError",
    "RuleResult",
    "Session",
    "check_plan",
    "format_session",
    "parse_plan",
    "read_plan",
    "suggest_plan",
]

DAYS = 30
"""A plan covers days 1 to 30."""

SKILLS: tuple[str, ...] = (
    "discovery questions",
    "objection handling",
    "open questions",
    "pre-brief",
    "debrief",
    "negotiation",
)
"""The skills a plan can reinforce."""

ACTIVITIES: tuple[str, ...] = (
    "role play",
    "drill",
    "pre-brief",
    "debrief",
    "quiz yourself",
    "re-read notes",
)
"""What happens in a session."""

RETRIEVAL_ACTIVITIES = frozenset(ACTIVITIES) - {"re-read notes"}
"""Activities in which the rep recalls and performs the skill rather than reviewing it."""

MIN_SESSIONS = 3
"""The least number of sessions per skill."""

MIN_SPAN = 14
"""The least number of days from a skill's first session to its last."""

RETRIEVAL_SHARE = 0.75
"""The least share of all sessions that must be retrieval activities."""

EXPANDING_DAYS: tuple[int, ...] = (1, 3, 7, 14, 28)
"""The days :func:`suggest_plan` uses for a plan's first skill (gaps 2, 4, 7, 14)."""

_ACTIVITY_CYCLE = ("role play", "quiz yourself", "drill", "role play", "drill")

_SKILL_ALIASES = {
    "discovery": "discovery questions",
    "discovery question": "discovery questions",
    "objections": "objection handling",
    "objection": "objection handling",
    "handling objections": "objection handling",
    "open question": "open questions",
    "prebrief": "pre-brief",
    "pre brief": "pre-brief",
    "pre-briefing": "pre-brief",
    "debriefing": "debrief",
    "negotiating": "negotiation",
}
_ACTIVITY_ALIASES = {
    "roleplay": "role play",
    "role-play": "role play",
    "role plays": "role play",
    "drills": "drill",
    "quiz": "quiz yourself",
    "self-quiz": "quiz yourself",
    "reread notes": "re-read notes",
    "re-read": "re-read notes",
    "reread": "re-read notes",
    "re read notes": "re-read notes",
    "prebrief": "pre-brief",
    "pre brief": "pre-brief",
    "debriefing": "debrief",
}

EXAMPLE_LINE = "day 1: discovery questions: role play"


def _words(text: str) -> str:
    return " ".join(text.strip().lower().split())


def normalise_skill(text: str) -> str | None:
    """The vocabulary's name for ``text`` (case, spaces and a few aliases forgiven), or None."""
    name = _words(text)
    name = _SKILL_ALIASES.get(name, name)
    return name if name in SKILLS else None


def normalise_activity(text: str) -> str | None:
    """The vocabulary's name for activity ``text``, or None."""
    name = _words(text)
    name = _ACTIVITY_ALIASES.get(name, name)
    return name if name in ACTIVITIES else None


def _unknown(kinds: str, text: str, options: Sequence[str]) -> str:
    close = difflib.get_close_matches(_words(text), options, n=1, cutoff=0.6)
    hint = f' Did you mean "{close[0]}"?' if close else ""
    listed = ", ".join(f'"{o}"' for o in options)
    return f'"{text.strip()}" is not one of the {kinds}: {listed}.{hint}'


class Session(BaseModel):
    """One practice session: on ``day``, the team practises ``skill`` by ``activity``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    day: StrictInt = Field(ge=1, le=DAYS)
    skill: str
    activity: str

    @field_validator("skill", mode="before")
    @classmethod
    def _known_skill(cls, value: Any) -> str:
        name = normalise_skill(value) if isinstance(value, str) else None
        if name is None:
            raise ValueError(_unknown("skills", str(value), SKILLS))
        return name

    @field_validator("activity", mode="before")
    @classmethod
    def _known_activity(cls, value: Any) -> str:
        name = normalise_activity(value) if isinstance(value, str) else None
        if name is None:
            raise ValueError(_unknown("activities", str(value), ACTIVITIES))
        return name

    @property
    def retrieval(self) -> bool:
        """Whether the activity makes the rep recall and perform the skill."""
        return self.activity in RETRIEVAL_ACTIVITIES


class Plan(BaseModel):
    """A reinforcement plan: sessions in any order (they are kept sorted by day)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sessions: tuple[Session, ...] = ()

    @field_validator("sessions", mode="after")
    @classmethod
    def _by_day(cls, sessions: tuple[Session, ...]) -> tuple[Session, ...]:
        return tuple(sorted(sessions, key=lambda s: s.day))

    @property
    def skills(self) -> list[str]:
        """The skills in the plan, in the vocabulary's order."""
        present = {s.skill for s in self.sessions}
        return [skill for skill in SKILLS if skill in present]

    def sessions_for(self, skill: str) -> list[Session]:
        """The sessions of ``skill``, by day."""
        return [s for s in self.sessions if s.skill == skill]

    def days_for(self, skill: str) -> list[int]:
        """The different days on which ``skill`` is practised, in order."""
        return sorted({s.day for s in self.sessions_for(skill)})

    def gaps_for(self, skill: str) -> list[int]:
        """Days between consecutive visits of ``skill`` (see the spacing rule)."""
        days = self.days_for(skill)
        return [later - earlier for earlier, later in zip(days, days[1:], strict=False)]

    def lines(self) -> list[str]:
        """The plan in its text form, one line per session."""
        return [format_session(s) for s in self.sessions]

    def records(self) -> list[dict[str, Any]]:
        """The sessions as plain dicts (for the answer journal)."""
        return [s.model_dump() for s in self.sessions]

    def adding(self, session: Session) -> Plan:
        """A new plan with ``session`` added."""
        return Plan(sessions=(*self.sessions, session))

    def without(self, index: int) -> Plan:
        """A new plan without the session at ``index`` (in day order)."""
        return Plan(sessions=tuple(s for i, s in enumerate(self.sessions) if i != index))


def format_session(session: Session) -> str:
    """``"day 3: objection handling: drill"``."""
    return f"day {session.day}: {session.skill}: {session.activity}"


# ---------------------------------------------------------------------------------- text form

class PlanError(ValueError):
    """Some lines of a plan could not be read; ``problems`` says which and why."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


_DAY = re.compile(r"^(?:day\s*)?(\d+)$", re.IGNORECASE)


def _read_line(number: int, line: object) -> tuple[Session | None, str | None]:
    """(session, None) or (None, problem) for one line; (None, None) for a blank line."""
    if type(line) is not str:
        return None, f'line {number} should be text in quotes, like "{EXAMPLE_LINE}"'
    text = str.strip(line)
    if not text:
        return None, None
    where = f'line {number} ("{text}")'
    parts = [part.strip() for part in text.split(":")]
    if len(parts) != 3:
        glued = len(re.findall(r"day\s*\d", text, re.IGNORECASE)) > 1
        hint = (" Two sessions ran together: is a comma missing at the end of a line?"
                if glued else "")
        return None, (f"{where}: write three parts separated by colons, day: skill: activity, "
                      f'like "{EXAMPLE_LINE}".{hint}')
    day_text, skill_text, activity_text = parts
    match = _DAY.match(day_text.replace(" ", ""))
    if not match:
        return None, (f'{where}: "{day_text}" is not a day; write "day" and a number '
                      f"from 1 to {DAYS}")
    day = int(match.group(1))
    problems = []
    if not 1 <= day <= DAYS:
        problems.append(f"day {day} is outside the plan: use a day from 1 to {DAYS}.")
    skill = normalise_skill(skill_text)
    if skill is None:
        problems.append(_unknown("skills", skill_text, SKILLS))
    activity = normalise_activity(activity_text)
    if activity is None:
        problems.append(_unknown("activities", activity_text, ACTIVITIES))
    if problems or skill is None or activity is None:  # a None has its problem listed
        return None, f"{where}: " + " ".join(problems)
    return Session(day=day, skill=skill, activity=activity), None


def read_plan(lines: Iterable[object]) -> tuple[Plan, list[str]]:
    """Read what can be read: (plan of the readable lines, one problem per unreadable line).

    Blank lines are skipped. Lines are numbered from 1 in the order given.
    """
    if isinstance(lines, str):
        lines = [lines]
    sessions: list[Session] = []
    problems: list[str] = []
    for number, line in enumerate(lines, start=1):
        session, problem = _read_line(number, line)
        if session is not None:
            sessions.append(session)
        if problem is not None:
            problems.append(problem)
    return Plan(sessions=tuple(sessions)), problems


def parse_plan(lines: Iterable[object]) -> Plan:
    """Read a plan written one session per line, ``"day 1: discovery questions: role play"``.

    Case, extra spaces and a few spellings ("roleplay", "reread notes", "objections") are
    forgiven; blank lines are skipped. Raises PlanError naming every line it cannot read.
    """
    plan, problems = read_plan(lines)
    if problems:
        raise PlanError(problems)
    return plan


def as_plan(value: Plan | Iterable[Any]) -> Plan:
    """A Plan from a Plan, lines of text, Sessions or session dicts (raises PlanError)."""
    if isinstance(value, Plan):
        return value
    items = [value] if isinstance(value, str) else list(value)
    if all(isinstance(item, str) for item in items):
        return parse_plan(items)
    try:
        return Plan.model_validate({"sessions": tuple(items)})
    except ValidationError as error:
        raise PlanError([_validation_message(e) for e in error.errors()]) from None


def _validation_message(error: Mapping[str, Any]) -> str:
    where = ".".join(str(part) for part in error["loc"])
    return f"{where}: {error['msg']}"


# ---------------------------------------------------------------------------------- the rules

@dataclass(frozen=True)
class RuleResult:
    """One rule's verdict: ``rule`` is "practice", "spacing" or "retrieval"."""

    rule: str
    passed: bool
    message: str

    @property
    def title(self) -> str:
        """The rule's name as a learner reads it."""
        return RULE_TITLES[self.rule]


RULE_TITLES = {
    "practice": "Practise each skill at least 3 times",
    "spacing": "Spread it over weeks",
    "retrieval": "Recall, don't re-read",
}


def check_plan(plan: Plan | Iterable[Any]) -> list[RuleResult]:
    """Apply the practice, spacing and retrieval rules (see the module docstring)."""
    plan = as_plan(plan)
    return [_practice(plan), _spacing(plan), _retrieval(plan)]


def count(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural when needed ("1 skill", "2 skills")."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _practice(plan: Plan) -> RuleResult:
    if not plan.sessions:
        return RuleResult("practice", False,
                          f"The plan has no sessions yet: add at least {MIN_SESSIONS} for each "
                          "skill.")
    counts = {skill: len(plan.sessions_for(skill)) for skill in plan.skills}
    short = [f"{skill} ({_times(n)})" for skill, n in counts.items() if n < MIN_SESSIONS]
    if short:
        return RuleResult("practice", False,
                          f"Practised fewer than {MIN_SESSIONS} times: {', '.join(short)}. "
                          "One session is an event, not a habit: add sessions.")
    listed = ", ".join(f"{skill} {n}" for skill, n in counts.items())
    return RuleResult("practice", True,
                      f"Every skill is practised at least {MIN_SESSIONS} times ({listed}).")


def _spacing_problem(plan: Plan, skill: str) -> str | None:
    days = plan.days_for(skill)
    gaps = plan.gaps_for(skill)
    on_days = ("day " if len(days) == 1 else "days ") + ", ".join(map(str, days))
    if len(days) < 3:
        return (f"{skill} is practised on {count(len(days), 'day')} ({on_days}); "
                "it needs at least 3 different days to space out.")
    span = sum(gaps)
    if span < MIN_SPAN:
        return (f"{skill}: all its practice falls within {count(span + 1, 'day')} ({on_days}); "
                f"spread it so the last session is at least {MIN_SPAN} days after the first.")
    return None


def _spacing(plan: Plan) -> RuleResult:
    if not plan.sessions:
        return RuleResult("spacing", False,
                          "The plan has no sessions yet: spread each skill over at least 3 "
                          f"days, at least {MIN_SPAN} days from first to last.")
    problems = [p for skill in plan.skills if (p := _spacing_problem(plan, skill))]
    if problems:
        return RuleResult("spacing", False, " ".join(problems))
    listed = "; ".join(f"{skill}: gaps of {', '.join(map(str, plan.gaps_for(skill)))} days"
                       for skill in plan.skills)
    return RuleResult("spacing", True, f"Each skill's practice is spread over weeks ({listed}).")


def _retrieval(plan: Plan) -> RuleResult:
    total = len(plan.sessions)
    if not total:
        return RuleResult("retrieval", False,
                          "The plan has no sessions yet: choose activities in which reps recall "
                          "and perform the skill.")
    recalled = sum(s.retrieval for s in plan.sessions)
    share = recalled / total
    counted = f"{recalled} of {total} sessions ({round(share * 100)}%)"
    needed = round(RETRIEVAL_SHARE * 100)
    if share < RETRIEVAL_SHARE:
        return RuleResult("retrieval", False,
                          f"Only {counted} make reps recall and perform the skill; at least "
                          f"{needed}% should. Re-reading notes feels productive but is not "
                          "retrieval: swap some for a drill, a role play or a self-quiz.")
    return RuleResult("retrieval", True,
                      f"{counted} make reps recall and perform the skill (at least {needed}% "
                      "should).")


# ---------------------------------------------------------------------------------- suggesting

def suggest_plan(skills: Iterable[str]) -> Plan:
    """An expanding-interval plan: days 1, 3, 7, 14, 28 for the first skill.

    The second skill starts a day later (2, 4, 8, 15, 29), the third two days later; a fourth
    shares the first skill's days, and so on. Activities rotate through role play, quiz
    yourself and drills, so the plan meets every rule. Raises ValueError for an unknown skill or
    an empty list.
    """
    names: list[str] = []
    for text in skills:
        name = normalise_skill(text) if isinstance(text, str) else None
        if name is None:
            raise ValueError(_unknown("skills", str(text), SKILLS))
        if name not in names:
            names.append(name)
    if not names:
        raise ValueError("Choose at least one skill to plan.")
    sessions = []
    for index, skill in enumerate(names):
        offset = index % 3
        for step, day in enumerate(EXPANDING_DAYS):
            activity = _ACTIVITY_CYCLE[step % len(_ACTIVITY_CYCLE)]
            sessions.append(Session(day=day + offset, skill=skill, activity=activity))
    return Plan(sessions=tuple(sessions))
