"""What a played scenario looks like in the answer journal, for those who read it back.

The ScenarioPlayer records ``{"scenario", "path", "ending", "root_cause_found", "outcome",
"plays"}``, where ``plays`` holds the first finished play (the graded one) and the latest ones,
oldest first, and each play's ``path`` is the list of choice indices. Grading replays these
paths; progress reports read the replies on them.
"""

from __future__ import annotations


def recorded_paths(entry: object) -> list[object]:
    """The recorded path of every finished play in a journal entry (unchecked learner data).

    Uses ``plays`` when present, else the entry's own ``path`` (an entry written by hand or
    before plays were kept).
    """
    if type(entry) is not dict:
        return []
    plays = entry.get("plays")
    if type(plays) is list and plays:
        return [play.get("path") for play in plays if type(play) is dict]
    return [entry.get("path")]
