"""The course home: the page ``coachlab start`` opens, served by a small Jupyter server extension.

It shows each module's status, one link per next step, today's practice, the latest report and
how to come back tomorrow, read from :mod:`coachlab.progress` on every visit, so it is fresh
whenever the learner returns. Enabled like nbgrader's extensions
(``jupyter server extension enable --sys-prefix coachlab.home``, done by ``coachlab start``).

This module stays light (no tornado, no progress) because the launcher imports its constants.
"""

from __future__ import annotations

from typing import Any

from coachlab.home.routes import HOME_LINK, HOME_PATH, HOME_ROUTE

__all__ = ["HOME_LINK", "HOME_PATH", "HOME_ROUTE"]


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    """Where jupyter_server finds the extension (this module)."""
    return [{"module": "coachlab.home"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Add the home page (and the laptop's answer to the hub's home link) to the server."""
    from coachlab.home.handlers import add_handlers

    add_handlers(serverapp)
