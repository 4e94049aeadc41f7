"""Instant feedback for learners: the visible checks in an exercise.

They say whether an answer is *well formed* (a valid move, a non-empty question), never whether it
is right: that is decided by hidden tests when the exercise is graded. Messages speak to managers,
not programmers. A check that finds something missing prints "Not yet" to stderr instead of
raising, so **Run All** carries on through the notebook, while nbgrader's **Validate** (with
``Validator.validate_all``) still lists the cell as not passed.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Mapping
from typing import ParamSpec, TypeVar

from coachlab.checks.values import normal, plain_text
from coachlab.moves import MOVES
from coachlab.responses import Journal, JournalError

_Args = ParamSpec("_Args")
_Result = TypeVar("_Result")

NOT_YET = "Not yet"
"""How every quick check starts when something is missing (nbgrader's Validate lists the cell)."""

UNFINISHED = f"{NOT_YET}: play the conversation above until you reach an ending."
"""What the quick check under a played conversation says until a play reaches an ending."""

GRADED_LATER = "Your score is decided when the exercise is graded."
"""What a passing quick check adds: it checked the form, not the answer."""


def quick_check(check: Callable[_Args, _Result]) -> Callable[_Args, _Result | None]:
    """Turn a check that raises AssertionError into one that reports "Not yet" and returns
    None."""

    @functools.wraps(check)
    def reporting(*args: _Args.args, **kwargs: _Args.kwargs) -> _Result | None:
        try:
            return check(*args, **kwargs)
        except AssertionError as problem:
            print(str(problem) or f"{NOT_YET}.", file=sys.stderr)
            return None

    return reporting


def report(problems: list[str], success: str, *, intro: str = "",
           after: str = GRADED_LATER) -> None:
    """Raise "Not yet" listing ``problems`` (after ``intro``), or print "✓ ``success``"."""
    if problems:
        raise AssertionError(f"{NOT_YET}:{' ' + intro if intro else ''}\n  - "
                             + "\n  - ".join(problems))
    print(f"✓ {success} {after}".rstrip())


def unnamed(answers: Mapping[str, object], accepts: Callable[[str], bool], *, empty: str,
            wrong: str, not_text: str | None = None) -> list[str]:
    """One problem per answer that is not text (``not_text``, else ``empty``), is empty
    (``empty``), or names nothing ``accepts`` takes (``wrong``); the messages are templates
    with ``{name}`` and ``{value}``."""
    problems = []
    for name, value in answers.items():
        text = plain_text(value)
        if text is None and not_text is not None:
            problems.append(not_text.format(name=name, value=value))
        elif not text:
            problems.append(empty.format(name=name, value=value))
        elif not accepts(text):
            problems.append(wrong.format(name=name, value=value))
    return problems


@quick_check
def check_labels(**answers: object) -> None:
    """Check that each answer names one of the five coaching moves."""
    report(unnamed(answers, MOVES.__contains__, empty="{name} is still empty",
                   not_text='{name} should be a word in quotes, for example {name} = "open"',
                   wrong='{name} = "{value}" is not one of: ' + ", ".join(MOVES)),
           f"All {len(answers)} answers name a coaching move.")


@quick_check
def check_choices(options: str, **answers: object) -> None:
    """Check that each answer is one of the option letters in ``options`` (e.g. "ABCD")."""
    letters = ", ".join(options)
    report(unnamed(answers, lambda text: text.upper() in options,
                   empty=f'{{name}} is still empty: choose one of {letters}, e.g. {{name}} = "A"',
                   wrong=f'{{name}} = "{{value}}" is not one of {letters}'),
           f"All {len(answers)} choices are made.")


@quick_check
def check_questions(*, contexts: Mapping[str, str] | None = None, **replies: object) -> None:
    """Check each written reply and show how the course's analyzer reads it.

    Besides the move, each quality flag is named with why it was raised and how to rewrite
    the reply ("reads as judging: ... tip: ..."). ``contexts`` maps a reply's name to what the
    rep just said, so an off-topic reply can be caught too.
    """
    # Deferred: every exercise notebook imports the quick checks in its kernel, and the analyzer
    # is needed only by the checks that read a reply: ``python -X importtime -c 'import
    # coachlab.checks.quick'`` took 16 ms so, 795 ms with this import at the top.
    from coachlab.analysis import assess, classify

    problems = []
    for name, value in replies.items():
        text = plain_text(value)
        if not text:
            problems.append(f"{name} is still empty: write your question between the quotes")
            continue
        context = contexts.get(name) if contexts is not None else None
        judged = assess(str(value), context if type(context) is str else None)
        if judged.clean_open:
            print(f"{name}: ✓ open question")
        elif judged.move == "open":
            print(f"{name}: an open question, but not yet a good one")
        else:
            result = classify(str(value))
            print(f"{name}: reads as {result.label}")
            for reason in result.reasons:
                print(f"    because {reason}")
            if result.hint:
                print(f"    tip: {result.hint}")
        for flag in judged.flags:
            print(f"    reads as {flag.replace('_', '-')}: {judged.reasons[flag]}")
            print(f"    tip: {judged.hints[flag]}")
    report(problems, f"All {len(replies)} replies are written.")


@quick_check
def check_words(options: tuple[str, ...], **answers: object) -> None:
    """Check that each answer is one of the phrases in ``options`` (e.g. "step in")."""
    allowed = " or ".join(f'"{option}"' for option in options)
    wanted = {normal(option) for option in options}
    report(unnamed(answers, wanted.__contains__,
                   empty=f"{{name}} is still empty: type {allowed} between the quotes",
                   wrong=f'{{name}} = "{{value}}" should be {allowed}'),
           f"All {len(answers)} answers are chosen.")


@quick_check
def check_played(key: str, directory: str = ".") -> None:
    """Check that the learner finished the conversation recorded under ``key``."""
    try:
        recorded = Journal.beside(directory).get(key)
    except JournalError as error:
        raise AssertionError(f"Your saved answers could not be read: {error}") from None
    if not isinstance(recorded, dict) or not recorded.get("ending"):
        raise AssertionError(UNFINISHED)
    print("✓ You finished the conversation and it is saved. Your first complete run counts; "
          "play again as often as you like to see what the other replies would have done.")
