"""Root-cause diagnosis: the three diagnostic pairs and the quick check for naming a cause.

The vocabulary is the scenario bank's (:data:`coachlab.scenarios.ROOT_CAUSES`): six causes that
come in pairs a manager must tell apart, plus the manager's own fear of missing the number.
"""

from __future__ import annotations

from coachlab.grading.checks import quick_check
from coachlab.grading.values import plain_text

PAIRS: tuple[tuple[str, str], ...] = (
    ("lacks_confidence", "lacks_competence"),
    ("unsure_which_questions", "fears_being_stumped"),
    ("poor_message", "poor_delivery"),
)
"""Causes that look alike from the outside: the same symptom, different coaching.

Each pair has its own typical symptom: not reaching the people who decide (confidence or
competence); not asking prospects enough questions (not knowing which to ask, or fearing the
prospect's answer); leads not turning into discovery conversations (the message or its delivery).
"""

MANAGER_CAUSE = "manager_fears_missing_number"
"""The cause that sits with the manager rather than the rep."""

CAUSES: tuple[str, ...] = (*(cause for pair in PAIRS for cause in pair), MANAGER_CAUSE)
"""Every root-cause name, in the order the course presents them."""


def partner(cause: str) -> str | None:
    """The other member of ``cause``'s diagnostic pair, or None for the manager's own cause."""
    for first, second in PAIRS:
        if cause == first:
            return second
        if cause == second:
            return first
    return None


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
    if problems:
        raise AssertionError("Not yet:\n  - " + "\n  - ".join(problems))
    print(f"✓ All {len(answers)} answers name a root cause. "
          "Your score is decided when the exercise is graded.")
