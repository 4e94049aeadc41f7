"""The disk queue and the sender's retries, batching and rejections (an in-process HTTP
transport stands in for the network here; tests/xapi/test_lrs.py talks to a real LRS)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from coachlab.xapi.config import LrsSettings, StatementSettings, XapiConfig
from coachlab.xapi.identity import RosterEntry
from coachlab.xapi.queue import Queue
from coachlab.xapi.send import Client, send
from coachlab.xapi.statements import SUBMITTED, Event, build

SETTINGS = StatementSettings(activity_base="https://learning.example.com/coachlab")


def _statements(count: int) -> list[dict]:
    start = datetime(2026, 11, 30, tzinfo=UTC)
    return [build(Event(SUBMITTED, f"l{i}", "01-tell-or-ask", start + timedelta(minutes=i)),
                  RosterEntry(f"l{i}"), SETTINGS)[0] for i in range(count)]


def _config(**lrs: object) -> XapiConfig:
    return XapiConfig(lrs=LrsSettings(url="https://lrs.example.com/xapi/", username="u",
                                      password="p", backoff=0.5, **lrs), statements=SETTINGS)


class FakeLRS:
    """Answers POST /xapi/statements from a script of status codes (then 200), storing ids."""

    def __init__(self, script: list[int | Exception] | None = None,
                 refuse: set[str] | None = None) -> None:
        self.script = list(script or [])
        self.refuse = refuse or set()
        self.stored: list[str] = []
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.script:
            step = self.script.pop(0)
            if isinstance(step, Exception):
                raise step
            return httpx.Response(step, json={"detail": "scripted"})
        batch = json.loads(request.content)
        if any(s["id"] in self.refuse for s in batch):
            return httpx.Response(400, json={"detail": "bad statement"})
        new = [s["id"] for s in batch if s["id"] not in self.stored]
        self.stored += new
        return httpx.Response(200, json=new) if new else httpx.Response(204)


def _client(config: XapiConfig, lrs: FakeLRS, waits: list[float]) -> Client:
    return Client(config, sleep=waits.append, transport=httpx.MockTransport(lrs))


def test_queue_writes_whole_files_and_dedupes(tmp_path: Path) -> None:
    queue = Queue(tmp_path / "q")
    statements = _statements(3)
    assert queue.put(statements + statements[:1]) == 4
    assert len(queue) == 3
    assert [s["id"] for s in queue.load()] == [s["id"] for s in statements]  # oldest first
    assert not list(queue.folder.glob(".*.tmp"))
    (queue.folder / "0000.json").write_text("{not json")
    assert len(queue.load()) == 3 and (queue.folder / "0000.broken").is_file()
    queue.done([statements[0]["id"]])
    assert len(queue) == 2
    queue.reject(statements[1], "HTTP 400: bad")
    assert len(queue) == 1 and queue.rejected()[0]["reason"] == "HTTP 400: bad"
    with pytest.raises(ValueError, match="not a statement id"):
        queue.put([{"id": "../../etc/passwd"}])


def test_batches_headers_and_auth(tmp_path: Path) -> None:
    lrs, waits = FakeLRS(), []
    config = _config(batch_size=4)
    report = send(_statements(10), config, Queue(tmp_path / "q"), progress=None,
                  client=_client(config, lrs, waits))
    assert (report.total, report.stored, report.queued) == (10, 10, 0)
    assert [len(json.loads(r.content)) for r in lrs.requests] == [4, 4, 2]
    first = lrs.requests[0]
    assert str(first.url) == "https://lrs.example.com/xapi/statements"
    assert first.headers["X-Experience-API-Version"] == "1.0.3"
    assert first.headers["Authorization"] == "Basic dTpw"  # u:p
    again = send(_statements(10), config, Queue(tmp_path / "q"), progress=None,
                 client=_client(config, lrs, waits))
    assert (again.stored, again.already) == (0, 10)
    assert waits == []


def test_retries_5xx_and_network_errors_with_backoff(tmp_path: Path) -> None:
    lrs, waits = FakeLRS([503, httpx.ConnectError("refused"), 429]), []
    config = _config(retries=4)
    report = send(_statements(3), config, Queue(tmp_path / "q"), progress=None,
                  client=_client(config, lrs, waits))
    assert report.stored == 3 and not report.error
    assert len(waits) == 3
    assert [round(w / (0.5 * 2 ** i)) for i, w in enumerate(waits)] == [1, 1, 1]  # doubling


def test_gives_up_after_retries_and_queues_the_rest(tmp_path: Path) -> None:
    lrs, waits = FakeLRS([500, 502, 500]), []
    config = _config(retries=2, batch_size=2)
    queue = Queue(tmp_path / "q")
    report = send(_statements(5), config, queue, progress=None,
                  client=_client(config, lrs, waits))
    assert (report.stored, report.queued) == (0, 5) and len(queue) == 5
    assert "HTTP 500" in report.error and len(lrs.requests) == 3  # no hammering after that
    assert "queued statements are sent by the next `coachlab xapi send`" in report.text()
    later = send([], config, queue, progress=None, client=_client(config, lrs, waits))
    assert (later.total, later.stored, later.queued, len(queue)) == (5, 5, 0, 0)


def test_refused_credentials_stop_at_once(tmp_path: Path) -> None:
    lrs, waits = FakeLRS([401]), []
    config = _config()
    report = send(_statements(2), config, Queue(tmp_path / "q"), progress=None,
                  client=_client(config, lrs, waits))
    assert report.queued == 2 and "refused the credentials" in report.error and waits == []


def test_one_bad_statement_does_not_hold_back_the_batch(tmp_path: Path) -> None:
    statements = _statements(4)
    lrs, waits = FakeLRS(refuse={statements[2]["id"]}), []
    config = _config(batch_size=10)
    queue = Queue(tmp_path / "q")
    report = send(statements, config, queue, progress=None, client=_client(config, lrs, waits))
    assert report.stored == 3 and report.queued == 0
    assert report.rejected == [(statements[2]["id"], 'HTTP 400: {"detail":"bad statement"}')]
    assert queue.rejected()[0]["statement"]["id"] == statements[2]["id"]


def test_progress_bar_in_a_log(tmp_path: Path) -> None:
    class Log:
        text = ""

        def write(self, text: str) -> None:
            self.text += text

        def flush(self) -> None:
            pass

    lrs, log = FakeLRS(), Log()
    config = _config(batch_size=1)
    send(_statements(20), config, Queue(tmp_path / "q"), progress=log,  # type: ignore[arg-type]
         client=_client(config, lrs, []))
    lines = log.text.splitlines()
    assert len(lines) == 11 and lines[-1].endswith("20/20")  # one line a tenth, and the first
