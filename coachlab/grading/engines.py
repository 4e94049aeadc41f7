"""One SQLAlchemy engine per gradebook URL in a grading process, so SQL is compiled once.

nbgrader opens a new ``Gradebook`` for each step and preprocessor (about ten per autograded
submission), and each ``Gradebook`` makes its own engine with ``create_engine``. SQLAlchemy
caches compiled statements per engine, with the engine's dialect in the cache key, so a fresh
engine compiles every query again: measured, compiling SQL and making engines took about half of
an autograde's CPU. :func:`share` makes ``nbgrader.api``'s ``create_engine`` return the same
engine for the same URL and arguments within a process, so the compiled-statement cache lives as
long as the grading process does.

What stays nbgrader's: every ``Gradebook`` still opens its own session, and ``Gradebook.close``
still calls ``engine.dispose()``. On a shared engine that closes the pooled connections (the next
``Gradebook`` opens a new one) and leaves connections other gradebooks have checked out working
until they are returned; the compiled-statement cache is kept. ``tests/grading/test_engines.py``
pins ``Gradebook.__init__`` and ``Gradebook.close`` to the bodies this relies on.

Engines are never carried across ``fork``: the cache is keyed by process id, so a forked worker
makes its own.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import Any

import nbgrader.api
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

#: Most gradebook URLs whose engines a process keeps (a grading process uses one).
MAX_ENGINES = 8

_engines: OrderedDict[tuple[int, str, tuple[tuple[str, Any], ...]], Engine] = OrderedDict()
_lock = threading.Lock()


def shared_engine(url: Any, **kwargs: Any) -> Engine:
    """``create_engine(url, **kwargs)``, made once per process for each URL and arguments."""
    key = (os.getpid(), str(url), tuple(sorted(kwargs.items())))
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            engine = create_engine(url, **kwargs)
            _engines[key] = engine
            while len(_engines) > MAX_ENGINES:
                _, dropped = _engines.popitem(last=False)
                dropped.dispose()
        else:
            _engines.move_to_end(key)
        return engine


def share() -> None:
    """Make every nbgrader ``Gradebook`` in this process share one engine per URL (idempotent)."""
    nbgrader.api.create_engine = shared_engine


def sharing() -> bool:
    """Whether :func:`share` is in effect in this process."""
    return getattr(nbgrader.api, "create_engine", None) is shared_engine
