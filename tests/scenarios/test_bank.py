"""The shipped scenario bank: loads, checks clean and covers the root-cause vocabulary."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from coachlab.scenarios import ROOT_CAUSES, check_paths, load_bank, paths

BANK = Path(__file__).resolve().parents[2] / "course" / "scenarios"


@pytest.fixture(scope="module")
def bank():
    return load_bank(BANK)


def test_bank_has_at_least_twenty_four_scenarios(bank):
    assert len(bank) >= 24


def test_bank_has_no_errors():
    findings = check_paths([BANK])
    assert [str(f) for f in findings if f.severity == "error"] == []


def test_bank_has_no_warnings_but_move_disagreements():
    findings = check_paths([BANK])
    other = [
        str(f) for f in findings if f.severity == "warning" and "but reads as" not in f.message
    ]
    assert other == []


def test_every_choice_reads_as_its_move():
    findings = check_paths([BANK])
    assert [str(f) for f in findings if "but reads as" in f.message] == []


def test_each_root_cause_is_used_at_least_three_times(bank):
    counts = Counter(scenario.root_cause for scenario in bank)
    assert {cause: counts[cause] for cause in ROOT_CAUSES if counts[cause] < 3} == {}


def test_each_scenario_has_three_endings_and_an_asking_path(bank):
    for scenario in bank:
        walks = paths(scenario)
        assert len({walk.end for walk in walks}) >= 3, scenario.id
        assert any(w.asks_only and w.ending.root_cause_found for w in walks), scenario.id
        rescued = [w for w in walks if "rescue" in w.moves and not w.ending.root_cause_found]
        assert rescued, scenario.id
        assert max(w.decisions for w in walks) >= 3, scenario.id


def test_root_cause_is_not_named_before_the_debrief(bank):
    for scenario in bank:
        visible = [scenario.title, scenario.challenge, scenario.rep.persona]
        visible += [node.rep_says for node in scenario.nodes.values()]
        visible += [c.reply for node in scenario.nodes.values() for c in node.choices]
        assert not any(scenario.root_cause in text for text in visible), scenario.id


def test_file_names_match_ids(bank):
    assert sorted(s.id for s in bank) == sorted(p.stem for p in BANK.glob("*.yaml"))


def test_default_bank_is_found_from_another_directory(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert len(load_bank()) == len(list(BANK.glob("*.yaml")))


def test_every_scenario_file_the_course_uses_is_clean():
    from coachlab.scenarios import course_scenario_files

    files = course_scenario_files(BANK.parents[1])
    assert len(files) >= len(list(BANK.glob("*.yaml"))) + 1  # the bank and exercise 01's
    assert [str(f) for f in check_paths(files) if f.is_error] == []


def test_honest_endings_in_every_scenario(bank):
    from coachlab.scenarios import SKILL_GAP_CAUSES

    for scenario in bank:
        walks = paths(scenario)
        best = [w for w in walks if w.ending.outcome == "best"]
        assert best, scenario.id
        assert any(w.ending.tried_and_failed and w.ending.outcome != "poor" for w in walks)
        opens_that_fail = [w for w in walks if w.ending.outcome != "best" and w.moves[0] == "open"]
        assert opens_that_fail, scenario.id
        if scenario.root_cause in SKILL_GAP_CAUSES:
            assert all(w.asks_then_tells for w in best), scenario.id
        else:
            assert all(w.asks for w in best), scenario.id


def test_disputed_keys_are_fixed(bank):
    by_id = {scenario.id: scenario for scenario in bank}
    opening = by_id["procurement-first-time"].nodes["opening"].choices
    assert not any("liability" in c.reply for c in opening if c.move == "tell")
    replies = {c.reply: c.move for node in by_id["discount-reflex"].nodes.values()
               for c in node.choices}
    assert "What did procurement actually say?" not in replies
    talk = [c.reply for node in by_id["talk-ratio"].nodes.values() for c in node.choices]
    assert "Is it nerves?" not in talk
