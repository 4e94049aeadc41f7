"""Send statements to an LRS: batched POSTs, retries with backoff, the queue for what is left.

A batch that meets a network error, HTTP 429 or a 5xx is tried again after 0.5 s, 1 s, 2 s...
(``backoff`` and ``retries`` in the settings). When it still fails, that batch and every later
one are queued on disk and sending stops: a down LRS is not hammered, and the next
``coachlab xapi send`` sends them. A batch the LRS refuses as such (400, 409) is sent one
statement at a time, so one bad statement never holds back the others; the ones still refused
are kept in the queue's ``rejected/`` folder with the LRS's reason.

Statement ids are deterministic, so sending the same statements again is safe: the LRS keeps one
copy of each (xAPI 1.0.3, "Statement comparison" in the communication part).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

import httpx

from coachlab.retry import with_backoff
from coachlab.textbar import TextBar
from coachlab.xapi.config import XapiConfig
from coachlab.xapi.queue import Queue

XAPI_VERSION = "1.0.3"


class LRSUnavailable(RuntimeError):
    """The LRS could not be reached (or kept failing) after every retry."""


class LRSRefused(RuntimeError):
    """The LRS refused the credentials (401/403): retrying will not help."""


class BatchRejected(RuntimeError):
    """The LRS refused a batch's content (400/409/413...)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"HTTP {status}: {detail}")
        self.status = status


@dataclass
class SendReport:
    """What a send did."""

    total: int = 0
    stored: int = 0          # new in the LRS (as the LRS reports it)
    already: int = 0         # the LRS already held them (same id, same content)
    queued: int = 0          # left on disk for the next send
    rejected: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    error: str = ""

    @property
    def sent(self) -> int:
        """Statements the LRS took (new or already there)."""
        return self.stored + self.already

    @property
    def rate(self) -> float:
        """Statements taken per second."""
        return self.sent / self.seconds if self.seconds > 0 else 0.0

    def text(self) -> str:
        """A plain summary for the terminal."""
        lines = [f"xAPI: {self.total} statement(s): {self.stored} stored, {self.already} already "
                 f"in the LRS, {self.queued} queued, {len(self.rejected)} rejected "
                 f"({self.seconds:.1f} s, {self.rate:.0f}/s)"]
        if self.error:
            lines.append(f"xAPI: {self.error}")
        if self.queued:
            lines.append("xAPI: queued statements are sent by the next `coachlab xapi send`")
        lines += [f"  rejected {sid}: {reason}" for sid, reason in self.rejected[:20]]
        return "\n".join(lines)


class Client:
    """POSTs statement batches to the LRS's statements resource."""

    def __init__(self, config: XapiConfig, sleep: Callable[[float], None] = time.sleep,
                 transport: Any = None) -> None:
        self.url = config.lrs.statements_url
        self.settings = config.lrs
        self.sleep = sleep
        self._http = httpx.Client(
            timeout=config.lrs.timeout, auth=config.auth,
            headers={"X-Experience-API-Version": XAPI_VERSION,
                     "Content-Type": "application/json"},
            transport=transport)

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def post(self, batch: list[dict]) -> list[str]:
        """Store ``batch``; returns the ids the LRS reports as newly stored."""
        return with_backoff(lambda: self._post_once(batch), attempts=self.settings.retries + 1,
                            base=self.settings.backoff,
                            retry_error=lambda error: isinstance(error, LRSUnavailable),
                            sleep=self.sleep)

    def _post_once(self, batch: list[dict]) -> list[str]:
        try:
            response = self._http.post(self.url, json=batch)
        except httpx.TransportError as error:
            raise LRSUnavailable(f"cannot reach the LRS at {self.url}: "
                                 f"{type(error).__name__}: {error}") from None
        status = response.status_code
        if status in (200, 204):
            return _ids(response) if status == 200 else []
        if status in (401, 403):
            raise LRSRefused(f"the LRS refused the credentials (HTTP {status}): check "
                             "COACHLAB_LRS_USERNAME / COACHLAB_LRS_PASSWORD")
        if status != 429 and status < 500:
            raise BatchRejected(status, _detail(response))
        raise LRSUnavailable(f"the LRS answered HTTP {status}: {_detail(response)}")


def _ids(response: Any) -> list[str]:
    try:
        data = response.json()
    except ValueError:
        return []
    return [str(i) for i in data] if isinstance(data, list) else []


def _detail(response: Any) -> str:
    text = response.text.strip().replace("\n", " ")
    return text[:300] if text else response.reason_phrase


def unique(statements: Iterable[dict]) -> list[dict]:
    """Statements with duplicate ids dropped (first kept), in order."""
    seen: set[str] = set()
    kept = []
    for statement in statements:
        if statement["id"] not in seen:
            seen.add(statement["id"])
            kept.append(statement)
    return kept


def send(statements: Iterable[dict], config: XapiConfig, queue: Queue, *,
         progress: TextIO | None = sys.stderr, client: Client | None = None,
         on_batch: Callable[[int], None] | None = None) -> SendReport:
    """Send what the queue holds plus ``statements``; queue whatever the LRS did not take."""
    pending = unique([*queue.load(), *statements])
    report = SendReport(total=len(pending))
    size = config.lrs.batch_size
    batches = [pending[i:i + size] for i in range(0, len(pending), size)]
    bar = TextBar(len(pending), "xapi", progress)
    start = time.perf_counter()
    own = client is None
    client = client or Client(config)
    try:
        for number, batch in enumerate(batches, 1):
            try:
                _send_batch(client, batch, queue, report)
            except (LRSUnavailable, LRSRefused) as error:
                rest = [s for b in batches[number - 1:] for s in b]
                queue.put(rest)
                report.queued = len(rest)
                report.error = str(error)
                break
            bar.advance(len(batch))
            if on_batch is not None:
                on_batch(number)
    finally:
        if own:
            client.close()
        bar.close()
        report.seconds = time.perf_counter() - start
    return report


def _send_batch(client: Client, batch: list[dict], queue: Queue, report: SendReport) -> None:
    try:
        stored = client.post(batch)
    except BatchRejected as error:
        if len(batch) == 1:
            queue.reject(batch[0], str(error))
            report.rejected.append((batch[0]["id"], str(error)))
            return
        for statement in batch:  # find the statements the LRS refuses; send the others
            _send_batch(client, [statement], queue, report)
        return
    report.stored += len(stored)
    report.already += len(batch) - len(stored)
    queue.done(s["id"] for s in batch)


