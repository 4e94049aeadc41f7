"""Feedback exporters share compiled templates, and an edited template is compiled again."""

from __future__ import annotations

from pathlib import Path

import nbformat
from jinja2.bccache import Bucket

from coachlab.grading.templatecache import TEMPLATES, FeedbackExporter, MemoryBytecodeCache


class _Counting(MemoryBytecodeCache):
    def __init__(self) -> None:
        super().__init__()
        self.hits = 0

    def load_bytecode(self, bucket: Bucket) -> None:
        super().load_bytecode(bucket)
        self.hits += bucket.code is not None


def _template(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "page.html.j2").write_text(body, encoding="utf-8")
    return folder


def _render(folder: Path) -> str:
    exporter = FeedbackExporter(template_file="page.html.j2", extra_template_paths=[str(folder)])
    html, _ = exporter.from_notebook_node(nbformat.v4.new_notebook())
    return html.strip()


def test_exporters_share_compiled_templates_and_see_edits(tmp_path: Path, monkeypatch) -> None:
    counting = _Counting()
    monkeypatch.setattr("coachlab.grading.templatecache.TEMPLATES", counting)
    folder = _template(tmp_path / "t", "first {{ 1 + 1 }}")
    assert _render(folder) == "first 2"
    assert counting.hits == 0
    assert _render(folder) == "first 2"
    assert counting.hits == 1
    _template(folder, "second {{ 2 + 2 }}")
    assert _render(folder) == "second 4"


def test_the_feedback_exporter_is_the_process_cache_user() -> None:
    exporter = FeedbackExporter()
    assert exporter.environment.bytecode_cache is TEMPLATES


#: sha256 of nbconvert's ``HTMLExporter.from_notebook_node``, which ``FeedbackExporter`` follows
#: step for step up to its BeautifulSoup pass: a new nbconvert that changes it fails here.
UPSTREAM = "3dccafff45cc4e749766089c7de2f5385ac071e03f4f5a15bfb3b025f54893b9"


def test_the_followed_nbconvert_body_is_unchanged() -> None:
    import hashlib
    import inspect

    from nbconvert.exporters import HTMLExporter

    source = inspect.getsource(HTMLExporter.from_notebook_node)
    assert hashlib.sha256(source.encode()).hexdigest() == UPSTREAM, source


def test_the_feedback_page_gives_the_skipped_pass_nothing_to_do() -> None:
    # What HTMLExporter's BeautifulSoup pass would change: images without alternative text,
    # nbconvert's cell wrappers. The course's feedback page (as GenerateFeedback builds its
    # exporter from nbgrader_config.py) has neither, so skipping the pass changes nothing.
    from bs4 import BeautifulSoup

    from tests.grading.test_feedback_page import _feedback_exporter, _page

    exporter = _feedback_exporter()
    assert isinstance(exporter, FeedbackExporter)
    soup = BeautifulSoup(_page(exporter), features="html.parser")
    assert soup.select("section.part")  # a real report, not an empty page
    for selector in ("img:not([alt])", ".jp-Notebook div.jp-Cell-inputWrapper",
                     ".jp-Notebook div.jp-OutputArea-output"):
        assert not soup.select(selector), selector
