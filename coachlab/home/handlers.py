"""The course home's request handlers: the page itself, and the laptop's answer to the hub link."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

from coachlab.home.page import build
from coachlab.home.routes import HOME_LINK, HOME_ROUTE
from coachlab.pages import render


def course_root(serverapp: Any) -> Path:
    """The course folder: $COACHLAB_ROOT (set by ``coachlab start``), else the server's root."""
    return Path(os.environ.get("COACHLAB_ROOT") or serverapp.root_dir).resolve()


class HomeHandler(JupyterHandler):
    """``{base_url}coachlab/home``: the learner's course home, rebuilt on every visit."""

    def initialize(self, root: Path) -> None:
        self.root = root

    def lab_url(self, path: str) -> str:
        """The URL that opens ``path`` (relative to the course root) in JupyterLab."""
        return url_path_join(self.base_url, "lab", "tree", quote(path))

    def file_url(self, path: str) -> str:
        """The URL that serves ``path`` as a page of its own (reports: no "Trust HTML" viewer)."""
        return url_path_join(self.base_url, "files", quote(path))

    @web.authenticated
    async def get(self) -> None:
        home, problem = None, None
        try:
            # Progress reads files and journals: off the event loop, so other requests go on.
            home = await asyncio.to_thread(
                build, self.root, on_hub=bool(os.environ.get("JUPYTERHUB_SERVICE_PREFIX")))
        except Exception as error:  # a page that says what is wrong beats a traceback
            self.log.exception("coachlab home: cannot read the course at %s", self.root)
            problem = f"{type(error).__name__}: {error}"
        # Never from a cache: after grading, the learner's next visit must show the new status.
        self.set_header("Cache-Control", "no-store")
        self.finish(render("coachlab-home/home.html.j2",
            home=home, problem=problem, root=str(self.root), lab_url=self.lab_url,
            file_url=self.file_url,
            lab_home=url_path_join(self.base_url, "lab")))


def add_handlers(serverapp: Any) -> None:
    """Add the home page and, for links from notebooks, the hub-style home link."""
    web_app = serverapp.web_app
    base_url = web_app.settings["base_url"]
    home = url_path_join(base_url, HOME_ROUTE)
    web_app.add_handlers(".*$", [
        (home, HomeHandler, {"root": course_root(serverapp)}),
        # Under a hub the hub answers this path; a laptop's server answers it itself.
        (url_path_join(base_url, HOME_LINK), web.RedirectHandler, {"url": home}),
    ])
