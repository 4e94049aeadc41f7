"""Retry with exponential backoff: the one definition the gradebook writers and the LRS sender use.

A call is tried up to ``attempts`` times; before try ``n + 1`` it waits ``base * 2**n`` seconds,
stretched by up to a quarter at random so that parallel workers that met the same locked
database do not retry in step.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def delay(attempt: int, base: float) -> float:
    """Seconds to wait after failed try number ``attempt`` (0 for the first)."""
    return base * 2.0 ** attempt * (1 + random.random() / 4)


def with_backoff(call: Callable[[], T], *, attempts: int, base: float,
                 retry_error: Callable[[Exception], bool] = lambda error: False,
                 retry_result: Callable[[T], bool] = lambda result: False,
                 sleep: Callable[[float], None] = time.sleep) -> T:
    """``call()``, tried again while it raises an error ``retry_error`` accepts or returns a result
    ``retry_result`` accepts; the last try's error is raised, or its result returned."""
    for attempt in range(max(1, attempts)):
        last = attempt >= attempts - 1
        try:
            result = call()
        except Exception as error:
            if last or not retry_error(error):
                raise
        else:
            if last or not retry_result(result):
                return result
        sleep(delay(attempt, base))
    raise AssertionError("unreachable: the last try returns or raises")
