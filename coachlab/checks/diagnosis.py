"""Exercise 02's quick check for naming a root cause (the names are :mod:`coachlab.diagnosis`'s)."""

from __future__ import annotations

from coachlab.checks.quick import quick_check, report
from coachlab.checks.values import plain_text
from coachlab.diagnosis import CAUSES


@quick_check
def check_causes(**answers: object) -> None:
    """Quick check: each answer names one root cause from the vocabulary (not whether it is right).

    Raises AssertionError with one line per problem, in words a manager can act on.
    """
    problems = []
    for name, value in answers.items():
        text = plain_text(value)
        if text is None:
            problems.append(f'{name} should be a name in quotes, for example '
                            f'{name} = "poor_message"')
        elif not text:
            problems.append(f"{name} is still empty")
        elif text not in CAUSES:
            problems.append(f'{name} = "{value}" is not one of the root-cause names in the table '
                            "(check the spelling and the underscores)")
    report(problems, f"All {len(answers)} answers name a root cause.")
