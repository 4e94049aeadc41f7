"""Interactive practice for the lessons: sort replies, check your own, play scenarios, plan.

Each widget is an ``ipywidgets.VBox`` that can be driven from Python (set values, ``.click()``
buttons) so it is testable without a browser. Pass a ``Journal`` and a ``key`` to save the
learner's answers beside the notebook, where graded cells and progress reports read them.
Widgets are imported on first use, so a lesson only pays for the ones it shows.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the modules loaded on first use below, named so the import graph shows them
    from coachlab.widgets.capstone import CapstoneConversation
    from coachlab.widgets.coach import QuestionCoach
    from coachlab.widgets.planner import PlannerWidget, PlanView
    from coachlab.widgets.player import ScenarioPlayer
    from coachlab.widgets.selfassessment import SelfAssessment
    from coachlab.widgets.simulation import SimulationExplorer
    from coachlab.widgets.sorter import StatementSorter

_HOMES = {
    "QuestionCoach": "coach",
    "ScenarioPlayer": "player",
    "StatementSorter": "sorter",
    "SelfAssessment": "selfassessment",
    "SimulationExplorer": "simulation",
    "PlannerWidget": "planner",
    "PlanView": "planner",
    "CapstoneConversation": "capstone",
}

__all__ = [
    "CapstoneConversation", "PlanView", "PlannerWidget", "QuestionCoach", "ScenarioPlayer",
    "SelfAssessment", "SimulationExplorer", "StatementSorter",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'coachlab.widgets' has no attribute {name!r}")
    return getattr(importlib.import_module(f"coachlab.widgets.{_HOMES[name]}"), name)
