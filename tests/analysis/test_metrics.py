"""Conversation metrics: ask ratio, open share and the longest telling streak."""

import pytest

from coachlab.analysis import LABELS, ConversationMetrics, analyze_conversation
from coachlab.analysis.metrics import metrics_from_labels


def test_empty_conversation_is_all_zero():
    metrics = analyze_conversation([])
    assert metrics == ConversationMetrics(0, dict.fromkeys(LABELS, 0), 0.0, 0.0, 0)


def test_mixed_conversation():
    replies = [
        "What happened on the call?",          # open
        "Did they sign?",                      # closed
        "You should re-send the quote.",       # tell
        "Have you tried offering a pilot?",    # leading
        "Let me call them.",                   # rescue
        "What do you see as the blocker?",     # open
    ]
    metrics = analyze_conversation(replies)
    assert metrics.total == 6
    assert metrics.counts == {"tell": 1, "rescue": 1, "open": 2, "closed": 1, "leading": 1}
    assert metrics.ask_ratio == pytest.approx(3 / 6)
    assert metrics.open_share == pytest.approx(2 / 4)
    assert metrics.longest_telling_streak == 3


def test_every_label_is_counted_even_when_absent():
    metrics = analyze_conversation(["What do you think?"])
    assert set(metrics.counts) == set(LABELS)
    assert metrics.ask_ratio == 1.0 and metrics.open_share == 1.0
    assert metrics.longest_telling_streak == 0


def test_leading_counts_as_telling():
    metrics = metrics_from_labels(["leading", "leading", "open", "leading"])
    assert metrics.ask_ratio == pytest.approx(1 / 4)
    assert metrics.open_share == pytest.approx(1 / 4)
    assert metrics.longest_telling_streak == 2


def test_all_telling_has_zero_open_share():
    metrics = metrics_from_labels(["tell", "rescue", "tell"])
    assert metrics.ask_ratio == 0.0
    assert metrics.open_share == 0.0
    assert metrics.longest_telling_streak == 3


def test_streak_resets_on_a_question():
    labels = ["tell", "tell", "closed", "rescue", "leading", "tell", "open", "tell"]
    assert metrics_from_labels(labels).longest_telling_streak == 3


def test_bad_replies_raise_like_classify():
    with pytest.raises(TypeError):
        analyze_conversation(["fine", 3])
    with pytest.raises(ValueError):
        analyze_conversation(["fine", "  "])
    with pytest.raises(TypeError):
        analyze_conversation("What do you think?")


def test_unknown_label_is_rejected():
    with pytest.raises(ValueError, match="unknown label"):
        metrics_from_labels(["tell", "praise"])
