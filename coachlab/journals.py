"""Reading answer journals for reports: answers by key, their module, and the replies in them.

Both a learner's progress (:mod:`coachlab.progress`) and the cohort report
(:mod:`coachlab.cohort.report`) read journals this way; nothing here writes. Saved scenario plays
are replayed against their scenario (found by id in the given folders), so only recorded choices
count.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

_MODULE = re.compile(r"^(\d\d)(?=[.\-_]|$)")


def read_answers(path: Path) -> dict[str, Any]:
    """A journal's ``{key: value}``, read without side effects ({} if absent or unreadable)."""
    from coachlab.responses import read_entries

    return {key: entry.get("value") for key, entry in read_entries(path).items()}


def module_of(key: str) -> str | None:
    """The two-digit module number a journal key belongs to ("01.play" -> "01")."""
    match = _MODULE.match(key)
    return match.group(1) if match else None


class ScenarioIndex:
    """Scenarios by id, loaded lazily from the given folders (for replaying saved plays)."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders
        self._by_id: dict[str, Any] | None = None

    def get(self, scenario_id: str) -> Any:
        """The scenario with ``scenario_id``, or None."""
        if self._by_id is None:
            from coachlab.scenarios import load_scenario

            self._by_id = {}
            for folder in self.folders:
                for path in sorted(Path(folder).glob("*.yaml")):
                    try:
                        scenario = load_scenario(path)
                    except Exception:  # a broken file is the checker's business, not ours
                        continue
                    self._by_id.setdefault(scenario.id, scenario)
        return self._by_id.get(scenario_id)


def replies_by_module(answers: dict[str, Any], scenarios: ScenarioIndex) -> dict[str, list[str]]:
    """The manager's replies in a journal, grouped by module: Question Coach lists (lists of
    strings) and the replies chosen in every saved scenario play."""
    found: dict[str, list[str]] = {}
    for key, value in answers.items():
        module = module_of(key)
        if module is None:
            continue
        replies: list[str] = []
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            replies = [v for v in value if v.strip()]
        elif isinstance(value, dict) and isinstance(value.get("scenario"), str):
            replies = _play_replies(value, scenarios)
        if replies:
            found.setdefault(module, []).extend(replies)
    return found


def _play_replies(value: dict[str, Any], scenarios: ScenarioIndex) -> list[str]:
    scenario = scenarios.get(value["scenario"])
    if scenario is None:
        return []
    from coachlab.scenarios import recorded_paths

    replies: list[str] = []
    for path in recorded_paths(value):
        walked = scenario.follow(path)
        if walked is not None:
            replies.extend(step.choice.reply for step in walked[0])
    return replies
