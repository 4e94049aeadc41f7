"""Interactive practice for the lessons: sort replies, check your own, play scenarios.

Each widget is an ``ipywidgets.VBox`` that can be driven from Python (set values, ``.click()``
buttons) so it is testable without a browser. Pass a ``Journal`` and a ``key`` to save the
learner's answers beside the notebook, where graded cells and progress reports read them.
"""

from coachlab.widgets.coach import QuestionCoach
from coachlab.widgets.player import ScenarioPlayer
from coachlab.widgets.sorter import StatementSorter

__all__ = ["QuestionCoach", "ScenarioPlayer", "StatementSorter"]
