"""Scripts and replay: an interview as plain data, scored the one way grading scores it.

A script file has one question per line, then ``!diagnose CAUSE``, ``!coach CHOICE`` and a last
plain line, the first coaching line. Grading keeps only that data (the typed questions, the
diagnosis, the coaching and the first line) and calls :func:`replay`: whatever else a journal
claims (facts revealed, a score) is never read, so a forged fact id earns nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .engine import MAX_TURNS, Interview
from .model import Rep
from .scoring import Result


class ScriptError(ValueError):
    """A script file that cannot be read; the message names the line."""


@dataclass(frozen=True)
class Script:
    """The questions, the diagnosis, the coaching choice and the first coaching line."""

    questions: tuple[str, ...]
    diagnosis: str | None
    coaching: str | None
    first_line: str


def parse_script(text: str) -> Script:
    """Read a script: questions, then ``!diagnose CAUSE``, ``!coach CHOICE``, a last line."""
    questions: list[str] = []
    diagnosis = coaching = None
    first_line = ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("!"):
            command, _, value = line[1:].partition(" ")
            value = value.strip()
            if command not in ("diagnose", "coach") or not value:
                raise ScriptError(f"line {number}: expected `!diagnose CAUSE` or "
                                  f"`!coach CHOICE`, got {line!r}")
            if command == "diagnose":
                diagnosis = value
            else:
                coaching = value
        elif coaching is not None:
            if first_line:
                raise ScriptError(f"line {number}: only one coaching line may follow !coach")
            first_line = line
        elif diagnosis is not None:
            raise ScriptError(f"line {number}: questions come before !diagnose")
        else:
            questions.append(line)
    return Script(tuple(questions), diagnosis, coaching, first_line)


def play(rep: Rep, script: Script) -> tuple[Interview, Result]:
    """Play a script against ``rep``: the interview (for its turns) and the result."""
    interview = Interview(rep)
    _ask_all(interview, script.questions)
    if script.diagnosis is not None:
        interview.diagnose(script.diagnosis)
    if script.coaching is None:
        return interview, interview.result()
    return interview, interview.coach(script.coaching, script.first_line)


def replay(rep: Rep, questions: Iterable[object], diagnosis: object, coaching: object,
           first_line: object) -> Result:
    """Score an interview from what the learner typed: the one way grading scores it.

    Values come from a journal and are treated as untrusted data: anything that is not text is
    skipped or counts as no answer, at most ``MAX_TURNS`` questions are asked.
    """
    return replayed(rep, questions, diagnosis, coaching, first_line)[1]


def replayed(rep: Rep, questions: Iterable[object], diagnosis: object, coaching: object,
             first_line: object) -> tuple[Interview, Result]:
    """:func:`replay`, also returning the replayed interview (for what it never reached)."""
    interview = Interview(rep)
    _ask_all(interview, (q for q in questions if isinstance(q, str)))
    if isinstance(diagnosis, str):
        interview.diagnose(diagnosis)
    if not isinstance(coaching, str):
        return interview, interview.result()
    return interview, interview.coach(coaching,
                                      first_line if isinstance(first_line, str) else "")


def _ask_all(interview: Interview, questions: Iterable[str]) -> None:
    for question in questions:
        if interview.state.ended or interview.state.turns >= MAX_TURNS:
            break
        if question.strip():
            interview.ask(question)
