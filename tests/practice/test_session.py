"""Today's session: due items from the date, a few new ones, mixed skills, resumable, kill-safe."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest

from coachlab.course import JOURNAL_FILE as FILENAME
from coachlab.practice import Item, Session, interleave
from coachlab.practice.items import Option
from coachlab.practice.session import NEW_PER_SESSION, SESSION_SIZE, choose
from coachlab.practice.state import KEY, clean
from coachlab.responses import Journal

from .conftest import COURSE, FakeClock, right_answer

FORK = multiprocessing.get_context("fork")


def _item(skill: str, number: int) -> Item:
    return Item(id=f"{skill}:{number}", skill=skill, prompt="?", answer="a",
                explanation="because", options=(Option("a", "A"), Option("b", "B")))


def _play(session: Session, right: bool = True) -> list[Item]:
    shown = []
    while session.current:
        item = session.current
        shown.append(item)
        session.answer(right_answer(item) if right else "no such answer", 5)
    return shown


def _no_neighbours_alike(items: list[Item]) -> bool:
    return all(a.skill != b.skill for a, b in zip(items, items[1:], strict=False))


def test_interleave_separates_skills_whenever_the_counts_allow() -> None:
    rng = random.Random(7)
    for _ in range(300):
        counts = {s: rng.randint(0, 5) for s in "abcdef"}
        items = [_item(s, n) for s, c in counts.items() for n in range(c)]
        rng.shuffle(items)
        mixed = interleave(items)
        assert sorted(i.id for i in mixed) == sorted(i.id for i in items)
        largest = max(counts.values(), default=0)
        if largest <= len(items) - largest + 1:  # possible to separate
            assert _no_neighbours_alike(mixed), [i.skill for i in mixed]


def test_a_retry_goes_late_without_a_neighbour_of_its_skill() -> None:
    from coachlab.practice.session import place_near_end

    queue = [_item("a", 0), _item("b", 0), _item("c", 0), _item("a", 1)]
    place_near_end(queue, _item("a", 9))
    assert [i.id for i in queue] == ["a:0", "b:0", "a:9", "c:0", "a:1"]
    queue = [_item("a", 0), _item("b", 0)]
    place_near_end(queue, _item("a", 9))
    assert [i.id for i in queue] == ["a:0", "b:0", "a:9"]
    queue = [_item("b", 0), _item("a", 0)]
    place_near_end(queue, _item("a", 9))
    assert [i.id for i in queue] == ["b:0", "a:0", "a:9"]  # no gap left: at the end
    alone: list[Item] = []
    place_near_end(alone, _item("a", 9))
    assert [i.id for i in alone] == ["a:9"]


def test_interleave_keeps_each_skills_order() -> None:
    items = [_item("a", 0), _item("a", 1), _item("b", 0), _item("a", 2), _item("b", 1)]
    mixed = interleave(items)
    assert [i.id for i in mixed if i.skill == "a"] == ["a:0", "a:1", "a:2"]
    assert _no_neighbours_alike(mixed)


def test_first_session_brings_a_few_new_items_of_different_skills(tmp_path: Path, pool,
                                                                   clock: FakeClock) -> None:
    session = Session(pool, Journal.beside(tmp_path), clock=clock)
    assert len(session.queue) == NEW_PER_SESSION
    assert len({i.skill for i in session.queue}) == NEW_PER_SESSION
    assert _no_neighbours_alike(session.queue)


def test_due_items_are_computed_from_todays_date(tmp_path: Path, pool, clock: FakeClock) -> None:
    journal = Journal.beside(tmp_path)
    first = _play(Session(pool, journal, clock=clock), right=False)  # all missed: due tomorrow
    assert Session(pool, journal, clock=clock).queue == []          # done for today
    clock.advance(days=1)
    tomorrow = Session(pool, journal, clock=clock).queue
    assert {i.id for i in first} <= {i.id for i in tomorrow}
    assert len(tomorrow) <= SESSION_SIZE
    new = [i for i in tomorrow if i.id not in {f.id for f in first}]
    assert len(new) <= NEW_PER_SESSION


def test_a_days_session_stays_near_ten_minutes(tmp_path: Path, pool, clock: FakeClock) -> None:
    journal = Journal.beside(tmp_path)
    sizes = []
    for _ in range(12):
        items = _play(Session(pool, journal, clock=clock), right=True)
        sizes.append(len(items))
        assert _no_neighbours_alike(items) or len({i.skill for i in items}) == 1
        clock.advance(days=1)
    assert max(sizes) <= SESSION_SIZE
    assert max(sizes[3:]) >= 10, sizes  # once reviews come due, sessions fill up


def test_new_items_per_day_are_capped_across_reruns(tmp_path: Path, pool, clock) -> None:  # type: ignore[no-untyped-def]
    journal = Journal.beside(tmp_path)
    for _ in range(3):
        _play(Session(pool, journal, clock=clock))
    day = journal.get(KEY)["days"][clock().date().isoformat()]
    assert day["new"] == NEW_PER_SESSION and day["answered"] == NEW_PER_SESSION


def test_a_restart_resumes_the_same_session(tmp_path: Path, pool, clock: FakeClock) -> None:
    journal = Journal.beside(tmp_path)
    session = Session(pool, journal, clock=clock)
    planned = [i.id for i in session.queue]
    session.answer(session.current.answer, 4)  # type: ignore[union-attr]
    session.answer(session.current.answer, 4)  # type: ignore[union-attr]
    clock.advance(hours=2)
    again = Session(pool, journal, clock=clock)  # a new kernel, same day
    assert [i.id for i in again.queue] == planned[2:]


def test_a_missed_item_comes_back_once_at_the_end_and_is_scheduled_once(
        tmp_path: Path, pool, clock: FakeClock) -> None:
    journal = Journal.beside(tmp_path)
    session = Session(pool, journal, clock=clock)
    missed = session.current
    assert missed is not None
    first = session.answer("no such answer", 3)
    assert first.first_try and first.again_today and first.verdict.result == "wrong"
    assert missed in session.queue[-2:]  # at the end, or just before it to mix skills
    assert _no_neighbours_alike(session.queue) or len({i.skill for i in session.queue}) == 1
    while session.current and session.current != missed:
        session.answer(session.current.answer, 3)
    second = session.answer(missed.answer, 3)
    assert not second.first_try and second.verdict.right
    _play(session)
    assert session.current is None and [a.item for a in session.answered].count(missed) == 2
    record = journal.get(KEY)["cards"][missed.id]
    assert record["reviews"] == 1 and record["last"] == "wrong"


def test_answering_when_done_is_refused(tmp_path: Path, pool, clock: FakeClock) -> None:
    session = Session(pool, Journal.beside(tmp_path), clock=clock)
    _play(session)
    with pytest.raises(RuntimeError, match="done"):
        session.answer("open")


def test_items_removed_from_the_bank_drop_out(tmp_path: Path, pool, clock: FakeClock) -> None:
    journal = Journal.beside(tmp_path)
    _play(Session(pool, journal, clock=clock), right=False)
    clock.advance(days=1)
    smaller = [i for i in pool if i.skill != "sort"]
    assert all(i.skill != "sort" for i in Session(smaller, journal, clock=clock).queue)


def test_choose_ignores_malformed_state(pool, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    broken = {"cards": {"x": "nonsense", "y": {"card": {"due": "not a date"}}},
              "days": {"yesterday": 3}, "plan": "none"}
    assert clean(broken) == {"cards": {}, "days": {}, "plan": {},
                             "unread": {"cards": broken["cards"], "days": broken["days"]}}
    assert len(choose(pool, broken, clock())) == NEW_PER_SESSION


def test_a_session_keeps_what_it_cannot_read(tmp_path: Path, pool: list[Item],
                                              clock: FakeClock) -> None:
    """A card or day that does not fit its model is set aside, never lost when the session
    writes the state back; the state it can read goes on as before."""
    journal = Journal.beside(tmp_path)
    odd = {"x": {"skill": "sort", "card": {"due": "next week"}}, "y": [1, 2]}
    journal.record(KEY, {"cards": dict(odd), "days": {"someday": {"answered": 3}}, "plan": {}})
    session = Session(pool, journal, clock=clock)
    assert session.current is not None
    session.answer(right_answer(session.current), 2)
    saved = journal.get(KEY)
    assert saved["unread"] == {"cards": odd, "days": {"someday": {"answered": 3}}}
    assert len(saved["cards"]) == 1 and sum(d["answered"] for d in saved["days"].values()) == 1
    assert clean(saved)["unread"] == saved["unread"]  # read again: still kept, once


# ----------------------------------------------------------------------------- a kill mid-write

def _practise_forever(directory: str, connection) -> None:  # type: ignore[no-untyped-def]
    from coachlab.practice import build_pool

    pool = build_pool(COURSE)
    clock = FakeClock()
    journal = Journal.beside(directory)
    answered = 0
    while True:
        session = Session(pool, journal, clock=clock, new_limit=12)
        while session.current:
            item = session.current
            result = session.answer(right_answer(item) if answered % 3 else "no", 2)
            if result.first_try:  # a second try is not recorded
                answered += 1
                connection.send(answered)  # only after the answer is on disk
        clock.advance(days=1)


def test_practice_state_survives_a_kill_in_the_middle_of_a_write(tmp_path: Path) -> None:
    receiver, sender = FORK.Pipe(duplex=False)
    process = FORK.Process(target=_practise_forever, args=(str(tmp_path), sender))
    process.start()
    sender.close()
    confirmed = 0
    deadline = time.monotonic() + 60
    while confirmed < 40 and time.monotonic() < deadline:
        if receiver.poll(1):
            confirmed = receiver.recv()
    time.sleep(0.013)  # land the kill somewhere inside the next write
    os.kill(process.pid, signal.SIGKILL)
    process.join(timeout=10)
    assert process.exitcode == -signal.SIGKILL
    try:
        while receiver.poll(0):
            confirmed = receiver.recv()
    except EOFError:
        pass
    assert confirmed >= 40, "the learner did not get going"

    data = json.loads((tmp_path / FILENAME).read_text(encoding="utf-8"))  # parses
    state = clean(data["answers"][KEY]["value"])
    answered = sum(day["answered"] for day in state["days"].values())
    reviews = sum(card["reviews"] for card in state["cards"].values())
    assert answered == reviews  # the card and the day's tally were written together
    assert answered >= confirmed  # nothing confirmed was lost
    # the next session carries on from the saved state
    clock = FakeClock()
    clock.advance(days=30)
    from coachlab.practice import build_pool

    session = Session(build_pool(COURSE), Journal.beside(tmp_path), clock=clock)
    assert session.queue
    session.answer(session.current.answer, 2)  # type: ignore[union-attr]
    assert not list(tmp_path.glob(f".{FILENAME}.*.tmp"))


def test_more_adds_new_items_on_request_and_survives_a_restart(tmp_path: Path, pool,
                                                               clock: FakeClock) -> None:
    journal = Journal.beside(tmp_path)
    session = Session(pool, journal, clock=clock)
    first = _play(session)
    unseen = session.unseen
    assert unseen == len(pool) - len(first)
    added = session.more(5)
    assert len(added) == 5 and not {i.id for i in added} & {i.id for i in first}
    assert session.unseen == unseen - 5
    again = Session(pool, journal, clock=clock)  # a restart keeps the extra items
    assert [i.id for i in again.queue] == [i.id for i in session.queue]
    assert _play(again) and Session(pool, journal, clock=clock).queue == []


def test_new_items_avoid_a_scenario_already_in_the_session_for_that_skill(
        tmp_path: Path, pool, clock: FakeClock) -> None:
    from coachlab.practice.session import _origin

    journal = Journal.beside(tmp_path)
    for _ in range(8):
        session = Session(pool, journal, clock=clock)
        cards = clean(journal.get(KEY))["cards"]
        origins = [_origin(i) for i in session.queue]
        new = [_origin(i) for i in session.queue if i.id not in cards]
        assert all(origins.count(o) == 1 for o in new), origins
        _play(session, right=False)
        clock.advance(days=1)
