"""The jail and the intake of learners' files, piece by piece (the whole pipeline is in
tests/cohort/test_hostile.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coachlab.grading import intake, jail
from tests.helpers.sandbox import require_sandbox

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def sandbox() -> None:
    require_sandbox()


PROBE = """
import json, os, socket
seen = {"cwd": os.getcwd(), "env": dict(os.environ), "pid": os.getpid(),
        "course": os.path.exists(%(course)r), "gradebook": os.path.exists(%(gradebook)r)}
try:
    open(%(package)r, "a")
    seen["package writable"] = True
except OSError as error:
    seen["package writable"] = error.strerror
try:
    socket.create_connection(("1.1.1.1", 53), timeout=2)
    seen["network"] = True
except OSError:
    seen["network"] = False
open("answer.txt", "w").write("mine")
print(json.dumps(seen))
"""


def test_a_jailed_process_sees_only_its_copy_and_python(sandbox: None, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACHLAB_SECRET", "do-not-show")
    work = tmp_path / "work"
    work.mkdir()
    package = ROOT / "coachlab" / "__init__.py"
    code = PROBE % {"course": str(ROOT / "solutions"), "gradebook": str(ROOT / "gradebook.db"),
                    "package": str(package)}
    command = jail.Jail(work).command([sys.executable, "-c", code])
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, env={})
    assert done.returncode == 0, done.stderr
    import json

    seen = json.loads(done.stdout)
    assert seen["cwd"] == jail.HOME and seen["pid"] == 2
    assert not seen["course"] and not seen["gradebook"]
    assert seen["package writable"] == "Read-only file system"
    assert seen["network"] is False
    assert "COACHLAB_SECRET" not in seen["env"] and seen["env"]["HOME"] == jail.HOME
    assert (work / "answer.txt").read_text() == "mine"


def test_a_python_environment_inside_the_course_is_refused(tmp_path: Path) -> None:
    with pytest.raises(jail.SandboxUnavailable, match="outside the course folder"):
        jail.Jail(tmp_path, forbidden=[Path(sys.prefix) / "solutions"]).command(["true"])


def test_the_switch_and_a_missing_bwrap(monkeypatch: pytest.MonkeyPatch) -> None:
    for value, on in (("off", False), ("0", False), ("no", False), ("on", True), ("", True)):
        monkeypatch.setenv(jail.SWITCH, value)
        assert jail.enabled() is on
    monkeypatch.setenv(jail.SWITCH, "on")
    monkeypatch.setenv("COACHLAB_BWRAP", "/nonexistent/bwrap")
    jail.check.cache_clear()
    try:
        with pytest.raises(jail.SandboxUnavailable, match="cannot run"):
            jail.check()
    finally:
        jail.check.cache_clear()
    assert "WITHOUT the sandbox" in jail.OFF_WARNING and "solutions/" in jail.OFF_WARNING


def test_intake_refuses_what_is_not_a_plain_file(tmp_path: Path) -> None:
    def folder(name: str) -> Path:
        path = tmp_path / name
        path.mkdir()
        (path / "nb.ipynb").write_text("{}")
        return path

    assert intake.refusal(folder("plain")) is None
    (folder("link") / "data.yaml").symlink_to("/etc/passwd")
    assert "data.yaml is a link" in intake.refusal(tmp_path / "link")
    os.mkfifo(folder("fifo") / "pipe")
    assert "pipe is a FIFO" in intake.refusal(tmp_path / "fifo")
    os.link(tmp_path / "plain" / "nb.ipynb", folder("hard") / "copy.ipynb")
    assert "hard link" in intake.refusal(tmp_path / "hard")
    with open(folder("big") / "video.mp4", "wb") as big:
        big.truncate(intake.MAX_SUBMISSION_BYTES + 1)
    assert "over the 50 MB limit" in intake.refusal(tmp_path / "big")
    many = folder("many")
    for n in range(intake.MAX_ENTRIES + 1):
        (many / f"f{n}").write_text("")
    assert "more than" in intake.refusal(many)
    (tmp_path / "linked-folder").symlink_to(tmp_path / "plain")
    assert "not a folder" in intake.refusal(tmp_path / "linked-folder")
    with pytest.raises(intake.Refused, match="without following a link"):
        intake.read_text(tmp_path / "link" / "data.yaml")
    assert intake.read_text(tmp_path / "plain" / "nb.ipynb") == "{}"


def test_collect_refuses_a_linked_notebook_and_collects_the_rest(tmp_path: Path) -> None:
    course, exchange = tmp_path / "course", tmp_path / "exchange"
    (course / "solutions" / "01-x").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text((ROOT / "nbgrader_config.py").read_text())
    secret = course / "solutions" / "01-x" / "01-x.ipynb"
    secret.write_text('{"secret": "solution"}')
    inbound = exchange / "coachlab" / "inbound"
    for learner, linked in (("ada", True), ("bo", False)):
        folder = inbound / f"{learner}+01-x+2026-11-30 10:00:00.000000 UTC"
        folder.mkdir(parents=True)
        (folder / "timestamp.txt").write_text("2026-11-30 10:00:00.000000 UTC")
        if linked:
            (folder / "01-x.ipynb").symlink_to(secret)
        else:
            (folder / "01-x.ipynb").write_text("{}")
    nbgrader = Path(sys.executable).parent / "nbgrader"
    done = subprocess.run([str(nbgrader), "collect", "01-x", f"--Exchange.root={exchange}"],
                          cwd=course, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COACHLAB_DB_URL": ""})
    assert "01-x.ipynb is a link" in done.stderr, done.stderr[-2000:]
    ada = course / "submitted" / "ada" / "01-x"
    assert sorted(p.name for p in ada.iterdir()) == [intake.REFUSED_FILE]
    assert "refused at collect" in intake.refused_at_collect(ada)
    assert (course / "submitted" / "bo" / "01-x" / "01-x.ipynb").read_text() == "{}"


def test_fontconfig_finds_its_settings_in_the_jail(sandbox: None, tmp_path: Path) -> None:
    """Without /etc/fonts, fontconfig (loaded by matplotlib) printed "Fontconfig error: Cannot
    load default config file" on stderr, and it reached the learner's feedback report."""
    if not Path("/etc/fonts/fonts.conf").is_file():
        pytest.skip("this machine has no fontconfig settings to show")
    code = ("import ctypes, ctypes.util\n"
            "name = ctypes.util.find_library('fontconfig') or 'libfontconfig.so.1'\n"
            "ctypes.CDLL(name).FcInitLoadConfig()\n")
    done = subprocess.run(jail.Jail(tmp_path).command([sys.executable, "-c", code]),
                          capture_output=True, text=True, timeout=60, env={})
    assert done.returncode == 0, done.stderr
    assert "Fontconfig" not in done.stderr


def test_collect_stamps_the_graders_receipt_not_the_learners_timestamp(tmp_path: Path) -> None:
    # bo's own timestamp.txt (and the folder name nbgrader submit makes) claim the year 2000.
    course, exchange = tmp_path / "course", tmp_path / "exchange"
    (course / "solutions" / "01-x").mkdir(parents=True)
    (course / "nbgrader_config.py").write_text((ROOT / "nbgrader_config.py").read_text())
    folder = exchange / "coachlab" / "inbound" / "bo+01-x+2000-01-01 00:00:00.000000 UTC"
    folder.mkdir(parents=True)
    (folder / "timestamp.txt").write_text("2000-01-01 00:00:00.000000 UTC")
    (folder / "01-x.ipynb").write_text("{}")
    os.utime(folder / "01-x.ipynb", (946684800, 946684800))  # mtime is the learner's to set
    before = intake.received_at(folder)
    nbgrader = Path(sys.executable).parent / "nbgrader"
    done = subprocess.run([str(nbgrader), "collect", "01-x", f"--Exchange.root={exchange}"],
                          cwd=course, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COACHLAB_DB_URL": ""})
    assert done.returncode == 0, done.stderr[-2000:]
    submitted = course / "submitted" / "bo" / "01-x"
    stamp = (submitted / "timestamp.txt").read_text().strip()
    assert not stamp.startswith("2000") and stamp.endswith("UTC")
    assert stamp == intake.receipt_path(submitted).read_text().strip()
    from nbgrader.utils import parse_utc

    assert abs((parse_utc(stamp) - before.replace(tzinfo=None)).total_seconds()) < 1
    # A later re-grade keeps the receipt, whatever is written into timestamp.txt meanwhile.
    (submitted / "timestamp.txt").write_text("2000-01-01 00:00:00.000000 UTC")
    assert intake.settle_timestamp(submitted) == stamp


SHADOW = "import os\nopen('/home/learner/ran', 'w').write('shadow')\nos._exit(7)\n"


def test_the_jailed_python_runs_the_graders_own_coachlab(sandbox: None, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "coachlab").mkdir()
    (work / "coachlab" / "__init__.py").write_text(SHADOW)
    (work / "resource.py").write_text(SHADOW)
    from coachlab.grading.score import code_digest

    argv = jail.python_argv("coachlab.grading.cleanrun", limits=[("RLIMIT_FSIZE", 12345)])
    job = {"answers": ["x = 1"], "tests": [{"id": "t", "source": (
        "import coachlab, resource, sys\n"
        "from coachlab.grading.score import code_digest\n"
        "(coachlab.__file__, resource.getrlimit(resource.RLIMIT_FSIZE)[0], code_digest(),"
        " '' in sys.path, sys.flags.isolated)")}]}
    import json

    done = subprocess.run(jail.Jail(work).command(argv), input=json.dumps(job),
                          capture_output=True, text=True, timeout=60, env={})
    assert done.returncode == 0, done.stderr
    assert not (work / "ran").exists()
    value = json.loads(done.stdout)["t"]["value"]
    assert value == repr((f"{jail.PACKAGE_HOME}/coachlab/__init__.py", 12345, code_digest(),
                          False, 1))
