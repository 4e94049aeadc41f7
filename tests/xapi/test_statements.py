"""The mapping from course events to xAPI statements: verbs, activity types, results, actors,
IRIs and deterministic ids."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone

import pytest

from coachlab.xapi.config import StatementSettings
from coachlab.xapi.identity import RosterEntry, UnidentifiableLearner, agent, statement_id
from coachlab.xapi.statements import (
    FEEDBACK,
    LESSON_COMPLETED,
    LESSON_LAUNCHED,
    MASTERY_EXTENSION,
    PRACTICE,
    SCORED,
    SUBMITTED,
    Event,
    build,
    module_title,
    score_result,
    timestamp,
)

BASE = "https://learning.example.com/coachlab"
SETTINGS = StatementSettings(activity_base=BASE + "/", mastery=0.8)
ADA = RosterEntry("ada", "Ada", "Okafor", "Ada.Okafor@Example.org")
WHEN = datetime(2026, 11, 30, 9, 15, 30, 123456, tzinfo=UTC)
MODULE = "01-tell-or-ask"


def _one(kind: str, **kw: object) -> dict:
    [statement] = build(Event(kind, "ada", kw.pop("module", MODULE), WHEN, **kw), ADA, SETTINGS)
    return statement


@pytest.mark.parametrize(("kind", "verb", "display", "iri", "activity_type"), [
    (LESSON_LAUNCHED, "http://adlnet.gov/expapi/verbs/launched", "launched",
     f"{BASE}/lessons/{MODULE}", "http://adlnet.gov/expapi/activities/lesson"),
    (LESSON_COMPLETED, "http://adlnet.gov/expapi/verbs/completed", "completed",
     f"{BASE}/lessons/{MODULE}", "http://adlnet.gov/expapi/activities/lesson"),
    (SUBMITTED, "http://activitystrea.ms/schema/1.0/submit", "submitted",
     f"{BASE}/exercises/{MODULE}", "http://adlnet.gov/expapi/activities/assessment"),
    (FEEDBACK, "http://activitystrea.ms/schema/1.0/receive", "received",
     f"{BASE}/exercises/{MODULE}/feedback", "http://id.tincanapi.com/activitytype/document"),
])
def test_each_event_has_its_verb_and_activity(kind: str, verb: str, display: str, iri: str,
                                              activity_type: str) -> None:
    statement = _one(kind)
    assert statement["verb"] == {"id": verb, "display": {"en-US": display}}
    assert statement["object"]["id"] == iri
    assert statement["object"]["objectType"] == "Activity"
    assert statement["object"]["definition"]["type"] == activity_type
    assert statement["timestamp"] == "2026-11-30T09:15:30.123Z"
    context = statement["context"]["contextActivities"]
    assert context["grouping"][0]["id"] == BASE
    assert context["grouping"][0]["definition"]["type"] == \
        "http://adlnet.gov/expapi/activities/course"
    parent = context["parent"][0]
    assert parent["id"] == (f"{BASE}/exercises/{MODULE}" if kind == FEEDBACK
                            else f"{BASE}/modules/{MODULE}")
    assert statement["context"]["platform"] == "coachlab"


def test_lesson_completed_says_so() -> None:
    assert _one(LESSON_COMPLETED)["result"] == {"completion": True}
    assert "result" not in _one(LESSON_LAUNCHED)


def test_scored_gives_score_and_a_verdict_against_mastery() -> None:
    scored, passed = build(Event(SCORED, "ada", MODULE, WHEN, 24.0, 28.0), ADA, SETTINGS)
    assert scored["verb"]["id"] == "http://adlnet.gov/expapi/verbs/scored"
    assert passed["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed"
    expected = {"score": {"raw": 24, "min": 0, "max": 28, "scaled": 0.8571},
                "success": True, "completion": True}
    assert scored["result"] == passed["result"] == expected
    assert scored["context"]["extensions"] == {MASTERY_EXTENSION: 0.8}
    assert scored["id"] != passed["id"]
    _, failed = build(Event(SCORED, "ada", MODULE, WHEN, 22.0, 28.0), ADA, SETTINGS)
    assert failed["verb"]["id"] == "http://adlnet.gov/expapi/verbs/failed"
    assert failed["result"]["success"] is False
    strict = SETTINGS.model_copy(update={"mastery": 0.9})
    _, verdict = build(Event(SCORED, "ada", MODULE, WHEN, 24.0, 28.0), ADA, strict)
    assert verdict["verb"]["id"].endswith("/failed")


def test_score_edges() -> None:
    assert score_result(28, 28, 1.0)["success"] is True  # exactly the threshold passes
    assert score_result(0, 28, 0.0)["success"] is True
    capped = score_result(30.5, 28, 0.8)["score"]  # extra credit: xAPI wants raw <= max
    assert capped == {"raw": 28, "min": 0, "max": 28, "scaled": 1.0}
    assert score_result(1.25, 4, 0.5)["score"] == {"raw": 1.25, "min": 0, "max": 4,
                                                   "scaled": 0.3125}
    with pytest.raises(ValueError, match="no points"):
        score_result(0, 0, 0.8)
    with pytest.raises(ValueError, match="score and max_score"):
        build(Event(SCORED, "ada", MODULE, WHEN), ADA, SETTINGS)


def test_practice_session() -> None:
    statement = _one(PRACTICE, module="", score=7.0, max_score=10.0, seconds=612.4)
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    assert statement["object"]["id"] == f"{BASE}/practice"
    assert statement["result"] == {"completion": True, "duration": "PT612S",
                                   "score": {"raw": 7, "min": 0, "max": 10, "scaled": 0.7}}
    assert "parent" not in statement["context"]["contextActivities"]
    bare = _one(PRACTICE, module="")
    assert bare["result"] == {"completion": True}


def test_ids_are_deterministic_per_event() -> None:
    first = _one(SUBMITTED)
    assert _one(SUBMITTED)["id"] == first["id"]
    later = build(Event(SUBMITTED, "ada", MODULE, WHEN + timedelta(minutes=1)), ADA, SETTINGS)
    assert later[0]["id"] != first["id"]  # a resubmission is a new event
    other_zone = WHEN.astimezone(timezone(timedelta(hours=2)))
    same = build(Event(SUBMITTED, "ada", MODULE, other_zone), ADA, SETTINGS)
    assert same[0]["id"] == first["id"]  # the same instant, written in another zone
    regraded = build(Event(SCORED, "ada", MODULE, WHEN, 25.0, 28.0), ADA, SETTINGS)
    graded = build(Event(SCORED, "ada", MODULE, WHEN, 24.0, 28.0), ADA, SETTINGS)
    assert {s["id"] for s in regraded}.isdisjoint(s["id"] for s in graded)
    elsewhere = StatementSettings(activity_base="https://other.example.com/course")
    assert build(Event(SUBMITTED, "ada", MODULE, WHEN), ADA, elsewhere)[0]["id"] != first["id"]
    assert statement_id(SETTINGS, ["x", 1.0]) == statement_id(SETTINGS, ["x", 1.0000000001])
    assert len({_one(kind)["id"] for kind in (LESSON_LAUNCHED, LESSON_COMPLETED, SUBMITTED,
                                              FEEDBACK)}) == 4


def test_actor_account_by_default_without_names() -> None:
    assert agent(ADA, SETTINGS) == {"objectType": "Agent",
                                    "account": {"homePage": BASE + "/", "name": "ada"}}
    named = SETTINGS.model_copy(update={"names": True, "home_page": "https://hr.example.com"})
    assert agent(ADA, named) == {"objectType": "Agent", "name": "Ada Okafor",
                                 "account": {"homePage": "https://hr.example.com",
                                             "name": "ada"}}


def test_actor_by_mbox_or_its_hash() -> None:
    mbox = SETTINGS.model_copy(update={"identify": "mbox"})
    assert agent(ADA, mbox) == {"objectType": "Agent", "mbox": "mailto:ada.okafor@example.org"}
    hashed = SETTINGS.model_copy(update={"identify": "mbox_sha1sum"})
    digest = hashlib.sha1(b"mailto:ada.okafor@example.org").hexdigest()
    assert agent(ADA, hashed) == {"objectType": "Agent", "mbox_sha1sum": digest}
    with pytest.raises(UnidentifiableLearner, match="no email on the roster"):
        agent(RosterEntry("ben"), mbox)
    assert _one(SUBMITTED)["id"] != build(Event(SUBMITTED, "ada", MODULE, WHEN), ADA,
                                          mbox)[0]["id"]


def test_events_are_checked() -> None:
    with pytest.raises(ValueError, match="unknown event kind"):
        Event("watched", "ada", MODULE, WHEN)
    with pytest.raises(ValueError, match="timezone-aware"):
        Event(SUBMITTED, "ada", MODULE, datetime(2026, 1, 1))


def test_readable_names() -> None:
    assert module_title("01-tell-or-ask") == "Module 01: Tell or ask"
    assert module_title("practice") == "practice"
    assert timestamp(datetime(2026, 1, 1, tzinfo=UTC)) == "2026-01-01T00:00:00.000Z"
