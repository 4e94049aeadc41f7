"""PracticeView driven from Python: click answers, type a rewrite, reach the summary."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import ipywidgets as widgets
import pytest

from coachlab.journals import record_lesson_opened
from coachlab.practice import Item, Option, Session, build_pool
from coachlab.practice.judge import PARTLY
from coachlab.practice.state import KEY
from coachlab.responses import Journal
from coachlab.widgets.practice import (
    _RESULT_WORDS,
    PracticeView,
    explanation_points,
    todays_practice,
)

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
    assert len(view.option_buttons) == len(item.options) == 8  # five moves, three flags
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
    assert "✓ Right" in feedback and 'role="status"' in feedback and "Why:" in feedback
    assert "Next review: in" in feedback and "%" not in feedback
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
    assert "✗ Not quite" in feedback and "Next review: tomorrow." in feedback
    assert "%" not in feedback  # no "recall estimate 100%" right after a miss
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
    assert "✗ Not quite" in view.feedback.value and "any conversation" in view.feedback.value
    assert "One good question" in view.feedback.value


def test_a_whole_session_ends_with_the_summary(pool, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = _view(pool, tmp_path)
    while view.session.current:
        item = view.session.current
        if item.options:
            view.choose(item.answer)
        else:
            view.type_answer(item.answer)
        assert "✓ Right" in view.feedback.value
        view.next_button.click()
    summary = view.summary.value
    assert "Today's practice is done" in view.progress.value
    assert "Done today:</b> 5 item(s)" in summary and "Streak:</b> 1 day(s)" in summary
    assert "Next items due:" in summary and "next review" in summary
    assert "100%" not in summary and ("tomorrow" in summary or " days<" in summary)
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


def _course_copy(tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(COURSE / "scenarios", tmp_path / "scenarios")
    shutil.copytree(COURSE / "practice", tmp_path / "practice")
    return tmp_path


def test_todays_practice_saves_beside_the_lessons(tmp_path: Path) -> None:
    folder = _course_copy(tmp_path)
    record_lesson_opened(folder, "01-tell-or-ask")
    view = todays_practice(folder, clock=Clock())
    assert isinstance(view, PracticeView)
    assert Journal.beside(folder).get(KEY)["plan"]["date"] == "2026-12-01"
    planned = Journal.beside(folder).get(KEY)["plan"]["items"]
    offered = [i for i in view.session.pool if i.id in planned]
    assert offered and all(i.module == "01" for i in offered)


def test_the_summary_says_which_lesson_opens_a_skill_not_offered_yet(pool, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = PracticeView(Session(pool, Journal.beside(tmp_path), clock=Clock(),
                                opened=frozenset({"01"})))
    assert view.session.waiting_skills() == {"diagnose": "02", "step_in": "03", "debrief": "03",
                                             "interview": "02"}
    while view.session.current:
        item = view.session.current
        view.choose(item.answer) if item.options else view.type_answer(item.answer)
        view.next()
    rows = re.findall(r"<tr><td>(.*?)</td>.*?<td>([^<]*)</td></tr>", view.summary.value)
    last = {name: cell for name, cell in rows}
    assert last["Find the root cause"] == "after lesson 02"
    assert last["Interview a rep"] == "after lesson 02"
    assert last["Debrief and pre-brief"] == "after lesson 03"
    assert re.fullmatch(r"today|tomorrow|in \d+ days", last["Sort the reply"])


def test_todays_practice_with_nothing_opened_says_what_to_open_first(tmp_path: Path) -> None:
    folder = _course_copy(tmp_path)
    (folder / "01-tell-or-ask.ipynb").write_text("{}", encoding="utf-8")
    shown = todays_practice(folder, clock=Clock())
    assert isinstance(shown, widgets.HTML) and not isinstance(shown, PracticeView)
    assert "Nothing to practise yet" in shown.value and "01-tell-or-ask.ipynb" in shown.value
    assert "could not" not in shown.value and "coachlab-wrong" not in shown.value
    assert Journal.beside(folder).get(KEY)["plan"]["items"] == []  # nothing planned early


# ------------------------------------------------------------------ readable feedback

def _item(**changes: object) -> Item:
    base = dict(id="sort:x:1", skill="sort", prompt="Which move?", answer="open",
                explanation="It hands the thinking to the rep. It starts with what. Open "
                            "questions ask the rep to think.",
                options=(Option("open", "An open question"), Option("tell", "A tell <b>")))
    base.update(changes)
    return Item(**base)  # type: ignore[arg-type]


def test_feedback_is_a_word_and_symbol_then_the_answer_then_short_points(tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = PracticeView(Session([_item()], Journal.beside(tmp_path), clock=Clock()))
    view.choose("tell")
    html = view.feedback.value
    verdict = re.search(r'<p class="coachlab-verdict">(.*?)</p>', html)
    assert verdict and verdict.group(1) == "✗ Not quite"  # a symbol and a word, not colour
    assert "<b>Your answer:</b> A tell &lt;b&gt;" in html
    assert "<b>The answer:</b> An open question" in html
    assert html.count("<li>") == 3 and "<li>It starts with what.</li>" in html
    assert html.index("verdict") < html.index("The answer:") < html.index("Why:")
    # text keeps the notebook's colour: no class that colours text, no inline colour
    assert "coachlab-wrong" not in html and "coachlab-right" not in html
    assert "color" not in html and "coachlab-feedback-wrong" in html


def test_feedback_after_a_right_answer_and_partly_right_says_so_in_words(tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = PracticeView(Session([_item(explanation="Short.")], Journal.beside(tmp_path),
                                clock=Clock()))
    view.choose("open")
    html = view.feedback.value
    assert '<p class="coachlab-verdict">✓ Right</p>' in html
    assert "Your answer:" not in html and "<b>Why:</b> Short.</p>" in html and "<li>" not in html
    assert _RESULT_WORDS[PARTLY][:2] == ("◐", "Partly right")


def test_feedback_escapes_content_and_typed_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    rewrite = _item(id="rewrite:x:1", skill="rewrite", options=(), answer="What <i>now</i>?",
                    explanation="<script>alert(1)</script> Then more.",
                    rep_line="The Fenwick deal is stuck.")
    view = PracticeView(Session([rewrite], Journal.beside(tmp_path), clock=Clock()))
    view.type_answer('<img src=x onerror="alert(1)"> What is stuck on Fenwick?')
    html = view.feedback.value
    assert "<script>" not in html and "<img" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html and "&lt;img" in html and "What &lt;i&gt;now" in html


def test_buttons_are_wide_enough_for_their_labels(pool, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = _view(pool, tmp_path, {"rewrite"})
    for fitted in (view.check_button, view.next_button, view.more_button):
        assert fitted.layout.width == "auto", fitted.description
    assert all(b.layout.width == "100%" for b in _view(pool, tmp_path, {"sort"}).option_buttons)


def test_explanations_become_points_by_part_then_by_sentence(pool) -> None:  # type: ignore[no-untyped-def]
    parts = _item(explanation="Best: “Why not? Ask.” (open).\nNot “Tell”: it tells. Really.")
    assert explanation_points(parts) == ["Best: “Why not? Ask.” (open).",
                                         "Not “Tell”: it tells. Really."]
    one = _item(explanation="It asks “What now? And then?” of the rep. (Then. More.) Last.")
    assert explanation_points(one) == ["It asks “What now? And then?” of the rep.",
                                       "(Then. More.) Last."]
    for item in pool:  # every item in the course reads as short points, none empty
        points = explanation_points(item)
        assert points and all(point.strip() for point in points), item.id
        assert max(len(point) for point in points) < 700, item.id


def test_next_review_counts_the_learners_own_days(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta, timezone

    evening = Clock()
    evening.now = datetime(2026, 12, 1, 23, 30, tzinfo=timezone(timedelta(hours=-8)))  # UTC: 2nd
    view = PracticeView(Session([_item()], Journal.beside(tmp_path), clock=evening))
    view.choose("tell")
    assert "Next review: tomorrow." in view.feedback.value
