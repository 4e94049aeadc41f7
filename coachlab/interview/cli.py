"""What the ``coachlab interview`` commands print, and the terminal play (no parsing here).

The JSON shape is the documented, stable contract: ``{"rep", "turns": [{"you", "move",
"flags", "revealed", "rep"}], "evidence": {"found", "needed"}, "diagnosis", "coaching",
"outcome", "score", "max_score"}``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coachlab.diagnosis import CAUSES

from .engine import Interview
from .model import COACHING, Rep
from .scoring import Result


def result_json(interview: Interview, result: Result) -> dict[str, Any]:
    """The interview and its result in the CLI's JSON shape."""
    return {
        "rep": result.rep,
        "turns": [turn.as_dict() for turn in interview.turns],
        "evidence": {"found": result.found, "needed": result.needed},
        "diagnosis": result.diagnosis,
        "coaching": result.coaching,
        "outcome": result.outcome,
        "score": result.score,
        "max_score": result.max_score,
    }


def result_text(interview: Interview, result: Result) -> str:
    """The transcript, the result and the facts missed, for a person."""
    lines = [interview.transcript(), "",
             f"evidence {result.found}/{result.needed}, diagnosis "
             f"{'right' if result.diagnosis_right else 'not right'}, coaching "
             f"{'fits' if result.coaching_fits else 'does not fit'}: {result.outcome}, "
             f"{result.score}/{result.max_score} points"]
    missed = interview.missed()
    if missed:
        lines.append("not reached (a question that would have):")
        lines += [f"  {fact}: {question}" for fact, question in missed]
    return "\n".join(lines)


HELP = ("Ask in your own words. When you know the cause: !diagnose CAUSE, then !coach CHOICE "
        f"({', '.join(COACHING)}) and your first coaching line. !missed lists what you have not "
        "reached; !quit stops.")


def play_in_terminal(rep: Rep, read: Callable[[str], str], write: Callable[[str], None]
                     ) -> int:
    """Interview ``rep`` at the terminal: ``read`` a line at a time, ``write`` the rep's lines."""
    interview = Interview(rep)
    write(f"{rep.title}\n{rep.persona.situation}\n{HELP}\n")
    write(f"{rep.persona.name}: {rep.persona.opening}")
    choice: str | None = None
    while True:
        try:
            line = read("coach> " if choice else "you> ").strip()
        except EOFError:
            return 0
        if not line:
            continue
        command, _, value = line.partition(" ")
        if command == "!quit":
            return 0
        if command == "!missed":
            for fact, question in interview.missed():
                write(f"  {fact}: {question}")
        elif command == "!diagnose":
            if value.strip() not in CAUSES:
                write(f"  causes: {', '.join(CAUSES)}")
                continue
            interview.diagnose(value.strip())
        elif command == "!coach":
            if value.strip() not in COACHING:
                write(f"  choices: {', '.join(COACHING)}")
                continue
            choice = value.strip()
            write("Your first coaching line:")
        elif choice is not None:
            result = interview.coach(choice, line)
            write(result_text(interview, result).split("\n\n", 1)[-1])
            return 0
        elif interview.state.ended:
            write("The interview is over: !diagnose, then !coach.")
        else:
            turn = interview.ask(line)
            write(f"{rep.persona.name}: {turn.rep}")
