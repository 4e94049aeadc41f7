"""The graded interview's checks: one reader of the journal entry, the engine's replay, the score.

The rep files are the course's own (course/reps/), copied beside a notebook folder as
``coachlab exercises`` copies them; journals are written by the real widget where a learner's
clicks matter, and by hand where the point is a hostile or broken entry.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from coachlab.checks import interview as checks
from coachlab.interview import load_rep, replay, saved
from coachlab.responses import Journal
from coachlab.widgets.interview import RepInterview

ROOT = Path(__file__).resolve().parents[2]
REPS = ROOT / "course" / "reps"
REP = "priya-cfo-waiting"
KEY = "02.interview.priya"

# The solution's interview (solutions/02-find-the-root-cause/reference-play.json): it reaches the
# evidence that tells confidence from competence, then names the cause and the fitting coaching.
SOLVED = {
    "questions": [
        "What's the latest on the three deals?",
        "How did you build the business case for the CFO?",
        "Tell me about a time you presented to a finance director before.",
        "What have you said to Lewis about joining the CFO meeting?",
        "What's stopping you from contacting the CFO directly?",
        "What do you make of it all when you step back?",
    ],
    "diagnosis": "lacks_confidence", "coaching": "ask",
    "first_line": "What would you do next if it were entirely your call?",
}
# Only content-free questions, ending with the right diagnosis and coaching: a guess.
CONTENT_FREE = {
    "questions": ["What do you think?", "Tell me more.", "What else?", "Anything else?",
                  "What do you think?", "Tell me more about that."],
    "diagnosis": "lacks_confidence", "coaching": "ask",
    "first_line": "What would you do next if it were entirely your call?",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A notebook folder with the course's reps beside it, as an exercise has them."""
    (tmp_path / "reps" / "phrasings").mkdir(parents=True)
    for rep_id in (REP, "rosa-committee-stage"):
        shutil.copy(REPS / f"{rep_id}.yaml", tmp_path / "reps")
        shutil.copy(REPS / "phrasings" / f"{rep_id}.paraphrases.yaml",
                    tmp_path / "reps" / "phrasings")
    return tmp_path


def _entry(*plays: dict, **latest: object) -> dict:
    """A journal entry in the widget's shape: the latest fields and the finished plays."""
    return {"interview": REP, **(latest or {**plays[-1], "finished": True}),
            "plays": [dict(play) for play in plays]}


def _score(folder: Path, points: float = 3) -> float:
    return checks.score_recorded(REP, KEY, points, folder)


def _check(folder: Path) -> None:
    checks.check_recorded.__wrapped__(REP, KEY, folder)


def _engine_points(play: dict, points: float = 3) -> float:
    rep = load_rep(REPS / f"{REP}.yaml")
    result = replay(rep, play["questions"], play["diagnosis"], play["coaching"],
                    play["first_line"])
    return round(result.score / result.max_score * points, 2)


def test_solved_interview_earns_every_point(folder: Path, capsys: pytest.CaptureFixture[str]
                                            ) -> None:
    Journal.beside(folder).record(KEY, _entry(SOLVED))
    result = checks.first_recorded(REP, KEY, folder)
    assert result is not None and result.outcome == "best" and result.score == result.max_score
    assert _score(folder) == 3.0 and _score(folder, 10) == 10.0
    _check(folder)
    assert "finished and saved" in capsys.readouterr().out


def test_nothing_saved_or_unfinished_earns_nothing_and_says_finish(folder: Path) -> None:
    assert _score(folder) == 0.0
    with pytest.raises(AssertionError, match="Not yet: finish the interview"):
        _check(folder)
    # Questions asked, no diagnosis yet: what the widget saves after each question.
    Journal.beside(folder).record(KEY, {"interview": REP, "questions": SOLVED["questions"],
                                        "diagnosis": None, "coaching": None, "first_line": "",
                                        "finished": False, "plays": []})
    assert _score(folder) == 0.0
    with pytest.raises(AssertionError, match="Not yet: finish the interview"):
        _check(folder)


def test_the_widgets_saved_interview_is_what_is_graded(folder: Path) -> None:
    rep = load_rep(folder / "reps" / f"{REP}.yaml")
    widget = RepInterview(rep, journal=Journal.beside(folder), key=KEY)
    for question in SOLVED["questions"][:2]:
        widget.ask(question)
    assert _score(folder) == 0.0  # saved as it goes, not finished
    widget.finish("lacks_competence", "teach", "Let me show you how I'd pitch to a CFO.")
    first = _score(folder)
    assert 0 < first < 3
    assert first == round(widget.result.score / widget.result.max_score * 3, 2)
    # Interviewing again to the best ending does not raise the grade: the first finished counts.
    widget.replay()
    for question in SOLVED["questions"]:
        widget.ask(question)
    widget.finish(SOLVED["diagnosis"], SOLVED["coaching"], SOLVED["first_line"])
    assert widget.result.outcome == "best"
    assert _score(folder) == first


def test_a_forged_outcome_or_score_earns_nothing(folder: Path) -> None:
    forged = {**CONTENT_FREE, "outcome": "best", "score": 12, "max_score": 12,
              "revealed": ["business-case-built", "presented-to-fd-before", "email-in-drafts"],
              "evidence": {"found": 2, "needed": 2}}
    Journal.beside(folder).record(KEY, {**_entry(forged), "outcome": "best", "score": 12})
    honest = _engine_points(CONTENT_FREE)
    assert _score(folder) == honest < 3 * 0.6
    result = checks.first_recorded(REP, KEY, folder)
    assert result is not None and result.outcome != "best" and result.found == 0


def test_content_free_questions_with_the_right_answer_score_low(folder: Path) -> None:
    Journal.beside(folder).record(KEY, _entry(CONTENT_FREE))
    result = checks.first_recorded(REP, KEY, folder)
    assert result is not None and result.diagnosis_right and result.coaching_fits
    assert result.outcome != "best" and result.found == 0
    assert _score(folder, 10) <= 6.0  # never more than 60% of the points


@pytest.mark.parametrize("owner", ["rosa-committee-stage", None, 7])
def test_another_reps_interview_earns_nothing(folder: Path, owner: object) -> None:
    Journal.beside(folder).record(KEY, {**_entry(SOLVED), "interview": owner})
    assert _score(folder) == 0.0
    with pytest.raises(AssertionError, match="Not yet: finish the interview"):
        _check(folder)


@pytest.mark.parametrize("rep_id", ["rosa-committee-stage", "../reps/priya-cfo-waiting",
                                    "no-such-rep", ""])
def test_scored_only_against_the_cells_own_rep(folder: Path, rep_id: str) -> None:
    # The solved interview of Priya, scored for a rep it is not (or a rep id that is not one).
    Journal.beside(folder).record(KEY, _entry(SOLVED))
    assert checks.score_recorded(rep_id, KEY, 3, folder) == 0.0


def test_missing_rep_file_scores_zero_and_the_check_says_so(folder: Path) -> None:
    Journal.beside(folder).record(KEY, _entry(SOLVED))
    (folder / "reps" / f"{REP}.yaml").unlink()
    assert _score(folder) == 0.0
    with pytest.raises(AssertionError, match="rep file could not be read"):
        _check(folder)


def test_an_oversized_journal_is_not_parsed(folder: Path) -> None:
    journal = Journal.beside(folder)
    journal.record(KEY, _entry(SOLVED))
    data = json.loads(journal.path.read_text(encoding="utf-8"))
    data["answers"]["padding"] = {"value": "x" * saved.MAX_JOURNAL_BYTES,
                                  "updated": "2026-12-01T00:00:00+00:00"}
    journal.path.write_text(json.dumps(data), encoding="utf-8")
    assert _score(folder) == 0.0
    with pytest.raises(AssertionError, match="could not be read.*at most"):
        _check(folder)


def test_too_many_plays_or_a_broken_entry_earn_nothing(folder: Path) -> None:
    journal = Journal.beside(folder)
    journal.record(KEY, _entry(*[SOLVED] * (saved.MAX_PLAYS + 1)))
    assert _score(folder) == 0.0
    with pytest.raises(AssertionError, match="could not be read"):
        _check(folder)
    for broken in (["not", "an", "entry"], {"interview": REP, "plays": "all of them"}):
        journal.record(KEY, broken)
        assert _score(folder) == 0.0
    journal.path.write_text("{broken", encoding="utf-8")
    assert _score(folder) == 0.0


def test_untrusted_values_in_a_play_are_skipped_not_run(folder: Path) -> None:
    hostile = {**SOLVED, "questions": [*SOLVED["questions"], {"__class__": "x"}, 42,
                                       "q" * (saved.MAX_CHARS + 1)]}
    Journal.beside(folder).record(KEY, _entry(hostile))
    assert _score(folder) == 3.0  # only the typed questions count
    Journal.beside(folder).record(KEY, _entry({**SOLVED, "diagnosis": ["lacks_confidence"]}))
    assert _score(folder) == 0.0  # not a diagnosis: the interview is not finished


def test_feedback_names_each_missed_fact_with_a_question_that_reaches_it(folder: Path) -> None:
    partial = {**CONTENT_FREE, "questions": ["How did you build the business case for the CFO?"]}
    Journal.beside(folder).record(KEY, _entry(partial))
    note = checks.feedback_note(REP, KEY, folder)
    assert note is not None and "evidence 1 of 2" in note
    rep = load_rep(folder / "reps" / f"{REP}.yaml")
    assert "business case built" not in note  # reached
    for fact in ("presented-to-fd-before", "email-in-drafts", "knows-cfo-priorities"):
        # Named in words, with a question from the rep's paraphrases that reaches it.
        assert f"{fact.replace('-', ' ')} (“{rep.paraphrases[fact][0]}”)" in note
    Journal.beside(folder).record(KEY, _entry(SOLVED))
    assert "12 of 12" in checks.feedback_note(REP, KEY, folder)
    assert checks.feedback_note(REP, "nothing.here", folder) is None
