"""Conversation metrics: how much a manager asks, how openly, and the longest telling run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coachlab.analysis.classify import LABELS, classify

TELLING = frozenset({"tell", "leading", "rescue"})
"""Labels that count as telling: leading is advice disguised as a question."""


@dataclass(frozen=True)
class ConversationMetrics:
    """Counts per label and the three coaching ratios for one conversation."""

    total: int
    counts: dict[str, int]
    ask_ratio: float
    open_share: float
    longest_telling_streak: int


def metrics_from_labels(labels: Iterable[str]) -> ConversationMetrics:
    """Compute metrics from labels already assigned, in conversation order."""
    counts = dict.fromkeys(LABELS, 0)
    streak = longest = 0
    for label in labels:
        if label not in counts:
            raise ValueError(f"unknown label {label!r}; expected one of {', '.join(LABELS)}")
        counts[label] += 1
        streak = streak + 1 if label in TELLING else 0
        longest = max(longest, streak)
    asked = counts["open"] + counts["closed"]
    told = counts["tell"] + counts["leading"] + counts["rescue"]
    questions = asked + counts["leading"]
    return ConversationMetrics(
        total=asked + told,
        counts=counts,
        ask_ratio=asked / (asked + told) if asked + told else 0.0,
        open_share=counts["open"] / questions if questions else 0.0,
        longest_telling_streak=longest,
    )


def analyze_conversation(replies: list[str]) -> ConversationMetrics:
    """Classify each of the manager's replies in order and summarise the conversation.

    ask_ratio = (open + closed) / all replies; open_share = open / (open + closed + leading);
    longest_telling_streak = longest run of consecutive tell, leading or rescue replies.
    Both ratios are 0.0 when their denominator is 0. Each reply must be a non-empty string
    (see ``classify``).
    """
    if isinstance(replies, str):
        raise TypeError("analyze_conversation() expects a list of str, got str")
    return metrics_from_labels(classify(reply).label for reply in replies)
