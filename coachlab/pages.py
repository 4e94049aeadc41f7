"""Every HTML page the course writes from Python, rendered from one Jinja2 environment.

The templates are package data under ``coachlab/templates/`` (shipped in the wheel by
``pyproject.toml``'s package-data), one folder per page, as nbgrader and nbconvert keep theirs:

- ``coachlab-home/home.html.j2``: the learner's course home (:mod:`coachlab.home.handlers`);
- ``coachlab-report/report.html.j2``: the instructor's cohort report
  (:mod:`coachlab.cohort.report`);
- ``coachlab-explain/items.html.j2``: the item-by-item table in a feedback report
  (:mod:`coachlab.grading.explain`).

Autoescape is on for every template, whatever its file name: learner-chosen text (ids, names,
answers, refusal reasons) reaches these pages, and a value is markup only if the code says so
with :class:`markupsafe.Markup`. An undefined name is an error, not an empty string, so a renamed
field fails a test instead of silently vanishing from a page.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

#: Where the templates live inside the package (package data).
TEMPLATES = "templates"
#: The pages rendered here. The feedback and formgrader folders beside them hold nbconvert
#: templates, which nbconvert's own environment renders (see coachlab.grading.feedback).
PAGES = ("coachlab-home/home.html.j2", "coachlab-report/report.html.j2",
         "coachlab-explain/items.html.j2")
NBCONVERT_TEMPLATES = ("coachlab-feedback", "coachlab-formgrade")


@cache
def environment() -> Environment:
    """The course's one Jinja2 environment: templates from the package, every value escaped."""
    return Environment(loader=PackageLoader("coachlab", TEMPLATES), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=False)


def render(name: str, **context: Any) -> str:
    """The template ``name`` (e.g. ``"coachlab-report/report.html.j2"``) filled with
    ``context``; every value is escaped unless it is :class:`markupsafe.Markup`."""
    return environment().get_template(name).render(**context)
