"""Turn a learner's answer into plain text before it is compared.

Test cells run in the learner's kernel, so an answer may be an object whose ``__eq__``,
``__str__`` or ``lower`` lies. Only an exact ``str`` is accepted (not a subclass), and it is read
with ``str``'s own methods, so the learner's code is never called.
"""

from __future__ import annotations

from typing import Any


def plain_text(value: Any) -> str | None:
    """The answer as lower-case text with runs of spaces as one, or None when not exactly a str.

    Case and surrounding spaces are forgiven, and inner runs of spaces count as one
    ("Let  them try " is "let them try").
    """
    if type(value) is not str:
        return None
    return " ".join(str.split(str.lower(value)))


def normal(text: str) -> str:
    """An answer key's text in the form :func:`plain_text` gives an answer."""
    return " ".join(text.lower().split())
