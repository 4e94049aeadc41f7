"""Benchmark coachlab.analysis: accuracy on the reply corpora, speed and import time.

Run from the repository root:  .venv/bin/python bench/bench_analysis.py
Prints plain figures: per-label precision/recall/F1 and macro-F1 on
tests/data/replies/heldout.tsv, dev.tsv and challenge.tsv, replies per second on one core
(over the held-out and dev replies; CPU time of this process, so other work on a shared
machine does not count against it), the time for a 10,000-character reply, and the cost of
``import coachlab.analysis`` in a fresh interpreter. Then the quality flags of ``assess``:
per-flag precision/recall/F1 on tests/data/replies/assess-heldout.tsv and assess-dev.tsv, the
share of clean open questions flagged, and ``assess`` replies per second (with contexts).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coachlab.analysis import FLAGS, LABELS, assess, classify  # noqa: E402
from tests.helpers.evaluate import (  # noqa: E402
    evaluate,
    evaluate_flags,
    load_corpus,
    load_flag_corpus,
)

CORPORA = ("heldout", "dev", "challenge")
FLAG_CORPORA = ("assess-heldout", "assess-dev")
# Throughput is measured on these, so the figure stays comparable from run to run.
SPEED_CORPORA = ("heldout", "dev")
FALLBACK = [
    "You should re-send the quote.", "Let me call them.", "What do you see as the blocker?",
    "Did they sign?", "Have you tried offering a pilot?", "I hear you. Walk me through it.",
]


def report_accuracy(name: str, path: Path) -> list[str]:
    """Print per-label scores for one corpus; return its texts."""
    if not path.exists():
        print(f"{name}: {path.relative_to(ROOT)} not found")
        return []
    rows = load_corpus(path)
    scores, macro = evaluate(rows)
    print(f"{name}: {len(rows)} replies ({path.relative_to(ROOT)})")
    print(f"  {'label':<8} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>7}")
    for s in scores:
        print(f"  {s.label:<8} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.support:>7}")
    print(f"  macro-F1 {macro:.3f}")
    return [text for _, text in rows]


def report_throughput(texts: list[str], seconds: float = 2.0) -> None:
    """Classify the texts over and over for about ``seconds``; print replies per second."""
    for text in texts:  # warm up
        classify(text)
    calls, start, wall = 0, time.process_time(), time.perf_counter()
    while (elapsed := time.process_time() - start) < seconds:
        for text in texts:
            classify(text)
        calls += len(texts)
    wall = time.perf_counter() - wall
    mean_chars = sum(map(len, texts)) / len(texts)
    print(f"throughput: {calls / elapsed:,.0f} replies/second on one core (CPU time; "
          f"{calls / wall:,.0f} by the wall clock) "
          f"({len(texts)} distinct replies, mean {mean_chars:.0f} chars)")


def report_flags(name: str, path: Path) -> list[tuple[str, str]]:
    """Print per-flag scores and the clean-open false-positive rate; return (reply, context)."""
    if not path.exists():
        print(f"{name}: {path.relative_to(ROOT)} not found")
        return []
    rows = load_flag_corpus(path)
    report = evaluate_flags(rows)
    print(f"{name}: {len(rows)} replies with contexts ({path.relative_to(ROOT)})")
    print(f"  {'flag':<10} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>7}")
    for s in report.scores:
        print(f"  {s.label:<10} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.support:>7}")
    print(f"  clean open questions flagged: {report.clean_open_flagged} of {report.clean_open} "
          f"({report.false_positive_rate:.1%})")
    return [(row.text, row.context) for row in rows]


def report_assess_throughput(pairs: list[tuple[str, str]], seconds: float = 2.0) -> None:
    """Assess the replies in their contexts over and over, each pass as a first reading (assess
    keeps what it has read: a reply read again is a lookup); print replies per second."""
    from coachlab.analysis.assess import _assess

    for text, context in pairs:  # warm up
        assess(text, context)
    calls, start, wall = 0, time.process_time(), time.perf_counter()
    while (elapsed := time.process_time() - start) < seconds:
        _assess.cache_clear()
        for text, context in pairs:
            assess(text, context)
        calls += len(pairs)
    wall = time.perf_counter() - wall
    print(f"assess throughput: {calls / elapsed:,.0f} replies/second on one core (CPU time; "
          f"{calls / wall:,.0f} by the wall clock) ({len(pairs)} distinct replies with contexts, "
          "each read afresh)")


def report_long_input() -> None:
    """Time a 10,000-character reply (median of 20 runs)."""
    unit = "I hear you, and I think the pricing is fine. What do you see as the blocker? "
    text = (unit * (10_000 // len(unit) + 1))[:10_000]
    times = []
    for _ in range(20):
        start = time.perf_counter()
        label = classify(text).label
        times.append(time.perf_counter() - start)
    print(f"10,000-char reply: {statistics.median(times) * 1000:.2f} ms median, "
          f"{max(times) * 1000:.2f} ms worst (label {label})")


def _best_time(code: str, runs: int = 7) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)
        best = min(best, time.perf_counter() - start)
    return best


def report_import_time() -> None:
    """Fresh-interpreter cost of ``import coachlab.analysis`` (best of 7, minus bare start)."""
    bare = _best_time("pass")
    loaded = _best_time("import coachlab.analysis")
    print(f"import coachlab.analysis: {(loaded - bare) * 1000:.1f} ms "
          f"(interpreter start {bare * 1000:.1f} ms, with import {loaded * 1000:.1f} ms)")


def main() -> None:
    """Print every figure."""
    print(f"labels: {', '.join(LABELS)}")
    texts: list[str] = []
    for name in CORPORA:
        read = report_accuracy(name, ROOT / "tests" / "data" / "replies" / f"{name}.tsv")
        if name in SPEED_CORPORA:
            texts += read
    report_throughput(texts or FALLBACK)
    report_long_input()
    report_import_time()
    print(f"flags: {', '.join(FLAGS)}")
    pairs: list[tuple[str, str]] = []
    for name in FLAG_CORPORA:
        pairs += report_flags(name, ROOT / "tests" / "data" / "replies" / f"{name}.tsv")
    report_assess_throughput(pairs or [(text, "The deal stalled.") for text in FALLBACK])


if __name__ == "__main__":
    main()
