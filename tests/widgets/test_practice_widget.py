"""PracticeView driven from Python: click answers, type a rewrite, reach the summary."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import ipywidgets as widgets
import pytest

from coachlab.practice import Item, Session, build_pool
from coachlab.practice.state import KEY
from coachlab.responses import Journal
from coachlab.widgets.practice import PracticeView, todays_practice

COURSE = Path(__file__).resolve().parents[2] / "course"


@pytest.fixture(scope="module")
def pool() -> list[Item]:
    return build_pool(COURSE)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _view(pool: list[Item], folder: Path, skills: set[str] | None = None) -> PracticeView:
    chosen = [i for i in pool if skills is None or i.skill in skills]
    return PracticeView(Session(chosen, Journal.beside(folder), clock=Clock()),
                        timer=iter(range(0, 10_000, 7)).__next__)


def _visible(widget: widgets.Widget) -> bool:
    return widget.layout.display != "none"


def test_choice_item_shows_buttons_with_descriptions_and_tooltips(pool, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = _view(pool, tmp_path, {"sort"})
    item = view.session.current
    assert item is not None and item.skill == "sort"
    assert "Item 1 of" in view.progress.value and "Sort the reply" in view.progress.value
    assert len(view.option_buttons) == 5
    for option_button in view.option_buttons:
        assert isinstance(option_button, widgets.Button)
        assert option_button.description and option_button.tooltip.startswith("Answer:")
    assert _visible(view.options_box) and not _visible(view.text_box)
    assert not _visible(view.next_button) and view.feedback.value == ""


def test_right_answer_shows_symbol_words_and_explanation(pool, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = _view(pool, tmp_path, {"sort"})
    item = view.session.current
    view.choose(item.answer)
    feedback = view.feedback.value
    assert "✓ Right." in feedback and 'role="status"' in feedback and "Why:" in feedback
    assert "comes back in" in feedback
    assert all(b.disabled for b in view.option_buttons)
    assert any("(the answer)" in b.description for b in view.option_buttons)
    assert _visible(view.next_button)
    view.choose(item.answer)  # a second click on a disabled item changes nothing
    assert len(view.session.answered) == 1
    view.next()
    assert view.feedback.value == "" and view.session.current != item


def test_wrong_answer_names_the_answer_and_comes_back_at_the_end(pool, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = _view(pool, tmp_path, {"sort"})
    item = view.session.current
    wrong = next(o.value for o in item.options if o.value != item.answer)
    view.choose(wrong)
    feedback = view.feedback.value
    assert "✗ Not quite." in feedback and "comes back tomorrow" in feedback
    assert "once more at the end" in feedback
    assert any("(your answer)" in b.description for b in view.option_buttons)
    assert item in view.session.queue[-2:]


def test_typed_rewrite_is_judged(pool, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = _view(pool, tmp_path, {"rewrite"})
    item = view.session.current
    assert item is not None and item.skill == "rewrite"
    assert _visible(view.text_box) and not _visible(view.options_box)
    view.check_button.click()  # nothing typed yet
    assert "Type your question first" in view.notice.value and view.feedback.value == ""
    view.text.value = "What do you think?"
    view.check_button.click()
    assert "✗ Not quite." in view.feedback.value and "any conversation" in view.feedback.value
    assert "One good question" in view.feedback.value


def test_a_whole_session_ends_with_the_summary(pool, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = _view(pool, tmp_path)
    while view.session.current:
        item = view.session.current
        if item.options:
            view.choose(item.answer)
        else:
            view.type_answer(item.answer)
        assert "✓ Right." in view.feedback.value
        view.next_button.click()
    summary = view.summary.value
    assert "Today's practice is done" in view.progress.value
    assert "Done today:</b> 5 item(s)" in summary and "Streak:</b> 1 day(s)" in summary
    assert "Next items due:" in summary and "recall estimate" in summary
    assert not _visible(view.options_box) and not _visible(view.text_box)
    assert Journal.beside(tmp_path).get(KEY)["days"]["2026-12-01"]["right"] == 5
    assert _visible(view.more_button) and view.more_button.tooltip
    view.more_button.click()
    assert view.session.current is not None and view.summary.value == ""
    assert "Item 6 of 10" in view.progress.value and not _visible(view.more_button)


def test_rebuilding_after_the_session_shows_the_summary(pool, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = _view(pool, tmp_path)
    while view.session.current:
        item = view.session.current
        view.choose(item.answer) if item.options else view.type_answer(item.answer)
        view.next()
    again = _view(pool, tmp_path)
    assert again.session.current is None and "Done today" in again.summary.value


def test_todays_practice_reports_a_broken_bank(tmp_path: Path) -> None:
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "broken.yaml").write_text("id: broken\n", encoding="utf-8")
    shown = todays_practice(tmp_path)
    assert isinstance(shown, widgets.HTML)
    assert "could not start" in shown.value and "broken.yaml" in shown.value


def test_todays_practice_saves_beside_the_lessons(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(COURSE / "scenarios", tmp_path / "scenarios")
    shutil.copytree(COURSE / "practice", tmp_path / "practice")
    view = todays_practice(tmp_path, clock=Clock())
    assert isinstance(view, PracticeView)
    assert Journal.beside(tmp_path).get(KEY)["plan"]["date"] == "2026-12-01"
