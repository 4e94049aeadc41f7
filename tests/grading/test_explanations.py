"""Every autograded item has an explanation, and its keyed answer is what the course's own
scorers reward. Item scoring gives right, partly right and wrong from those scorers."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from coachlab.course import assignments
from coachlab.grading.cleanrun import literal_answers
from coachlab.grading.explanations import ExplanationError, load_explanations
from coachlab.grading.items import PARTLY, RIGHT, WRONG, GradedCell, is_journal_key, score_items

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = assignments(ROOT)


def _solution(exercise: str) -> tuple[dict[str, GradedCell], list[str]]:
    tests: dict[str, GradedCell] = {}
    answers: list[str] = []
    for path in sorted((ROOT / "solutions" / exercise).glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            nbg = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "code" and nbg.get("grade") and not nbg.get("solution"):
                tests[nbg["grade_id"]] = GradedCell(cell.source, float(nbg["points"]))
            elif cell.cell_type == "code" and nbg.get("solution"):
                answers.append(cell.source)
    return tests, answers


@pytest.mark.parametrize("exercise", EXERCISES)
def test_every_autograded_item_is_explained(exercise: str) -> None:
    explanations = load_explanations(ROOT / "solutions" / exercise / "explanations.yaml")
    tests, answers = _solution(exercise)
    assert set(explanations) == set(tests), "one entry per autograded cell"
    variables = literal_answers(answers)
    for grade_id, items in explanations.items():
        source = tests[grade_id].source
        for name in items:
            assert f'"{name}"' in source, f"{grade_id} does not score {name}"
            assert is_journal_key(name) or name in variables, f"{name} is no answer variable"
        # Every answer variable the cell scores is explained.
        scored = {name for name in variables if f'"{name}"' in source}
        assert scored <= set(items), f"{grade_id}: no explanation for {scored - set(items)}"


@pytest.mark.parametrize("exercise", EXERCISES)
def test_keyed_answers_earn_full_marks_and_wrong_ones_none(exercise: str) -> None:
    explanations = load_explanations(ROOT / "solutions" / exercise / "explanations.yaml")
    tests, answers = _solution(exercise)
    solution = literal_answers(answers)
    keyed = {name: note.keyed for items in explanations.values()
             for name, note in items.items() if note.keyed}
    for name, accepted in keyed.items():
        assert str(solution[name]).strip().lower() in [a.lower() for a in accepted], name
    typed = [f"{name} = {accepted[0]!r}" for name, accepted in keyed.items()]
    results = score_items(tests, explanations, typed, answers)
    for items in results.values():
        for result in items:
            if result.name in keyed:
                assert result.verdict == RIGHT, result
    wrong = score_items(tests, explanations, [f"{name} = 'zzz'" for name in keyed], answers)
    for items in wrong.values():
        for result in items:
            assert result.verdict == WRONG, result


def test_partly_right_when_a_scorer_gives_some_points() -> None:
    tests, answers = _solution("04-reinforce")
    explanations = load_explanations(ROOT / "solutions" / "04-reinforce" / "explanations.yaml")
    crammed = ('plan = ["day 1: negotiation: role play", "day 2: negotiation: drill", '
               '"day 3: negotiation: quiz yourself", "day 2: debrief: role play", '
               '"day 6: debrief: drill", "day 12: debrief: debrief", "day 25: debrief: drill"]')
    [plan] = score_items(tests, {"grade-a": explanations["grade-a"]}, [crammed], answers)["grade-a"]
    assert plan.verdict == PARTLY and 0 < plan.score < plan.max_score == 6


def test_learner_code_is_read_never_run(tmp_path: Path) -> None:
    tests, answers = _solution("01-tell-or-ask")
    explanations = load_explanations(ROOT / "solutions" / "01-tell-or-ask" / "explanations.yaml")
    marker = tmp_path / "ran"
    sneaky = f'label_1 = "leading"\nopen({str(marker)!r}, "w").write("x")\nlabel_2 = str("open")'
    results = score_items(tests, explanations, [sneaky], answers)["grade-a"]
    by_name = {r.name: r for r in results}
    assert by_name["label_1"].verdict == RIGHT
    assert by_name["label_2"].verdict == WRONG and not by_name["label_2"].answered
    # The feedback says why label_2 earned nothing: it was typed, but not between quotes.
    from coachlab.grading.explain import describe

    assert describe(by_name["label_2"]) == (
        "could not be read (you typed str(\"open\")): type it between quotes")
    assert describe(by_name["label_3"]) == "no answer"
    assert not marker.exists()


@pytest.mark.parametrize(("text", "problem"), [
    ("grade-a: [1, 2]\n", "grade-a: should be a mapping"),
    ("grade-a: {}\n", "grade-a: Dictionary should have at least 1 item"),
    ("- grade-a\n", "top level: should be a mapping"),
    ("grade-a:\n  x:\n    item: q\n", "grade-a.x.why: required, but missing"),
    ("grade-a:\n  x:\n    item: q\n    why: w\n    hint: h\n", "hint"),
    ("grade-a:\n  x:\n    item: q\n    why: w\n    answer: ''\n", "leave 'answer' out"),
    ("grade-a: {x: {item: q, why: [w}\n", "cannot be read"),
])
def test_malformed_explanations_are_refused_clearly(tmp_path: Path, text: str,
                                                    problem: str) -> None:
    path = tmp_path / "explanations.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ExplanationError, match=problem):
        load_explanations(path)


def test_feedback_says_the_first_saved_conversation_counts() -> None:
    from coachlab.grading.explain import describe
    from coachlab.grading.items import ItemResult

    record = {"conversation": "capstone", "replies": [{"choice": 1}],
              "plays": [{"replies": [{"choice": 0}]}, {"replies": [{"choice": 1}]}]}
    text = describe(ItemResult("grade-a", "05.capstone", record, True, 4.0, 10.0))
    assert text == "2 finished conversation(s) saved; the first one counts"


def test_feedback_on_an_interview_is_its_replayed_note(tmp_path: Path) -> None:
    import shutil

    from coachlab.grading.explain import describe
    from coachlab.grading.items import ItemResult, score_items

    source = ROOT / "solutions" / "05-capstone"
    cell = next(c for c in nbformat.read(source / "05-capstone.ipynb", as_version=4).cells
                if c.get("id") == "grade-a")
    tests = {"grade-a": GradedCell(cell.source, 10.0)}
    notes = load_explanations(source / "explanations.yaml")
    # The learner's journal: an interview of Owen that found one fact and took him for a rep who
    # lacks confidence, with a forged claim of the best outcome.
    journal = tmp_path / "coachlab-answers.json"
    shutil.copy(source / "reference-play.json", journal)
    data = json.loads(journal.read_text(encoding="utf-8"))
    play = {"questions": ["How did you run Northway last year?"], "diagnosis": "lacks_confidence",
            "coaching": "teach", "first_line": "Let me show you how I would run it."}
    data["answers"]["05.interview"]["value"] = {"interview": "owen-vp-watching", **play,
                                                "finished": True, "outcome": "best",
                                                "score": 12, "plays": [play]}
    journal.write_text(json.dumps(data), encoding="utf-8")
    [result] = score_items(tests, {"grade-a": notes["grade-a"]}, [], [], journal, source)["grade-a"]
    assert 0 < result.score < 10 and result.verdict == "partly right"
    text = describe(result)
    assert text.startswith("Your first finished interview (1 question): outcome poor")
    assert "evidence 1 of 2" in text and "claire watching (“" in text
    # A saved interview with nothing finished says so, and is not described as a conversation.
    unfinished = {"interview": "owen-vp-watching", "questions": ["Hi?"], "finished": False,
                  "plays": []}
    assert describe(ItemResult("grade-a", "05.interview", unfinished, True, 0.0, 10.0)) == (
        "an interview saved, but no finished one with this rep (none is scored)")


def test_a_malformed_explanations_file_lists_each_fault_by_its_field(tmp_path: Path) -> None:
    path = tmp_path / "explanations.yaml"
    path.write_text("grade-a:\n  label_1:\n    item: q\n    answer: []\n    hint: h\n"
                    "grade-b: {}\n", encoding="utf-8")
    with pytest.raises(ExplanationError) as caught:
        load_explanations(path)
    assert str(caught.value) == (
        f"{path}: grade-a.label_1.answer: leave 'answer' out for an open-ended item instead of "
        "emptying it; grade-a.label_1.why: required, but missing; "
        "grade-a.label_1.hint: not a field here (check its spelling and indentation); "
        "grade-b: Dictionary should have at least 1 item after validation, not 0")


def test_an_explanations_file_is_parsed_once_yet_edits_and_errors_are_seen(tmp_path: Path) -> None:
    path = tmp_path / "explanations.yml"
    entry = "grade-a:\n  label_1:\n    item: The first label\n    answer: {}\n    why: {}\n"
    path.write_text(entry.format("ask", "Asking finds the cause."), encoding="utf-8")
    first = load_explanations(path)
    assert load_explanations(path) == first
    assert load_explanations(path) is not first  # a caller's copy, never the cached one
    path.write_text(entry.format("tell", "Telling is faster."), encoding="utf-8")
    assert load_explanations(path)["grade-a"]["label_1"].keyed == ["tell"]
    path.write_text("grade-a: {}\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ExplanationError):
            load_explanations(path)
