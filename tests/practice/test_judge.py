"""Judging typed rewrites: an open question about this rep wins; tells and generic ones don't."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coachlab.practice import Item
from coachlab.practice.judge import (
    PARTLY,
    RIGHT,
    TAUGHT_QUESTIONS,
    WRONG,
    judge,
    judge_rewrite,
    on_topic,
    taught,
    topic_words,
)

REP = ("The CFO wants a payback model before Friday and I've never built one for a logistics "
       "company.")


@pytest.mark.parametrize(("reply", "result"), [
    ("What would you put in the payback model for their CFO?", RIGHT),
    ("How could you find out what the CFO expects from the payback model?", RIGHT),
    ("Have you built a payback model before?", PARTLY),           # closed, on topic
    ("Send the CFO last year's payback model.", WRONG),           # tell
    ("Why don't you ask finance to build the payback model?", WRONG),  # leading
    ("Let me build the payback model for the CFO tonight.", WRONG),    # rescue
    ("What do you think?", WRONG),                                # asks, fits any conversation
    ("", WRONG),
])
def test_rewrite_verdicts(reply: str, result: str) -> None:
    verdict = judge_rewrite(reply, REP)
    assert verdict.result == result, verdict.message
    assert verdict.message


def test_on_topic_needs_a_word_from_the_conversation() -> None:
    assert on_topic("What worries you about the payback model?", REP)
    assert not on_topic("What worries you most?", REP)
    assert on_topic("What did the models show?", "The model is ready.")  # crude stemming


@pytest.mark.parametrize("reply", [
    "Why did you leave the payback model so late?",                        # judging
    "What goes in the payback model, who could help you, and by when?",    # stacked
])
def test_flagged_open_questions_are_only_partly_right(reply: str) -> None:
    verdict = judge_rewrite(reply, REP)
    assert verdict.result == PARTLY and verdict.message.startswith("Open, but")


# ------------------------------------------------------------ the course's own model questions

ROOT = Path(__file__).resolve().parents[2]
_QUOTED = re.compile(r"[“\"]([^“”\"]{3,200}?[?.])[”\"]")

NOT_MODELS = {
    "How did it go?": "02 shows it as the weak question that gets \"fine\"",
    "what does this mean for us?": "02 quotes a prospect reacting to a generic message",
    "What do you think a payback period is?": "01's wrong option: asking what he cannot know",
    "What budget have you set aside for this?": "02: the rep's own discovery question",
    "What are your pain points?": "02: the rep quoting a question he finds salesy",
    "What do you think?": "02's interview: the content-free question that gets a surface answer",
}
"""Quoted questions the analyzer reads as clean and open that the course does not present as
questions for a manager to ask, each with where and why."""


def model_questions() -> dict[str, str]:
    """Every question a lesson or an exercise quotes that reads as a clean open question (the
    course's examples of what to ask), with the notebook it came from."""
    from coachlab.analysis import assess

    found: dict[str, str] = {}
    notebooks = sorted(ROOT.glob("course/*.ipynb")) + sorted(ROOT.glob("exercises/*/*.ipynb"))
    for notebook in notebooks:
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            text = " ".join("".join(cell["source"]).split())
            for quoted in _QUOTED.findall(text):
                read = assess(quoted)
                if read.clean_open and quoted not in NOT_MODELS:
                    found.setdefault(quoted, notebook.name)
    return found


MODELS = model_questions()


def test_the_lessons_present_model_questions() -> None:
    assert len(MODELS) >= 25
    assert "What's the real challenge here for you?" in MODELS and "And what else?" in MODELS


@pytest.mark.parametrize("question", sorted(MODELS))
def test_the_judge_accepts_each_model_question(question: str) -> None:
    """On its own (no conversation to be off), every model question is a right rewrite; one
    that names nothing from a conversation must be one the course teaches for any
    conversation, and then it is right in every rewrite item too."""
    assert judge_rewrite(question, "").right, (question, MODELS[question])
    if not topic_words(question):
        assert taught(question), f"{question} ({MODELS[question]}) fits any conversation"


@pytest.mark.parametrize("question", sorted(TAUGHT_QUESTIONS))
def test_taught_questions_are_never_wrong_and_never_win_every_rewrite_item(
        pool: list[Item], question: str) -> None:
    """What the lessons model is never marked wrong; but one question typed into every item
    must not pass the skill, so where it names nothing of this rep's situation it is partly
    right, with a nudge to use the rep's own words."""
    rewrites = [item for item in pool if item.skill == "rewrite"]
    verdicts = [judge(item, question) for item in rewrites]
    wrong = [item.id for item, v in zip(rewrites, verdicts, strict=True) if v.result == WRONG]
    assert rewrites and not wrong, wrong[:3]
    right = sum(v.right for v in verdicts)
    assert right <= 0.4 * len(rewrites), f"{question!r} is right in {right} of {len(rewrites)}"


def test_the_named_questions_from_the_review_are_accepted_in_context() -> None:
    for question in ("What's the real challenge here for you?", "And what else?"):
        verdict = judge_rewrite(question, REP, ("Your first instinct: “Build it like this.”",))
        assert verdict.result == PARTLY and "own words" in verdict.message, verdict
    assert judge_rewrite("What do you think?", REP).result == WRONG  # not taught: too generic


def test_every_excluded_question_is_still_in_the_course() -> None:
    """The exclusions stay honest: each is quoted in a lesson or exercise today."""
    text = " ".join(" ".join(notebook.read_text(encoding="utf-8").split())
                    for notebook in [*ROOT.glob("course/*.ipynb"),
                                     *ROOT.glob("exercises/*/*.ipynb")])
    for question in NOT_MODELS:
        assert question in text, question
