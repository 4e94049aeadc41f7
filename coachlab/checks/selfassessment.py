"""The self-assessment's checks (modules 00 and 05): is a complete set of answers recorded?

There are no right answers: the part is graded on being complete. The questionnaire and its
validation are :mod:`coachlab.selfassessment`'s; the answers are read from the answer journal the
widget writes, never from the notebook.
"""

from __future__ import annotations

from pathlib import Path

from coachlab.checks.quick import quick_check, report
from coachlab.responses import Journal, JournalError
from coachlab.selfassessment import answer_problems, recorded_answers


@quick_check
def check_recorded(key: str, directory: Path | str = ".") -> None:
    """Quick check: raise AssertionError unless a complete self-assessment is recorded."""
    try:
        answers = recorded_answers(Journal.beside(directory).get(key))
    except JournalError as error:
        raise AssertionError(f"Your saved answers could not be read: {error}") from None
    report(answer_problems(answers), "Your self-assessment is complete and saved.",
           intro="answer every statement in the self-assessment above.",
           after="There are no right answers: it is graded on being complete, and you will "
                 "compare it with the capstone's.")


def score_recorded(key: str, points: float, directory: Path | str = ".") -> float:
    """Hidden-test score: ``points`` for a complete, valid set of recorded answers, else 0.

    Any answers count; the set is re-validated against the packaged questionnaire.
    """
    try:
        answers = recorded_answers(Journal.beside(directory).get(key))
    except (JournalError, OSError):
        return 0.0
    return float(points) if not answer_problems(answers) else 0.0
