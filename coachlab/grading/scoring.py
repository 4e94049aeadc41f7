"""The grade: functions that hidden tests call and whose result nbgrader records.

Each returns the points earned as a float; a hidden-test cell ends with that value, and nbgrader
records it as partial credit for the cell. Answers are compared as plain values (see
:mod:`coachlab.grading.values`), and messages never contain the expected answers.
"""

from __future__ import annotations

from collections.abc import Mapping

from coachlab.grading.values import plain_text


def score_matches(answers: Mapping[str, object], key: Mapping[str, str],
                  points_each: float = 1.0) -> float:
    """Points for each answer equal (case- and space-insensitive) to the key's value."""
    earned = 0.0
    for name, expected in key.items():
        if plain_text(answers.get(name)) == expected.strip().lower():
            earned += points_each
    return earned


def score_open_questions(replies: Mapping[str, object], points_each: float = 1.0,
                         min_words: int = 4) -> float:
    """Points for each reply that the analyzer reads as an open question.

    A reply must have at least ``min_words`` words and differ from the other replies, so one
    generic question pasted three times earns its points once.
    """
    from coachlab.analysis import classify

    earned = 0.0
    seen: set[str] = set()
    for value in replies.values():
        text = plain_text(value)
        if not text or len(text.split()) < min_words or text in seen:
            continue
        seen.add(text)
        if classify(str.strip(value)).label == "open":
            earned += points_each
    return earned


def score_scenario_run(key: str, scenario_file: str, found: float, ended: float,
                       directory: str = ".") -> float:
    """Points for the best finished play of a scenario recorded in the answer journal.

    Each recorded path is replayed against the scenario file (restored from the course by
    autograde), so only the choices count, never a claimed outcome. A play that found the root
    cause earns ``found``; any other finished play earns ``ended``; no valid play earns 0.
    """
    from pathlib import Path

    from coachlab.responses import Journal, JournalError
    from coachlab.scenarios import load_scenario

    try:
        recorded = Journal.beside(directory).get(key)
    except JournalError:
        return 0.0
    scenario = load_scenario(Path(directory) / scenario_file)
    best = 0.0
    for path in _recorded_paths(recorded):
        outcome = replay(scenario, path)
        if outcome is True:
            return float(found)
        if outcome is False:
            best = max(best, float(ended))
    return best


def _recorded_paths(recorded: object) -> list[list[int]]:
    if type(recorded) is not dict:
        return []
    plays = [recorded, *(recorded.get("plays") if type(recorded.get("plays")) is list else [])]
    paths = []
    for play in plays:
        path = play.get("path") if type(play) is dict else None
        if type(path) is list and all(type(step) is int for step in path):
            paths.append(list(path))
    return paths


def replay(scenario: object, path: list[int]) -> bool | None:
    """Walk ``path`` (choice indices) through ``scenario``.

    Returns whether the ending reached found the root cause, or None if the path is invalid or
    stops before an ending.
    """
    node = scenario.nodes[scenario.start]
    for step in path:
        if node.ending is not None or not 0 <= step < len(node.choices):
            return None
        node = scenario.nodes[node.choices[step].next]
    return None if node.ending is None else bool(node.ending.root_cause_found)
