"""The instructor guide's example statements are exactly what the builders make."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

from coachlab.xapi.config import StatementSettings
from coachlab.xapi.identity import RosterEntry
from coachlab.xapi.statements import (
    FEEDBACK,
    LESSON_COMPLETED,
    LESSON_LAUNCHED,
    PRACTICE,
    SCORED,
    SUBMITTED,
    Event,
    build,
)

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "instructor-guide.md"


def test_guide_examples_match_the_builders() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("### What is sent", 1)[1].split("### Turn it off", 1)[0]
    shown = [json.loads(block) for block in re.findall(r"```json\n(.*?)\n```", section, re.S)]
    settings = StatementSettings(activity_base="https://learning.example.com/coachlab",
                                 home_page="https://learning.example.com")
    amara = RosterEntry("amara", "Amara", "Okafor", "amara@example.org")
    module = "01-tell-or-ask"
    events = [Event(LESSON_LAUNCHED, "amara", module, datetime(2026, 11, 2, 9, tzinfo=UTC)),
              Event(LESSON_COMPLETED, "amara", module, datetime(2026, 11, 2, 9, 35, tzinfo=UTC)),
              Event(SUBMITTED, "amara", module, datetime(2026, 11, 4, 16, 12, tzinfo=UTC)),
              Event(SCORED, "amara", module, datetime(2026, 11, 4, 16, 12, tzinfo=UTC), 24, 28),
              Event(FEEDBACK, "amara", module, datetime(2026, 11, 6, 10, tzinfo=UTC)),
              Event(PRACTICE, "amara", "", datetime(2026, 11, 9, 8, 10, tzinfo=UTC), 8, 10, 600)]
    assert shown == [s for event in events for s in build(event, amara, settings)]
