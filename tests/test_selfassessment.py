"""The self-assessment: the shipped questionnaire, validation, scoring and the chart."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlab import selfassessment as sa
from coachlab.responses import Journal

Q = sa.load_questionnaire()


def answers(value: int = 3, **overrides: int) -> dict[str, int]:
    return {**{s.id: value for s in Q.statements}, **overrides}


def test_shipped_questionnaire_has_three_dimensions_and_nine_to_twelve_statements() -> None:
    assert [d.id for d in Q.dimensions] == ["asking", "letting_try", "reinforcing"]
    assert 9 <= len(Q.statements) <= 12
    assert Q.scale[0] == "never" and Q.scale[-1] == "always"
    for dimension in Q.dimensions:
        items = Q.statements_for(dimension.id)
        assert len(items) >= 3
        assert any(s.reverse for s in items) and not all(s.reverse for s in items)


def test_middle_answers_score_fifty_everywhere() -> None:
    assert sa.score(answers(3)) == {"asking": 50.0, "letting_try": 50.0, "reinforcing": 50.0}


def test_reverse_scored_statements_are_flipped() -> None:
    best = {s.id: 1 if s.reverse else 5 for s in Q.statements}
    worst = {s.id: 5 if s.reverse else 1 for s in Q.statements}
    assert set(sa.score(best).values()) == {100.0}
    assert set(sa.score(worst).values()) == {0.0}
    # "always" on a reverse statement lowers its dimension.
    reverse = next(s for s in Q.statements if s.reverse)
    lowered = sa.score(answers(3, **{reverse.id: 5}))
    assert lowered[reverse.dimension] < 50.0


def test_one_dimension_moves_alone() -> None:
    first = Q.statements_for("asking")[0]
    profile = sa.score(answers(3, **{first.id: 5 if not first.reverse else 1}))
    assert profile["asking"] > 50.0
    assert profile["letting_try"] == profile["reinforcing"] == 50.0


@pytest.mark.parametrize(
    ("bad", "fragment"),
    [
        (None, "no answers"),
        ([3, 3], "no answers"),
        ({}, "12 of 12 statements are not answered"),
        ({**answers(), "extra": 3}, "not in the questionnaire"),
        ({**answers(), "ask_first": 0}, "outside the scale"),
        ({**answers(), "ask_first": 6}, "outside the scale"),
        ({**answers(), "ask_first": True}, "outside the scale"),
        ({**answers(), "ask_first": 3.0}, "outside the scale"),
        ({**answers(), "ask_first": "3"}, "outside the scale"),
    ],
)
def test_invalid_answers_are_refused(bad: object, fragment: str) -> None:
    problems = sa.answer_problems(bad)
    assert problems and any(fragment in p for p in problems), problems
    with pytest.raises(sa.AnswersError):
        sa.score(bad)


def test_missing_statements_are_numbered() -> None:
    partial = answers()
    del partial[Q.statements[1].id]
    assert sa.answer_problems(partial) == ["1 of 12 statements are not answered yet (statement 2)"]


def test_validate_returns_a_plain_copy_in_order() -> None:
    valid = sa.validate_answers(dict(reversed(list(answers(4).items()))))
    assert list(valid) == [s.id for s in Q.statements] and set(valid.values()) == {4}


def test_malformed_questionnaires_are_refused(tmp_path: Path) -> None:
    good = {"id": "x", "scale": ["never", "rarely", "sometimes", "often", "always"],
            "dimensions": [{"id": "a", "name": "A", "description": "d"}],
            "statements": [{"id": "s1", "dimension": "a", "text": "t"},
                           {"id": "s2", "dimension": "a", "text": "t", "reverse": True}]}
    assert len(sa.parse_questionnaire(good).statements) == 2
    broken = [
        {**good, "scale": ["no", "yes"]},
        {**good, "statements": [*good["statements"], {"id": "s1", "dimension": "a", "text": "t"}]},
        {**good, "statements": [*good["statements"], {"id": "s3", "dimension": "b", "text": "t"}]},
        {**good, "statements": good["statements"][:1]},
        {**good, "statements": [{"id": "s1", "dimension": "a", "text": "t", "reverse": "yes"},
                                good["statements"][1]]},
        {**good, "colour": "blue"},
        [],
    ]
    for data in broken:
        with pytest.raises(sa.QuestionnaireError):
            sa.parse_questionnaire(data)
    path = tmp_path / "q.yaml"
    path.write_text("scale: [unclosed\n")
    with pytest.raises(sa.QuestionnaireError, match="not valid YAML"):
        sa.load_questionnaire(path)


def test_recorded_profile(tmp_path: Path) -> None:
    assert sa.recorded_profile("00.self", tmp_path / "missing") is None
    Journal.beside(tmp_path).record("00.self", sa.record_value(answers(3)))
    assert sa.recorded_profile("00.self", tmp_path) == sa.score(answers(3))


def test_profile_chart_is_a_figure_without_pyplot_state() -> None:
    import sys

    from matplotlib.figure import Figure

    before = sa.score(answers(2))
    after = sa.score(answers(4))
    figure = sa.profile_chart(before)
    assert isinstance(figure, Figure)
    axes = figure.axes[0]
    ticks = sorted(zip(axes.get_yticks(), [t.get_text() for t in axes.get_yticklabels()],
                       strict=True))
    assert [name for _, name in ticks] == [d.name for d in Q.dimensions][::-1]  # first on top
    assert axes.get_xlim()[0] == 0 and axes.get_xlim()[1] >= 100
    assert len(axes.patches) == 3
    both = sa.profile_chart(before, after)
    assert len(both.axes[0].patches) == 6
    assert both.legends, "a before/after chart has a legend"
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        assert not plt.get_fignums()


def test_profile_text_lists_changes() -> None:
    before = {"asking": 25.0, "letting_try": 62.5, "reinforcing": 40.0}
    after = {"asking": 75.0, "letting_try": 37.5, "reinforcing": 40.0}
    assert sa.profile_text(before, after).split("\n") == [
        "Asking, not telling: 25 → 75 (+50)",
        "Letting reps try, not rescuing: 63 → 38 (-25)",
        "Reinforcing with repetition: 40 → 40 (+0)",
    ]
    assert sa.profile_text(before).split("\n")[1] == "Letting reps try, not rescuing: 63"


def test_unreadable_journal_has_no_profile(tmp_path: Path) -> None:
    Journal.beside(tmp_path).path.write_text("{broken")
    assert sa.recorded_profile("00.self", tmp_path) is None


def test_a_malformed_questionnaire_file_names_the_file_each_field_and_the_fault(
        tmp_path: Path) -> None:
    path = tmp_path / "self-assessment.yaml"
    path.write_text(
        "id: x\n"
        "version: '2'\n"
        "scale: [never, rarely, sometimes, often, always]\n"
        "dimensions:\n"
        "  - {id: a, name: A, description: d}\n"
        "statements:\n"
        "  - {id: s1, dimension: a, text: t, reverse: yes please}\n"
        "  - {id: s2, dimension: a, text: '  '}\n"
        "  - {id: s3, dimension: a, txt: t}\n",
        encoding="utf-8")
    with pytest.raises(sa.QuestionnaireError) as caught:
        sa.load_questionnaire(path)
    assert str(caught.value) == (
        f"{path.resolve()}: version: Input should be a valid integer (got '2'); "
        "statements.1.reverse: should be true or false (got 'yes please'); "
        "statements.2.text: String should have at least 1 character (got '  '); "
        "statements.3.text: required, but missing; "
        "statements.3.txt: not a field here (check its spelling and indentation)")


def test_a_questionnaire_whose_parts_do_not_fit_together_says_how(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text(
        "scale: [never, rarely, sometimes, often, always]\n"
        "dimensions: [{id: a, name: A, description: d}, {id: b, name: B, description: d}]\n"
        "statements:\n"
        "  - {id: s1, dimension: a, text: t}\n"
        "  - {id: s1, dimension: a, text: t}\n"
        "  - {id: s3, dimension: c, text: t}\n", encoding="utf-8")
    with pytest.raises(sa.QuestionnaireError) as caught:
        sa.load_questionnaire(path)
    assert str(caught.value) == (
        f"{path.resolve()}: top level: duplicate statement ids ['s1']; "
        "statement 's3' names unknown dimension 'c'; "
        "dimension 'b' needs at least two statements")
    path.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(sa.QuestionnaireError) as caught:
        sa.load_questionnaire(path)
    assert str(caught.value) == (f"{path.resolve()}: top level: should be a mapping "
                                 "(name: value lines)")
