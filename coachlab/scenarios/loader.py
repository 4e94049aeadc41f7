"""Safe YAML loading for scenario files, keeping the line number of every key and item.

The loader only builds plain data (mappings, lists, strings, numbers, booleans, null). It refuses
files over ``MAX_BYTES`` before parsing, any tag outside plain YAML (``!!python/object`` and
friends), anchors and aliases (so an alias bomb cannot expand), and nesting deeper than
``MAX_DEPTH``. Duplicate keys, which ``yaml.safe_load`` silently overwrites, are reported.
Schema errors from pydantic are mapped back to the line of the key they concern.

Two readers, one result. A clean file is read by libyaml (PyYAML's C parser, when installed):
first its events are scanned for anchors, aliases and nesting, without building anything, then
the document is composed. Any file that scan or composition does not accept is read again by
the pure-Python reader, which refuses it with the same finding as before. For every YAML file of
the course both readers give the same data, lines and findings (tests/scenarios/test_readers.py).
Loading a rep (its file and its paraphrases) took 34.6 ms with the pure-Python reader and 6.4 ms
with libyaml (median of the 14 reps, three loads each, CPU time).
"""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, ValidationError

from .findings import Finding
from .model import Branch, Choice, Ending, FreeText, Node, Rep, Scenario

MAX_BYTES = 1_000_000
"""Files larger than this are refused before parsing."""

MAX_DEPTH = 40
"""Deepest nesting of mappings and lists accepted (the schema needs six levels)."""

Key = tuple[str | int, ...]
"""A position in the document: the keys and list indexes leading to a value."""

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

# The keys each model allows, to suggest a fix for a misspelt key.
_MODEL_BY_FIELD: dict[str, type[BaseModel]] = {"rep": Rep, "ending": Ending, "free_text": FreeText}


class RefusedYAML(yaml.MarkedYAMLError):
    """Raised for YAML that is well formed but not allowed in a scenario file."""


class ScenarioReadError(Exception):
    """A file could not be read as YAML at all; ``finding`` says where and why."""

    def __init__(self, finding: Finding):
        self.finding = finding
        super().__init__(str(finding))


class _Loader(yaml.SafeLoader):
    """A SafeLoader that refuses anchors, aliases and deep nesting while composing."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    if TYPE_CHECKING:  # PyYAML's stubs leave the parser's method unannotated
        def peek_event(self) -> yaml.Event: ...

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: D401 - PyYAML hook
        event = self.peek_event()
        # The pure-Python loader's mark (the C loader's, never used here, has another type).
        mark = event.start_mark if isinstance(event.start_mark, yaml.error.Mark) else None
        if isinstance(event, yaml.AliasEvent):
            raise RefusedYAML(
                problem=f"aliases (*{event.anchor}) are not allowed in scenario files; "
                "write the text out in full",
                problem_mark=mark,
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise RefusedYAML(
                problem=f"anchors (&{anchor}) are not allowed in scenario files; "
                "write the text out in full",
                problem_mark=mark,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise RefusedYAML(
                    problem=f"nesting deeper than {MAX_DEPTH} levels is not allowed",
                    problem_mark=mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


@dataclass
class Document:
    """Plain data read from a YAML file, with the line of every position in it."""

    data: Any
    lines: dict[Key, int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def line_of(self, key: Key) -> int | None:
        """The line of ``key``, or of its nearest ancestor that has one."""
        for end in range(len(key), -1, -1):
            line = self.lines.get(tuple(key[:end]))
            if line is not None:
                return line
        return None


@dataclass
class Parsed:
    """The result of reading one scenario file: the scenario if it is valid, and findings."""

    path: Path
    scenario: Scenario | None
    document: Document | None
    findings: list[Finding]
    section: str | None = None

    def line_of(self, key: Key) -> int | None:
        """The line of ``key`` in the file, if known."""
        return self.document.line_of(key) if self.document else None


def read_yaml(path: Path) -> Document:
    """Read one YAML file safely into plain data and line numbers.

    Raises ``ScenarioReadError`` (carrying a Finding) for anything that stops reading: a missing
    or oversized file, text that is not UTF-8, a syntax error or refused YAML. Problems that do
    not stop reading (duplicate keys) are returned in ``Document.findings``.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ScenarioReadError(Finding(path, None, f"cannot read file: {exc.strerror}")) from exc
    if size > MAX_BYTES:
        raise ScenarioReadError(
            Finding(path, None, f"file is {size} bytes; scenario files are limited to "
                    f"{MAX_BYTES} bytes (1 MB) and are not parsed above that")
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ScenarioReadError(Finding(path, line, "file is not valid UTF-8 text")) from exc

    if len(text) <= _KEPT_CHARS:
        kept = _read_clean_once(text)
        # A copy: callers may change what they were given, and the next reader of the same
        # text must still get the file's own data. Its findings name this file.
        fast = None if kept is None else Document(
            copy.deepcopy(kept.data), dict(kept.lines),
            [replace(finding, path=path) for finding in kept.findings])
    else:
        fast = _read_clean(text, path)
    if fast is not None:
        return fast
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise ScenarioReadError(Finding(path, 1, "file is empty"))
        document = Document(data=None)
        document.data = _build(root, (), document, loader, path)
        return document
    except yaml.MarkedYAMLError as exc:
        raise ScenarioReadError(_yaml_finding(path, exc)) from exc
    except yaml.YAMLError as exc:  # unmarked errors, e.g. a reader error
        raise ScenarioReadError(Finding(path, None, f"invalid YAML: {exc}")) from exc
    finally:
        loader.dispose()


_C_LOADER: type[Any] | None = getattr(yaml, "CSafeLoader", None)
_OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_NODES = (yaml.ScalarEvent, yaml.AliasEvent, *_OPENS)


_KEPT_CHARS = 200_000
"""Texts up to this long are kept after reading (the course's largest file is ~22,000)."""


@lru_cache(maxsize=256)
def _read_clean_once(text: str) -> Document | None:
    """:func:`_read_clean` of ``text``, kept for the process: a course reads the same scenario,
    rep and practice files many times (a practice session, the checker, every copy of the
    course), and a copy costs about a sixteenth of a reading. Its findings carry a placeholder
    path; :func:`read_yaml` puts the file's own in the copy it hands out."""
    return _read_clean(text, Path("<text>"))


def _read_clean(text: str, path: Path) -> Document | None:
    """The document read by libyaml, or None when libyaml is not installed or the file is not
    clean: anchors, aliases, nesting over ``MAX_DEPTH``, a disallowed tag or any YAML error.
    The pure-Python reader then reads it and words the finding."""
    if _C_LOADER is None:
        return None
    scan = _C_LOADER(text)
    try:  # events only: an alias is refused here, before any node could be expanded
        depth = 0
        while scan.check_event():
            event = scan.get_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                return None
            if isinstance(event, _NODES) and depth + 1 > MAX_DEPTH:
                return None
            depth += isinstance(event, _OPENS) - isinstance(event, _CLOSES)
    except yaml.YAMLError:
        return None
    finally:
        scan.dispose()
    loader = _C_LOADER(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        document = Document(data=None)
        document.data = _build(root, (), document, loader, path)
        return document
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _yaml_finding(path: Path, exc: yaml.MarkedYAMLError) -> Finding:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    if isinstance(exc, RefusedYAML):
        return Finding(path, line, f"refused: {exc.problem}")
    parts = [part for part in (exc.context, exc.problem) if part]
    return Finding(path, line, "invalid YAML: " + " ".join(parts))


def _build(node: yaml.Node, key: Key, doc: Document, loader: Any, path: Path) -> Any:
    """Turn a composed YAML node into plain data, recording lines and duplicate keys."""
    doc.lines.setdefault(key, node.start_mark.line + 1)
    if isinstance(node, yaml.ScalarNode):
        if node.tag not in _SCALAR_TAGS:
            raise _tag_refused(node)
        return loader.construct_object(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ_TAG:
            raise _tag_refused(node)
        return [_build(item, (*key, i), doc, loader, path) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP_TAG:
            raise _tag_refused(node)
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS:
                raise RefusedYAML(problem="only plain scalar mapping keys are allowed",
                                  problem_mark=key_node.start_mark)
            name = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if name in result:
                doc.findings.append(Finding(
                    path, line,
                    f'duplicate key "{name}" (first defined on line {first_line[name]}); '
                    "YAML would silently keep only the last one",
                ))
            else:
                first_line[name] = line
            child = (*key, name)
            doc.lines[child] = line
            result[name] = _build(value_node, child, doc, loader, path)
        return result
    raise _tag_refused(node)  # pragma: no cover - PyYAML has only the three node kinds


def _tag_refused(node: yaml.Node) -> RefusedYAML:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return RefusedYAML(
        problem=f"tag {tag} is not allowed; scenario files hold plain data only "
        "(mappings, lists, strings, numbers, booleans)",
        problem_mark=node.start_mark,
    )


def parse_file(path: Path | str, section: str | None = None) -> Parsed:
    """Read and validate one scenario file, returning the scenario (if valid) and findings.

    With ``section``, the scenario is the mapping under that top-level key (a lesson's practice
    file holds its conversation beside other content); line numbers stay those of the file.
    Only reading and the schema are checked here; graph and content checks are in
    ``coachlab.scenarios.checks``.
    """
    path = Path(path)
    try:
        doc = read_yaml(path)
    except ScenarioReadError as exc:
        return Parsed(path, None, None, [exc.finding], section)
    findings = list(doc.findings)
    if section is not None:
        if not isinstance(doc.data, dict) or not isinstance(doc.data.get(section), dict):
            findings.append(Finding(path, doc.line_of(()), f'no "{section}:" section with a '
                                    "scenario (id:, title:, rep:, ...) at the top level"))
            return Parsed(path, None, doc, findings, section)
        doc = _subdocument(doc, section)
    elif not isinstance(doc.data, dict):
        findings.append(Finding(path, doc.line_of(()),
                                "a scenario file must be a mapping (id:, title:, rep:, ...) "
                                "at the top level"))
        return Parsed(path, None, doc, findings)
    try:
        scenario = Scenario.model_validate(doc.data)
    except ValidationError as exc:
        findings.extend(_schema_findings(path, doc, exc))
        return Parsed(path, None, doc, findings, section)
    return Parsed(path, scenario, doc, findings, section)


def _subdocument(doc: Document, section: str) -> Document:
    """The part of ``doc`` under the top-level key ``section``, keeping its lines."""
    lines = {key[1:]: line for key, line in doc.lines.items() if key[:1] == (section,)}
    return Document(doc.data[section], lines, [])


def _schema_findings(path: Path, doc: Document, exc: ValidationError) -> list[Finding]:
    findings = []
    seen: set[tuple[int | None, str]] = set()
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        message = _schema_message(loc, error, doc.data)
        line = doc.line_of(loc)
        if (line, message) not in seen:
            seen.add((line, message))
            findings.append(Finding(path, line, message))
    findings.sort(key=lambda f: f.line or 0)
    return findings


def _where(loc: Key) -> str:
    """Render a location such as ('nodes', 'start', 'choices', 0) as nodes.start.choices[0]."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "top level"


def _schema_message(loc: Key, error: Any, data: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        name = str(loc[-1])
        parent = loc[:-1]
        allowed = _allowed_keys(parent)
        hint = ""
        close = difflib.get_close_matches(name, allowed, n=1)
        if close:
            hint = f'; did you mean "{close[0]}"?'
        elif allowed:
            hint = f" (allowed: {', '.join(allowed)})"
        return f'unknown key "{name}" in {_where(parent)}{hint}'
    if kind == "missing":
        return f'{_where(loc[:-1])}: missing required key "{loc[-1]}"'
    message = str(error["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    return f"{_where(loc)}: {message}"


def _allowed_keys(parent: Key) -> list[str]:
    """The keys allowed at ``parent``, judged from the shape of the location."""
    model: type[BaseModel] = Scenario
    if not parent:
        model = Scenario
    elif parent[0] == "nodes" and len(parent) == 2:
        model = Node
    elif parent[0] == "nodes" and len(parent) == 4 and parent[2] == "choices":
        model = Choice
    elif parent[0] == "nodes" and len(parent) == 5 and parent[2:4] == ("free_text", "branches"):
        model = Branch
    elif parent[-1] in _MODEL_BY_FIELD:
        model = _MODEL_BY_FIELD[str(parent[-1])]
    else:
        return []
    return list(model.model_fields)
