"""Turn a learner's answer into a plain value before it is compared.

Test cells run in the learner's kernel, so an answer may be an object whose ``__eq__`` or
``__str__`` lies. Only exact built-in types are accepted, and they are compared after a JSON round
trip, which can only produce plain ``str``, ``int``, ``float``, ``bool``, ``list`` and ``dict``.
"""

from __future__ import annotations

import json
from typing import Any

_PLAIN = (str, int, float, bool, type(None))


class NotPlain(ValueError):
    """The answer is not made of plain text, numbers, lists and dicts."""


def plain(value: Any) -> Any:
    """Return a JSON round-tripped copy of ``value``, refusing anything but exact built-ins."""
    _require_plain(value)
    return json.loads(json.dumps(value))


def plain_text(value: Any) -> str | None:
    """The answer as stripped, lower-case text, or None when it is not exactly a ``str``."""
    if type(value) is not str:
        return None
    return str.lower(str.strip(plain(value)))


def _require_plain(value: Any, depth: int = 0) -> None:
    if depth > 20:
        raise NotPlain("answer is nested too deeply")
    kind = type(value)
    if kind in _PLAIN:
        return
    if kind is list or kind is tuple:
        for item in value:
            _require_plain(item, depth + 1)
        return
    if kind is dict:
        for key, item in dict.items(value):
            if type(key) is not str:
                raise NotPlain("dictionary keys must be text")
            _require_plain(item, depth + 1)
        return
    raise NotPlain(f"expected plain text, a number or a list, got {kind.__name__}")
