"""The course's Jupyter server extension: the course home, and Validate's answers in words.

The course home is the page ``coachlab start`` opens. It shows each module's status, one link per
next step, today's practice, the latest report and how to come back tomorrow, read from
:mod:`coachlab.progress` on every visit, so it is fresh whenever the learner returns.

Validate (:mod:`coachlab.home.validate`) answers nbgrader's toolbar button at nbgrader's URLs,
naming each unfinished part by its title instead of showing its check's code; nbgrader's own
``validate_assignment`` extension is turned off.

Enabled like nbgrader's extensions (``jupyter server extension enable --sys-prefix
coachlab.home``, done by ``coachlab start``).

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
    """Add the home page (and the laptop's answer to the hub's home link) and Validate's routes
    to the server."""
    # Deferred: the launcher imports this module for its constants; ``python -X importtime``
    # took 11 ms for it and 3.2 s for the handlers (tornado, jinja2, the progress reading).
    from coachlab.home import handlers, validate

    handlers.add_handlers(serverapp)
    validate.add_handlers(serverapp)
