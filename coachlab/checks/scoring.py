"""The grade: functions that hidden tests call and whose result nbgrader records.

Each returns the points earned as a float; a hidden-test cell ends with that value, and nbgrader
records it as partial credit for the cell. Answers are compared as plain values (see
:mod:`coachlab.checks.values`), and messages never contain the expected answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from coachlab.checks.values import plain_text
from coachlab.responses import Journal, JournalError


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
    # Deferred: hidden tests import this module in the grading kernel of every exercise, and
    # only some of them score replies: ``python -X importtime -c 'import
    # coachlab.checks.scoring'`` took 18 ms so, 1.67 s with the analyzer and scenarios at the top.
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
        if assess(str(value).strip(), context).clean_open:  # value is exactly a str (see text)
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
    # Deferred: hidden tests import this module in the grading kernel of every exercise, and
    # only some of them score a scenario: ``python -X importtime -c 'import
    # coachlab.checks.scoring'`` took 18 ms so, 1.67 s with the analyzer and scenarios at the top.
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
