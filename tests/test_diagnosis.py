"""The root-cause vocabulary: pairs, the manager's cause, names and descriptions for each."""

from __future__ import annotations

from coachlab.diagnosis import (
    CAUSE_NAMES,
    CAUSES,
    MANAGER_CAUSE,
    PAIRS,
    ROOT_CAUSE_DESCRIPTIONS,
    ROOT_CAUSES,
    SKILL_GAP_CAUSES,
    WILL_CAUSES,
    partner,
)


def test_pairs_and_manager_cause_cover_the_vocabulary_once() -> None:
    assert sorted(CAUSES) == sorted(ROOT_CAUSES)
    assert len(CAUSES) == len(set(CAUSES))


def test_partner_is_symmetric_and_the_manager_cause_has_none() -> None:
    for first, second in PAIRS:
        assert partner(first) == second
        assert partner(second) == first
    assert partner(MANAGER_CAUSE) is None
    assert partner("unknown") is None


def test_every_cause_has_a_name_and_a_description_in_the_course_order() -> None:
    assert list(CAUSE_NAMES) == list(ROOT_CAUSE_DESCRIPTIONS) == list(CAUSES)
    assert [cause for pair in PAIRS for cause in pair] + [MANAGER_CAUSE] == list(CAUSES)
    assert SKILL_GAP_CAUSES | WILL_CAUSES == ROOT_CAUSES
    assert not SKILL_GAP_CAUSES & WILL_CAUSES
