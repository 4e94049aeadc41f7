"""Label a sales manager's coaching replies and summarise a conversation.

Pure Python, English only, no Jupyter imports: ``classify(text)`` returns the label
(tell, rescue, open, closed or leading) with reasons and a rewrite hint;
``analyze_conversation(replies)`` returns the ask ratio, open-question share and the longest
telling streak. See docs/labels.md.
"""

from coachlab.analysis.classify import LABELS, Classification, classify
from coachlab.analysis.metrics import ConversationMetrics, analyze_conversation

__all__ = ["LABELS", "Classification", "ConversationMetrics", "analyze_conversation", "classify"]
