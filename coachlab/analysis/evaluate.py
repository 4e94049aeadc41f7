"""Score the classifier against a labelled corpus (TSV with header ``label<TAB>text``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

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
