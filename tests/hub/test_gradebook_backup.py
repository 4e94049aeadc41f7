"""The gradebook backup and restore drill of docs/cohort-deployment.md, on a throwaway server."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest


@pytest.fixture()
def gradebook_server():
    from tests.cohort.postgres import PostgresMissing, running_server, server_bin

    try:
        with running_server("coachlab") as url:
            yield url, server_bin()
    except PostgresMissing as error:
        if os.environ.get("COACHLAB_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"COACHLAB_REQUIRE_POSTGRES=1 but {error}")
        pytest.skip(str(error))


def test_pg_dump_and_restore_drill(gradebook_server, tmp_path: Path) -> None:
    from nbgrader.api import Gradebook

    from coachlab.course import ensure_tools_on_path

    url, programs = gradebook_server
    ensure_tools_on_path()
    with Gradebook(url, "coachlab") as gradebook:
        gradebook.update_or_create_student("ana", first_name="Ana")
        gradebook.update_or_create_assignment("01-tell-or-ask")
    parts = urlparse(url)
    connect = ["-h", parts.hostname, "-p", str(parts.port), "-U", "postgres"]
    dump = tmp_path / "coachlab-gradebook.dump"

    def run(program: str, *args: str) -> None:
        subprocess.run([str(programs / program), *connect, *args], check=True,
                       capture_output=True, text=True)

    # The commands the deployment guide gives, with this server's host and port.
    run("pg_dump", "--format=custom", f"--file={dump}", "coachlab")
    run("createdb", "coachlab_restore_drill")
    run("pg_restore", "--no-owner", "--dbname=coachlab_restore_drill", str(dump))
    restored = url.rsplit("/", 1)[0] + "/coachlab_restore_drill"
    with Gradebook(restored, "coachlab") as gradebook:
        assert [s.id for s in gradebook.students] == ["ana"]
        assert [a.name for a in gradebook.assignments] == ["01-tell-or-ask"]
    run("dropdb", "coachlab_restore_drill")
