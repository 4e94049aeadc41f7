"""Exercise 02's quick check for naming a root cause (the names are :mod:`coachlab.diagnosis`'s)."""

from __future__ import annotations

from coachlab.checks.quick import quick_check, report, unnamed
from coachlab.diagnosis import CAUSES


@quick_check
def check_causes(**answers: object) -> None:
    """Quick check: each answer names one root cause from the vocabulary (not whether it is right).

    Raises AssertionError with one line per problem, in words a manager can act on.
    """
    report(unnamed(answers, CAUSES.__contains__, empty="{name} is still empty",
                   not_text='{name} should be a name in quotes, for example '
                            '{name} = "poor_message"',
                   wrong='{name} = "{value}" is not one of the root-cause names in the table '
                         "(check the spelling and the underscores)"),
           f"All {len(answers)} answers name a root cause.")
