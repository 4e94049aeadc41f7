"""The capstone exercise's checks: what its notebook cells call to check and score a played
conversation.

The widget saves every finished play in the answer journal (see :mod:`coachlab.scenarios.plays`);
these functions read the plays back, replay them through the conversation file beside the
notebook (so only the replies count, never a claimed score) and score the **first** finished
one with :func:`coachlab.capstone.score`: a coaching conversation happens once, and replaying
until the best ending would measure persistence, not judgement.
"""

from __future__ import annotations

from pathlib import Path

from coachlab.capstone import MAX_POINTS, CapstoneScore, replay, score
from coachlab.grading.checks import quick_check


def first_recorded(key: str, conversation_file: Path | str, directory: Path | str = "."
                   ) -> CapstoneScore | None:
    """The score of the first finished play recorded under ``key``, replayed afresh; None when
    the journal holds no finished play.

    Raises ``SavedPlayError`` when the entry is not readable as saved plays, ``JournalError``
    when the journal itself is not, and ``ScenarioError`` when the conversation file is broken.
    """
    from coachlab.responses import Journal
    from coachlab.scenarios import load_scenario, read_plays

    plays = read_plays(Journal.beside(directory).get(key))
    conversation = load_scenario(Path(directory) / conversation_file)
    for transcript in plays:
        result = score(replay(conversation, transcript))
        if result.finished:
            return result
    return None


def score_recorded(key: str, conversation_file: Path | str, points: float = MAX_POINTS,
                   directory: Path | str = ".") -> float:
    """Hidden-test score: the first finished play, replayed, scaled to ``points``; 0 when no
    finished play can be read."""
    from coachlab.responses import JournalError
    from coachlab.scenarios import SavedPlayError

    try:
        first = first_recorded(key, conversation_file, directory)
    except (JournalError, SavedPlayError, OSError):
        return 0.0
    return 0.0 if first is None else round(first.total / MAX_POINTS * float(points), 2)


@quick_check
def check_recorded(key: str, conversation_file: Path | str, directory: Path | str = ".") -> None:
    """Quick check: raise AssertionError unless a finished conversation is recorded."""
    from coachlab.responses import JournalError
    from coachlab.scenarios import SavedPlayError, ScenarioError

    try:
        first = first_recorded(key, conversation_file, directory)
    except ScenarioError as error:
        raise AssertionError(f"The conversation file could not be read: {error}") from None
    except SavedPlayError as error:
        raise AssertionError(
            f"Not yet: your saved conversation could not be read ({error}). It has been left "
            "as it is; play the conversation above to the end again and the new play is saved "
            "beside it.") from None
    except (JournalError, OSError) as error:
        raise AssertionError(f"Not yet: your answers could not be read. {error}") from None
    if first is None:
        raise AssertionError("Not yet: play the conversation above until you reach an ending.")
    print("✓ You finished the conversation and it is saved. Your first complete conversation "
          "counts; play again as often as you like to learn from the other replies.")
