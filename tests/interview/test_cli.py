"""`coachlab interview`: list and play, with the documented JSON shape."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from coachlab.cli import main
from coachlab.interview import Rep
from coachlab.interview.cli import play_in_terminal

from .conftest import FIXTURES

SCRIPT = """\
What's going on with these deals?
What have you tried to reach the decision maker?
How would you build a business case for this?
!diagnose lacks_confidence
!coach ask
What would you like to try first?
"""


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["interview", "list", "--json", "--reps", str(FIXTURES)]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"id": "fx-dana", "title": "Dana: deals stall with the champion"},
        {"id": "fx-sam", "title": "Sam: discovery calls stay shallow"},
    ]


def test_list_json_with_answers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["interview", "list", "--json", "--answers", "--reps", str(FIXTURES)]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0] == {"id": "fx-dana", "title": "Dana: deals stall with the champion",
                       "cause": "lacks_confidence", "coaching": "ask"}


def test_play_script_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = tmp_path / "script.txt"
    script.write_text(SCRIPT, encoding="utf-8")
    assert main(["interview", "play", "fx-dana", "--script", str(script), "--json",
                 "--reps", str(FIXTURES)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["rep", "turns", "evidence", "diagnosis", "coaching", "outcome",
                         "score", "max_score"]
    assert out["rep"] == "fx-dana" and len(out["turns"]) == 3
    assert all(list(turn) == ["you", "move", "flags", "revealed", "rep"]
               for turn in out["turns"])
    assert out["turns"][1]["revealed"] == "drafted-email-to-cfo"
    assert out["evidence"] == {"found": 2, "needed": 2}
    assert (out["diagnosis"], out["coaching"], out["outcome"]) == \
        ("lacks_confidence", "ask", "best")
    assert isinstance(out["score"], int) and out["max_score"] == 12


def test_play_by_file_and_in_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = tmp_path / "script.txt"
    script.write_text(SCRIPT, encoding="utf-8")
    assert main(["interview", "play", str(FIXTURES / "fx-dana.yaml"), "--script",
                 str(script)]) == 0
    out = capsys.readouterr().out
    assert "You: What have you tried to reach the decision maker?" in out
    assert "not reached (a question that would have):" in out


def test_play_unknown_rep_and_bad_script(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["interview", "play", "nobody", "--reps", str(FIXTURES)]) == 2
    assert "no rep 'nobody'" in capsys.readouterr().err
    script = tmp_path / "bad.txt"
    script.write_text("!guess lacks_confidence\n", encoding="utf-8")
    assert main(["interview", "play", "fx-dana", "--script", str(script), "--reps",
                 str(FIXTURES)]) == 2
    assert "line 1: expected `!diagnose CAUSE`" in capsys.readouterr().err


def test_play_in_the_terminal(dana: Rep) -> None:
    lines = iter(["What have you tried to reach the decision maker?", "!missed",
                  "!diagnose lacks_confidence", "!coach ask", "What would you try first?"])
    out = io.StringIO()
    assert play_in_terminal(dana, lambda _prompt: next(lines),
                            lambda text: print(text, file=out)) == 0
    text = out.getvalue()
    assert "Dana: I wrote an email to their CFO twice. I didn't send it." in text
    assert "  knows-the-method: How would you build a business case for this?" in text
    assert "points" in text


def test_scenarios_check_covers_rep_files(capsys: pytest.CaptureFixture[str]) -> None:
    broken = Path(__file__).parent / "broken" / "few-paraphrases.yaml"
    assert main(["scenarios", "check", str(FIXTURES), str(broken)]) == 1
    out = capsys.readouterr().out
    assert 'fact "drafted-email-to-cfo" is reached by 3 distinct paraphrases' in out
    assert "1 error(s)" in out
