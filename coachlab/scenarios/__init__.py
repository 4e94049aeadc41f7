"""Coaching scenarios as data: the model and its engine, safe loading with line numbers, the
checker, and saved plays. Every conversation in the course is a scenario, the capstone's typed
one included.

    >>> from coachlab.scenarios import load_bank, check_paths
    >>> bank = load_bank()                       # course/scenarios/*.yaml
    >>> findings = check_paths(["course/scenarios"])
"""

from .bank import DEFAULT_BANK, find_scenario, load_bank, load_scenario
from .checks import check_paths, check_scenario, course_scenario_files
from .findings import Finding, ScenarioError
from .loader import MAX_BYTES, parse_file, read_yaml
from .model import (
    DEALS,
    MOVES,
    OUTCOMES,
    ROOT_CAUSE_DESCRIPTIONS,
    ROOT_CAUSES,
    SKILL_GAP_CAUSES,
    WILL_CAUSES,
    Branch,
    Choice,
    Ending,
    FreeText,
    Node,
    Rep,
    Scenario,
    ScenarioPath,
    Step,
    paths,
)
from .plays import (
    MAX_PLAYS,
    MAX_REPLIES,
    SavedPlayError,
    add_play,
    latest_play,
    read_plays,
    recorded_paths,
)
from .typed import MAX_CHARS, MIN_WORDS, Judgement, ReplyError, judge

__all__ = [
    "MAX_CHARS",
    "MAX_PLAYS",
    "MAX_REPLIES",
    "MIN_WORDS",
    "Judgement",
    "ReplyError",
    "SavedPlayError",
    "add_play",
    "judge",
    "latest_play",
    "read_plays",
    "DEALS",
    "OUTCOMES",
    "SKILL_GAP_CAUSES",
    "WILL_CAUSES",
    "Branch",
    "FreeText",
    "course_scenario_files",
    "recorded_paths",
    "DEFAULT_BANK",
    "MAX_BYTES",
    "MOVES",
    "ROOT_CAUSES",
    "ROOT_CAUSE_DESCRIPTIONS",
    "Choice",
    "Ending",
    "Finding",
    "Node",
    "Rep",
    "Scenario",
    "ScenarioError",
    "ScenarioPath",
    "Step",
    "check_paths",
    "check_scenario",
    "find_scenario",
    "load_bank",
    "load_scenario",
    "parse_file",
    "paths",
    "read_yaml",
]
