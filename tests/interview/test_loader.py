"""Loading reps: every malformed file gives a clear error naming the file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlab.interview import RepError, load_rep, load_reps
from coachlab.interview.loader import load_paraphrases
from coachlab.scenarios.loader import MAX_BYTES

from .conftest import FIXTURES

GOOD = (FIXTURES / "fx-dana.yaml").read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str, name: str = "fx-dana") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _error(path: Path) -> str:
    with pytest.raises(RepError) as caught:
        load_rep(path)
    return str(caught.value)


def test_fixture_reps_load_with_their_paraphrases() -> None:
    reps = load_reps(FIXTURES)
    assert list(reps) == ["fx-dana", "fx-sam"]
    dana = reps["fx-dana"]
    assert dana.cause == "lacks_confidence" and len(dana.facts) == 6
    assert dana.paraphrases["drafted-email-to-cfo"][0] == \
        "What have you tried to reach the decision maker?"
    assert {fact.id for fact in dana.discriminating} == {
        "knows-the-method", "drafted-email-to-cfo", "nervous-with-seniors"}


@pytest.mark.parametrize(("change", "message"), [
    (("cause: lacks_confidence", "cause: shy"),
     ":12: error: cause: Input should be 'lacks_confidence', 'lacks_competence'"),
    (("depth: surface", "depth: shallow"),
     ":17: error: facts[0].depth: Input should be 'surface', 'specific' or 'trust'"),
    (("coaching: ask", "coachng: ask"),
     ':13: error: unknown key "coachng" in top level; did you mean "coaching"?'),
    (("    answers:\n      - \"Mostly", "    answer:\n      - \"Mostly"),
     ':19: error: unknown key "answer" in facts[0]; did you mean "answers"?'),
    (("  opening: \"Honestly, I don't know what's going on with these deals.\"\n", ""),
     ':4: error: persona: missing required key "opening"'),
    (("id: deals-went-quiet", "id: only-talks-to-champion"),
     ':15: error: facts: fact id "only-talks-to-champion" is used twice; fact ids must be unique'),
    (("id: fx-dana", "id: fx-other"),
     ':2: error: id "fx-other" does not match the file name "fx-dana.yaml"; '
     "name the file fx-other.yaml"),
])
def test_schema_errors_name_file_line_and_field(tmp_path: Path, change: tuple[str, str],
                                                message: str) -> None:
    path = _write(tmp_path, GOOD.replace(*change, 1))
    assert f"{path}{message}" in _error(path)


@pytest.mark.parametrize(("text", "message"), [
    ("id: [unclosed\n", ":2: error: invalid YAML"),
    ("- just\n- a list\n", ":1: error: a rep file must be a mapping"),
    ("id: !!python/object/apply:os.system [ls]\n", ":1: error: refused: tag "),
    ("a: &x [1]\nb: *x\n", ":1: error: refused: anchors (&x) are not allowed"),
    ("", ":1: error: file is empty"),
])
def test_unreadable_yaml_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    assert f"{path}{message}" in _error(path)


def test_a_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = _write(tmp_path, "id: x\n" + "#" * (MAX_BYTES + 1))
    assert f"file is {path.stat().st_size} bytes" in _error(path)


def test_paraphrase_file_errors(tmp_path: Path, dana) -> None:  # noqa: ANN001
    path = tmp_path / "p.yaml"
    path.write_text('rep: fx-sam\nparaphrases:\n  no-such-fact: ["What?"]\n'
                    "  deals-went-quiet: 3\n")
    with pytest.raises(RepError) as caught:
        load_paraphrases(path, dana)
    assert str(caught.value).splitlines() == [
        f'{path}:1: error: rep: "fx-sam" should be "fx-dana"',
        f'{path}:3: error: paraphrases.no-such-fact: no fact "no-such-fact" in rep fx-dana',
        f"{path}:4: error: paraphrases.deals-went-quiet: must be a list of questions "
        "(non-empty strings)",
    ]


def test_load_reps_reports_every_bad_file(tmp_path: Path) -> None:
    _write(tmp_path, "id: [\n", "fx-a")
    _write(tmp_path, "- x\n", "fx-b")
    with pytest.raises(RepError) as caught:
        load_reps(tmp_path)
    assert [finding.path.name for finding in caught.value.findings] == ["fx-a.yaml", "fx-b.yaml"]
