"""Label a sales manager's coaching replies and summarise a conversation.

Pure Python, English only, no Jupyter imports: ``classify(text)`` returns the label
(tell, rescue, open, closed or leading) with reasons and a rewrite hint;
``assess(reply, context)`` adds quality flags (judging, stacked, off_topic) with a reason and a
rewrite hint for each; ``analyze_conversation(replies)`` returns the ask ratio, open-question
share and the longest telling streak. See docs/labels.md.
"""

from coachlab.analysis.assess import FLAGS, Assessment, assess
from coachlab.analysis.classify import LABELS, Classification, classify
from coachlab.analysis.metrics import ConversationMetrics, analyze_conversation

__all__ = [
    "FLAGS",
    "LABELS",
    "Assessment",
    "Classification",
    "ConversationMetrics",
    "analyze_conversation",
    "assess",
    "classify",
]
