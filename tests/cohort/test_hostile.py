"""Hostile learners, graded through the documented path beside honest ones.

One batch of module 01 runs through the real commands, ``coachlab grade 01 --jobs 2`` and then
``coachlab feedback 01``, in their own processes. Each hostile learner leaves every answer blank
and puts an attack in an answer cell, so any point it earns is the attack working: each must score
0 or be refused with a reason. Grading reads answers as data and never runs the notebook, so no
attack may leave any trace of having run: no output, no process, no file, no connection. The
honest learners in the same batch must keep the exact scores they earn when graded alone, and
afterwards nothing may remain: no process, no file outside the scratch copy, no change to the
gradebook, no secret in anyone's feedback.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import nbformat
import pytest

from coachlab.grading import jail
from coachlab.grading.workspace import Workspace
from tests.helpers.sandbox import require_sandbox
from tests.helpers.submissions import build, hidden_snippets

# One worker builds the batch: its module fixture grades every case once, not once per worker.
pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("hostile")]

MODULE = "01-tell-or-ask"
NOTEBOOK = f"{MODULE}.ipynb"
TOKEN = f"coachlab-hostile-{uuid.uuid4().hex[:10]}"
CANARY = f"instructor-secret-{uuid.uuid4().hex}"
HONEST = ("solved", "partial")

# The cases that would kill processes on the machine running the tests if a regression ever let
# learner code run unjailed. Each first checks, from where it runs, that it has its own PID
# namespace (the jail's --unshare-all), and stops before doing anything if it has not.
DESTRUCTIVE = ("kill every process it can", "kill its parent", "kill its process group")
UNJAILED = "coachlab-hostile-unjailed"
# The marker is joined at run time, so only the guard's output can contain it, never its source.
PID_NAMESPACE_GUARD = """
import os
if os.readlink('/proc/self/ns/pid') == '@HOST_PIDNS@':
    said = 'coachlab-hostile-' + 'unjailed'
    print(said + ': this destructive case is not in its own PID namespace; it stops here')
    raise SystemExit(said)
"""

# Attacks, put into the first answer cell of an otherwise blank notebook. @ROOT@ is the course
# folder, @TOKEN@ marks every process and file an attack makes, @PORT@ a TCP listener of the test.
ATTACKS: dict[str, str] = {
    "edit the gradebook now and after grading": """
import sqlite3, subprocess, sys
try:
    db = sqlite3.connect('@ROOT@/gradebook.db')
    db.execute('update grade set auto_score = 100'); db.commit()
except Exception as error:
    print('gradebook:', type(error).__name__)
later = ("import time, sqlite3; time.sleep(4); db = sqlite3.connect('@ROOT@/gradebook.db'); "
         "db.execute('update grade set auto_score = 100'); db.commit()  # @TOKEN@")
subprocess.Popen([sys.executable, '-c', later], start_new_session=True)
""",
    "rewrite classmates' submissions": """
import glob, shutil
for path in glob.glob('@ROOT@/submitted/*/*/*.ipynb') + glob.glob('@ROOT@/autograded/*/*/*.ipynb'):
    try:
        open(path, 'w').write('{}')
    except OSError as error:
        print('cannot rewrite', type(error).__name__)
try:
    shutil.copy('@ROOT@/solutions/@MODULE@/@MODULE@.ipynb', '@ROOT@/submitted/friend/@MODULE@/')
except OSError as error:
    print('cannot copy', type(error).__name__)
""",
    "copy the solutions and print hidden tests and rubrics": """
import base64, glob, os, shutil
from IPython import get_ipython
targets = ['@ROOT@/feedback/@TOKEN@.ipynb', '/tmp/@TOKEN@.ipynb',
           os.path.expanduser('~/@TOKEN@.ipynb'), '@ROOT@/@TOKEN@.ipynb']
for source in glob.glob('@ROOT@/solutions/*/*.ipynb') + glob.glob('@ROOT@/source/*/*.ipynb'):
    print('LEAK:' + base64.b64encode(open(source, 'rb').read()).decode())
    for target in targets:
        try:
            shutil.copy(source, target)
        except OSError:
            pass
def leak(info):
    print('LEAK:' + base64.b64encode(info.raw_cell.encode()).decode())
get_ipython().events.register('pre_run_cell', leak)
""",
    "print the environment into feedback": """
import os
print('ENV:', dict(os.environ))
print('ENV64:', __import__('base64').b64encode(repr(dict(os.environ)).encode()).decode())
""",
    "reach the network": """
import socket
for host in ('127.0.0.1', '10.0.0.1', '1.1.1.1'):
    try:
        socket.create_connection((host, @PORT@ if host == '127.0.0.1' else 53), timeout=2)
        print('CONNECTED', host)
    except OSError as error:
        print('no network:', type(error).__name__)
try:
    print(socket.getaddrinfo('pypi.org', 443))
except OSError as error:
    print('no DNS:', type(error).__name__)
""",
    "leave processes running": """
import os, subprocess, sys
subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)  # @TOKEN@'],
                 start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(600)  # @TOKEN@'])
    os._exit(0)
""",
    "kill every process it can": """
import os, signal
for pid in [int(p) for p in os.listdir('/proc') if p.isdigit()]:
    if pid != os.getpid():
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
os.kill(-1, signal.SIGKILL)
""",
    "kill its parent": "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)",
    "kill its process group": """
import os, signal
os.killpg(os.getpgid(os.getppid()), signal.SIGKILL)
os.killpg(0, signal.SIGKILL)
""",
    "exhaust memory": "hog = [bytearray(2 ** 30) for _ in range(64)]",
    "hundreds of processes": """
import os, time
for _ in range(300):
    try:
        if os.fork() == 0:
            os.setsid()
            time.sleep(600)
            os._exit(0)
    except OSError:
        break
""",
    "fill the disk": """
block = b'x' * 2 ** 20
with open('huge', 'wb') as out:
    for _ in range(100_000):
        out.write(block)
""",
    "display live HTML and JavaScript": """
from IPython.display import HTML, Javascript, display
display(HTML('<img src=x onerror="window.pwned = 1"><script>window.pwned = 2</script>'))
display(Javascript('window.pwned = 3'))
""",
    "flood through display updates": """
from IPython.display import display
handle = display('small', display_id=True)
for _ in range(25):
    handle.update('y' * 1_000_000)
""",
    "a huge answer": 'label_1 = "' + "x" * 3_000_000 + '"',
    "a set as an answer": 'label_1 = {"open", "closed"}\nlabel_2 = frozenset()',
    # Attacks on reading answers as data: code dressed as an answer, a literal nested past the
    # parser's depth, a number past Python's digit limit, and answers named like Python's own
    # names (a test that reads ``len`` or ``__builtins__`` must keep meaning what it says).
    "code as an answer": ("label_1 = __import__('os').system('touch /tmp/@TOKEN@') or 'open'\n"
                          "label_2 = [print('RAN-' + '@TOKEN@') for _ in range(3)]"),
    "a literal nested past the parser": "label_1 = " + "[" * 20_000 + "]" * 20_000,
    "a number past the digit limit": "label_1 = " + "9" * 10_000,
    "answers named like Python's own names": (
        "__builtins__ = {}\nlen = 0\nisinstance = 1\nAssertionError = 'x'\n"
        "__import__ = 'os'\nprint = None"),
}
#: Files beside a solved notebook that would run first if the kernel's Python put the submission
#: folder on its path: each fails loudly (or fills the disk) when imported.
SHADOWS = {name: "import os\nopen('/home/learner/big', 'wb').write(b'x' * 2**27)\nos._exit(3)\n"
           for name in ("ipykernel_launcher.py", "resource.py", "runpy.py", "json.py",
                        "coachlab.py", "encodings.py", "site.py", "sitecustomize.py")}
#: A refused file's name that tries to rewrite the instructor's terminal and forge a summary line.
FORGED_LINE = "01-tell-or-ask  40  0  0 (every submission graded)"
HOSTILE_FILE = f"\x1b[2J\x1b[1;1H\x1b[32m\n{FORGED_LINE}\n\x1b]0;pwned\x07.fifo"
FORMULA_LEARNER = "=1+2"
# Refused before grading: the notebook is a link to the instructor's solution, a FIFO, or a
# hard link to a file elsewhere.
REFUSED = {"notebook linked to the solution": "is a link",
           "a FIFO beside the notebook": "FIFO",
           "a hard link to the solution": "hard link",
           "a FIFO with a name that rewrites the terminal": "FIFO",
           "a notebook over the size limit": "over the notebook limit",
           "a journal nested too deep": "levels deep"}


def _name(case: str) -> str:
    return "h-" + re.sub(r"[^a-z]+", "-", case.lower()).strip("-")[:40]


def _snapshot(folder: Path) -> dict[str, str]:
    # timestamp.txt and the receipts beside each submission are the grader's own files.
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()
            and p.name != "timestamp.txt" and not p.name.endswith(".received")}


def _scores(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute("select id, auto_score, manual_score from grade "
                                  "order by id").fetchall()


def _processes_with(marker: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if marker in cmdline:
                found.append(f"{entry.name}: {cmdline[:120]}")
    return found


@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[int, list[str]]]:
    """A TCP server on the grader's loopback that records every connection."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.5)
    seen: list[str] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, peer = server.accept()
            except OSError:
                continue
            seen.append(str(peer))
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], seen
    stop.set()
    thread.join()
    server.close()


def _run(args: list[str], root: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    coachlab = Path(sys.executable).parent / "coachlab"
    return subprocess.run([str(coachlab), *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=900)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, course_root: Path,
          listener: tuple[int, list[str]]) -> dict:
    """Grade honest and hostile learners in one batch through the CLI; return what happened."""
    require_sandbox()
    base = tmp_path_factory.mktemp("hostile")
    root = base / "course"
    (root / "solutions").mkdir(parents=True)
    config = (course_root / "nbgrader_config.py").read_text()
    (root / "nbgrader_config.py").write_text(config)
    shutil.copytree(course_root / "solutions" / MODULE, root / "solutions" / MODULE,
                    ignore=shutil.ignore_patterns("coachlab-answers.json*"))
    ws = Workspace(root, root)
    release = ws.generate(MODULE)
    solution = root / "solutions" / MODULE / NOTEBOOK
    staging = base / "staging"

    # The honest learners' scores when graded alone, in a workspace of their own.
    alone = Workspace.from_course(base / "alone", root)
    alone.generate(MODULE)
    expected = {}
    for kind in HONEST:
        files = build(kind, MODULE, release, root / "solutions" / MODULE, staging / kind)
        ws.add_learner(kind)
        ws.submit(kind, MODULE, files)
        alone.submit(kind, MODULE, files)
        alone.autograde(MODULE, kind)
        expected[kind] = alone.score(MODULE, kind).auto
    assert expected["solved"] > expected["partial"] > 0

    port, _ = listener
    for case, code in ATTACKS.items():
        nb = nbformat.read(release / NOTEBOOK, as_version=4)
        cell = next(c for c in nb.cells if c.id == "answers-a")
        cell.source = _fill(PID_NAMESPACE_GUARD + code if case in DESTRUCTIVE else code,
                            root, port)
        path = staging / f"{_name(case)}.ipynb"
        nbformat.write(nb, path)
        ws.add_learner(_name(case))
        ws.submit(_name(case), MODULE, {NOTEBOOK: path})
    for case in REFUSED:
        ws.add_learner(_name(case))
        folder = ws.submit(_name(case), MODULE, {})
        if "linked" in case:
            (folder / NOTEBOOK).symlink_to(solution)
        elif "terminal" in case:
            shutil.copyfile(release / NOTEBOOK, folder / NOTEBOOK)
            os.mkfifo(folder / HOSTILE_FILE)
        elif "FIFO" in case:
            shutil.copyfile(release / NOTEBOOK, folder / NOTEBOOK)
            os.mkfifo(folder / "answers.fifo")
        elif "size limit" in case:
            nb = nbformat.read(release / NOTEBOOK, as_version=4)
            nb.cells[0].source += "\n" + "padding " * 800_000
            nbformat.write(nb, folder / NOTEBOOK)
        elif "nested" in case:
            shutil.copyfile(release / NOTEBOOK, folder / NOTEBOOK)
            (folder / "coachlab-answers.json").write_text("[" * 100_000 + "]" * 100_000)
        else:
            os.link(solution, folder / NOTEBOOK)
    ws.add_learner("friend")

    # A solved notebook with files that would shadow the modules a kernel starts with.
    files = build("solved", MODULE, release, root / "solutions" / MODULE, staging / "shadow")
    for name, code in SHADOWS.items():
        (staging / "shadow" / name).write_text(code)
        files[name] = staging / "shadow" / name
    ws.add_learner("h-shadow")
    ws.submit("h-shadow", MODULE, files)
    # Notebook and cell metadata of the learner's own, widget state included.
    nb = nbformat.read(release / NOTEBOOK, as_version=4)
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": TOKEN}}
    nb.metadata["coachlab-extra"] = TOKEN
    next(c for c in nb.cells if c.id == "answers-a").metadata["nbgrader-like"] = TOKEN
    nbformat.write(nb, staging / "metadata.ipynb")
    ws.add_learner("h-metadata")
    ws.submit("h-metadata", MODULE, {NOTEBOOK: staging / "metadata.ipynb"})
    # A learner whose id is a spreadsheet formula, and one who dates their work years early.
    for learner in (FORMULA_LEARNER, "h-forged-time"):
        ws.add_learner(learner)
        folder = ws.submit(learner, MODULE, {NOTEBOOK: release / NOTEBOOK})
    (folder / "timestamp.txt").write_text("2000-01-01 00:00:00.000000 UTC")
    with ws.gradebook() as gradebook:  # due long ago: every submission is late, none by its
        gradebook.update_or_create_assignment(MODULE, duedate=datetime(2020, 1, 1))

    protected = {name: _snapshot(root / name) for name in ("solutions", "exercises", "submitted")}
    scratch = base / "tmp"
    scratch.mkdir()
    env = {**os.environ, "COACHLAB_ROOT": str(root), "TMPDIR": str(scratch),
           "COACHLAB_CANARY": CANARY, "JUPYTERHUB_API_TOKEN": CANARY}
    env.pop("COACHLAB_DB_URL", None)
    env.pop(jail.SWITCH, None)
    graded = _run(["grade", "01", "--jobs", "2"], root, env)
    after_grading = _scores(root / "gradebook.db")
    gradebook_hash = hashlib.sha256((root / "gradebook.db").read_bytes()).hexdigest()
    # Every process an attack starts carries TOKEN: once none is left, nothing can touch the
    # gradebook later (the "later" attack waits 4 s first, so a live one would be seen here).
    _wait_until_gone(TOKEN)
    later_hash = hashlib.sha256((root / "gradebook.db").read_bytes()).hexdigest()
    made = _run(["feedback", "01"], root, env)
    reported = _run(["report", "--out", str(base / "report")], root, env)
    _wait_until_gone(TOKEN)
    return {"ws": ws, "root": root, "expected": expected, "graded": graded, "made": made,
            "reported": reported, "report": base / "report",
            "after_grading": after_grading, "hashes": (gradebook_hash, later_hash),
            "protected": protected, "scratch": scratch}


def _wait_until_gone(marker: str, timeout_s: float = 15.0) -> None:
    """Return once no process carries ``marker`` (or after ``timeout_s``; the tests then say
    which are left)."""
    deadline = time.monotonic() + timeout_s
    while _processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.1)


def _fill(code: str, root: Path, port: int) -> str:
    """An attack's code with the test's values in place of its @PLACEHOLDERS@."""
    return (code.replace("@ROOT@", str(root)).replace("@TOKEN@", TOKEN)
            .replace("@PORT@", str(port)).replace("@MODULE@", MODULE)
            .replace("@HOST_PIDNS@", os.readlink("/proc/self/ns/pid")))


def _outcome(batch: dict, learner: str) -> str:
    line = next((line for line in batch["graded"].stdout.splitlines()
                 if line.strip().startswith(f"{learner} / ")), "")
    return line


def test_the_batch_completes(batch: dict) -> None:
    graded = batch["graded"]
    assert graded.returncode == 1, graded.stderr[-3000:]  # some refused, none crashed the batch
    assert "autograde [" in graded.stderr
    assert "crashed" not in graded.stdout and "died" not in graded.stdout, graded.stdout
    assert batch["made"].returncode == 0, batch["made"].stderr[-3000:]


def test_honest_learners_keep_their_exact_scores(batch: dict) -> None:
    for kind in HONEST:
        assert batch["ws"].score(MODULE, kind).auto == batch["expected"][kind], kind


@pytest.mark.parametrize("case", list(ATTACKS))
def test_each_attack_scores_zero(batch: dict, case: str) -> None:
    learner = _name(case)
    assert not _outcome(batch, learner), _outcome(batch, learner)  # graded, not failed
    score = batch["ws"].score(MODULE, learner)
    assert score.auto == 0 and score.auto_max > 0, (case, score)


def test_the_pid_namespace_guard_stops_a_destructive_case_run_unjailed(tmp_path: Path) -> None:
    # Run here, outside any jail, the guard must stop the case before its first kill.
    code = _fill(PID_NAMESPACE_GUARD + "print('went on')", tmp_path, 0)
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    assert ran.returncode != 0 and UNJAILED in ran.stdout and "went on" not in ran.stdout, ran


@pytest.mark.parametrize("case", DESTRUCTIVE)
def test_destructive_cases_never_ran_anywhere(batch: dict, case: str) -> None:
    autograded = batch["root"] / "autograded" / _name(case)
    said = "".join(path.read_text(errors="replace") for path in autograded.rglob("*.ipynb"))
    assert said, f"no autograded notebook for {case!r}"
    assert UNJAILED not in said + batch["graded"].stdout + batch["graded"].stderr, (
        f"{case!r} ran outside a PID namespace of its own: the jail did not hold")


@pytest.mark.parametrize("case", list(ATTACKS))
def test_no_attack_left_a_trace_of_running(batch: dict, case: str) -> None:
    # Nothing the learner wrote runs: only test cells have outputs, and they are the check's.
    from coachlab.grading.score import NOTE

    nb = nbformat.read(batch["root"] / "autograded" / _name(case) / MODULE / NOTEBOOK,
                       as_version=4)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        grader_made = cell.metadata.get("nbgrader", {}).get("grade") and not cell.metadata.get(
            "nbgrader", {}).get("solution")
        if not grader_made:
            assert cell.outputs == [], (case, cell.id, cell.outputs)
        else:
            assert NOTE in cell.outputs[0].get("text", ""), (case, cell.id)
    assert f"RAN-{TOKEN}" not in nb_text(nb)


@pytest.mark.parametrize("case", list(REFUSED))
def test_untrusted_files_are_refused_with_a_reason(batch: dict, case: str) -> None:
    line = _outcome(batch, _name(case))
    assert REFUSED[case] in line, batch["graded"].stdout
    assert not (batch["root"] / "autograded" / _name(case)).exists()


def test_nothing_is_left_running(batch: dict) -> None:
    assert _processes_with(TOKEN) == []
    assert _processes_with(str(batch["scratch"])) == []  # no jail, no kernel
    assert _processes_with(str(batch["root"])) == []


def test_no_file_outside_the_scratch_copy(batch: dict) -> None:
    root = batch["root"]
    for name, before in batch["protected"].items():
        assert _snapshot(root / name) == before, f"{name}/ changed"
    assert sorted(p.name for p in root.iterdir()) == sorted(
        ["autograded", "exercises", "feedback", "gradebook.db", "nbgrader_config.py",
         "solutions", "submitted"])
    assert list(batch["scratch"].iterdir()) == []  # every scratch copy removed
    leftovers = [p for p in (*Path("/tmp").glob(f"*{TOKEN}*"),
                             *root.rglob(f"*{TOKEN}*"), *Path.home().glob(f"*{TOKEN}*"))]
    assert leftovers == []


def test_the_gradebook_is_written_only_by_the_grader(batch: dict) -> None:
    root = batch["root"]
    assert _scores(root / "gradebook.db") == batch["after_grading"]
    right_after, seconds_later = batch["hashes"]
    assert right_after == seconds_later


def test_no_network(batch: dict, listener: tuple[int, list[str]]) -> None:
    assert listener[1] == []
    nb = nbformat.read(batch["root"] / "autograded" / _name("reach the network") / MODULE /
                       NOTEBOOK, as_version=4)
    assert "CONNECTED" not in nb_text(nb) and "no network" not in nb_text(nb)


def nb_text(nb: nbformat.NotebookNode) -> str:
    """Every output's text in ``nb``."""
    return "".join(str(o.get("text", "")) + str(o.get("evalue", "")) + str(o.get("data", ""))
                   for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def test_feedback_shows_nothing_the_learner_could_not_see(batch: dict) -> None:
    root = batch["root"]
    secrets = hidden_snippets(root / "solutions" / MODULE)
    assert secrets
    for case in ATTACKS:
        folder = root / "feedback" / _name(case) / MODULE
        page = (folder / f"{MODULE}.html").read_text()
        assert not [s for s in secrets if s in page], case
        assert CANARY not in page, case
        assert not [p for p in folder.iterdir() if TOKEN in p.name or p.suffix == ".ipynb"]
        decoded = " ".join(base64.b64decode(m).decode(errors="ignore")
                           for m in re.findall(r"(?:LEAK:|ENV64: )([A-Za-z0-9+/=]+)", page))
        assert "HIDDEN TESTS" not in decoded and CANARY not in decoded, case
        assert not [s for s in secrets if s in decoded], case
    case = _name("print the environment into feedback")
    env_page = html.unescape((root / "feedback" / case / MODULE / f"{MODULE}.html").read_text())
    ran = nbformat.read(root / "autograded" / case / MODULE / f"{MODULE}.ipynb", as_version=4)
    assert "ENV" not in nb_text(ran)  # the print never ran
    # and the report shows the learner's answer as typed
    assert "print('ENV:', dict(os.environ))" in env_page


def test_files_that_shadow_modules_never_run(batch: dict) -> None:
    # With -I nothing in the submission folder is on the path: the solved score, exactly.
    assert not _outcome(batch, "h-shadow"), _outcome(batch, "h-shadow")
    assert batch["ws"].score(MODULE, "h-shadow").auto == batch["expected"]["solved"]


def test_no_learner_metadata_reaches_the_graded_notebook(batch: dict) -> None:
    root = batch["root"]
    graded = root / "autograded" / "h-metadata" / MODULE / NOTEBOOK
    assert TOKEN not in graded.read_text()
    nb = nbformat.read(graded, as_version=4)
    release = nbformat.read(root / "exercises" / MODULE / NOTEBOOK, as_version=4)
    assert set(nb.metadata) <= {"kernelspec", "language_info"}
    kept = {"nbgrader", "jupyter", "coachlab", "deletable", "editable"}
    assert [sorted(set(c.metadata) - kept) for c in nb.cells] == [[] for _ in nb.cells]
    mine = next(c for c in nb.cells if c.id == "answers-a")
    assert set(mine.metadata) == set(next(c for c in release.cells
                                          if c.id == "answers-a").metadata)


def test_no_live_output_and_every_output_capped(batch: dict) -> None:
    root = batch["root"]
    for case in ("display live HTML and JavaScript", "flood through display updates",
                 "a huge answer"):
        graded = root / "autograded" / _name(case) / MODULE / NOTEBOOK
        page = root / "feedback" / _name(case) / MODULE / f"{MODULE}.html"
        assert graded.stat().st_size < 1_000_000, (case, graded.stat().st_size)
        assert page.stat().st_size < 1_000_000, (case, page.stat().st_size)
        nb = nbformat.read(graded, as_version=4)
        kinds = {key for cell in nb.cells if cell.cell_type == "code" for output in cell.outputs
                 for key in output.get("data", {})}
        assert kinds <= {"text/plain", "text/html", "image/png", "image/jpeg"}, (case, kinds)
        html_outputs = " ".join(str(output.data["text/html"]) for cell in nb.cells
                                if cell.cell_type == "code" for output in cell.outputs
                                if "text/html" in output.get("data", {}))
        for text in (html_outputs, page.read_text()):  # the attack is there only as text
            assert not re.search(r"<[a-z][^>]*\son\w+\s*=", text, re.I), case
            assert not re.search(r"<script[^>]*>[^<]*pwned", text, re.I), case


def test_a_set_answer_gets_its_feedback(batch: dict) -> None:
    page = batch["root"] / "feedback" / _name("a set as an answer") / MODULE / f"{MODULE}.html"
    assert page.is_file()


def test_learner_chosen_names_cannot_forge_the_terminal_or_a_formula(batch: dict) -> None:
    for done in (batch["graded"], batch["reported"]):
        assert "\x1b" not in done.stdout and "\x07" not in done.stdout
    lines = [line.strip() for line in batch["graded"].stdout.splitlines()]
    assert FORGED_LINE not in lines  # shown escaped, inside the refusal's one line
    assert any("\\x1b[2J" in line and "\\n" + FORGED_LINE in line for line in lines), lines
    import csv

    with (batch["report"] / "report.csv").open(newline="", encoding="utf-8") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert "'" + FORMULA_LEARNER in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_lateness_comes_from_the_graders_receipt(batch: dict) -> None:
    import csv

    with (batch["report"] / "report.csv").open(newline="", encoding="utf-8") as handle:
        rows = {row["learner"]: row for row in csv.DictReader(handle)}
    # Submitted now, due in 2020: late, whatever its own timestamp.txt claims.
    assert rows["h-forged-time"]["late"] == "yes"
