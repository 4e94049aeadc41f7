"""The checker: each deliberately broken file fails with its precise message and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlab.scenarios import Finding, check_paths

HERE = Path(__file__).parent
BROKEN = HERE / "broken"
GOOD = HERE / "good" / "minimal.yaml"
VOCAB = (
    "fears_being_stumped, lacks_competence, lacks_confidence, manager_fears_missing_number, "
    "poor_delivery, poor_message, unsure_which_questions"
)

OPEN_NEVER_FAILS = (
    "every open choice leads to the best ending: make at least one open question fail "
    '(off-topic, judging "Why did you…?", stacked, or asked when the rep needs a decision now) '
    "so that no best ending can be reached after it"
)
NO_TRIED_AND_FAILED = (
    "no ending shows the rep trying and failing with a debrief worth having: add an ending "
    "with rep_tried: true, deal: lost or slipped, and an outcome above poor whose debrief turns "
    "the loss into learning"
)

# file stem -> every finding expected, as (severity, line, message)
EXPECTED: dict[str, list[tuple[str, int | None, str]]] = {
    "syntax_error": [("error", 2, "invalid YAML: mapping values are not allowed here")],
    "python_object_tag": [("error", 4, "refused: tag !!python/object/apply:os.system is not "
                           "allowed; scenario files hold plain data only (mappings, lists, "
                           "strings, numbers, booleans)")],
    "billion_laughs": [("error", 2, "refused: anchors (&a) are not allowed in scenario files; "
                        "write the text out in full")],
    "empty": [("error", 1, "file is empty")],
    "not_a_mapping": [("error", 1, "a scenario file must be a mapping (id:, title:, rep:, ...) "
                       "at the top level")],
    "duplicate_key": [("error", 17, 'duplicate key "rep_says" (first defined on line 16); '
                       "YAML would silently keep only the last one")],
    "unknown_key": [("error", 30, 'unknown key "endng" in nodes.lost; did you mean "ending"?')],
    "extra_key": [("error", 12, 'unknown key "hint" in nodes.a.choices[0] '
                   "(allowed: reply, move, next, consequence)")],
    "missing_key": [("error", 3, 'rep: missing required key "persona"')],
    "bad_move": [("error", 12, "nodes.a.choices[0].move: Input should be 'tell', 'rescue', "
                  "'open', 'closed' or 'leading'")],
    "bad_root_cause": [("error", 5, f'root_cause: "lack_of_confidence" is not in the '
                        f"vocabulary ({VOCAB})")],
    "dead_end": [("error", 28, "nodes.lost: dead end: the node has no choices and no ending")],
    "missing_start": [("error", 7, 'start "begin" is not a node in this scenario')],
    "missing_next": [("error", 24, 'choice "Did they sign?" in node "c" goes to missing node '
                      '"lots"')],
    "unreachable_node": [("error", 31, 'node "spare" is unreachable from start "a"')],
    "loop_no_exit": [("error", 31, 'no ending can be reached from nodes "loop1", "loop2": a '
                      "loop with no exit; give one of them a choice that leads to an ending")],
    "one_choice": [("error", 22, 'node "c" has 1 choice; give each decision 2 to 4 replies')],
    "one_ending": [("error", 8, "the scenario has 1 reachable ending; write at least 2 so "
                    "choices lead to different outcomes"),
                   ("error", 8, OPEN_NEVER_FAILS), ("error", 8, NO_TRIED_AND_FAILED),
                   ("error", 24, 'a path with no question reaches the best ending "found" '
                    'where the cause is will or confidence ("lacks_confidence"): telling alone '
                    "must not reach it; asking still matters there")],
    "too_few_decisions": [("error", 8, "the longest path has 2 decisions; write at least 3 so "
                           "the root cause has to be dug for")],
    "no_root_cause_found": [("error", 5, "no path finds the root cause: set root_cause_found: "
                             "true on an ending the learner can reach"),
                            ("error", 8, "no reachable ending is best: mark the ending where "
                             "the move fitted the cause with outcome: best, and say why in its "
                             "debrief")],
    "not_found_by_asking": [("error", 5, "no path finds the root cause by asking alone: every "
                             "path to an ending with root_cause_found: true uses tell, leading "
                             "or rescue")],
    # The honesty rules, one fixture each.
    "open_never_fails": [("error", 8, OPEN_NEVER_FAILS)],
    "skill_gap_no_tell": [("error", 5, "no root-cause-found path ends with a tell where the "
                           'cause is a skill gap ("lacks_competence"): reach the best ending by '
                           "asking first, then teaching or modelling (a tell such as \"Here's "
                           'how I\'d open it — what would you change?")')],
    "skill_gap_questions_alone": [("error", 26, 'questions alone reach the best ending "found" '
                                   'where the cause is a skill gap ("lacks_competence"): the '
                                   "rep still lacks the skill; end that path good, not best")],
    "skill_gap_tell_first": [
        ("error", 5, "no path finds the root cause by asking alone: every path to an ending "
         "with root_cause_found: true uses tell, leading or rescue"),
        ("error", 25, 'the best ending "found" is reached without asking before telling (tell) '
         'where the cause is a skill gap ("lacks_competence"): diagnose first, then teach')],
    "will_tell_only": [("error", 25, 'a path with no question reaches the best ending "found" '
                        'where the cause is will or confidence ("lacks_confidence"): telling '
                        "alone must not reach it; asking still matters there")],
    "no_tried_and_failed": [("error", 8, NO_TRIED_AND_FAILED)],
}


def _triples(findings: list[Finding]) -> list[tuple[str, int | None, str]]:
    return [(f.severity, f.line, f.message) for f in findings]


def test_every_broken_file_has_an_expectation():
    stems = {path.stem for path in BROKEN.glob("*.yaml")}
    covered = set(EXPECTED) | {"dup_id_one", "dup_id_two", "dup_name_one", "dup_name_two",
                               "mislabelled_move", "flagged_open_to_best"}
    assert stems == covered


def test_the_good_fixture_is_clean():
    assert check_paths([GOOD]) == []


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_broken_file_fails_with_its_message(stem: str):
    findings = check_paths([BROKEN / f"{stem}.yaml"])
    assert _triples(findings) == EXPECTED[stem]
    assert any(f.severity == "error" for f in findings)


def test_duplicate_ids_across_files():
    one, two = BROKEN / "dup_id_one.yaml", BROKEN / "dup_id_two.yaml"
    findings = check_paths([one, two])
    assert _triples(findings) == [
        ("warning", 1, 'file name "dup_id_two.yaml" does not match id "dup_id_one"; '
         "name the file dup_id_one.yaml"),
        ("error", 1, f'scenario id "dup_id_one" is already used in {one}:1'),
    ]
    assert all(f.path == two for f in findings)


def test_a_rep_first_name_is_used_once_across_files():
    one, two = BROKEN / "dup_name_one.yaml", BROKEN / "dup_name_two.yaml"
    assert check_paths([one]) == []
    assert _triples(check_paths([one, two])) == [
        ("error", 3, f'rep first name "robin" is already used in {one}:3; give every rep in '
         "the course a different first name so a name never cues the root cause")]


def test_course_files_include_the_exercises_scenarios_not_their_release(tmp_path: Path):
    from coachlab.scenarios import course_scenario_files

    for name in ("course/scenarios/a.yaml", "solutions/01-x/b.yaml",
                 "exercises/01-x/b.yaml", "solutions/01-x/nested/c.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("id: x\nnodes:\n  a: {}\n")
    (tmp_path / "solutions/01-x/explanations.yaml").write_text("label_1: because\n")
    assert [p.relative_to(tmp_path).as_posix() for p in course_scenario_files(tmp_path)] == [
        "course/scenarios/a.yaml", "solutions/01-x/b.yaml"]


def test_finding_prints_like_a_compiler():
    finding = Finding(Path("course/scenarios/x.yaml"), 12, "something is wrong")
    assert str(finding) == "course/scenarios/x.yaml:12: error: something is wrong"
    assert str(Finding(Path("x.yaml"), None, "m", "warning")) == "x.yaml: warning: m"


def test_missing_path_and_empty_directory(tmp_path: Path):
    assert _triples(check_paths([tmp_path / "nope.yaml"])) == [
        ("error", None, "no such file or directory")]
    assert _triples(check_paths([tmp_path])) == [
        ("error", None, "no scenario files (*.yaml) in directory")]


def test_directory_is_checked_file_by_file():
    findings = check_paths([BROKEN])
    files_with_errors = {f.path.stem for f in findings if f.severity == "error"}
    assert files_with_errors == set(EXPECTED) | {"dup_id_two", "dup_name_two"}


def test_oversized_file_is_refused_before_parsing(tmp_path: Path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"id: big\n" + b"# padding\n" * 110_000)
    [finding] = check_paths([big])
    assert finding.severity == "error" and finding.line is None
    assert finding.message.startswith(f"file is {big.stat().st_size} bytes; scenario files are "
                                      "limited to 1000000 bytes (1 MB)")


def test_deep_nesting_is_refused(tmp_path: Path):
    deep = tmp_path / "deep.yaml"
    deep.write_text("id: deep\nx: " + "[" * 500 + "]" * 500 + "\n")
    [finding] = check_paths([deep])
    assert finding.line == 2
    assert finding.message == "refused: nesting deeper than 40 levels is not allowed"


def test_alias_without_anchor_in_same_node_is_refused(tmp_path: Path):
    hostile = tmp_path / "alias.yaml"
    hostile.write_text("a: &x hello\nb: *x\n")
    [finding] = check_paths([hostile])
    assert (finding.line, finding.message) == (
        1, "refused: anchors (&x) are not allowed in scenario files; write the text out in full")


def test_text_that_is_not_utf8(tmp_path: Path):
    bad = tmp_path / "latin.yaml"
    bad.write_bytes(b"id: latin\ntitle: caf\xe9\n")
    assert _triples(check_paths([bad])) == [("error", 2, "file is not valid UTF-8 text")]


def test_move_that_disagrees_with_the_classifier_is_a_warning():
    from coachlab.analysis import classify

    reply = "You need to send the proposal today."
    label = classify(reply).label
    assert label != "leading"
    findings = check_paths([BROKEN / "mislabelled_move.yaml"])
    assert _triples(findings) == [
        ("warning", 19, f'choice "{reply}" is labelled leading but reads as {label}')]


def test_a_flagged_open_question_on_the_way_to_the_best_ending_is_a_warning():
    findings = check_paths([BROKEN / "flagged_open_to_best.yaml"])
    assert _triples(findings) == [
        ("warning", 17, 'choice "Why did you let them stall you for so long?" is an open '
         "question that reads as judging, yet the best ending can still be reached after it; "
         "lead it away from the best ending or reword it")]


def test_the_example_in_the_authoring_guide_is_clean(tmp_path: Path):
    guide = (HERE.parents[1] / "docs" / "authoring-scenarios.md").read_text(encoding="utf-8")
    example = guide.split("```yaml\n", 1)[1].split("```", 1)[0]
    target = tmp_path / "stalled-pilot.yaml"
    target.write_text(example, encoding="utf-8")
    assert [str(f) for f in check_paths([target])] == []
