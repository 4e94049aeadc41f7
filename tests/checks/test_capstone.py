"""The capstone's checks: the quick check and the hidden score read recorded plays back."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlab.checks import capstone
from coachlab.responses import Journal
from coachlab.scenarios import MAX_PLAYS, load_scenario
from tests.helpers.capstone import BEST, PARTIAL

ROOT = Path(__file__).resolve().parents[2]
EXERCISE = ROOT / "solutions" / "05-capstone" / "capstone.yaml"
CONVERSATION = load_scenario(EXERCISE)



@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "capstone.yaml").write_text(EXERCISE.read_text(encoding="utf-8"))
    return tmp_path


def _score(folder: Path, points: float = 10) -> float:
    return capstone.score_recorded("05.c", "capstone.yaml", points, folder)


def test_graded_from_the_first_finished_play(folder: Path) -> None:
    journal = Journal.beside(folder)
    assert _score(folder) == 0.0
    with pytest.raises(AssertionError, match="Not yet"):
        capstone.check_recorded.__wrapped__("05.c", "capstone.yaml", folder)
    journal.record("05.c", {"conversation": CONVERSATION.id, "replies": PARTIAL,
                            "plays": [{"replies": BEST[:2]}]})
    assert _score(folder) == 3.5
    assert _score(folder, 5) == 1.75
    # Replaying until the best ending does not raise the grade: the first finished play counts.
    journal.record("05.c", {"conversation": CONVERSATION.id, "replies": BEST,
                            "plays": [{"replies": PARTIAL}, {"replies": BEST}]})
    assert _score(folder) == 3.5
    journal.record("05.c", {"conversation": CONVERSATION.id, "replies": PARTIAL,
                            "plays": [{"replies": BEST}], "score": 0})
    assert _score(folder) == 10.0
    capstone.check_recorded.__wrapped__("05.c", "capstone.yaml", folder)
    journal.record("05.c", {"replies": PARTIAL[:2], "finished": True, "score": 10,
                            "root_cause_found": True})
    assert _score(folder) == 0.0


def test_unreadable_journal_scores_zero_and_says_so(folder: Path) -> None:
    Journal.beside(folder).path.write_text("{broken")
    assert _score(folder) == 0.0
    with pytest.raises(AssertionError, match="could not be read"):
        capstone.check_recorded.__wrapped__("05.c", "capstone.yaml", folder)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ([BEST], "expected the saved plays as a mapping"),
        ({"conversation": "capstone", "plays": {"0": BEST}}, '"plays" should be a list'),
        ({"conversation": "capstone", "plays": [{"replies": BEST}] * (MAX_PLAYS + 1)},
         f"{MAX_PLAYS + 1} plays are saved; at most {MAX_PLAYS}"),
    ],
    ids=["not-a-mapping", "plays-not-a-list", "oversized"],
)
def test_a_corrupt_or_oversized_entry_is_reported_and_left_alone(folder: Path, entry: object,
                                                                 message: str) -> None:
    journal = Journal.beside(folder)
    journal.record("05.c", entry)
    before = journal.path.read_bytes()
    assert _score(folder) == 0.0
    with pytest.raises(AssertionError, match=message) as raised:
        capstone.check_recorded.__wrapped__("05.c", "capstone.yaml", folder)
    assert "left as it is" in str(raised.value)
    assert journal.path.read_bytes() == before  # nothing was changed


def test_a_broken_conversation_file_is_named(folder: Path) -> None:
    (folder / "capstone.yaml").write_text("id: [", encoding="utf-8")
    Journal.beside(folder).record("05.c", {"replies": BEST})
    with pytest.raises(AssertionError, match=r"capstone\.yaml:1: error: invalid YAML"):
        capstone.check_recorded.__wrapped__("05.c", "capstone.yaml", folder)


def test_capstone_scoring_imports_no_grading_code() -> None:
    import ast

    source = (ROOT / "coachlab" / "capstone.py").read_text(encoding="utf-8")
    imported = {node.module for node in ast.walk(ast.parse(source))
                if isinstance(node, ast.ImportFrom) and node.module}
    imported |= {alias.name for node in ast.walk(ast.parse(source))
                 if isinstance(node, ast.Import) for alias in node.names}
    assert not any(name.startswith(("coachlab.grading", "coachlab.checks")) for name in imported)
