"""Score the classifier against a labelled corpus (TSV with header ``label<TAB>text``).

Used by the analysis tests and by ``bench/bench_analysis.py`` and ``bench/bench_quality_read.py``;
the course itself never scores its classifier, so this lives beside the tests, not in the package.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import yaml

from coachlab.analysis.assess import FLAGS, assess
from coachlab.analysis.classify import LABELS, classify


@dataclass(frozen=True)
class LabelScore:
    """Precision, recall and F1 for one label, with its number of true examples."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int


def load_corpus(path: str | Path) -> list[tuple[str, str]]:
    """Read ``(label, text)`` pairs from a TSV file with a ``label<TAB>text`` header."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or [cell.strip().lower() for cell in header[:2]] != ["label", "text"]:
            raise ValueError(f"{path}: expected a 'label<TAB>text' header, got {header!r}")
        rows = []
        for number, row in enumerate(reader, start=2):
            if not row or not "".join(row).strip():
                continue
            label, text = row[0].strip(), "\t".join(row[1:]).strip()
            if label not in LABELS:
                raise ValueError(f"{path}:{number}: unknown label {label!r}")
            rows.append((label, text))
    return rows


def score(gold: list[str], predicted: list[str]) -> tuple[list[LabelScore], float]:
    """Per-label scores and macro-F1 (the unweighted mean of the per-label F1)."""
    scores = []
    for label in LABELS:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores.append(LabelScore(label, precision, recall, f1, tp + fn))
    return scores, sum(s.f1 for s in scores) / len(scores)


def evaluate(rows: list[tuple[str, str]]) -> tuple[list[LabelScore], float]:
    """Classify every text in ``rows`` and score the result against its gold label."""
    return score([label for label, _ in rows], [classify(text).label for _, text in rows])


# --- quality flags -----------------------------------------------------------------------


@dataclass(frozen=True)
class FlagExample:
    """One reply of the flag corpus: its gold flags and move, the rep's line and the reply."""

    flags: tuple[str, ...]
    move: str
    context: str
    text: str


def load_flag_corpus(path: str | Path) -> list[FlagExample]:
    """Read a TSV with header ``flags<TAB>move<TAB>context<TAB>text``.

    ``flags`` is a comma-separated subset of ``FLAGS`` or ``-`` for none.
    """
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        expected = ["flags", "move", "context", "text"]
        if header is None or [cell.strip().lower() for cell in header] != expected:
            raise ValueError(f"{path}: expected a 'flags<TAB>move<TAB>context<TAB>text' header, "
                             f"got {header!r}")
        rows = []
        for number, row in enumerate(reader, start=2):
            if not row or not "".join(row).strip():
                continue
            if len(row) != 4:
                raise ValueError(f"{path}:{number}: expected 4 columns, got {len(row)}")
            names = () if row[0].strip() == "-" else tuple(f.strip() for f in row[0].split(","))
            unknown = [name for name in names if name not in FLAGS]
            if unknown:
                raise ValueError(f"{path}:{number}: unknown flag {unknown[0]!r}")
            if row[1].strip() not in LABELS:
                raise ValueError(f"{path}:{number}: unknown move {row[1].strip()!r}")
            flags = tuple(flag for flag in FLAGS if flag in names)
            rows.append(FlagExample(flags, row[1].strip(), row[2].strip(), row[3].strip()))
    return rows


MAX_YAML_BYTES = 2_000_000
"""A YAML flag set larger than this is refused before it is parsed."""


def load_flag_yaml(path: str | Path) -> list[FlagExample]:
    """Read a YAML list of ``{context, reply, flags}`` (the sets written apart from the rules).

    These sets do not label the move: every reply counts as ``open``, so a reply with no gold
    flag counts as a clean question in :func:`evaluate_flags`.
    """
    raw = Path(path).read_bytes()
    if len(raw) > MAX_YAML_BYTES:
        raise ValueError(f"{path}: larger than {MAX_YAML_BYTES} bytes")
    items = yaml.safe_load(raw.decode("utf-8"))
    if not isinstance(items, list):
        raise ValueError(f"{path}: expected a list of {{context, reply, flags}}")
    rows = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("reply"), str):
            raise ValueError(f"{path}: item {number} needs a reply")
        context = item.get("context") or ""
        names = item.get("flags") or []
        if not isinstance(context, str) or not isinstance(names, list):
            raise ValueError(f"{path}: item {number}: context is text, flags a list")
        unknown = [name for name in names if name not in FLAGS]
        if unknown:
            raise ValueError(f"{path}: item {number}: unknown flag {unknown[0]!r}")
        flags = tuple(flag for flag in FLAGS if flag in names)
        rows.append(FlagExample(flags, "open", context.strip(), item["reply"].strip()))
    return rows


@dataclass(frozen=True)
class FlagReport:
    """Per-flag scores on a flag corpus, and the share of clean open questions flagged."""

    scores: list[LabelScore]
    clean_open: int
    clean_open_flagged: int

    @property
    def false_positive_rate(self) -> float:
        """Share of the replies labelled clean open questions that raised any flag."""
        return self.clean_open_flagged / self.clean_open if self.clean_open else 0.0


def evaluate_flags(rows: list[FlagExample]) -> FlagReport:
    """Assess every reply in its context and score each flag against the gold flags."""
    predicted = [assess(row.text, row.context).flags for row in rows]
    scores = []
    for flag in FLAGS:
        tp = sum(1 for row, got in zip(rows, predicted, strict=True)
                 if flag in row.flags and flag in got)
        fp = sum(1 for row, got in zip(rows, predicted, strict=True)
                 if flag not in row.flags and flag in got)
        fn = sum(1 for row, got in zip(rows, predicted, strict=True)
                 if flag in row.flags and flag not in got)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores.append(LabelScore(flag, precision, recall, f1, tp + fn))
    clean = [got for row, got in zip(rows, predicted, strict=True)
             if row.move == "open" and not row.flags]
    return FlagReport(scores, len(clean), sum(1 for got in clean if got))
