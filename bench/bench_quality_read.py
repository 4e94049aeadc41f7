"""Benchmark the quality flags of ``coachlab.analysis.assess`` on replies written apart from it.

Run from the repository root:  .venv/bin/python bench/bench_quality_read.py [FILE.yaml ...]

Reads YAML lists of ``{context, reply, flags}`` or the TSV flag corpora (default: the held-out set
tests/data/replies/heldout_generalise.yaml) and prints, per file: precision, recall and F1 per
flag (judging, stacked, off_topic), the share of clean replies (no expected flag) that get any
flag, the misses and false alarms by flag, and ``assess`` replies per second (CPU time of this
process, best of ten runs, so other work on a shared machine counts against it as little as
it can).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coachlab.analysis import FLAGS, assess  # noqa: E402

DEFAULT = ROOT / "tests" / "data" / "replies" / "heldout_generalise.yaml"


def load(path: Path) -> list[dict]:
    """Items of one set, each with ``context`` (may be empty), ``reply`` and ``flags``.

    YAML lists of ``{context, reply, flags}``, or the older TSV flag corpora
    (``flags<TAB>move<TAB>context<TAB>text``).
    """
    from tests.helpers.evaluate import load_flag_corpus, load_flag_yaml

    rows = load_flag_corpus(path) if path.suffix == ".tsv" else load_flag_yaml(path)
    return [{"context": row.context or None, "reply": row.text, "flags": set(row.flags)}
            for row in rows]


def score(items: list[dict]) -> tuple[list[str], list[str]]:
    """Report lines (figures) and detail lines (each miss and false alarm)."""
    got = [set(assess(it["reply"], it["context"]).flags) for it in items]
    lines = [f"{'flag':<10} {'n':>4} {'prec':>6} {'recall':>6} {'F1':>6}"]
    detail: list[str] = []
    pairs = list(zip(items, got, strict=True))
    for flag in FLAGS:
        tp = sum(1 for it, g in pairs if flag in it["flags"] and flag in g)
        fp = sum(1 for it, g in pairs if flag not in it["flags"] and flag in g)
        fn = sum(1 for it, g in pairs if flag in it["flags"] and flag not in g)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        lines.append(f"{flag:<10} {tp + fn:>4} {p:>6.2f} {r:>6.2f} {f1:>6.2f}")
        for it, g in zip(items, got, strict=True):
            if (flag in it["flags"]) != (flag in g):
                kind = "miss " if flag in it["flags"] else "false"
                detail.append(f"  {kind} {flag:<9} | {it['context']} || {it['reply']}")
    clean = [g for it, g in zip(items, got, strict=True) if not it["flags"]]
    flagged = sum(1 for g in clean if g)
    share = flagged / len(clean) if clean else 0.0
    lines.append(f"clean replies flagged: {flagged}/{len(clean)} = {share:.1%}")
    return lines, detail


def speed(items: list[dict], rounds: int = 10, seconds: float = 0.3) -> float:
    """``assess`` calls per CPU second (with contexts): the best of ``rounds`` runs, as
    ``timeit`` advises, since other work on a shared machine only ever slows a run down."""
    best = 0.0
    for _ in range(rounds):
        calls = 0
        start = time.process_time()
        while time.process_time() - start < seconds:
            for it in items:
                assess(it["reply"], it["context"])
            calls += len(items)
        best = max(best, calls / (time.process_time() - start))
    return best


def main(argv: list[str]) -> None:
    """Print figures for each file given (or the held-out set); ``-q`` leaves out the detail."""
    quiet = "-q" in argv
    paths = [Path(a).resolve() for a in argv if a != "-q"] or [DEFAULT]
    every: list[dict] = []
    for path in paths:
        items = load(path)
        every += items
        lines, detail = score(items)
        name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"== {name} ({len(items)} replies)")
        print("\n".join(lines))
        if not quiet:
            print("misses and false alarms:" if detail else "misses and false alarms: none")
            print("\n".join(detail))
        print()
    print(f"assess speed: {speed(every):,.0f} replies/s (one core, CPU time, with contexts)")


if __name__ == "__main__":
    main(sys.argv[1:])
