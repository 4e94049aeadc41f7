"""Reps you interview in your own words: find the root cause by asking.

``load_rep``/``load_reps`` read reps (``course/reps/*.yaml``); ``Interview(rep)`` takes
questions (``ask``), a diagnosis and a coaching choice, and scores the evidence surfaced;
``replay`` scores a recorded interview, the one way grading does. Deterministic and offline;
no Jupyter and no nbgrader imports.

Names are loaded on first use (PEP 562), so ``import coachlab.interview`` in a notebook costs
almost nothing until a rep is loaded: pydantic and the classifier's rules load then.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coachlab.interview.engine import Interview, InterviewOver, Turn
    from coachlab.interview.loader import RepError, load_paraphrases, load_rep, load_reps
    from coachlab.interview.model import Fact, Rep
    from coachlab.interview.scoring import Result
    from coachlab.interview.script import Script, ScriptError, parse_script, play, replay

_WHERE = {
    "Interview": "engine", "InterviewOver": "engine", "Turn": "engine",
    "RepError": "loader", "load_paraphrases": "loader", "load_rep": "loader",
    "load_reps": "loader", "Fact": "model", "Rep": "model", "Result": "scoring",
    "Script": "script", "ScriptError": "script", "parse_script": "script", "play": "script",
    "replay": "script",
}

__all__ = [
    "Fact", "Interview", "InterviewOver", "Rep", "RepError", "Result", "Script", "ScriptError",
    "Turn", "load_paraphrases", "load_rep", "load_reps", "parse_script", "play", "replay",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted((*globals(), *__all__))
