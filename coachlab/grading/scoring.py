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
                         min_words: int = 4,
                         contexts: Mapping[str, str] | None = None) -> float:
    """Points for each reply that is an open question raising no quality flag.

    Each reply is judged by ``coachlab.analysis.assess``: full points only when its move is
    ``open`` and it is neither judging, nor stacked, nor (when ``contexts`` gives the rep's line
    for that reply's name) off topic; any flag earns 0. A reply must have at least
    ``min_words`` words and differ from the other replies, so one generic question pasted three
    times earns its points once.
    """
    from coachlab.analysis import assess

    earned = 0.0
    seen: set[str] = set()
    for name, value in replies.items():
        text = plain_text(value)
        if not text or len(text.split()) < min_words or text in seen:
            continue
        seen.add(text)
        context = contexts.get(name) if contexts is not None else None
        if type(context) is not str:  # only plain text; anything else means "no context"
            context = None
        if assess(str.strip(value), context).clean_open:
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
    from coachlab.scenarios import load_scenario, recorded_paths

    try:
        recorded = Journal.beside(directory).get(key)
    except JournalError:
        return 0.0
    scenario = load_scenario(Path(directory) / scenario_file)
    best = 0.0
    for path in recorded_paths(recorded):
        walked = scenario.follow(path)
        ending = scenario.nodes[walked[1]].ending if walked else None
        if ending is not None and ending.root_cause_found:
            return float(found)
        if ending is not None:
            best = max(best, float(ended))
    return best
