"""Course events and the xAPI 1.0.3 statements they become.

| event | verb | object (activity type) |
| --- | --- | --- |
| lesson launched | ADL ``launched`` | the lesson (ADL ``lesson``) |
| lesson completed | ADL ``completed`` | the lesson (ADL ``lesson``) |
| exercise submitted | Activity Streams ``submit`` | the exercise (ADL ``assessment``) |
| exercise scored | ADL ``scored``, then ADL ``passed`` or ``failed`` | the exercise |
| feedback released | Activity Streams ``receive`` | the feedback report (``document``) |
| practice session completed | ADL ``completed`` | the practice notebook (ADL ``assessment``) |

Every statement has the module as ``parent`` and the course as ``grouping`` in its context
activities, so an LRS can roll results up by module and course. A scored exercise carries
``result.score`` (raw, min, max, scaled) and ``success`` against the mastery threshold, which the
passed/failed statement also names with cmi5's ``masteryscore`` context extension.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from coachlab.course import Module, ModuleNameError
from coachlab.xapi.config import StatementSettings
from coachlab.xapi.identity import (
    RosterEntry,
    agent,
    course_iri,
    exercise_iri,
    feedback_iri,
    ifi,
    lesson_iri,
    module_iri,
    practice_iri,
    statement_id,
)

LESSON_LAUNCHED = "lesson-launched"
LESSON_COMPLETED = "lesson-completed"
SUBMITTED = "submitted"
SCORED = "scored"
FEEDBACK = "feedback-released"
PRACTICE = "practice-completed"
KINDS = (LESSON_LAUNCHED, LESSON_COMPLETED, SUBMITTED, SCORED, FEEDBACK, PRACTICE)

ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "launched": ADL + "launched",
    "completed": ADL + "completed",
    "scored": ADL + "scored",
    "passed": ADL + "passed",
    "failed": ADL + "failed",
    "submitted": "http://activitystrea.ms/schema/1.0/submit",
    "received": "http://activitystrea.ms/schema/1.0/receive",
}
TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "module": "http://adlnet.gov/expapi/activities/module",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
    "document": "http://id.tincanapi.com/activitytype/document",
}
MASTERY_EXTENSION = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
PLATFORM = "coachlab"


@dataclass(frozen=True)
class Event:
    """Something that happened to a learner in the course.

    ``module`` is the module's folder name (e.g. ``01-tell-or-ask``), empty for practice.
    ``score``/``max_score`` are points (scored events) or items right/items (practice).
    """

    kind: str
    learner: str
    module: str
    when: datetime
    score: float | None = None
    max_score: float | None = None
    seconds: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown event kind {self.kind!r}; known: {', '.join(KINDS)}")
        if self.when.tzinfo is None:
            raise ValueError("event times must be timezone-aware")


def timestamp(when: datetime) -> str:
    """ISO 8601 in UTC with milliseconds, as xAPI statements carry it."""
    return when.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def module_title(module: str) -> str:
    """A readable name from a module's folder name: '01-tell-or-ask' -> 'Module 01: Tell or ask'
    (anything that names no module with a slug is kept as it is)."""
    try:
        parsed = Module.parse(module)
    except ModuleNameError:
        return module
    return parsed.title if parsed.slug else module


def build(event: Event, learner: RosterEntry, settings: StatementSettings) -> list[dict]:
    """The statements for ``event`` (two for a scored exercise: scored, then passed/failed)."""
    actor = agent(learner, settings)
    if event.kind == SCORED:
        return _scored(event, actor, settings)
    builder = {LESSON_LAUNCHED: _lesson, LESSON_COMPLETED: _lesson, SUBMITTED: _submitted,
               FEEDBACK: _feedback, PRACTICE: _practice}[event.kind]
    return [builder(event, actor, settings)]


# ------------------------------------------------------------------------------ the builders

def _statement(event: Event, actor: dict, settings: StatementSettings, verb: str, obj: dict,
               *, result: dict | None = None, parents: list[dict] | None = None,
               extensions: dict | None = None, id_parts: tuple = ()) -> dict:
    language = settings.language
    context: dict = {
        "contextActivities": {"grouping": [_activity(course_iri(settings), "course",
                                                     "coachlab: coach by asking", language)]},
        "platform": PLATFORM,
        "language": language,
    }
    if parents:
        context["contextActivities"]["parent"] = parents
    if extensions:
        context["extensions"] = extensions
    statement = {
        "id": statement_id(settings, (event.kind, verb, ifi(actor), event.module,
                                      timestamp(event.when), *id_parts)),
        "actor": actor,
        "verb": {"id": VERBS[verb], "display": {language: verb}},
        "object": obj,
        "context": context,
        "timestamp": timestamp(event.when),
    }
    if result is not None:
        statement["result"] = result
    return statement


def _activity(iri: str, kind: str, name: str, language: str) -> dict:
    return {"objectType": "Activity", "id": iri,
            "definition": {"type": TYPES[kind], "name": {language: name}}}


def _module(event: Event, settings: StatementSettings) -> dict:
    return _activity(module_iri(settings, event.module), "module", module_title(event.module),
                     settings.language)


def _lesson(event: Event, actor: dict, settings: StatementSettings) -> dict:
    obj = _activity(lesson_iri(settings, event.module), "lesson",
                    f"{module_title(event.module)} (lesson)", settings.language)
    if event.kind == LESSON_LAUNCHED:
        return _statement(event, actor, settings, "launched", obj,
                          parents=[_module(event, settings)])
    return _statement(event, actor, settings, "completed", obj, result={"completion": True},
                      parents=[_module(event, settings)])


def _exercise(event: Event, settings: StatementSettings) -> dict:
    return _activity(exercise_iri(settings, event.module), "assessment",
                     f"{module_title(event.module)} (exercise)", settings.language)


def _submitted(event: Event, actor: dict, settings: StatementSettings) -> dict:
    return _statement(event, actor, settings, "submitted", _exercise(event, settings),
                      parents=[_module(event, settings)])


def score_result(raw: float, maximum: float, mastery: float) -> dict:
    """xAPI ``result`` for ``raw`` of ``maximum`` points: score, success against ``mastery``
    (a share of the points), completion."""
    if maximum <= 0:
        raise ValueError("an exercise worth no points cannot be scored")
    raw = min(max(raw, 0.0), maximum)  # xAPI wants min <= raw <= max; extra credit is capped
    scaled = round(raw / maximum, 4)
    return {"score": {"raw": _number(raw), "min": 0, "max": _number(maximum), "scaled": scaled},
            "success": scaled >= mastery, "completion": True}


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 4)


def _scored(event: Event, actor: dict, settings: StatementSettings) -> list[dict]:
    if event.score is None or event.max_score is None:
        raise ValueError("a scored event needs score and max_score")
    result = score_result(event.score, event.max_score, settings.mastery)
    parts = (result["score"]["raw"], result["score"]["max"], result["success"], settings.mastery)
    parents = [_module(event, settings)]
    mastery = {MASTERY_EXTENSION: settings.mastery}
    scored = _statement(event, actor, settings, "scored", _exercise(event, settings),
                        result=result, parents=parents, extensions=mastery, id_parts=parts)
    verdict = _statement(event, actor, settings, "passed" if result["success"] else "failed",
                         _exercise(event, settings), result=result, parents=parents,
                         extensions=mastery, id_parts=parts)
    return [scored, verdict]


def _feedback(event: Event, actor: dict, settings: StatementSettings) -> dict:
    obj = _activity(feedback_iri(settings, event.module), "document",
                    f"{module_title(event.module)} (feedback report)", settings.language)
    return _statement(event, actor, settings, "received", obj,
                      parents=[_exercise(event, settings)])


def _practice(event: Event, actor: dict, settings: StatementSettings) -> dict:
    obj = _activity(practice_iri(settings), "assessment", "Today's practice", settings.language)
    result: dict = {"completion": True}
    if event.max_score:
        right = min(max(event.score or 0.0, 0.0), event.max_score)
        result["score"] = {"raw": _number(right), "min": 0, "max": _number(event.max_score),
                           "scaled": round(right / event.max_score, 4)}
    if event.seconds is not None and event.seconds >= 0:
        result["duration"] = f"PT{round(event.seconds)}S"
    parts = (result.get("score", {}).get("raw"), result.get("score", {}).get("max"),
             result.get("duration"))
    return _statement(event, actor, settings, "completed", obj, result=result, id_parts=parts)
