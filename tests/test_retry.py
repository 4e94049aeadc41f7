"""Which database errors are worth another try: a busy SQLite or a PostgreSQL race, nothing else."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from coachlab.retry import is_busy


def test_a_locked_sqlite_database_is_busy(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(sqlite3.OperationalError) as raw:
            sqlite3.connect(path, timeout=0).execute("INSERT INTO t VALUES (1)")
        assert is_busy(raw.value)
        engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 0})
        with pytest.raises(Exception) as wrapped, engine.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (1)"))
        assert is_busy(wrapped.value)  # SQLAlchemy's wrapper, through .orig
        try:
            raise RuntimeError("grading stopped") from wrapped.value
        except RuntimeError as chained:
            assert is_busy(chained)  # through __cause__
        engine.dispose()
    finally:
        holder.close()


def test_other_errors_are_not_busy() -> None:
    class SerializationFailure(Exception):
        pgcode = "40001"  # as psycopg2 sets it

    class UniqueViolation(Exception):
        pgcode = "23505"

    assert is_busy(SerializationFailure())
    assert not is_busy(UniqueViolation())
    assert not is_busy(ValueError("database is locked"))  # text alone proves nothing
