"""The round trip to a real LRS (ralph): grade a cohort, send, read back through the LRS's own
xAPI API with filters, send again without duplicates, lose nothing when the LRS stops in the
middle of a send, and send as grading goes even when the LRS is down."""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from coachlab.cli import main
from coachlab.cohort.grade import Cohort, autograded, feedback, grade, submissions
from coachlab.grading.workspace import Workspace
from coachlab.xapi.collect import gather
from coachlab.xapi.config import load
from coachlab.xapi.queue import Queue, queue_dir
from coachlab.xapi.send import send
from coachlab.xapi.statements import VERBS
from tests.helpers.notebooks import points
from tests.xapi.conftest import MODULE, grade_reflections
from tests.xapi.lrs import PASSWORD, USER, Ralph, free_port

SOLUTION = Path(__file__).resolve().parents[2] / "solutions" / MODULE / f"{MODULE}.ipynb"
TOTAL = sum(points(SOLUTION))

pytestmark = [pytest.mark.pipeline, pytest.mark.xdist_group("xapi-lrs")]
BASE = "https://learning.example.com/coachlab"
Graded = tuple[Workspace, Cohort]


def _configure(root: Path, monkeypatch: pytest.MonkeyPatch, *, url: str = "",
               extra: str = "") -> None:
    """Course settings in .coachlab/xapi.toml; credentials from the environment."""
    path = root / ".coachlab" / "xapi.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    lrs = f'url = "{url}"\n' if url else ""
    path.write_text(f"[lrs]\n{lrs}backoff = 0.05\nretries = 2\n{extra}\n[statements]\n"
                    f'activity_base = "{BASE}"\nmastery = 0.8\n', encoding="utf-8")
    path.chmod(0o600)
    monkeypatch.setenv("COACHLAB_ROOT", str(root))
    monkeypatch.setenv("COACHLAB_LRS_USERNAME", USER)
    monkeypatch.setenv("COACHLAB_LRS_PASSWORD", PASSWORD)


def _agent(learner: str) -> str:
    return json.dumps({"account": {"homePage": BASE, "name": learner}, "objectType": "Agent"})


def _verbs(statements: list[dict]) -> Counter[str]:
    names = {iri: name for name, iri in VERBS.items()}
    return Counter(names[s["verb"]["id"]] for s in statements)


def test_send_read_back_and_send_again(cohort: Graded, ralph: Callable[[], Ralph],
                                       monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    ws, _ = cohort
    lrs = ralph()
    _configure(ws.root, monkeypatch)
    scores = {k: ws.score(MODULE, k) for k in ("solved", "untouched", "partial")}
    assert scores["solved"].total == scores["solved"].max == TOTAL
    assert scores["untouched"].total == 0
    assert 0 < scores["partial"].total < TOTAL

    assert main(["xapi", "send", "--all", "--lrs", lrs.endpoint]) == 0
    out = capsys.readouterr()
    # per learner: submitted, scored, passed or failed, feedback received
    assert "12 statement(s): 12 stored, 0 already in the LRS, 0 queued, 0 rejected" in out.out
    assert "xapi [##############################] 12/12" in out.err

    stored = lrs.get()
    assert len(stored) == 12 and len({s["id"] for s in stored}) == 12
    assert lrs.validate(stored) == []  # ralph's own xAPI models accept every statement
    assert _verbs(stored) == Counter(submitted=3, scored=3, received=3, passed=1, failed=2)

    solved = lrs.get(agent=_agent("solved"))
    assert _verbs(solved) == Counter(submitted=1, scored=1, passed=1, received=1)
    scored = next(s for s in solved if s["verb"]["id"] == VERBS["scored"])
    assert scored["result"] == {"score": {"raw": TOTAL, "min": 0, "max": TOTAL, "scaled": 1.0},
                                "success": True, "completion": True}
    assert scored["object"]["id"] == f"{BASE}/exercises/{MODULE}"
    assert scored["object"]["definition"]["type"] == \
        "http://adlnet.gov/expapi/activities/assessment"
    assert scored["context"]["contextActivities"]["parent"][0]["id"] == \
        f"{BASE}/modules/{MODULE}"

    failed = lrs.get(verb=VERBS["failed"])
    assert sorted(s["actor"]["account"]["name"] for s in failed) == ["partial", "untouched"]
    partial = next(s for s in failed if s["actor"]["account"]["name"] == "partial")
    assert partial["result"]["score"]["raw"] == scores["partial"].total
    assert partial["result"]["score"]["scaled"] == round(scores["partial"].total / TOTAL, 4)
    assert partial["result"]["success"] is False
    exercise = lrs.get(activity=f"{BASE}/exercises/{MODULE}")
    assert _verbs(exercise) == Counter(submitted=3, scored=3, passed=1, failed=2)
    assert lrs.get(agent=_agent("absent")) == []  # on the roster, nothing submitted

    # Sending again stores nothing new: the ids are the events'.
    assert main(["xapi", "send", "01", "--lrs", lrs.endpoint]) == 0
    assert "12 statement(s): 0 stored, 12 already in the LRS" in capsys.readouterr().out
    assert len(lrs.get()) == 12

    # The dry run writes the same statements.
    out_file = tmp_path / "statements.json"
    assert main(["xapi", "export", "--all", "--out", str(out_file)]) == 0
    assert "12 statement(s) written" in capsys.readouterr().out
    exported = json.loads(out_file.read_text(encoding="utf-8"))
    assert {s["id"] for s in exported} == {s["id"] for s in stored}


def test_lrs_stopped_in_the_middle_of_a_send(cohort: Graded, ralph: Callable[[], Ralph],
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    ws, cohort_ = cohort
    lrs = ralph()
    _configure(ws.root, monkeypatch, url=lrs.endpoint, extra="batch_size = 2")
    config = load(ws.root)
    gathered = gather(ws.root, cohort_.db_url, cohort_.course_id, config.statements)
    queue = Queue(queue_dir(ws.root))
    assert len(queue) == 0

    report = send(gathered.statements, config, queue, progress=None,
                  on_batch=lambda number: lrs.stop() if number == 2 else None)
    assert report.stored == 4 and report.queued == 8 and not report.rejected
    assert "cannot reach the LRS" in report.error
    assert len(queue) == 8  # on disk, waiting
    queued = {s["id"] for s in queue.load()}
    sent = {s["id"] for s in gathered.statements} - queued
    assert len(sent) == 4

    lrs.start()  # same port, same data
    assert {s["id"] for s in lrs.get()} == sent
    assert main(["xapi", "send", "--all"]) == 0
    assert "12 statement(s): 8 stored, 4 already in the LRS, 0 queued" in \
        capsys.readouterr().out
    assert len(queue) == 0
    stored = lrs.get()
    assert len(stored) == 12 and {s["id"] for s in stored} == sent | queued


def test_every_kind_of_statement_reaches_the_lrs(cohort: Graded, ralph: Callable[[], Ralph],
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path, course_root: Path) -> None:
    ws, _ = cohort
    lrs = ralph()
    _configure(ws.root, monkeypatch, url=lrs.endpoint)
    if not (ws.root / "course").exists():  # lessons' practice content, as in the course folder
        shutil.copytree(course_root / "course" / "practice", ws.root / "course" / "practice")
    homes = tmp_path / "home"  # as on a hub: /home/<learner>/course/coachlab-answers.json
    journal = homes / "solved" / "course" / "coachlab-answers.json"
    journal.parent.mkdir(parents=True)
    journal.write_text(json.dumps({"version": 1, "answers": {
        "01-tell-or-ask.sorter": {"value": {"0": "open"}, "updated": "2026-11-02T09:00:00Z"},
        "01-tell-or-ask.scenario.architect-call-avoided": {
            "value": {"scenario": "architect-call-avoided", "path": [0, 1]},
            "updated": "2026-11-02T09:20:00Z"},
        "practice": {"updated": "2026-11-09T08:10:00Z", "value": {"cards": {}, "plan": {}, "days": {
            "2026-11-09": {"answered": 10, "right": 8, "new": 5, "seconds": 600.0}}}},
    }}), encoding="utf-8")
    assert main(["xapi", "send", "--all", "--journals", str(homes)]) == 0
    assert "15 statement(s): 15 stored" in capsys.readouterr().out
    mine = lrs.get(agent=_agent("solved"))
    assert _verbs(mine) == Counter(launched=1, completed=2, submitted=1, scored=1, passed=1,
                                   received=1)
    practice = lrs.get(activity=f"{BASE}/practice")
    assert [s["result"] for s in practice] == [{
        "completion": True, "duration": "PT600S",
        "score": {"raw": 8, "min": 0, "max": 10, "scaled": 0.8}}]
    lesson = lrs.get(activity=f"{BASE}/lessons/{MODULE}")
    assert sorted(s["verb"]["display"]["en-US"] for s in lesson) == ["completed", "launched"]
    assert lrs.validate(lrs.get()) == []

    assert main(["xapi", "send", "--all", "--journals", str(tmp_path / "nowhere")]) == 2
    assert "no folder" in capsys.readouterr().err


def test_send_on_grade_survives_a_down_lrs_and_drains_later(
        cohort: Graded, ralph: Callable[[], Ralph], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    ws, cohort_ = cohort
    dead = f"http://127.0.0.1:{free_port()}/xAPI/"  # nothing listens there
    _configure(ws.root, monkeypatch, url=dead)
    queue = Queue(queue_dir(ws.root))
    for leftover in queue.folder.glob("*.json"):
        leftover.unlink()
    stream = _Stream()
    outcomes = grade(cohort_, submissions(ws.root, [MODULE]), jobs=1, progress=stream)
    assert sorted(o.learner for o in outcomes if not o.failed) == ["partial", "solved",
                                                                    "untouched"]
    assert "queued" in stream.text and "cannot reach the LRS" in stream.text
    queued = queue.load()
    # Regrading puts solved's written reflection back in the instructor's hands (nbgrader marks
    # it for manual grading again), so its score waits; the others' scores are queued.
    assert _verbs(queued) == Counter(submitted=3, scored=2, failed=2)

    lrs = ralph()
    monkeypatch.setenv("COACHLAB_LRS_URL", lrs.endpoint)  # the environment wins over the file
    stream = _Stream()
    feedback(cohort_, autograded(ws.root, [MODULE]), jobs=1, progress=stream)
    assert "10 statement(s): 10 stored" in stream.text  # the queue drained with the feedback
    assert len(queue) == 0
    assert _verbs(lrs.get()) == Counter(submitted=3, scored=2, received=3, failed=2)

    monkeypatch.setenv("COACHLAB_XAPI", "off")
    assert main(["xapi", "send", "--all"]) == 2
    assert "switched off" in capsys.readouterr().err
    grade_reflections(ws)  # leave the cohort as the other tests expect it


class _Stream:
    """A text stream that keeps what was written (grade's progress output)."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def test_ralph_is_required_in_ci() -> None:
    ci = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text()
    assert "COACHLAB_REQUIRE_LRS=1" in ci
    if os.environ.get("COACHLAB_REQUIRE_LRS") == "1":
        from tests.xapi.lrs import ralph_python

        assert ralph_python().is_file()
