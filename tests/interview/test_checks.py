"""The rep checker: each broken rep fails with its exact message; the fixtures pass."""

from __future__ import annotations

from pathlib import Path

from coachlab.interview.checks import check_any, check_rep

from .conftest import FIXTURES, HERE

BROKEN = HERE / "broken"

# file stem -> every finding expected, as (line, message)
EXPECTED: dict[str, list[tuple[int | None, str]]] = {
    "deep-unreached": [
        (47, 'specific fact "waits-for-permission" is not reached by its paraphrase "How was '
             'the weather at the offsite?"; add the manager\'s words to its topics or reword '
             "the paraphrase"),
        (47, 'fact "waits-for-permission" is reached by 4 distinct paraphrases; write at least '
             "5 that reach it"),
    ],
    "content-free-leak": [
        (47, 'the content-free question "What\'s bothering you?" reaches specific fact '
             '"waits-for-permission"; only surface facts may answer a question with no content'),
    ],
    "surface-evidence": [
        (12, "a script of only content-free questions with the right diagnosis and coaching "
             "reaches best with 11/12 points; it must reach neither best nor more than 60% of "
             "the points"),
    ],
    "few-paraphrases": [
        (37, 'fact "drafted-email-to-cfo" is reached by 3 distinct paraphrases; write at least '
             "5 that reach it"),
    ],
    "no-paraphrases": [
        (2, "no paraphrase file: write phrasings/no-paraphrases.paraphrases.yaml beside the rep, "
            "with at least 5 questions for every fact"),
    ],
}


def test_every_broken_rep_has_expectations() -> None:
    assert sorted(path.stem for path in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


def test_each_broken_rep_fails_with_its_exact_message() -> None:
    for stem, expected in EXPECTED.items():
        path = BROKEN / f"{stem}.yaml"
        found = [(f.line, f.message) for f in check_rep(path)]
        assert found == expected, stem
        assert all(f.severity == "error" for f in check_rep(path))


def test_the_fixture_reps_pass() -> None:
    assert check_any([FIXTURES]) == []


def test_scenario_and_rep_files_go_to_their_own_checker(tmp_path: Path) -> None:
    scenario = Path(__file__).parents[1] / "scenarios" / "good" / "minimal.yaml"
    findings = check_any([scenario, FIXTURES / "fx-dana.yaml", BROKEN / "few-paraphrases.yaml"])
    assert [f.path.name for f in findings if f.is_error] == ["few-paraphrases.yaml"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert [f.message for f in check_any([empty])] == ["no scenario files (*.yaml) in directory"]
