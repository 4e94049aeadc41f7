"""Practice offers only what the course has shown: items from the modules the learner opened."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from coachlab.journals import opened_modules, record_lesson_opened
from coachlab.practice import Item, Session
from coachlab.practice.items import SKILL_MODULES, SKILLS
from coachlab.practice.pool import available
from coachlab.practice.state import KEY
from coachlab.responses import Journal

from .conftest import FakeClock


def _play_all(session: Session) -> list[Item]:
    shown = []
    while session.current:
        shown.append(session.current)
        session.answer(session.current.answer, 5)
    return shown


def test_every_item_knows_its_module_and_no_skill_comes_before_its_lesson(pool) -> None:  # type: ignore[no-untyped-def]
    assert set(SKILL_MODULES) == set(SKILLS)
    for item in pool:
        assert item.module and item.module >= SKILL_MODULES[item.skill], item.id
    modules = {item.module for item in pool}
    assert {"01", "02", "03"} <= modules and "00" not in modules


def test_content_a_lesson_owns_waits_for_that_lesson(pool) -> None:  # type: ignore[no-untyped-def]
    def modules(source: str, skill: str) -> set[str]:
        return {i.module for i in pool if i.source.split(",")[0] == source and i.skill == skill}

    assert modules("practice/02-find-the-root-cause.yaml", "sort") == {"02"}  # taught in 01
    assert modules("scenario forecast-sandbag", "sort") == {"02"}  # lesson 02's scenario
    assert modules("scenario forecast-sandbag", "debrief") == {"03"}  # debriefs: lesson 03
    assert modules("scenario champion-gone", "sort") == {"01"}  # a bank scenario: the skill's
    assert modules("practice/03-stop-rescuing.yaml", "step_in") == {"03"}


def test_an_item_from_an_unopened_module_is_never_offered(tmp_path: Path, pool,  # type: ignore[no-untyped-def]
                                                         clock: FakeClock) -> None:
    journal = Journal.beside(tmp_path)
    shown: list[Item] = []
    for _ in range(6):  # six days, with "more" each day: far beyond one session
        session = Session(pool, journal, clock=clock, opened=frozenset({"01"}))
        shown += _play_all(session)
        session.more(20)
        shown += _play_all(session)
        clock.advance(days=1)
    assert len(shown) > 50
    assert {item.module for item in shown} == {"01"}
    assert {item.skill for item in shown} <= {"sort", "pick", "rewrite"}


def test_opening_a_module_makes_its_items_available(tmp_path: Path, pool,  # type: ignore[no-untyped-def]
                                                    clock: FakeClock) -> None:
    course = tmp_path / "course"
    assert Session(pool, Journal.beside(course), clock=clock,
                   opened=frozenset(opened_modules(course))).nothing_opened
    record_lesson_opened(course, "03-stop-rescuing")
    assert opened_modules(course) == {"03"}
    session = Session(pool, Journal.beside(course), clock=clock,
                      opened=frozenset(opened_modules(course)))  # the same day: planned again
    assert not session.nothing_opened and session.queue
    assert {item.module for item in session.queue} <= {"01", "02", "03"}
    assert any(item.module == "03" for item in session.queue)
    assert len(available(pool, {"01", "02", "03"})) > len(available(pool, {"01"})) > 0


def test_nothing_opened_means_nothing_offered(tmp_path: Path, pool, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    for opened in (frozenset(), frozenset({"00"})):  # the welcome lesson has no practice
        session = Session(pool, Journal.beside(tmp_path / str(len(opened))), clock=clock,
                          opened=opened)
        assert session.current is None and session.nothing_opened
        assert session.more(5) == [] and session.unseen == 0


def test_an_item_already_scheduled_is_kept(tmp_path: Path, pool, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    journal = Journal.beside(tmp_path)
    first = _play_all(Session(pool, journal, clock=clock))  # before practice was gated
    assert any(item.module != "01" for item in first)
    clock.advance(days=30)
    session = Session(pool, journal, clock=clock, opened=frozenset({"01"}))
    due = {item.id for item in first}
    assert due <= {item.id for item in session.queue}  # all due again, whatever their module
    assert not session.nothing_opened


def test_record_lesson_opened_is_atomic_keeps_answers_and_the_first_time(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    journal.record("01-tell-or-ask.sorter", ["kept"])
    record_lesson_opened(tmp_path, "01-tell-or-ask")
    first = journal.get("01-tell-or-ask.opened")
    record_lesson_opened(tmp_path, "01-tell-or-ask")
    record_lesson_opened(tmp_path, "02")
    assert journal.get("01-tell-or-ask.opened") == first and journal.get("02.opened")
    assert journal.get("01-tell-or-ask.sorter") == ["kept"]
    assert not list(tmp_path.glob("*.tmp*"))
    with pytest.raises(ValueError, match="names no module"):
        record_lesson_opened(tmp_path, "practice")
    assert opened_modules(tmp_path) == {"01", "02"}


def test_an_exercise_with_answers_opens_its_module(tmp_path: Path) -> None:
    course, exercise = tmp_path / "course", tmp_path / "exercises" / "02-find-the-root-cause"
    course.mkdir()
    Journal.beside(exercise).record("02.diagnosis", "")  # an empty answer opens nothing
    assert opened_modules(course) == set()
    Journal.beside(exercise).record("02.diagnosis", "fears_being_stumped")
    assert opened_modules(course) == {"02"}


def test_progress_reports_a_lesson_opened_after_recording_it(tmp_path: Path) -> None:
    from coachlab.progress.reading import learner_progress

    root = tmp_path / "root"
    shutil.copytree(Path(__file__).resolve().parents[2] / "course", root / "course",
                    ignore=shutil.ignore_patterns("coachlab-answers.json*"))
    (root / "nbgrader_config.py").write_text("", encoding="utf-8")
    (root / "solutions").mkdir()
    before = {m.number: m.lesson_opened for m in learner_progress(root).modules}
    assert before["01"] is False
    record_lesson_opened(root / "course", "01-tell-or-ask")
    after = {m.number: m.lesson_opened for m in learner_progress(root).modules}
    assert after["01"] is True and after["02"] is False
    saved = json.loads((root / "course" / "coachlab-answers.json").read_text(encoding="utf-8"))
    assert KEY not in saved["answers"]  # reading progress wrote nothing
