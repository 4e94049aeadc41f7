"""Scoring the answers as data: the check alone decides, nothing else keeps an output, and a check
that cannot run fails the submission; the grading code must be the code grading started with."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from coachlab.grading import score


def test_code_digest_notices_a_rewritten_module(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    module = tmp_path / "pkg" / "scoring.py"
    module.write_text("def score():\n    return 0\n")
    before = score.code_digest(tmp_path / "pkg")
    assert score.code_digest(tmp_path / "pkg") == before
    module.write_text("def score():\n    return 10\n")
    assert score.code_digest(tmp_path / "pkg") != before


def test_code_stamp_moves_on_any_write_but_grading_reads_the_source_then(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    (tmp_path / "pkg").mkdir()
    module = tmp_path / "pkg" / "scoring.py"
    module.write_text("def score():\n    return 0\n")
    stamp, digest = score.code_stamp(tmp_path / "pkg"), score.code_digest(tmp_path / "pkg")
    assert score.code_stamp(tmp_path / "pkg") == stamp
    # Touched with its old times put back: the change time still moves the stamp.
    times = module.stat()
    module.write_text("def score():\n    return 10\n")
    os.utime(module, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert score.code_stamp(tmp_path / "pkg") != stamp
    assert score.code_digest(tmp_path / "pkg") != digest
    # The same source written again moves the stamp but not the digest: grading goes on.
    module.write_text("def score():\n    return 0\n")
    monkeypatch.setattr(score, "code_stamp", lambda: "moved")
    monkeypatch.setattr(score, "code_digest", lambda: digest)
    monkeypatch.setattr(score, "_CODE_AT_START", digest)
    assert score.code_unchanged()


def test_grading_stops_when_the_code_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(score, "_CODE_AT_START", "a digest from before a submission rewrote it")
    monkeypatch.setattr(score, "_STAMP_AT_START", "a stamp from before a submission rewrote it")
    nb = nbformat.v4.new_notebook()
    with pytest.raises(score.CodeChanged, match="changed on disk"):
        score.ScoreAnswers().preprocess(nb, {"nbgrader": {}})


# ------------------------------------------------------------------ ScoreAnswers on small notebooks

def _graded(answer_source: str, test_source: str, kernel_outputs: list) -> nbformat.NotebookNode:
    from tests.helpers import cells

    return cells.notebook(cells.answer(answer_source, "answers-a"),
                          cells.test(test_source, "test-a", points=2, outputs=kernel_outputs))


def _course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    monkeypatch.chdir(tmp_path)  # nbgrader converts in the course root
    (tmp_path / "solutions" / "ex").mkdir(parents=True)
    (tmp_path / "solutions" / "ex" / "scenario.yaml").write_text("real", encoding="utf-8")
    (tmp_path / "submitted" / "ada" / "ex").mkdir(parents=True)
    return {"nbgrader": {"assignment": "ex", "student": "ada", "notebook": "ex"}}


def test_an_answer_that_is_code_is_not_run_and_says_how_to_type_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A class whose __eq__ lies is code, not an answer: never run, and the learner is told why.
    resources = _course(tmp_path, monkeypatch)
    liar = "class L(str):\n    def __eq__(self, o):\n        return True\nlabel_1 = L('x')"
    nb = _graded(liar, "assert label_1 == 'open'", [])
    nb, _ = score.ScoreAnswers().preprocess(nb, resources)
    errors = [o for o in nb.cells[1].outputs if o.output_type == "error"]
    assert errors and errors[0].ename == "NameError"  # the answer was never defined
    said = nb.cells[1].outputs[0].text
    assert "AnswerNotReadable: your answer label_1 (you typed L('x'))" in said
    assert "between quotes" in said and score.NOTE in said


def test_the_check_alone_decides_the_score_and_nothing_else_keeps_an_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Outputs a submission carries (a forged error in the test cell, live HTML under the answer)
    # are dropped: the test cell shows the check's result, every other cell nothing.
    resources = _course(tmp_path, monkeypatch)
    failed = {"output_type": "error", "ename": "AssertionError", "evalue": "forged",
              "traceback": ["AssertionError"]}
    nb = _graded('label_1 = "open"', "assert label_1 == 'open'", [failed])
    nb.cells[0].outputs = [{"output_type": "display_data", "metadata": {},
                            "data": {"text/html": "<script>alert(1)</script>"}}]
    nb.cells[0].execution_count = 3
    nb, _ = score.ScoreAnswers().preprocess(nb, resources)
    assert [o.output_type for o in nb.cells[1].outputs] == ["stream"]
    assert score.NOTE in nb.cells[1].outputs[0].text
    assert nb.cells[0].outputs == [] and nb.cells[0].execution_count is None


def test_the_learners_code_never_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An answer cell that would write a file if anything ran it: the file never appears, and
    # the literal answer in the same cell still counts.
    resources = _course(tmp_path, monkeypatch)
    marker = tmp_path / "ran"
    code = f'label_1 = "open"\nopen({str(marker)!r}, "w").write("x")\nimport os\nos._exit(3)'
    nb, _ = score.ScoreAnswers().preprocess(
        _graded(code, "assert label_1 == 'open'", []), resources)
    assert not marker.exists()
    assert [o.output_type for o in nb.cells[1].outputs] == ["stream"]


@pytest.mark.parametrize("broken", ["no bwrap", "timeout", "no start"])
def test_a_check_that_cannot_run_fails_the_submission_instead_of_scoring_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str) -> None:
    from coachlab.grading import checkserver

    resources = _course(tmp_path, monkeypatch)
    nb = _graded('label_1 = "open"', "assert label_1 == 'open'", [])
    check = score.ScoreAnswers()
    checkserver.reset()  # the next check starts a server with this test's settings
    monkeypatch.setattr(checkserver, "START_TIMEOUT", 3.0)
    if broken == "no bwrap":
        monkeypatch.setenv("COACHLAB_BWRAP", str(tmp_path / "no-such-bwrap"))
    elif broken == "timeout":  # a check that never ends: stopped, with everything it started
        check = score.ScoreAnswers(timeout=2)
        nb = _graded('label_1 = "open"', "while True:\n    pass", [])
    else:  # a server that never says it is ready
        monkeypatch.setattr(checkserver.jail, "python_argv",
                            lambda *a, **k: ["/bin/sh", "-c", "sleep 300 & sleep 300"])
    try:
        with pytest.raises(score.CheckFailed, match="check of the answers"):
            check.preprocess(nb, resources)
    finally:
        checkserver.reset()


def test_the_clean_run_reads_the_courses_own_data_files(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # Guards _pristine_files: the data file comes from solutions/, whatever the kernel saw.
    resources = _course(tmp_path, monkeypatch)
    nb = _graded('label_1 = "open"', "assert open('scenario.yaml').read() == 'real'", [])
    nb, _ = score.ScoreAnswers().preprocess(nb, resources)
    assert [o.output_type for o in nb.cells[1].outputs] == ["stream"]  # passed: no error


def test_a_test_cell_the_check_gave_no_result_for_fails_the_submission(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A check that answers for some test cells and not others is broken: no score is made up
    # (neither 0 nor full marks) for the cell it skipped.
    resources = _course(tmp_path, monkeypatch)
    monkeypatch.setattr(score.ScoreAnswers, "_run_check", lambda self, job, job_input: {})
    nb = _graded('label_1 = "open"', "assert label_1 == 'open'", [])
    with pytest.raises(score.CheckFailed, match="gave no result for test cell test-a"):
        score.ScoreAnswers().preprocess(nb, resources)
