"""A throwaway PostgreSQL server for tests: initdb in a temp folder, 127.0.0.1 on a free port.

initdb refuses to run as root, so as root the server runs as ``nobody`` (via ``runuser``).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class PostgresMissing(RuntimeError):
    """PostgreSQL's server programs (or psycopg2) are not installed."""


def server_bin() -> Path:
    """The newest /usr/lib/postgresql/*/bin holding initdb and pg_ctl."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    raise PostgresMissing("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); "
                          "install it with `apt-get install postgresql`")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(database: str = "coachlab_test") -> Iterator[str]:
    """Start a server, create ``database``, yield its SQLAlchemy URL; stop and remove it after."""
    try:
        import psycopg2
    except ImportError as error:
        raise PostgresMissing("psycopg2 is not installed (pip install psycopg2-binary)") from error
    programs = server_bin()
    base = Path(tempfile.mkdtemp(prefix="coachlab-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "nobody")
        as_user = ["runuser", "-u", "nobody", "--"]
    data, port = base / "data", _free_port()

    def run(*args: str) -> None:
        subprocess.run([*as_user, *args], cwd=base, check=True, capture_output=True, text=True)

    started = False
    try:
        run(str(programs / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--no-sync")
        run(str(programs / "pg_ctl"), "-D", str(data), "-l", str(base / "server.log"), "-w",
            "-o", f"-h 127.0.0.1 -p {port} -k {base} -F", "start")
        started = True
        for _ in range(50):
            try:
                connection = psycopg2.connect(host="127.0.0.1", port=port, user="postgres",
                                              dbname="postgres")
                break
            except psycopg2.OperationalError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"PostgreSQL did not accept connections on port {port}")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{database}"')
        connection.close()
        yield f"postgresql+psycopg2://postgres@127.0.0.1:{port}/{database}"
    finally:
        if started:
            subprocess.run([*as_user, str(programs / "pg_ctl"), "-D", str(data), "-m", "fast",
                            "-w", "stop"], cwd=base, capture_output=True)
        shutil.rmtree(base, ignore_errors=True)
