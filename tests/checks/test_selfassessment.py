"""The self-assessment's checks: graded on a complete, valid set of answers in the journal."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlab import selfassessment as sa
from coachlab.checks.selfassessment import check_recorded, score_recorded
from coachlab.responses import Journal


def answers(value: int = 3, **overrides: int) -> dict[str, int]:
    return {**{s.id: value for s in sa.load_questionnaire().statements}, **overrides}


def test_grading_reads_the_journal_and_revalidates(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    assert score_recorded("00.self", 3, tmp_path) == 0.0
    journal.record("00.self", sa.record_value(answers(5)))
    assert score_recorded("00.self", 3, tmp_path) == 3.0
    check_recorded("00.self", tmp_path)
    journal.record("00.self", {"answers": {**answers(), "ask_first": 9}})
    assert score_recorded("00.self", 3, tmp_path) == 0.0
    journal.record("00.self", {"answers": {"ask_first": 3}})
    assert score_recorded("00.self", 3, tmp_path) == 0.0
    with pytest.raises(AssertionError, match="Not yet"):
        check_recorded.__wrapped__("00.self", tmp_path)
    journal.record("00.self", {"profile": {"asking": 100}})  # a claimed result, no answers
    assert score_recorded("00.self", 3, tmp_path) == 0.0


def test_unreadable_journal_scores_zero(tmp_path: Path) -> None:
    Journal.beside(tmp_path).path.write_text("{broken")
    assert score_recorded("00.self", 3, tmp_path) == 0.0
