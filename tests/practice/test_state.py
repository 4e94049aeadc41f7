"""The practice summary progress and the cohort report read: streaks, sessions, due, recall."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from coachlab.practice import Session, summarise
from coachlab.practice.state import KEY, as_text, habit, merge_days, read_journal, streak
from coachlab.responses import MAX_JOURNAL_BYTES, Journal

from .conftest import FakeClock


def _days(*offsets: int, today: date = date(2026, 12, 10)) -> dict[str, dict[str, int]]:
    return {(today - timedelta(days=o)).isoformat(): {"answered": 3} for o in offsets}


def test_streak_counts_days_in_a_row_ending_today_or_yesterday() -> None:
    today = date(2026, 12, 10)
    assert streak({}, today) == 0
    assert streak(_days(0, 1, 2, 4), today) == 3
    assert streak(_days(1, 2), today) == 2          # today still to come
    assert streak(_days(2, 3), today) == 0          # yesterday missed
    assert streak({"2026-12-10": {"answered": 0}}, today) == 0


def test_summary_per_skill_after_real_sessions(tmp_path: Path, pool, clock: FakeClock) -> None:
    journal = Journal.beside(tmp_path)
    for _ in range(3):
        session = Session(pool, journal, clock=clock)
        while session.current:
            session.answer(session.current.answer, 5)
        clock.advance(days=1)
    summary = summarise(journal.get(KEY), clock())
    assert summary.started and summary.streak == 3 and summary.sessions == 3
    assert summary.done_today == 0 and summary.next_due is not None
    practised = [s for s in summary.skills if s.seen]
    assert practised and all(s.next_review >= clock().date() for s in practised)  # type: ignore[operator]
    assert sum(s.due for s in summary.skills) >= 1  # a day later something is due
    assert any(s.next_review == clock().date() for s in practised)  # ... and says "today"
    later = summarise(journal.get(KEY), clock() + timedelta(days=60))
    assert all(s.next_review == later.today for s in later.skills if s.seen)  # overdue: today
    assert later.streak == 0 and later.sessions == 0
    text = as_text(summary)
    assert "3-day streak" in text and "next review" in text and "Sort the reply" in text
    assert "today" in text and "%" not in text


def test_summary_of_nothing_says_how_to_start() -> None:
    summary = summarise(None, datetime(2026, 12, 1, tzinfo=UTC), {"sort": 10})
    assert not summary.started and summary.streak == 0
    assert "not started" in as_text(summary) and "0/10" in as_text(summary)


def test_habit_merges_every_journal_found(tmp_path: Path) -> None:
    today = date(2026, 12, 10)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for path, days in ((first, _days(0, 1, 20)), (second, _days(1, 2, 3))):
        path.write_text(json.dumps({"version": 1, "answers": {
            KEY: {"value": {"cards": {}, "days": days}, "updated": "x"}}}), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{ nope", encoding="utf-8")
    seen = habit([first, second, tmp_path / "broken.json", tmp_path / "missing.json"], today)
    assert seen.sessions == 4 and seen.streak == 4 and seen.last_day == today
    assert "4 in 14 days, streak 4" == seen.text
    assert not list(tmp_path.glob("*.corrupt-*"))  # reading never writes backups
    assert habit([], today).text == "none yet"
    assert read_journal(tmp_path / "broken.json") == {"cards": {}, "days": {}, "plan": {}}
    assert merge_days([]) == {"cards": {}, "days": {}, "plan": {}}


def test_a_report_reads_nothing_from_an_oversized_or_misshapen_journal(tmp_path: Path) -> None:
    """Limits before parsing: a journal over the size limit is not parsed; a state whose days
    do not fit their model counts none of them, and the file is left as it was."""
    days = _days(0, 1)
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"version": 1, "answers": {
        KEY: {"value": {"cards": {}, "days": days}, "updated": "x"},
        "padding": {"value": "x" * MAX_JOURNAL_BYTES, "updated": "x"}}}), encoding="utf-8")
    assert read_journal(big) == {"cards": {}, "days": {}, "plan": {}}
    odd = tmp_path / "odd.json"
    text = json.dumps({"version": 1, "answers": {KEY: {"value": {
        "cards": {}, "days": {"2026-12-09": {"answered": -4}, "2026-12-10": {"answered": "9"}}},
        "updated": "x"}}})
    odd.write_text(text, encoding="utf-8")
    assert read_journal(odd)["days"] == {}
    assert habit([odd], date(2026, 12, 10)).text == "none yet"
    assert odd.read_text(encoding="utf-8") == text


def _one_answer(tmp_path: Path, pool, clock: FakeClock, right: bool):  # type: ignore[no-untyped-def]
    """Answer one sort item right or wrong; the summary just after, and the item."""
    journal = Journal.beside(tmp_path)
    session = Session([i for i in pool if i.skill == "sort"], journal, clock=clock)
    item = session.current
    wrong = next(o.value for o in item.options if o.value != item.answer)
    session.answer(item.answer if right else wrong, 5)
    return summarise(journal.get(KEY), clock()), item


def test_after_a_miss_the_skill_comes_back_tomorrow_not_at_100_percent(
        tmp_path: Path, pool, clock: FakeClock) -> None:
    summary, _ = _one_answer(tmp_path, pool, clock, right=False)
    [sort] = [s for s in summary.skills if s.skill == "sort"]
    assert sort.seen == 1 and sort.next_review == clock().date() + timedelta(days=1)
    assert sort.next_review_text(clock().date()) == "tomorrow"
    text = as_text(summary)
    assert "tomorrow" in text and "100%" not in text


def test_after_a_hit_the_skill_comes_back_days_later(
        tmp_path: Path, pool, clock: FakeClock) -> None:
    summary, _ = _one_answer(tmp_path, pool, clock, right=True)
    [sort] = [s for s in summary.skills if s.skill == "sort"]
    days = (sort.next_review - clock().date()).days  # type: ignore[operator]
    assert days >= 2
    assert sort.next_review_text(clock().date()) == f"in {days} days"
    assert "100%" not in as_text(summary)
