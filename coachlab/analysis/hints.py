"""Rewrite tips: what to say instead, for every label except ``open``."""

from __future__ import annotations

# Tips for a specific rule win over the tip for its label.
_BY_RULE = {
    "l_have_you_tried": 'Ask for their ideas instead: "What options have you considered?"',
    "l_why_dont": 'Drop the built-in answer and ask: "What could you do next, and what\'s '
                  'stopping you?"',
    "l_negative": 'Ask without the answer inside: "What do you make of it?"',
    "l_what_if": 'Let the rep generate the options: "What are two or three ways you could '
                 'play this?"',
    "l_think_about_doing": 'Ask for their idea before offering yours: "What would you '
                           'propose to them?"',
    "l_tag": 'Drop the tag ("right?") and ask what they think: "How do you see it?"',
    "t_i_would": 'Swap your answer for their thinking: "What would you open with, and why?"',
    "t_imperative": 'Turn the instruction into a question: "What do you think the next step '
                    'should be?"',
    "r_offer": 'Keep it with the rep and prepare them: "What\'s your plan for that call, and '
               'how can I help you get ready?"',
    "r_to_me": 'Keep the deal with the rep: "What do you want to try first, and what support '
               'do you need from me?"',
    "c_fact_wh": 'Follow the fact with a "what" or "how": "What does that tell you about '
                 'where the deal stands?"',
    "ack": 'Follow the acknowledgement with an open question: "What\'s on your mind about '
           'it?"',
}

_BY_LABEL = {
    "tell": 'Turn the advice into a question: "What options do you see?"',
    "rescue": 'Hand it back instead of taking it over: "What would you do on that call?"',
    "leading": 'Ask for their ideas instead: "What options have you considered?"',
    "closed": 'Open it up with "what" or "how": "Walk me through where things stand."',
    "open": None,
}


def hint_for(label: str, rule: str | None = None) -> str | None:
    """Return a concrete rewrite tip for ``label`` (None for ``open``)."""
    if label == "open":
        return None
    return _BY_RULE.get(rule or "", _BY_LABEL[label])
