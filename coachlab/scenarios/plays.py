"""Saved plays: how a played conversation is kept in the answer journal, and read back.

One journal entry holds the plays of one conversation::

    {"scenario": id, <the latest play's fields>, "plays": [play, ...]}        # ScenarioPlayer
    {"conversation": id, "replies": [...], "finished": true, "plays": [...]}   # typed conversation

A play holds its replies in order, as :meth:`coachlab.scenarios.Scenario.follow` reads them:
under ``path`` (choice indices) for the ScenarioPlayer, under ``replies`` (``{"choice": i}`` or
``{"text": "..."}``) for a conversation with typed replies. ``plays`` keeps the first finished
play (the graded one) and the latest, oldest first, at most ``MAX_PLAYS`` in all. Nothing in an
entry is trusted: grading replays the replies, never a claimed ending or score.

:func:`read_plays` is the one reader (grading, progress and the widgets all use it);
:func:`add_play` the one writer. An entry that cannot be read is never thrown away: the next
saved play keeps it under ``set_aside``.
"""

from __future__ import annotations

from typing import Any

MAX_PLAYS = 50
"""Most plays kept in one entry: the first finished play and the latest ones."""

MAX_REPLIES = 40
"""Most replies in one play; a longer one is refused when it is followed (no conversation in the
course is half as long)."""

REPLY_FIELDS = ("path", "replies")
"""Where a play keeps its replies: choice indices (``path``) or typed-conversation replies."""

SET_ASIDE = "set_aside"
"""Where an entry keeps an earlier value it could not read, so that nothing is lost."""


class SavedPlayError(ValueError):
    """A journal entry is not a readable set of saved plays (corrupt, or too large)."""


def read_plays(entry: object) -> list[Any]:
    """The replies of every play saved in ``entry``, oldest first.

    The plays come first, then the entry's own replies when they are not already the last play
    (an entry written by hand, or before plays were kept). A play that is not a mapping is
    skipped; the replies themselves are unchecked learner data for ``Scenario.follow`` to judge.
    Raises ``SavedPlayError`` for an entry that is not a mapping, whose ``plays`` is not a list,
    or that holds more than ``MAX_PLAYS`` plays.
    """
    if entry is None:
        return []
    if type(entry) is not dict:
        raise SavedPlayError(f"expected the saved plays as a mapping, found "
                             f"{type(entry).__name__}")
    plays = entry.get("plays", [])
    if type(plays) is not list:
        raise SavedPlayError(f'"plays" should be a list of plays, found {type(plays).__name__}')
    if len(plays) > MAX_PLAYS:
        raise SavedPlayError(f"{len(plays)} plays are saved; at most {MAX_PLAYS} are ever kept")
    found = [_replies(play) for play in plays if type(play) is dict]
    own = _replies(entry)
    if own is not None and (not found or found[-1] != own):
        found.append(own)
    return found


def recorded_paths(entry: object) -> list[Any]:
    """:func:`read_plays`, or no plays for an entry it cannot read (for graders and reports,
    where an unreadable entry earns nothing and must not stop the others)."""
    try:
        return read_plays(entry)
    except SavedPlayError:
        return []


def latest_play(entry: object) -> Any:
    """The replies of the latest play in ``entry`` (None if there is none); raises
    ``SavedPlayError`` like :func:`read_plays`."""
    plays = read_plays(entry)
    return plays[-1] if plays else None


def add_play(saved: object, owner: tuple[str, str], latest: dict[str, Any],
             play: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The entry to save after a finished ``play``, and a note when something was set aside.

    ``saved`` is the entry already in the journal (or None); ``owner`` names what was played,
    e.g. ``("scenario", "first-reply")``; ``latest`` holds the fields of the latest play shown at
    the top of the entry. The first finished play is always kept (it is the one graded), so
    replaying never erases it. An earlier value that is not this conversation's readable plays
    (corrupt, too large, or another conversation's) is kept under ``set_aside``.
    """
    field, owner_id = owner
    plays: list[Any] = []
    aside: object = None
    note = None
    if type(saved) is dict and saved.get(field) == owner_id:
        try:
            read_plays(saved)
        except SavedPlayError as error:
            aside, note = saved, str(error)
        else:
            plays = list(saved.get("plays", []))
            aside = saved.get(SET_ASIDE)
    elif saved is not None:
        aside = saved
        note = "it was not a saved play of this conversation"
    kept = [*plays, play]
    if len(kept) > MAX_PLAYS:
        kept = [kept[0], *kept[len(kept) - MAX_PLAYS + 1:]]
    entry = {field: owner_id, **latest, "plays": kept}
    if aside is not None:
        entry[SET_ASIDE] = aside
    return entry, note


def _replies(play: dict[str, Any]) -> Any:
    for field in REPLY_FIELDS:
        if field in play:
            return play[field]
    return None
