"""The clean re-check's guards: the grading code must be the code grading started with."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from coachlab.grading import verify


def test_code_digest_notices_a_rewritten_module(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    module = tmp_path / "pkg" / "scoring.py"
    module.write_text("def score():\n    return 0\n")
    before = verify.code_digest(tmp_path / "pkg")
    assert verify.code_digest(tmp_path / "pkg") == before
    module.write_text("def score():\n    return 10\n")
    assert verify.code_digest(tmp_path / "pkg") != before


def test_grading_stops_when_the_code_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verify, "_CODE_AT_START", "a digest from before a submission rewrote it")
    nb = nbformat.v4.new_notebook()
    with pytest.raises(verify.CodeChanged, match="changed on disk"):
        verify.VerifyScores().preprocess(nb, {"nbgrader": {}})


# ------------------------------------------------------------------ VerifyScores on small notebooks

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


def test_a_score_the_clean_run_does_not_confirm_is_lowered(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Guards the `clean_score < kernel_score` replacement: a lying __eq__ passed in the kernel.
    resources = _course(tmp_path, monkeypatch)
    liar = "class L(str):\n    def __eq__(self, o):\n        return True\nlabel_1 = L('x')"
    nb = _graded(liar, "assert label_1 == 'open'", [])
    nb, _ = verify.VerifyScores().preprocess(nb, resources)
    errors = [o for o in nb.cells[1].outputs if o.output_type == "error"]
    assert errors and errors[0].ename == "NameError"
    assert verify.NOTE in nb.cells[1].outputs[0].text


def test_the_clean_run_alone_decides_the_score(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing the kernel printed in a test cell is kept, an error included: the score is the
    # clean run's (here the answer is right, whatever the kernel's outputs said).
    resources = _course(tmp_path, monkeypatch)
    failed = {"output_type": "error", "ename": "AssertionError", "evalue": "kernel said so",
              "traceback": ["AssertionError"]}
    nb = _graded('label_1 = "open"', "assert label_1 == 'open'", [failed])
    nb, _ = verify.VerifyScores().preprocess(nb, resources)
    assert [o.output_type for o in nb.cells[1].outputs] == ["stream"]
    assert verify.NOTE in nb.cells[1].outputs[0].text


@pytest.mark.parametrize("broken", ["memory", "no bwrap", "timeout"])
def test_a_check_that_cannot_run_fails_the_submission_instead_of_scoring_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str) -> None:
    resources = _course(tmp_path, monkeypatch)
    nb = _graded('label_1 = "open"', "assert label_1 == 'open'", [])
    check = verify.VerifyScores()
    if broken == "memory":  # too little memory for the interpreter to start
        check = verify.VerifyScores(memory_mb=1)
    elif broken == "no bwrap":
        monkeypatch.setenv("COACHLAB_BWRAP", str(tmp_path / "no-such-bwrap"))
    else:  # a check that never ends: stopped, with everything it started
        monkeypatch.setattr(verify.jail, "python_argv",
                            lambda *a, **k: ["/bin/sh", "-c", "sleep 300 & sleep 300"])
        check = verify.VerifyScores(timeout=2)
    with pytest.raises(verify.RecheckFailed, match="clean re-check"):
        check.preprocess(nb, resources)


def test_the_clean_run_reads_the_courses_own_data_files(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # Guards _pristine_files: the data file comes from solutions/, whatever the kernel saw.
    resources = _course(tmp_path, monkeypatch)
    nb = _graded('label_1 = "open"', "assert open('scenario.yaml').read() == 'real'", [])
    nb, _ = verify.VerifyScores().preprocess(nb, resources)
    assert [o.output_type for o in nb.cells[1].outputs] == ["stream"]  # passed: no error
