"""Gradebooks in a grading process share one engine per URL, and still read and write as before."""

from __future__ import annotations

import hashlib
import inspect
import multiprocessing
from pathlib import Path

import nbgrader.api
from nbgrader.api import Gradebook

from coachlab.grading import engines

#: sha256 of the ``Gradebook`` methods :mod:`coachlab.grading.engines` relies on: ``__init__``
#: makes its engine with ``nbgrader.api``'s ``create_engine``, ``close`` disposes of it. A new
#: nbgrader that changes either fails here, to be looked at.
UPSTREAM = {
    "__init__": "c60c420276e8355efa558bdefe3e1e57fad264d5f42da6759c23eb010acc0baf",
    "close": "089cf56cf4f8a224c289f3f0fd4545736c027ffabf2970fdc7d674d6be47c40b",
}


def test_the_followed_gradebook_bodies_are_unchanged() -> None:
    for method, digest in UPSTREAM.items():
        source = inspect.getsource(getattr(Gradebook, method))
        assert hashlib.sha256(source.encode()).hexdigest() == digest, source
    # The one place nbgrader.api makes an engine is the one shared.
    assert inspect.getsource(nbgrader.api).count("create_engine(") == 1


def test_gradebooks_on_one_url_share_an_engine_and_keep_their_data(tmp_path: Path) -> None:
    engines.share()
    assert engines.sharing()
    first, second = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    with Gradebook(first) as one, Gradebook(first) as two, Gradebook(second) as other:
        assert one.engine is two.engine
        assert other.engine is not one.engine
        one.add_student("ada")
    # Closing a gradebook disposes of the shared engine's pool; the next one still works.
    with Gradebook(first) as again:
        assert [s.id for s in again.students] == ["ada"]
    with Gradebook(second) as other:
        assert other.students == []


def _engine_made_here(url: str, parent_id: int, out: multiprocessing.queues.Queue) -> None:
    out.put(id(engines.shared_engine(url)) != parent_id)


def test_a_forked_process_makes_its_own_engine(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    parent = engines.shared_engine(url)
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    child = context.Process(target=_engine_made_here, args=(url, id(parent), out))
    child.start()
    child.join(30)
    assert out.get(timeout=5) is True
    assert engines.shared_engine(url) is parent


def test_a_process_keeps_few_engines(tmp_path: Path) -> None:
    made = [engines.shared_engine(f"sqlite:///{tmp_path / f'{n}.db'}")
            for n in range(engines.MAX_ENGINES + 3)]
    assert engines.shared_engine(f"sqlite:///{tmp_path / '0.db'}") is not made[0]
    last = f"sqlite:///{tmp_path / f'{engines.MAX_ENGINES + 2}.db'}"
    assert engines.shared_engine(last) is made[-1]



#: sha256 of ``nbgrader.api.get_alembic_version``, which :func:`engines.alembic_head` replaces:
#: the first revision ``alembic heads`` prints for nbgrader's own migrations.
GET_ALEMBIC_VERSION = "40160af67d70e523876ed8258485d1aecb504c9e52644a20dc777b7b46c01de7"


def test_the_schema_revision_read_in_process_is_the_one_the_command_prints(
        monkeypatch) -> None:
    import os
    import sys

    upstream = engines.UPSTREAM_GET_ALEMBIC_VERSION
    source = inspect.getsource(upstream)
    assert hashlib.sha256(source.encode()).hexdigest() == GET_ALEMBIC_VERSION, source
    # nbgrader runs the command found on PATH: this Python's environment's.
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    assert upstream() == engines.alembic_head()


def test_a_new_gradebook_is_stamped_without_a_subprocess(tmp_path: Path, monkeypatch) -> None:
    import subprocess

    engines.share()
    assert nbgrader.api.get_alembic_version is engines.alembic_head

    def no_subprocess(*args, **kwargs):
        raise AssertionError(f"a subprocess was started: {args}")

    monkeypatch.setattr(subprocess, "check_output", no_subprocess)
    monkeypatch.setattr(nbgrader.api.sp, "check_output", no_subprocess)
    with Gradebook(f"sqlite:///{tmp_path / 'new.db'}") as gradebook:
        stamped = gradebook.db.execute(
            nbgrader.api.text("SELECT version_num FROM alembic_version")).scalar()
    assert stamped == engines.alembic_head()
