"""Macro-F1 on the development corpus (tests/data/replies/dev.tsv) and the challenge set."""

from pathlib import Path

import pytest

from coachlab.analysis import LABELS
from tests.helpers.evaluate import evaluate, load_corpus, score

DEV = Path(__file__).resolve().parents[1] / "data" / "replies" / "dev.tsv"
CHALLENGE = DEV.with_name("challenge.tsv")


def test_score_arithmetic():
    scores, macro = score(["tell", "tell", "open", "closed"], ["tell", "open", "open", "closed"])
    by_label = {s.label: s for s in scores}
    assert by_label["tell"].precision == 1.0 and by_label["tell"].recall == 0.5
    assert by_label["open"].precision == 0.5 and by_label["open"].recall == 1.0
    assert by_label["rescue"].f1 == 0.0
    assert macro == pytest.approx(sum(s.f1 for s in scores) / len(LABELS))


def test_load_corpus_rejects_unknown_labels(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("label\ttext\npraise\tNice work.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown label"):
        load_corpus(bad)


def test_dev_macro_f1_at_least_0_92():
    rows = load_corpus(DEV)
    assert len(rows) >= 20
    _, macro = evaluate(rows)
    assert macro >= 0.92


def test_challenge_macro_f1_at_least_0_92():
    """Replies written apart from the corpus, with interjections, hedges and indirect forms."""
    rows = load_corpus(CHALLENGE)
    assert len(rows) >= 250
    assert all(sum(1 for label, _ in rows if label == name) >= 50 for name in LABELS)
    _, macro = evaluate(rows)
    assert macro >= 0.92
