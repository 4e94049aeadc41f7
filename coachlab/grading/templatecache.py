"""The feedback page's HTML exporter: templates compiled once per process, no second parse.

nbgrader makes a new ``HTMLExporter`` for every feedback report, and each exporter makes a new
Jinja environment that parses and compiles the feedback template and the nbconvert templates it
extends: measured, a third of a report's CPU. Jinja's public ``BytecodeCache`` keeps the compiled
code; here one in-memory cache serves every exporter of the process. Jinja checks each entry
against a checksum of the template's source, so an edited template is compiled again.

``HTMLExporter.from_notebook_node`` ends by parsing the whole page again with BeautifulSoup, to
give images without alternative text a placeholder and notebook cells a ``tabindex`` (measured:
a sixth of a report's CPU). The feedback page is the course's own template, which writes neither
images nor nbconvert's cell markup, so that pass never changes it; :class:`FeedbackExporter`
runs the same steps without it. ``tests/grading/test_templatecache.py`` pins the upstream
method's body and runs the skipped pass on a real feedback page to show it would find nothing.
"""

from __future__ import annotations

from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from nbconvert.exporters import HTMLExporter, TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbformat import NotebookNode

#: Most compiled templates kept (the feedback page uses a handful).
MAX_TEMPLATES = 256


class MemoryBytecodeCache(BytecodeCache):
    """Compiled Jinja templates kept in memory, keyed by template name and file."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        if len(self._code) < MAX_TEMPLATES or bucket.key in self._code:
            self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


#: The process's one cache, shared by every feedback exporter.
TEMPLATES = MemoryBytecodeCache()


class FeedbackExporter(HTMLExporter):
    """nbconvert's ``HTMLExporter`` (configured as one), sharing :data:`TEMPLATES` and without
    the closing BeautifulSoup pass (module docstring)."""

    @property
    def environment(self) -> Any:
        environment = super().environment
        environment.bytecode_cache = TEMPLATES
        return environment

    def from_notebook_node(self, nb: NotebookNode, resources: dict[str, Any] | None = None,
                           **kw: Any) -> tuple[Any, dict[str, Any]]:
        """``HTMLExporter.from_notebook_node``, step for step, up to its BeautifulSoup pass."""
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        highlight_code = self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        resources = self._init_resources(resources)
        filter_data_type = WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources)
        self.register_filter("highlight_code", highlight_code)
        self.register_filter("filter_data_type", filter_data_type)
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return html, resources
