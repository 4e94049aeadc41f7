"""Answer keys where an item may accept more than one answer.

Some items have two defensible answers (a reason that is both "slower" and "uncomfortable"); the
key then lists both, and either earns the item's points. Answers are compared as plain values
(see :mod:`coachlab.checks.values`): case and surrounding spaces are forgiven, and inner runs of
spaces count as one ("let  them try" is "let them try").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from coachlab.checks.values import normal, plain_text


def accepted(expected: str | Sequence[str]) -> frozenset[str]:
    """The normalised answers a key entry accepts (one string, or a list of strings)."""
    if isinstance(expected, str):
        options: list[object] = [expected]
    elif isinstance(expected, (list, tuple)):
        options = list(expected)
    else:
        options = []
    if not options or not all(isinstance(option, str) for option in options):
        raise TypeError(f"a key entry is a string or a list of strings, got {expected!r}")
    return frozenset(normal(str(option)) for option in options)


def score_accepts(answers: Mapping[str, object], key: Mapping[str, str | Sequence[str]],
                  points_each: float = 1.0) -> float:
    """Points for each answer that is one of the answers its key entry accepts.

    ``key`` maps an answer's name to the accepted answer, or to a list of accepted answers.
    An answer that is not exactly text (a number, an object) earns nothing.
    """
    earned = 0.0
    for name, expected in key.items():
        text = plain_text(answers.get(name))
        if text is not None and text in accepted(expected):
            earned += points_each
    return earned
