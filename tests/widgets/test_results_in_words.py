"""Results are never shown by colour alone: every coloured right/wrong carries a symbol or words."""

from __future__ import annotations

import re

from coachlab.scenarios import Scenario, load_bank
from coachlab.widgets import ScenarioPlayer
from coachlab.widgets.coach import QuestionCoach
from coachlab.widgets.sorter import StatementSorter

COLOURED = re.compile(r"""class=['"]coachlab-(?:right|wrong)['"][^>]*>(.*?)</(?:span|div|li)>""",
                      re.S)
WORDS = re.compile(r"[✓✗◐]|\b(Right|Not quite|Not yet|Partly right)\b")


def coloured_texts(html: str) -> list[str]:
    """The text of every element the widgets colour as right or wrong."""
    return [re.sub(r"<[^>]+>", "", found) for found in COLOURED.findall(html)]


def assert_in_words(html: str) -> int:
    texts = coloured_texts(html)
    for text in texts:
        assert WORDS.search(text), f"shown by colour alone: {text!r}"
    return len(texts)


def test_endings_of_the_course_bank_say_their_outcome_in_symbols() -> None:
    checked = 0
    for scenario in load_bank():
        for path in scenario.paths(limit=3):
            player = ScenarioPlayer(scenario)
            for step in path.steps:
                player.choose(step.choice_index)
            checked += assert_in_words(player.debrief.value)
    assert checked >= 20


def test_a_missed_root_cause_and_a_poor_outcome_read_as_wrong(scenario: Scenario) -> None:
    player = ScenarioPlayer(scenario)
    player.choose(0)
    player.choose(1)
    texts = coloured_texts(player.debrief.value)
    assert any(t.startswith("✗ The root cause was missed") for t in texts), texts


def test_sorter_feedback_says_right_or_not_quite() -> None:
    sorter = StatementSorter([("You should call the CFO.", "tell")])
    sorter.choose(0, "open")
    assert assert_in_words(sorter.feedback[0].value) == 1
    assert "✗ Not quite" in sorter.feedback[0].value
    sorter.choose(0, "tell")
    assert "✓ Right" in sorter.feedback[0].value


def test_a_clean_open_question_is_marked_not_only_coloured() -> None:
    coach = QuestionCoach()
    coach.text.value = "What do you think is holding the deal up?"
    coach.check_button.click()
    assert "✓" in coach.feedback.value
    assert_in_words(coach.feedback.value)
