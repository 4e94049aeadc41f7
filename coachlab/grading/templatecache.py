"""The feedback page's HTML exporter, with its Jinja templates compiled once per process.

nbgrader makes a new ``HTMLExporter`` for every feedback report, and each exporter makes a new
Jinja environment that parses and compiles the feedback template and the nbconvert templates it
extends: measured, a third of a report's CPU. Jinja's public ``BytecodeCache`` keeps the compiled
code; here one in-memory cache serves every exporter of the process. Jinja checks each entry
against a checksum of the template's source, so an edited template is compiled again.
"""

from __future__ import annotations

from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from nbconvert.exporters import HTMLExporter

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
    """nbconvert's ``HTMLExporter`` (configured as one), sharing :data:`TEMPLATES`."""

    @property
    def environment(self) -> Any:
        environment = super().environment
        environment.bytecode_cache = TEMPLATES
        return environment
