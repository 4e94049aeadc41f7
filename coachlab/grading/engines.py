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

A new gradebook is stamped with the newest migration of nbgrader's schema. nbgrader finds it by
running the ``alembic heads`` command in a new Python process, which imports nbgrader again:
2-5 s for each gradebook a process creates (every self-grade makes one). :func:`stamp_in_process`
reads the same answer from the same migration scripts with alembic's ``ScriptDirectory``, once per
process. ``tests/grading/test_engines.py`` checks both give the same revision and pins
``get_alembic_version``'s body.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Any

import nbgrader.api
from nbgrader.dbutil import write_alembic_ini
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

#: nbgrader's own way to read the schema revision (a subprocess), kept for the tests that compare.
UPSTREAM_GET_ALEMBIC_VERSION = nbgrader.api.get_alembic_version

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


@lru_cache(maxsize=1)
def alembic_head() -> str:
    """The revision ``alembic heads`` prints first for nbgrader's migrations, read in-process.

    From the alembic.ini nbgrader writes for that command (it names the migration scripts'
    folder); its database URL is never opened."""
    # Imported here: alembic costs 0.16 s to import, and nbgrader_config.py makes every nbgrader
    # command call stamp_in_process, most of which never create a gradebook.
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    with tempfile.TemporaryDirectory(prefix="coachlab-alembic-") as folder:
        ini = os.path.join(folder, "alembic.ini")
        write_alembic_ini(ini, "sqlite:////tmp/gradebook.db")
        heads = ScriptDirectory.from_config(Config(ini)).get_heads()
    if len(heads) != 1:  # the command would print several; nbgrader's schema has one
        raise RuntimeError(f"nbgrader's migrations have {len(heads)} heads: {heads}")
    return str(heads[0])


def stamp_in_process() -> None:
    """Make new gradebooks in this process read nbgrader's schema revision without a
    subprocess (idempotent)."""
    nbgrader.api.get_alembic_version = alembic_head


def share() -> None:
    """Make every nbgrader ``Gradebook`` in this process share one engine per URL, and stamp new
    gradebooks in-process (idempotent)."""
    nbgrader.api.create_engine = shared_engine
    stamp_in_process()


def sharing() -> bool:
    """Whether :func:`share` is in effect in this process."""
    return getattr(nbgrader.api, "create_engine", None) is shared_engine
