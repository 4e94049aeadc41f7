"""StatementSorter: labels, instant feedback, running score and journal round trips."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
import pytest

from coachlab.analysis import LABELS, classify
from coachlab.responses import Journal
from coachlab.widgets import StatementSorter


def all_html(widget: widgets.Widget) -> str:
    """Every HTML value shown inside ``widget``."""
    if isinstance(widget, widgets.HTML):
        return widget.value
    return "".join(all_html(child) for child in getattr(widget, "children", ()))


ITEMS = [
    ("What have you tried so far?", "open"),
    ("Just send them the deck.", "tell"),
    ("Did you call them back?", "closed"),
]


def test_builds_one_row_per_item_with_five_moves() -> None:
    sorter = StatementSorter(ITEMS)
    assert isinstance(sorter, widgets.VBox)
    assert len(sorter.toggles) == 3
    for number, toggle in enumerate(sorter.toggles, start=1):
        assert isinstance(toggle, widgets.ToggleButtons)
        assert toggle.value is None
        assert [value for _, value in toggle.options] == list(LABELS)
        assert toggle.description == f"Reply {number}:"
        assert len(toggle.tooltips) == 5 and all(toggle.tooltips)
    assert "0 of 3 right" in sorter.score.value and "0 answered so far" in sorter.score.value


def test_plain_strings_take_the_analyzers_label() -> None:
    replies = ["What options do you see?", "Let me call the client for you."]
    sorter = StatementSorter(replies)
    assert sorter.expected == [classify(reply).label for reply in replies]


def test_right_choice_gets_instant_feedback_with_reason() -> None:
    sorter = StatementSorter(ITEMS)
    sorter.toggles[0].value = "open"
    feedback = sorter.feedback[0].value
    assert "Right" in feedback and "Open question" in feedback
    assert html.escape(classify(ITEMS[0][0]).reasons[0]) in feedback
    assert "1 of 3 right" in sorter.score.value


def test_wrong_choice_names_the_correct_label() -> None:
    sorter = StatementSorter(ITEMS)
    sorter.choose(1, "rescue")
    feedback = sorter.feedback[1].value
    assert "Not quite" in feedback and "you chose Rescue" in feedback
    assert "this is <b>Tell</b>" in feedback and "Why:" in feedback
    assert "0 of 3 right" in sorter.score.value and "1 answered" in sorter.score.value


def test_running_score_follows_changed_answers() -> None:
    sorter = StatementSorter(ITEMS)
    for index, (_, label) in enumerate(ITEMS):
        sorter.choose(index, label)
    assert sorter.right == 3 and "3 of 3 right" in sorter.score.value
    assert "answered so far" not in sorter.score.value
    sorter.choose(2, "open")
    assert sorter.right == 2 and "2 of 3 right" in sorter.score.value
    assert sorter.choices == {0: "open", 1: "tell", 2: "open"}


def test_author_label_that_differs_from_the_analyzer_is_explained_by_the_move() -> None:
    text = "What have you tried so far?"
    assert classify(text).label == "open"
    sorter = StatementSorter([(text, "closed")])
    sorter.choose(0, "closed")
    assert "Right" in sorter.feedback[0].value
    assert "a yes or no, or a single fact" in sorter.feedback[0].value


def test_item_text_is_escaped() -> None:
    sorter = StatementSorter([("<script>alert(1)</script> Just do it.", "tell")])
    shown = all_html(sorter)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Just do it." in shown
    assert "<script>" not in shown


@pytest.mark.parametrize(
    "items, error",
    [
        ([], ValueError),
        ([("Just do it.", "shouting")], ValueError),
        ([("  ", "tell")], ValueError),
        ([42], TypeError),
        ([("a", "tell", "extra")], TypeError),
    ],
)
def test_bad_items_are_refused_when_built(items: list, error: type[Exception]) -> None:
    with pytest.raises(error):
        StatementSorter(items)


def test_choose_refuses_unknown_labels() -> None:
    with pytest.raises(ValueError, match="not a move"):
        StatementSorter(ITEMS).choose(0, "maybe")


def test_journal_needs_a_key(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="key"):
        StatementSorter(ITEMS, journal=Journal.beside(tmp_path))


def test_choices_are_recorded_and_restored(tmp_path: Path) -> None:
    sorter = StatementSorter(ITEMS, journal=Journal.beside(tmp_path), key="01.sorter")
    sorter.choose(0, "open")
    sorter.toggles[2].value = "tell"
    assert Journal.beside(tmp_path).get("01.sorter") == {"choices": {"0": "open", "2": "tell"}}

    again = StatementSorter(ITEMS, journal=Journal.beside(tmp_path), key="01.sorter")
    assert again.choices == {0: "open", 2: "tell"}
    assert again.toggles[1].value is None
    assert "Right" in again.feedback[0].value and "Not quite" in again.feedback[2].value
    assert "1 of 3 right" in again.score.value
    again.choose(1, "tell")  # the restored widget keeps recording
    assert Journal.beside(tmp_path).get("01.sorter") == {
        "choices": {"0": "open", "1": "tell", "2": "tell"}
    }


def test_restore_ignores_entries_that_do_not_fit(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    journal.record("k", {"choices": {"0": "tell", "9": "open", "x": "open", "1": "nonsense"}})
    sorter = StatementSorter(ITEMS, journal=journal, key="k")
    assert sorter.choices == {0: "tell"}
    journal.record("k", ["not", "a", "dict"])
    assert StatementSorter(ITEMS, journal=journal, key="k").choices == {}


def test_corrupt_journal_shows_a_notice_and_keeps_a_backup(tmp_path: Path) -> None:
    journal = Journal.beside(tmp_path)
    journal.path.write_text("not json", encoding="utf-8")
    sorter = StatementSorter(ITEMS, journal=journal, key="k")
    assert "could not be read" in sorter.notice.value
    assert list(tmp_path.glob("coachlab-answers.json.corrupt-*"))
    sorter.choose(0, "open")  # recording starts a fresh journal and says where the old one is
    assert "fresh journal" in sorter.notice.value
    assert journal.get("k") == {"choices": {"0": "open"}}
