"""A guesser cannot pass the practice pool: no dominant key, no longest-option tell, no
first-words shortcut on sort. Each bound is also shown to fail on a deliberately skewed pool."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coachlab.practice import Item, Option, build_pool
from coachlab.practice.guessing import (
    MAX_FIRST_WORDS,
    MAX_LONGEST,
    MAX_MAJORITY,
    MIN_ITEMS,
    by_skill,
    first_words_guess,
    first_words_share,
    guessing_report,
    longest_share,
    majority_share,
    options_vary,
    problems,
)
from coachlab.practice.scenario_items import sort_options, step_options

from .conftest import COURSE


def test_no_keyed_value_covers_more_than_half_of_a_skill(pool: list[Item]) -> None:
    for skill, items in by_skill(pool).items():
        choice = [item for item in items if item.options]
        if len(choice) < MIN_ITEMS:
            continue
        value, share = majority_share(choice)
        assert share <= MAX_MAJORITY, f"{skill}: {value!r} keys {share:.0%}"


def test_the_keyed_option_is_rarely_the_longest(pool: list[Item]) -> None:
    checked = 0
    for skill, items in by_skill(pool).items():
        choice = [item for item in items if item.options]
        if len(choice) < MIN_ITEMS or not options_vary(choice):
            continue  # a fixed menu (the five moves, the three verdicts) says nothing by length
        checked += 1
        assert longest_share(choice) <= MAX_LONGEST, skill
    assert checked >= 3  # diagnose, pick and debrief have options that are texts


def test_first_words_do_not_sort_the_replies(pool: list[Item]) -> None:
    share = first_words_share(pool)
    assert 0 < share <= MAX_FIRST_WORDS, f"{share:.0%}"


def test_the_course_pool_has_no_guessing_problem(pool: list[Item]) -> None:
    assert problems(pool) == []


@pytest.mark.parametrize(("reply", "move"), [
    ("What do you see as the blocker?", "open"),
    ("How will you open?", "open"),
    ("Did legal send back the redlines?", "closed"),
    ("Can you send it today?", "closed"),
    ("I'll call their CFO.", "rescue"),
    ("Let me take the call.", "rescue"),
    ("Have you tried a pilot?", "leading"),
    ("Wouldn't it be better to wait?", "leading"),
    ("You should anchor high.", "tell"),
])
def test_the_first_words_rule_is_a_real_guesser(reply: str, move: str) -> None:
    """The rule the bound is measured with gets the plain cases right: it is not a straw man."""
    assert first_words_guess(reply) == move


# ------------------------------------------------------------------ the bounds can fail

def _sort(reply: str, move: str, number: int) -> Item:
    return Item(id=f"sort:skewed:{number}", skill="sort", prompt="Which move?",
                context=(f"You: “{reply}”",), options=sort_options(), answer=move,
                explanation="A skewed item for the guessing tests.", source="fixture")


def _step(number: int, answer: str) -> Item:
    return Item(id=f"step_in:skewed:{number}", skill="step_in", prompt="Step in?",
                context=(f"Situation {number}.",), options=step_options(), answer=answer,
                explanation="A skewed item for the guessing tests.", source="fixture")


def _pick(number: int) -> Item:
    options = (Option("a", f"Short {number}."), Option("b", f"Brief {number}."),
               Option("key", f"A much longer and more careful reply, number {number}."))
    return Item(id=f"pick:skewed:{number}", skill="pick", prompt="Which reply?",
                options=options, answer="key", explanation="A skewed item for the tests.",
                source="fixture")


@pytest.fixture()
def skewed() -> list[Item]:
    """A pool a guesser passes: first words give the move, one verdict dominates, and the
    keyed option is always the longest."""
    plain = [("What happened on the call?", "open"), ("Did they sign?", "closed"),
             ("I'll call them.", "rescue"), ("You should call them.", "tell"),
             ("Have you tried calling them?", "leading")]
    sort = [_sort(f"{reply[:-1]} number {n}{reply[-1]}", move, n)
            for n in range(4) for reply, move in plain]
    sort.append(_sort("How about I take the call?", "rescue", 99))  # one the rule misses
    steps = [_step(n, "let them try") for n in range(12)] + [_step(99, "step in")]
    return sort + steps + [_pick(n) for n in range(12)]


def test_every_bound_fails_on_a_skewed_pool(skewed: list[Item]) -> None:
    rows = {row.skill: row for row in guessing_report(skewed)}
    assert rows["step_in"].majority > MAX_MAJORITY
    assert rows["pick"].longest is not None and rows["pick"].longest > MAX_LONGEST
    assert rows["sort"].first_words is not None and rows["sort"].first_words > MAX_FIRST_WORDS
    found = problems(skewed)
    assert any(p.startswith("step_in:") and "keys" in p for p in found), found
    assert any(p.startswith("pick:") and "longest" in p for p in found), found
    assert any(p.startswith("sort:") and "first-words" in p for p in found), found


def test_the_bounds_catch_the_pool_without_its_drills(tmp_path: Path) -> None:
    """The course without the drill files (the pool as the review found it, less the rule
    fixes) fails the sort and step-in bounds: the drills are what pass them."""
    copy = tmp_path / "course"
    shutil.copytree(COURSE / "scenarios", copy / "scenarios")
    shutil.copytree(COURSE / "practice", copy / "practice")
    shutil.rmtree(copy / "practice" / "drills")
    found = problems(build_pool(copy))
    assert any(p.startswith("sort:") and "first-words" in p for p in found), found
    assert any(p.startswith("step_in:") for p in found), found
