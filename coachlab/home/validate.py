"""nbgrader's Validate, answered in a manager's words.

nbgrader's Validate dialog lists each cell that failed by its Python source: for a hidden quick
check that is ``check_choices("ABCD", choice_1=choice_1, ...)``, code a manager never wrote and
should not read. This handler answers the lab extension at nbgrader's own URLs with nbgrader's
own JSON, with two changes:

- each listed cell's ``source`` is the title of the part it belongs to ("Part B · Which mistake
  is it?"), or "This part of the exercise" when no part can be named: never code;
- the notebook is run with IPython's minimal tracebacks, so an error is its one line
  ("NameError: name 'choice_1' is not defined"), without the frames that quote the check's code.

Everything else is nbgrader's: the path check, the configuration it reads, its ``Validator``,
the error messages and the version check. The course's server extension (:mod:`coachlab.home`)
serves these routes; nbgrader's ``validate_assignment`` extension is turned off in both modes
(:mod:`coachlab.modes`, :func:`coachlab.launch.ensure_home_extension`), so there is one answer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
from jupyter_server.utils import url_path_join
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.server_extensions.validate_assignment.handlers import (
    ValidateAssignmentHandler,
    default_handlers,
)

from coachlab.grading.report import heading_title

#: The name of a cell that belongs to no titled part, or whose part cannot be told for sure.
FALLBACK_TITLE = "This part of the exercise"
#: The result lists whose entries carry a cell's ``source`` (nbgrader's ``Validator.validate``).
LISTS = ("type_changed", "changed", "passed", "failed")
#: Kernel arguments for Validate's run: an error is shown as its last line only.
MINIMAL_TRACEBACKS = "--InteractiveShell.xmode=Minimal"


def part_titles(nb: NotebookNode) -> list[str]:
    """The title of the part each cell belongs to, cell by cell.

    A part's title is the first heading of the nearest markdown cell above that has one, without
    its points note (as the feedback report names parts: :func:`heading_title`). A learner's own
    writing (answer cells) and hidden markdown never name a part.
    """
    titles: list[str] = []
    part: str | None = None
    for cell in nb.cells:
        titles.append(part or FALLBACK_TITLE)
        hidden = cell.get("metadata", {}).get("jupyter", {}).get("source_hidden", False)
        if cell.cell_type == "markdown" and not utils.is_solution(cell) and not hidden:
            part = heading_title(cell.source) or part
    return titles


def titles_by_source(nb: NotebookNode) -> dict[str, str]:
    """Each cell's stripped source (as nbgrader's ``Validator`` reports it) -> its part's title.

    Cells with the same source in different parts cannot be told apart in nbgrader's result:
    they are named by the fallback rather than, perhaps, by the wrong part.
    """
    found: dict[str, set[str]] = {}
    for cell, title in zip(nb.cells, part_titles(nb), strict=True):
        found.setdefault(cell.source.strip(), set()).add(title)
    return {source: next(iter(titles)) if len(titles) == 1 else FALLBACK_TITLE
            for source, titles in found.items()}


def in_words(result: dict[str, Any], nb: NotebookNode | None) -> dict[str, Any]:
    """nbgrader's validation ``result`` with every listed cell's source replaced by its part's
    title (the fallback for any cell not found in ``nb``, or for every cell without ``nb``)."""
    titles = titles_by_source(nb) if nb is not None else {}
    named = dict(result)
    for key in LISTS:
        if isinstance(result.get(key), list):
            named[key] = [{**entry, "source": titles.get(str(entry.get("source", "")).strip(),
                                                         FALLBACK_TITLE)}
                          for entry in result[key]]
    return named


class ValidateHandler(ValidateAssignmentHandler):
    """``POST {base_url}assignments/validate``: nbgrader's handler, each cell named by its part."""

    def load_config(self) -> Any:
        """nbgrader's configuration, with minimal tracebacks for the notebook's run."""
        config = super().load_config()
        extra = list(config.Execute.get("extra_arguments", []))
        if MINIMAL_TRACEBACKS not in extra:
            config.Execute.extra_arguments = [*extra, MINIMAL_TRACEBACKS]
        return config

    def validate_notebook(self, path: str) -> dict[str, Any]:
        """nbgrader's answer (its path check, its ``Validator``), then named in words."""
        output = super().validate_notebook(path)
        if output.get("success") and isinstance(output.get("value"), dict):
            output["value"] = in_words(output["value"], self.read_notebook(path))
        return output

    def read_notebook(self, path: str) -> NotebookNode | None:
        """The notebook nbgrader has just validated (None if it cannot be read again)."""
        try:
            return nbformat.read(Path(self.root_dir).resolve() / path, as_version=4)
        except Exception:  # the answer still carries no code: every cell gets the fallback
            self.log.exception("coachlab validate: cannot read %s for its part titles", path)
            return None


def routes(base_url: str) -> list[tuple[str, type]]:
    """nbgrader's Validate routes (the validate call and the version check its lab extension
    makes first), with the course's handler in place of nbgrader's."""
    return [(url_path_join(base_url, pattern),
             ValidateHandler if handler is ValidateAssignmentHandler else handler)
            for pattern, handler in default_handlers]


def add_handlers(serverapp: Any) -> None:
    """Serve Validate's routes from ``serverapp``, as nbgrader's extension would."""
    web_app = serverapp.web_app
    # nbgrader's handler reads the served folder from here (its extension sets it the same way).
    web_app.settings["root_dir"] = serverapp.root_dir
    web_app.add_handlers(".*$", routes(web_app.settings["base_url"]))
