"""Short interviews as practice items: which reps, judged by replaying, rated, gated, shown."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from coachlab.journals import module_of
from coachlab.practice import Item, Session, build_pool
from coachlab.practice.judge import INTERVIEW_RESULTS, judge
from coachlab.practice.lesson_items import PracticeFileError
from coachlab.practice.schedule import rating_for
from coachlab.practice.state import KEY
from coachlab.responses import Journal

from .conftest import COURSE, FIRST_LINE, FakeClock, model_play

ROOT = COURSE.parent
LESSON_FILE = COURSE / "practice" / "02-find-the-root-cause.yaml"
GRADED = {"priya-cfo-waiting", "rosa-committee-stage", "owen-vp-watching"}
"""The reps exercise 02 and the capstone grade."""


@pytest.fixture(scope="module")
def items(pool: list[Item]) -> list[Item]:
    return [item for item in pool if item.skill == "interview"]


def test_each_listed_rep_is_one_interview_item_of_module_02(items: list[Item]) -> None:
    listed = yaml.safe_load(LESSON_FILE.read_text())["practice_interviews"]
    assert [item.rep_id for item in items] == listed["reps"]
    for item in items:
        assert item.kind == "interview" and item.module == "02"
        assert item.questions == listed["questions"] == 6
        assert Path(item.rep_file).is_file()
        assert item.prompt.startswith("Interview ") and "at most 6 questions" in item.prompt


def _reps_named_in(folder: Path) -> set[str]:
    reps = {path.stem for path in (COURSE / "reps").glob("*.yaml")}
    text = " ".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.ipynb")
                    if ".ipynb_checkpoints" not in p.parts)
    return {rep for rep in reps if re.search(rf"\b{re.escape(rep)}\b", text)}


def test_practice_reps_are_not_met_in_the_lesson_the_exercise_or_the_capstone(
        items: list[Item]) -> None:
    lesson = yaml.safe_load(LESSON_FILE.read_text())["interview"]
    used = {lesson} | GRADED | _reps_named_in(ROOT / "solutions") | _reps_named_in(COURSE)
    practised = {item.rep_id for item in items}
    assert practised and not practised & used, practised & used
    assert len(practised) == len({p.stem for p in (COURSE / "reps").glob("*.yaml")}) - len(
        {lesson} | GRADED)


@pytest.mark.parametrize("rep_id", [
    "chloe-intro-calls", "hana-technical-discovery", "jess-pricing-call", "joel-no-budget-talk",
    "jordan-outbound-silence", "maya-webinar-followups", "nadia-flat-expansion",
    "ravi-cold-call-hangups", "sam-no-business-case", "tom-hospital-execs"])
def test_each_rep_can_be_won_within_the_budget(items: list[Item], rep_id: str) -> None:
    item = next(i for i in items if i.rep_id == rep_id)
    play = model_play(item)
    assert len(play["questions"]) <= item.questions
    verdict = judge(item, play)
    assert verdict.result == "right", verdict.message
    assert verdict.message.startswith("Outcome: best.")


def test_outcomes_map_to_results_and_ratings(items: list[Item]) -> None:
    from fsrs import Rating

    assert INTERVIEW_RESULTS == {"best": "right", "good": "partly", "mixed": "wrong",
                                 "poor": "wrong"}
    item = items[0]
    assert rating_for(item, "right", 3600) == Rating.Good  # a long interview is not slow recall
    assert rating_for(item, "partly", 10) == Rating.Hard
    assert rating_for(item, "wrong", 10) == Rating.Again


def test_content_free_questions_never_earn_best(items: list[Item]) -> None:
    for item in items:
        rep = model_play(item)
        vague = {**rep, "questions": ["What do you think?", "Tell me more.", "What else?",
                                      "And what else?", "How is it going?", "Anything else?"]}
        verdict = judge(item, vague)
        assert verdict.result != "right", (item.rep_id, verdict.message)


def test_the_right_answer_without_evidence_is_not_best(items: list[Item]) -> None:
    item = items[0]
    verdict = judge(item, {**model_play(item), "questions": []})
    assert verdict.result != "right" and "0 of the 2 facts" in verdict.message


def test_only_the_budget_of_questions_is_replayed(items: list[Item]) -> None:
    item = items[0]
    good = model_play(item)
    padded = {**good, "questions": ["What do you think?"] * item.questions + good["questions"]}
    assert judge(item, good).result == "right"
    verdict = judge(item, padded)
    assert verdict.result != "right"
    assert f"in {item.questions} question(s)" in verdict.message


@pytest.mark.parametrize("play", [
    None, "best", {"outcome": "best", "score": 12}, {"questions": "What?"},
    {"questions": [1, None, {"x": 1}], "diagnosis": 7, "coaching": ["ask"]},
])
def test_a_forged_or_broken_play_earns_nothing(items: list[Item], play: object) -> None:
    assert judge(items[0], play).result == "wrong"  # type: ignore[arg-type]


def test_interviews_wait_for_lesson_02(tmp_path: Path, pool: list[Item]) -> None:
    journal = Journal.beside(tmp_path)
    before = Session(pool, journal, clock=FakeClock(), opened={"01"}, new_limit=200, size=500)
    assert not [i for i in before.queue if i.skill == "interview"]
    assert before.waiting_skills()["interview"] == "02"
    after = Session([i for i in pool if i.module in {"02"}], Journal.beside(tmp_path / "b"),
                    clock=FakeClock(), opened={"02"})
    assert any(i.skill == "interview" for i in after.new_pool)
    assert module_of("practice.interview.joel-no-budget-talk") is None  # never opens a module


def _course_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "course"
    for part in ("scenarios", "practice", "reps"):
        shutil.copytree(COURSE / part, folder / part)
    return folder


def _rewrite(folder: Path, change: dict) -> None:
    path = folder / "practice" / LESSON_FILE.name
    data = yaml.safe_load(path.read_text())
    data.update(change)
    path.write_text(yaml.safe_dump(data))


@pytest.mark.parametrize(("block", "message"), [
    ({"questions": 6, "reps": []}, "reps: Tuple should have at least 1 item"),
    ({"questions": 1, "reps": ["chloe-intro-calls"]}, "questions: Input should be greater"),
    ({"questions": 6, "reps": ["Not An Id"]},
     "practice_interviews.reps.1: String should match pattern"),
    ({"questions": 6, "reps": ["chloe-intro-calls"], "turns": 3},
     "practice_interviews.turns: not a field here"),
    ({"questions": 6, "reps": ["nobody-here"]}, "no rep 'nobody-here'"),
    ({"questions": 6, "reps": ["marcus-short-discovery"]},
     "marcus-short-discovery is the rep this lesson plays"),
])
def test_a_broken_block_is_reported_naming_the_file(tmp_path: Path, block: dict,
                                                      message: str) -> None:
    folder = _course_copy(tmp_path)
    _rewrite(folder, {"practice_interviews": block})
    with pytest.raises(PracticeFileError, match=re.escape(message)) as caught:
        build_pool(folder)
    assert "02-find-the-root-cause.yaml: practice_interviews" in str(caught.value)


def test_editing_a_rep_gives_a_new_item(tmp_path: Path, items: list[Item]) -> None:
    folder = _course_copy(tmp_path)
    rep = folder / "reps" / "chloe-intro-calls.yaml"
    rep.write_text(rep.read_text().replace("Chloe Martin", "Chloe Marten"))
    fresh = {i.rep_id: i for i in build_pool(folder) if i.skill == "interview"}
    old = {i.rep_id: i for i in items}
    assert fresh["chloe-intro-calls"].id != old["chloe-intro-calls"].id
    assert fresh["tom-hospital-execs"].id == old["tom-hospital-execs"].id


# ------------------------------------------------------------------------------ the widget

def _view(tmp_path: Path, items: list[Item], clock: FakeClock):  # type: ignore[no-untyped-def]
    from coachlab.widgets.practice import PracticeView

    session = Session(items[:1], Journal.beside(tmp_path), clock=clock)
    return PracticeView(session)


def test_the_practice_view_plays_an_interview_within_its_budget(tmp_path: Path,
                                                                items: list[Item]) -> None:
    clock = FakeClock()
    view = _view(tmp_path, items, clock)
    widget = view.interview_widget
    item = items[0]
    assert widget is not None and widget.rep.id == item.rep_id and widget.budget == 6
    assert view.options_box.layout.display == "none" and view.text_box.layout.display == "none"
    assert "Questions asked:</b> 0 of 6 (6 left)" in widget.meter.value
    assert widget.again_button.layout.display == "none"
    for _ in range(6):
        assert widget.ask("What do you think?") is not None
    assert widget.ask("And what else?") is None
    assert "You have asked your 6 questions" in widget.notice.value
    assert widget.ask_box.layout.display == "none"
    assert "none left: diagnose below" in widget.meter.value
    assert not view.feedback.value

    widget.finish(widget.rep.cause, widget.rep.coaching, FIRST_LINE)
    assert "✗ Not quite" in view.feedback.value or "◐ Partly right" in view.feedback.value
    assert "Outcome: " in view.feedback.value and "in 6 question(s)" in view.feedback.value
    saved = Journal.beside(tmp_path).get(f"practice.interview.{item.rep_id}")
    assert saved["interview"] == item.rep_id and saved["finished"] is True
    assert saved["plays"][0]["questions"] == ["What do you think?"] * 6
    card = Journal.beside(tmp_path).get(KEY)["cards"][item.id]
    assert card["skill"] == "interview" and card["last"] in ("wrong", "partly")


def test_a_good_interview_is_right_and_comes_back_fresh(tmp_path: Path,
                                                        items: list[Item]) -> None:
    clock = FakeClock()
    item = items[0]
    view = _view(tmp_path, items, clock)
    play = model_play(item)
    for question in play["questions"]:
        view.interview_widget.ask(question)
    view.interview_widget.finish(play["diagnosis"], play["coaching"], play["first_line"])
    assert "✓ Right" in view.feedback.value and "Outcome: best." in view.feedback.value
    ending = view.interview_widget.ending.value
    assert "How it went" in ending and "Interview again" not in ending
    assert "Next review: in 2 days." in view.feedback.value
    view.next()
    assert view.interview_widget is None and "Today's practice is done" in view.progress.value

    clock.advance(days=30)  # due again: a new review starts a new interview
    again = _view(tmp_path, items, clock)
    assert again.session.current.id == item.id
    assert again.interview_widget.questions == [] and not again.interview_widget.at_ending
    saved = Journal.beside(tmp_path).get(f"practice.interview.{item.rep_id}")
    assert len(saved["plays"]) == 1  # the finished play is kept
