"""A small scenario built with the real model, so widget tests do not depend on course content."""

from __future__ import annotations

import pytest

from coachlab.scenarios import Scenario


@pytest.fixture
def scenario() -> Scenario:
    """Two decisions deep; one ending finds the root cause, two miss it. Text needs escaping."""
    return Scenario.model_validate(
        {
            "id": "tiny-deal",
            "title": "The <stalled> deal",
            "rep": {
                "name": "Ana & Co",
                "tenure": "8 months",
                "persona": "Keen, quick to say yes.",
            },
            "challenge": "A deal has not moved in three weeks.",
            "root_cause": "fears_being_stumped",
            "skills": ["open questions"],
            "start": "opening",
            "nodes": {
                "opening": {
                    "rep_says": "The deal is fine, they're just busy.",
                    "choices": [
                        {
                            "reply": "What makes you say they're busy?",
                            "move": "open",
                            "next": "digging",
                            "consequence": "Ana pauses and thinks.",
                        },
                        {
                            "reply": "Just call the CFO tomorrow.",
                            "move": "tell",
                            "next": "told_end",
                            "consequence": "Ana nods <b>too fast</b>.",
                        },
                    ],
                },
                "digging": {
                    "rep_says": "Honestly, I'm not sure what the CFO would ask me.",
                    "choices": [
                        {
                            "reply": "What would you most like to be ready for?",
                            "move": "open",
                            "next": "found_end",
                            "consequence": "Ana lists three questions she fears.",
                        },
                        {
                            "reply": "I'll join the call and handle the CFO for you.",
                            "move": "rescue",
                            "next": "rescued_end",
                            "consequence": "Ana looks relieved.",
                        },
                    ],
                },
                "found_end": {
                    "rep_says": "I'll book the CFO and prepare for those three questions.",
                    "ending": {
                        "outcome": "best",
                        "deal": "won",
                        "root_cause_found": True,
                        "debrief": "You asked until the fear surfaced.",
                        "rep_learned": "Ana can prepare for hard questions.",
                        "numbers": "Deal closed in 4 weeks.",
                    },
                },
                "rescued_end": {
                    "rep_says": "Thanks, that's a relief.",
                    "ending": {
                        "outcome": "poor",
                        "deal": "won",
                        "root_cause_found": False,
                        "debrief": "You took the call off Ana's hands.",
                        "rep_learned": "Ana learned to wait for you.",
                        "numbers": "Deal closed; you spent 3 hours.",
                    },
                },
                "told_end": {
                    "rep_says": "OK, I'll call.",
                    "ending": {
                        "outcome": "poor",
                        "deal": "slipped",
                        "root_cause_found": False,
                        "debrief": "The instruction hid the real issue.",
                        "rep_learned": "Nothing new.",
                        "numbers": "Deal slipped a quarter.",
                    },
                },
            },
        }
    )
