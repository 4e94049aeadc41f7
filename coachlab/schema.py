"""Reading a course file's content against its pydantic model, with errors an author can act on.

Every YAML or JSON file the course reads has a pydantic model beside the code that uses it; this
module turns pydantic's :class:`~pydantic.ValidationError` into one line per problem, each
naming the field by its path in the file and saying what is wrong and what was found::

    course/practice/03-stop-rescuing.yaml: sorter.1.move: Input should be 'tell', 'rescue',
    'open', 'closed' or 'leading' (got 'shout')

Field paths count list entries from 1, as an author counts items in the file (pydantic counts
from 0).
"""

from __future__ import annotations

from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)

# libyaml's safe loader where PyYAML was built with it: the same SafeLoader rules (plain data,
# no Python objects) as the pure-Python one, about ten times faster (the course's 7 practice
# files: 104 ms pure-Python, 11 ms with libyaml; every practice session reads all of them).
_SAFE_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Longest shown value in a message: enough to recognise an entry, short enough for one line.
SHOWN = 60
#: Prefixes pydantic puts before a validator's own message: the message says it better alone.
_PREFIXES = ("Value error, ", "Assertion failed, ")
#: pydantic's words for a missing, unknown or wrongly shaped field, in an author's words.
_PLAIN = {
    "missing": "required, but missing",
    "extra_forbidden": "not a field here (check its spelling and indentation)",
    "model_type": "should be a mapping (name: value lines)",
    "model_attributes_type": "should be a mapping (name: value lines)",
    "dict_type": "should be a mapping (name: value lines)",
    "list_type": "should be a list (lines starting with '- ')",
    "bool_type": "should be true or false",
    "bool_parsing": "should be true or false",
}
#: Error kinds whose message says all there is: the value found adds nothing.
_NO_VALUE = {"missing", "extra_forbidden"}


def field_path(loc: tuple[int | str, ...]) -> str:
    """``("sorter", 0, "move")`` -> ``"sorter.1.move"``: list positions counted from 1."""
    return ".".join(str(part + 1) if isinstance(part, int) else str(part) for part in loc)


def problems(error: ValidationError) -> list[str]:
    """One ``field.path: what is wrong (got value)`` line per problem in ``error``."""
    lines = []
    for found in error.errors(include_url=False):
        message = _PLAIN.get(found["type"], str(found["msg"]))
        for prefix in _PREFIXES:
            message = message.removeprefix(prefix)
        where = field_path(tuple(found["loc"]))
        if found["type"] not in _NO_VALUE and _is_plain(found.get("input")):
            message += f" (got {_shown(found['input'])})"
        lines.append(f"{where or 'top level'}: {message}")
    return lines


def validate(model: type[Model], data: Any, where: str, error: type[Exception]) -> Model:
    """``data`` as ``model``, or ``error`` raised with ``where`` (a file, a block) and every
    problem on one line, separated by semicolons."""
    try:
        return model.model_validate(data)
    except ValidationError as invalid:
        raise error(f"{where}: " + "; ".join(problems(invalid))) from None


def _is_plain(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= SHOWN else text[:SHOWN - 1] + "…"


def load_yaml(text: str) -> Any:
    """``text`` read as YAML into plain data (mappings, lists, strings, numbers, booleans,
    None), as :func:`yaml.safe_load` reads it. Raises :class:`yaml.YAMLError` for text that is
    not YAML. Callers check the size of a file before they read it: limits come first."""
    return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader, C or Python
