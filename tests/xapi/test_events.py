"""Lesson and practice events from learners' answer journals."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from coachlab.xapi.events import (
    from_journals,
    learner_journals,
    lesson_events,
    practice_events,
    practice_sessions,
)
from coachlab.xapi.identity import RosterEntry
from coachlab.xapi.statements import LESSON_COMPLETED, LESSON_LAUNCHED, PRACTICE
from tests.helpers.course import modules

T1, T2, T3 = "2026-11-02T09:00:00+00:00", "2026-11-02T09:20:00+00:00", "2026-11-03T10:00:00Z"


def _lessons(course_root: Path) -> dict[str, Path]:
    return {m.name: course_root / "course" / "practice" / f"{m.name}.yaml"
            for m in modules(course_root)}


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def test_lessons_launched_and_completed(course_root: Path) -> None:
    entries = {
        "01-tell-or-ask.coach": {"value": ["What happened?"], "updated": T2},
        "01-tell-or-ask.sorter": {"value": {"0": "open"}, "updated": T1},
        "01-tell-or-ask.scenario.architect-call-avoided": {"value": {"path": [0]},
                                                           "updated": T2},
        "02-find-the-root-cause.sorter": {"value": {"0": "tell"}, "updated": T3},
        "02-find-the-root-cause.scenario.x": {"value": {}, "updated": T3},
        "07-unknown.sorter": {"value": 1, "updated": T1},
        # No key the course writes uses "_" after the number: this one names no module.
        "01_tell-or-ask.sorter": {"value": {"0": "open"}, "updated": "2026-11-01T08:00:00Z"},
        "01-tell-or-ask.broken": {"value": 1, "updated": "yesterday"},
    }
    events = lesson_events("ada", entries, _lessons(course_root))
    assert [(e.kind, e.module, e.when) for e in events] == [
        (LESSON_LAUNCHED, "01-tell-or-ask", _at(T1)),
        (LESSON_COMPLETED, "01-tell-or-ask", _at(T2)),  # sorter and the lesson's scenario
        (LESSON_LAUNCHED, "02-find-the-root-cause", _at(T3)),  # its own scenario not played
    ]
    # A lesson without practice widgets (no YAML) can be launched, never "completed" by data.
    welcome = lesson_events("ada", {"00.selfassessment": {"value": 1, "updated": T1}},
                            _lessons(course_root))
    assert [e.kind for e in welcome] == [LESSON_LAUNCHED]


def test_practice_sessions_are_finished_days_of_practice() -> None:
    assert practice_sessions({}) == [] and practice_events("ada", {}) == []
    entries = {"practice": {"updated": T3, "value": {"cards": {}, "plan": {}, "days": {
        _at(T2).date().isoformat(): {"answered": 10, "right": 7, "new": 5, "seconds": 1200.0},
        _at(T3).date().isoformat(): {"answered": 5, "right": 5, "seconds": 300.0},
        "2026-01-01": {"answered": 0},  # opened, nothing answered: no statement
        "not a date": {"answered": 3},
    }}}}
    today = (_at(T3) + timedelta(days=1)).date()
    events = practice_events("ada", entries, today=today)
    day_end = datetime.combine(_at(T2).date(), time(23, 59, 59), tzinfo=UTC)
    assert [(e.kind, e.when, e.score, e.max_score, e.seconds) for e in events] == [
        (PRACTICE, day_end, 7.0, 10.0, 1200.0), (PRACTICE, _at(T3), 5.0, 5.0, 300.0)]
    # Today's practice is still going on: it is sent once the day is over.
    assert practice_events("ada", entries, today=_at(T3).date()) == events[:1]


def test_a_day_that_does_not_fit_the_practice_state_makes_no_statement() -> None:
    day = _at(T2).date().isoformat()
    today = (_at(T3) + timedelta(days=1)).date()
    for record in ({"answered": "10", "right": 7}, {"answered": True}, {"answered": -3},
                   {"answered": 4, "skills": "sort"}, ["answered", 4]):
        entries = {"practice": {"updated": T3, "value": {"days": {day: record}}}}
        assert practice_events("ada", entries, today=today) == [], record


def test_a_broken_practice_file_costs_only_its_completion(tmp_path: Path) -> None:
    practice = tmp_path / "01-tell-or-ask.yaml"
    practice.write_text("sorter:\n  - [\"Walk me through it.\", open]\nscenaro: x\n",
                        encoding="utf-8")
    entries = {"01-tell-or-ask.sorter": {"value": {"0": "open"}, "updated": T1}}
    with pytest.warns(UserWarning) as caught:
        events = lesson_events("ada", entries, {"01-tell-or-ask": practice})
    assert [e.kind for e in events] == [LESSON_LAUNCHED]
    assert str(caught[0].message) == (
        f"lesson 01-tell-or-ask has no completion statement: {practice}: scenaro: not a field "
        "here (check its spelling and indentation)")
    practice.write_text("sorter:\n  - [\"Walk me through it.\", open]\n", encoding="utf-8")
    assert [e.kind for e in lesson_events("ada", entries, {"01-tell-or-ask": practice})] == [
        LESSON_LAUNCHED, LESSON_COMPLETED]


def _journal(path: Path, answers: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 1, "answers": answers}), encoding="utf-8")


def test_only_roster_learners_are_read(tmp_path: Path, course_root: Path) -> None:
    homes = tmp_path / "home"
    lesson = {"01-tell-or-ask.sorter": {"value": {"0": "open"}, "updated": T1}}
    _journal(homes / "ada" / "course" / "coachlab-answers.json", lesson)
    _journal(homes / "ada" / "coachlab" / "course" / "coachlab-answers.json",
             {"practice": {"value": {"days": {"2026-11-01": {"answered": 4, "right": 3}}},
                           "updated": T2}})
    _journal(homes / "eve" / "course" / "coachlab-answers.json", lesson)  # not on the roster
    (homes / "ben").mkdir()
    assert len(learner_journals(homes / "ada")) == 2
    roster = {"ada": RosterEntry("ada"), "ben": RosterEntry("ben")}
    events = from_journals(course_root, homes, roster)
    assert sorted((e.learner, e.kind) for e in events) == [("ada", LESSON_LAUNCHED),
                                                           ("ada", PRACTICE)]
    only_01 = from_journals(course_root, homes, roster, modules=["01-tell-or-ask"])
    assert [e.kind for e in only_01] == [LESSON_LAUNCHED]  # practice belongs to no module
