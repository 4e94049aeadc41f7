"""RepInterview: asking, the transcript and the evidence board, diagnosing, the ending, the
journal (saved after every question, restored on re-run), hostile input and the limits."""

from __future__ import annotations

import json
import re
from pathlib import Path

import ipywidgets as widgets
import pytest

from coachlab.interview import Rep, load_rep, replay
from coachlab.responses import Journal
from coachlab.widgets.interview import (
    MAX_CHARS,
    MAX_QUESTIONS,
    RepInterview,
    fact_name,
    interview,
)
from tests.widgets.test_results_in_words import assert_in_words

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "interview" / "fixtures" / "reps" / "fx-dana.yaml"

# A good interview of the fixture rep (the engine's own tests score it best).
GOOD = (
    "What's going on with these deals?",
    "What have you tried to reach the decision maker?",
    "How would you build a business case for this?",
    "What do you make of all this?",
)
FIRST_LINE = "What would you like to try first?"
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def dana() -> Rep:
    return load_rep(FIXTURE)


def ask_in_the_box(widget: RepInterview, text: str) -> None:
    widget.question.value = text
    widget.ask_button.click()


def diagnose_in_the_form(widget: RepInterview, cause: str, coaching: str, line: str) -> None:
    widget.cause.value = cause
    widget.coaching.value = coaching
    widget.first_line.value = line
    widget.diagnose_button.click()


def test_shows_persona_situation_and_opening_line(dana: Rep) -> None:
    widget = RepInterview(dana)
    assert isinstance(widget, widgets.VBox) and "coachlab-interview" in widget._dom_classes
    assert "Dana" in widget.header.value and "two years in the team" in widget.header.value
    assert "late-stage deals have stalled" in widget.header.value
    assert "Honestly, I don&#x27;t know what&#x27;s going on" in widget.transcript.value
    assert "Questions asked:</b> 0" in widget.meter.value
    assert "Trust:</b> 1 of 3, polite but careful" in widget.meter.value
    assert "Nothing yet" in widget.board.value
    assert widget.ending_box.layout.display == "none" and not widget.at_ending


def test_every_control_has_a_name(dana: Rep) -> None:
    widget = RepInterview(dana)
    assert widget.question.description == "Your question to Dana:"
    assert widget.ask_button.description == "Ask" and widget.ask_button.tooltip
    assert widget.cause.description and widget.coaching.description
    assert widget.first_line.description and widget.diagnose_button.tooltip
    assert widget.again_button.description and widget.again_button.tooltip


def test_asking_shows_the_reading_the_fact_and_the_board(dana: Rep) -> None:
    widget = RepInterview(dana)
    ask_in_the_box(widget, "What have you tried to reach the decision maker?")
    assert widget.question.value == ""  # ready for the next question
    turn = widget.turns[-1]
    assert turn.revealed is not None  # a specific open question reaches a fact
    text = widget.transcript.value
    assert "<b>You:</b> “What have you tried to reach the decision maker?”" in text
    assert "✓ read as: Open question" in text
    assert f"→ reached: {fact_name(turn.revealed)}" in text
    assert "Evidence board" in widget.board.value
    assert fact_name(turn.revealed) in widget.board.value
    assert re.search(r"\(1 of 6 things\)", widget.board.value)
    assert "Questions asked:</b> 1" in widget.meter.value
    assert f"Trust:</b> {turn.trust_after} of 3" in widget.meter.value


def test_enter_in_the_box_asks_too(dana: Rep) -> None:
    widget = RepInterview(dana)
    widget.question.value = "What's going on with these deals?"
    widget._on_text_message(widget.question, {"event": "submit"}, [])
    assert widget.questions == ["What's going on with these deals?"]


def test_moves_and_flags_are_named_in_words_and_symbols(dana: Rep) -> None:
    widget = RepInterview(dana)
    widget.ask("Don't you think you should email the CFO?")
    widget.ask("Why did you only talk to the champion?")
    widget.ask("You need to email the CFO today.")
    text = widget.transcript.value
    assert "✗ read as: Leading question" in text and "agreed with you" in text
    assert "judging" in text and "got defensive (trust down)" in text
    assert "✗ read as: Tell" in text and "without owning it" in text


def test_an_empty_question_is_refused_with_a_message(dana: Rep) -> None:
    widget = RepInterview(dana)
    ask_in_the_box(widget, "   ")
    assert widget.questions == [] and "Type a question to Dana first" in widget.notice.value


def test_diagnosing_needs_a_cause_and_a_choice(dana: Rep) -> None:
    widget = RepInterview(dana)
    assert "the cause: not chosen yet" in widget.chosen.value
    widget.diagnose_button.click()
    assert not widget.at_ending and "Choose the root cause" in widget.notice.value
    widget.cause.value = "lacks_competence"
    widget.diagnose_button.click()
    assert not widget.at_ending
    assert "the cause: lacks competence · how you coach: not chosen yet" in widget.chosen.value


def test_the_causes_offer_the_pair_first_then_the_others(dana: Rep) -> None:
    values = [value for _, value in RepInterview(dana).cause.options]
    assert values[:2] == ["lacks_confidence", "lacks_competence"]
    assert len(values) == 7 and len(set(values)) == 7


def test_a_good_interview_ends_best_with_why_every_answer(dana: Rep) -> None:
    widget = RepInterview(dana)
    for question in GOOD:
        ask_in_the_box(widget, question)
    diagnose_in_the_form(widget, "lacks_confidence", "ask", FIRST_LINE)
    assert widget.at_ending and widget.result is not None
    assert widget.result.outcome == "best"
    assert widget.ending_box.layout.display == "" and widget.diagnose_box.layout.display == "none"
    assert widget.ask_box.layout.display == "none"
    text = widget.ending.value
    assert "✓ best" in text and "Score:</b> 12 of 12" in text
    assert "Evidence found:</b> ✓ 2 of the 2 facts" in text
    assert "✓ Right: lacks confidence" in text and "✓ Fits" in text
    assert "Why every answer" in text
    for question in GOOD:
        assert f"“{question.replace(chr(39), '&#x27;')}”" in text
    assert "How the matcher read it" in text
    # the facts never reached, each with a question that would have reached it
    assert "never told you" in text and "a question that would have reached it" in text
    assert assert_in_words(text) >= 3
    # the same data replayed by the engine (the way grading scores) gives the same result
    again = replay(dana, widget.questions, "lacks_confidence", "ask", FIRST_LINE)
    assert again.score == widget.result.score and again.outcome == widget.result.outcome


def test_a_wrong_diagnosis_says_what_the_cause_was(dana: Rep) -> None:
    widget = RepInterview(dana)
    widget.ask(GOOD[0])
    result = widget.finish("lacks_competence", "teach", "Let me show you how.")
    assert result is not None and not result.diagnosis_right
    text = widget.ending.value
    assert "✗ Not quite: you chose lacks competence; it was lacks confidence" in text
    assert "What was really going on" in text
    assert assert_in_words(text) >= 2


def test_a_rescue_ends_the_asking(dana: Rep) -> None:
    widget = RepInterview(dana)
    widget.ask("Let me call the CFO for you.")
    assert widget.ask_box.layout.display == "none"
    assert "the interview is over" in widget.transcript.value
    assert widget.ask("What happened?") is None and "took it over" in widget.notice.value
    result = widget.finish("lacks_confidence", "ask", FIRST_LINE)
    assert result is not None and result.outcome == "poor"
    assert "✗ poor" in widget.ending.value


def test_interview_again_starts_fresh(dana: Rep) -> None:
    widget = RepInterview(dana)
    widget.ask(GOOD[0])
    widget.finish("lacks_confidence", "ask", FIRST_LINE)
    widget.again_button.click()
    assert not widget.at_ending and widget.questions == []
    assert widget.cause.value is None and widget.coaching.value is None
    assert widget.ask_box.layout.display == "" and widget.ending_box.layout.display == "none"


# ---------------------------------------------------------------------- escaping


def test_hostile_input_is_shown_escaped_everywhere(dana: Rep) -> None:
    widget = RepInterview(dana)
    ask_in_the_box(widget, HOSTILE)
    widget.finish("lacks_confidence", "ask", HOSTILE)
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    for html in (widget.transcript.value, widget.ending.value):
        assert escaped in html
        assert "<img" not in html
    assert "<img" not in widget.board.value


def test_rep_content_is_escaped(dana: Rep) -> None:
    persona = dana.persona.model_copy(update={"name": "<b>Dana</b>",
                                              "situation": "<script>x()</script>"})
    hostile = dana.model_copy(update={"title": "Dana & <i>co</i>", "persona": persona})
    widget = RepInterview(hostile)
    widget.ask(GOOD[1])
    for html in (widget.header.value, widget.transcript.value, widget.board.value):
        assert "<script>" not in html and "<b>Dana</b>" not in html and "<i>co</i>" not in html
    assert "&lt;script&gt;" in widget.header.value
    assert "Dana &amp; &lt;i&gt;co" in widget.header.value


# ---------------------------------------------------------------------- limits


def test_a_long_question_is_refused(dana: Rep) -> None:
    widget = RepInterview(dana)
    long = "What " + "really " * (MAX_CHARS // 7) + "happened?"
    assert len(long) > MAX_CHARS
    ask_in_the_box(widget, long)
    assert widget.questions == [] and f"under {MAX_CHARS} characters" in widget.notice.value
    assert widget.question.value == long  # kept, to shorten
    assert widget.finish("lacks_confidence", "ask", "x" * (MAX_CHARS + 1)) is None


def test_at_most_max_questions(dana: Rep) -> None:
    widget = RepInterview(dana)
    for _ in range(MAX_QUESTIONS):
        assert widget.ask("What else?") is not None
    assert widget.ask("What else?") is None
    assert f"asked {MAX_QUESTIONS} questions" in widget.notice.value
    assert widget.ask_box.layout.display == "none" and widget.diagnose_box.layout.display == ""


# ---------------------------------------------------------------------- the journal


def test_every_question_is_saved_and_restored_on_a_re_run(dana: Rep, tmp_path: Path) -> None:
    journal = Journal(tmp_path / "coachlab-answers.json")
    widget = RepInterview(dana, journal=journal)
    widget.ask(GOOD[0])
    widget.ask(GOOD[1])
    saved = journal.get("interview.fx-dana")
    assert saved["interview"] == "fx-dana" and saved["questions"] == list(GOOD[:2])
    assert saved["finished"] is False and saved["plays"] == []
    again = RepInterview(dana, journal=journal)
    assert again.questions == list(GOOD[:2]) and not again.at_ending
    assert again.board.value == widget.board.value


def test_a_finished_play_is_saved_as_data_and_shown_again(dana: Rep, tmp_path: Path) -> None:
    journal = Journal(tmp_path / "coachlab-answers.json")
    widget = RepInterview(dana, journal=journal, key="02.interview")
    for question in GOOD:
        widget.ask(question)
    widget.finish("lacks_confidence", "ask", FIRST_LINE)
    saved = journal.get("02.interview")
    play = {"questions": list(GOOD), "diagnosis": "lacks_confidence", "coaching": "ask",
            "first_line": FIRST_LINE}
    assert saved["plays"] == [play] and saved["finished"] is True
    assert "score" not in json.dumps(saved) and "revealed" not in json.dumps(saved)
    shown = RepInterview(dana, journal=journal, key="02.interview")
    assert shown.at_ending and shown.result is not None and shown.result.outcome == "best"
    assert shown.ending.value == widget.ending.value
    # a second play keeps the first (the graded one)
    shown.replay()
    shown.ask(GOOD[0])
    shown.finish("lacks_competence", "teach", "Let me show you.")
    plays = journal.get("02.interview")["plays"]
    assert len(plays) == 2 and plays[0] == play and plays[1]["diagnosis"] == "lacks_competence"


def test_a_forged_or_oversized_journal_is_replayed_not_trusted(dana: Rep, tmp_path: Path) -> None:
    journal = Journal(tmp_path / "coachlab-answers.json")
    journal.record("interview.fx-dana", {
        "interview": "fx-dana", "finished": True, "score": 12, "outcome": "best",
        "questions": ["drafted-email-to-cfo", 42, {"x": 1}, "y" * (MAX_CHARS + 1),
                      *["What else?"] * 100],
        "diagnosis": "lacks_confidence", "coaching": "ask", "first_line": 7, "plays": []})
    widget = RepInterview(dana, journal=journal)
    assert len(widget.questions) <= MAX_QUESTIONS
    assert all(isinstance(q, str) and len(q) <= MAX_CHARS for q in widget.questions)
    assert widget.result is not None and widget.result.outcome != "best"


def test_another_rep_s_or_unreadable_entry_is_kept_aside(dana: Rep, tmp_path: Path) -> None:
    journal = Journal(tmp_path / "coachlab-answers.json")
    journal.record("interview.fx-dana", ["not", "a", "play"])
    widget = RepInterview(dana, journal=journal)
    assert widget.questions == []
    widget.ask(GOOD[0])
    saved = journal.get("interview.fx-dana")
    assert saved["questions"] == [GOOD[0]] and saved["set_aside"] == ["not", "a", "play"]
    assert "set_aside" in widget.notice.value


def test_an_unreadable_journal_file_is_said(dana: Rep, tmp_path: Path) -> None:
    (tmp_path / "coachlab-answers.json").write_text("{broken", encoding="utf-8")
    widget = RepInterview(dana, journal=Journal(tmp_path / "coachlab-answers.json"))
    assert "could not be read" in widget.notice.value


def test_interview_loads_a_rep_beside_the_notebook(tmp_path: Path) -> None:
    (tmp_path / "reps").mkdir()
    (tmp_path / "reps" / "fx-dana.yaml").write_text(FIXTURE.read_text(encoding="utf-8"),
                                                    encoding="utf-8")
    widget = interview("fx-dana", folder=tmp_path)
    widget.ask(GOOD[0])
    saved = Journal.beside(tmp_path).get("interview.fx-dana")
    assert saved["questions"] == [GOOD[0]]
    keyed = interview("fx-dana", key="02.interview", folder=tmp_path)
    assert keyed.questions == []


@pytest.mark.parametrize("bad", ["../secrets", "fx-dana.yaml", "", "FX"])
def test_interview_refuses_what_is_not_a_rep_id(bad: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not a rep id"):
        interview(bad, folder=tmp_path)


def test_a_missing_rep_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no-such-rep"):
        interview("no-such-rep", folder=tmp_path)


def test_every_course_rep_can_be_shown() -> None:
    for path in sorted((REPO / "course" / "reps").glob("*.yaml")):
        widget = RepInterview(load_rep(path))
        assert widget.rep.persona.name in widget.header.value.replace("&#x27;", "'")
