"""Checks for a graded interview: what exercise cells call to check and score an interview with a
rep (:mod:`coachlab.interview`).

The widget (:func:`coachlab.widgets.interview.interview`) saves every finished interview in the
answer journal as data: the typed questions, the diagnosis, the coaching choice and the first
coaching line. Grading reads only that data, through one reader
(:mod:`coachlab.interview.saved`) with limits applied before anything is parsed or replayed, and
**replays the interview through the engine** against the rep file beside the notebook. Whatever
else the journal claims (an outcome, a score, revealed facts) is never read, so a forged outcome
earns nothing.

The **first** finished interview is scored, as the capstone's conversation is: a coaching
conversation happens once with a real rep, so the grade measures judgement, not persistence. The
widget keeps that first play whatever comes later (``coachlab.scenarios.add_play``) and says so on
its ending, so a learner may interview again freely to learn from what they missed.

The score is the engine's own (:mod:`coachlab.interview.scoring`: evidence surfaced 5, diagnosis
3, coaching fit 2, trust 1, asking 1, of 12) scaled to the cell's points.
"""

from __future__ import annotations

from pathlib import Path

from coachlab.checks.quick import NOT_YET, quick_check
from coachlab.diagnosis import CAUSE_NAMES
from coachlab.interview.loader import RepError, load_rep
from coachlab.interview.model import Rep
from coachlab.interview.saved import (
    REP_ID,
    REPS_FOLDER,
    InterviewEntryError,
    Play,
    first_finished,
    read_entry,
)
from coachlab.interview.scoring import Result
from coachlab.interview.script import replay, replayed
from coachlab.responses import JournalError

UNFINISHED = (f"{NOT_YET}: finish the interview above: ask your questions, then name the cause, "
              "choose how to coach, type your first line and press Diagnose.")


def load_exercise_rep(rep_id: str, directory: Path | str = ".") -> Rep:
    """The rep ``rep_id`` from ``reps/`` beside the notebook (``RepError``, ``OSError``,
    ``ValueError`` when it is missing or broken)."""
    if not isinstance(rep_id, str) or not REP_ID.match(rep_id):
        raise ValueError(f"{rep_id!r} is not a rep id")
    path = Path(directory) / REPS_FOLDER / f"{rep_id}.yaml"
    if not path.is_file():
        raise FileNotFoundError(f"no rep file {REPS_FOLDER}/{rep_id}.yaml beside the notebook")
    return load_rep(path)


def replay_play(rep: Rep, play: Play) -> Result:
    """Score ``play`` the one way grading does: the engine replays what the learner typed."""
    return replay(rep, play.questions, play.diagnosis, play.coaching, play.first_line)


def first_recorded(rep_id: str, key: str, directory: Path | str = ".") -> Result | None:
    """The engine's result for the first finished interview saved under ``key``, replayed
    afresh; None when none is saved.

    Raises ``InterviewEntryError`` or ``JournalError`` when the journal or entry cannot be read,
    and ``RepError``/``OSError``/``ValueError`` when the rep file is missing or broken.
    """
    rep = load_exercise_rep(rep_id, directory)
    play = first_finished(read_entry(key, directory), rep_id)
    return None if play is None else replay_play(rep, play)


def score_recorded(rep_id: str, key: str, points: float, directory: Path | str = ".") -> float:
    """Hidden-test score: the first finished interview with ``rep_id``, replayed by the engine and
    scaled to ``points``; 0 when nothing finished can be read."""
    try:
        result = first_recorded(rep_id, key, directory)
    except (InterviewEntryError, JournalError, RepError, OSError, ValueError):
        return 0.0
    if result is None:
        return 0.0
    return round(result.score / result.max_score * float(points), 2)


@quick_check
def check_recorded(rep_id: str, key: str, directory: Path | str = ".") -> None:
    """Quick check: raise AssertionError unless a finished interview with ``rep_id`` is saved."""
    try:
        rep = load_exercise_rep(rep_id, directory)
    except (RepError, OSError, ValueError) as error:
        raise AssertionError(f"The rep file could not be read: {error}") from None
    try:
        play = first_finished(read_entry(key, directory), rep_id)
    except InterviewEntryError as error:
        raise AssertionError(
            f"{NOT_YET}: your saved interview could not be read ({error}). Interview "
            f"{rep.persona.name} above again to the end, and the new interview is saved.") from None
    except (JournalError, OSError) as error:
        raise AssertionError(f"{NOT_YET}: your answers could not be read. {error}") from None
    if play is None:
        raise AssertionError(UNFINISHED)
    print(f"✓ Your interview with {rep.persona.name} is finished and saved. Your first finished "
          "interview counts; interview again as often as you like to find what you missed.")


def feedback_note(rep_id: str, key: str, directory: Path | str = ".") -> str | None:
    """What feedback says about the learner's interview, in plain text: the outcome, the evidence
    found, and each fact the rep never told them with a question that would have reached it.
    None when nothing finished can be read (feedback then says nothing was saved)."""
    try:
        rep = load_exercise_rep(rep_id, directory)
        play = first_finished(read_entry(key, directory), rep_id)
    except (InterviewEntryError, JournalError, RepError, OSError, ValueError):
        return None
    if play is None:
        return None
    # One replay, as grading scores it, gives both the result and what was never reached.
    interview, result = replayed(rep, play.questions, play.diagnosis, play.coaching,
                                 play.first_line)
    diagnosis = CAUSE_NAMES.get(str(play.diagnosis), str(play.diagnosis))
    asked = f"{len(play.questions)} question{'' if len(play.questions) == 1 else 's'}"
    parts = [f"Your first finished interview ({asked}): outcome {result.outcome}, "
             f"{result.score} of {result.max_score}; evidence {result.found} of "
             f"{result.needed}; you diagnosed {diagnosis.lower()}."]
    discriminating = {fact.id for fact in rep.discriminating}
    missed = [(fact, question) for fact, question in interview.missed()
              if fact in discriminating]
    if missed:
        reached = "; ".join(f"{fact.replace('-', ' ')} (“{question}”)"
                            for fact, question in missed)
        parts.append(f"Evidence you did not reach, with a question that would have reached it: "
                     f"{reached}.")
    else:
        parts.append("You reached every piece of evidence for this cause.")
    return " ".join(parts)
