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


OUTCOME_SHARE = {"best": 1.0, "good": 0.6, "mixed": 0.3, "poor": 0.0}
"""Share of the way from ``ended`` to ``found`` points that each ending outcome earns."""


def score_scenario_run(key: str, scenario_file: str, found: float, ended: float,
                       directory: str = ".") -> float:
    """Points for the first finished play of a scenario recorded in the answer journal.

    Each recorded path is replayed against the scenario file (restored from the course by
    autograde), so only the choices count, never a claimed outcome. The first play that reaches
    an ending is graded, because a coaching conversation happens once: replaying until the best
    ending would measure persistence, not judgement (later plays are still saved, for learning).
    Its ending's outcome decides the points: best earns ``found``, poor earns ``ended``, and good
    and mixed earn a share in between (``OUTCOME_SHARE``); no valid play earns 0.
    """
    from pathlib import Path

    from coachlab.responses import Journal, JournalError
    from coachlab.scenarios import load_scenario, recorded_paths

    try:
        recorded = Journal.beside(directory).get(key)
    except JournalError:
        return 0.0
    scenario = load_scenario(Path(directory) / scenario_file)
    for path in recorded_paths(recorded):
        walked = scenario.follow(path)
        ending = scenario.nodes[walked[1]].ending if walked else None
        if ending is not None:
            share = OUTCOME_SHARE[ending.outcome]
            return round(float(ended) + (float(found) - float(ended)) * share, 2)
    return 0.0
