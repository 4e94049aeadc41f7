"""Instant feedback for learners: the visible checks in an exercise.

They say whether an answer is *well formed* (a valid move, a non-empty question), never whether it
is right: that is decided by hidden tests when the exercise is graded. Messages speak to managers,
not programmers. A failed check raises AssertionError, which nbgrader's Validate button reports.
"""

from __future__ import annotations

from collections.abc import Mapping

from coachlab.grading.values import plain_text

MOVES = ("tell", "rescue", "open", "closed", "leading")


def check_labels(**answers: object) -> None:
    """Check that each answer names one of the five coaching moves."""
    problems = []
    for name, value in answers.items():
        text = plain_text(value)
        if text is None:
            problems.append(f'{name} should be a word in quotes, for example {name} = "open"')
        elif not text:
            problems.append(f"{name} is still empty")
        elif text not in MOVES:
            problems.append(f'{name} = "{value}" is not one of: {", ".join(MOVES)}')
    _report(problems, f"All {len(answers)} answers name a coaching move.")


def check_choices(options: str, **answers: object) -> None:
    """Check that each answer is one of the option letters in ``options`` (e.g. "ABCD")."""
    letters = ", ".join(options)
    problems = []
    for name, value in answers.items():
        text = plain_text(value)
        if not text:
            problems.append(f'{name} is still empty: choose one of {letters}, e.g. {name} = "A"')
        elif text.upper() not in options:
            problems.append(f'{name} = "{value}" is not one of {letters}')
    _report(problems, f"All {len(answers)} choices are made.")


def check_questions(**replies: object) -> None:
    """Check each written reply and show how the course's analyzer reads it."""
    from coachlab.analysis import classify

    problems = []
    for name, value in replies.items():
        text = plain_text(value)
        if not text:
            problems.append(f"{name} is still empty: write your question between the quotes")
            continue
        result = classify(str(value))
        verdict = "✓ open question" if result.label == "open" else f"reads as {result.label}"
        print(f"{name}: {verdict}")
        for reason in result.reasons:
            print(f"    because {reason}")
        if result.hint:
            print(f"    tip: {result.hint}")
    _report(problems, f"All {len(replies)} replies are written.")


def _report(problems: list[str], success: str) -> None:
    if problems:
        raise AssertionError("Not yet:\n  - " + "\n  - ".join(problems))
    print(f"✓ {success} Your score is decided when the exercise is graded.")


def describe(answers: Mapping[str, object]) -> str:
    """One line per answer, for showing a learner what they wrote."""
    return "\n".join(f"{name} = {value!r}" for name, value in answers.items())


def check_played(key: str, directory: str = ".") -> None:
    """Check that the learner finished the conversation recorded under ``key``."""
    from coachlab.responses import Journal, JournalError

    try:
        recorded = Journal.beside(directory).get(key)
    except JournalError as error:
        raise AssertionError(f"Your saved answers could not be read: {error}") from None
    if not isinstance(recorded, dict) or not recorded.get("ending"):
        raise AssertionError("Not yet: play the conversation above until you reach an ending.")
    print("✓ You finished the conversation and it is saved. Play again as often as you like; "
          "your best run counts.")
