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
