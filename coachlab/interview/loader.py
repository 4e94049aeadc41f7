"""Load reps from YAML: safe reading, size limit before parsing, errors naming file and field.

Reading reuses the scenario loader's safe YAML reader (:func:`coachlab.scenarios.loader.read_yaml`:
no tags, anchors or aliases, a size limit before parsing, line numbers for every key). Schema
errors are reported as ``path:line: error: field: message``.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from coachlab.scenarios.findings import Finding
from coachlab.scenarios.loader import ScenarioReadError, read_yaml

from .model import Evidence, Fact, Persona, Rep

if TYPE_CHECKING:
    from coachlab.scenarios.findings import Finding
    from coachlab.scenarios.loader import Document

PARAPHRASES = "phrasings"
"""The folder beside the reps that holds ``<rep-id>.paraphrases.yaml``."""


class RepError(ValueError):
    """A rep (or paraphrase) file cannot be loaded; ``findings`` say where and why."""

    def __init__(self, findings: list[Finding]):
        self.findings = list(findings)
        super().__init__("\n".join(str(finding) for finding in self.findings))


def load_rep(path: Path | str) -> Rep:
    """Load one rep, with its paraphrases if ``tests/<id>.paraphrases.yaml`` sits beside it.

    Raises:
        RepError: naming the file, the line and the field for anything wrong.
    """
    path = Path(path)
    doc = _read(path)
    if not isinstance(doc.data, dict):
        raise RepError([Finding(path, 1, "a rep file must be a mapping (id:, title:, persona:, "
                                "...) at the top level")])
    try:
        rep = Rep.model_validate(doc.data)
    except ValidationError as exc:
        raise RepError(schema_findings(path, doc, exc)) from None
    if doc.findings:
        raise RepError(doc.findings)
    if rep.id != path.stem:
        raise RepError([Finding(path, doc.line_of(("id",)), f'id "{rep.id}" does not match the '
                                f'file name "{path.name}"; name the file {rep.id}.yaml')])
    extra = path.parent / PARAPHRASES / f"{rep.id}.paraphrases.yaml"
    return rep.with_paraphrases(load_paraphrases(extra, rep)) if extra.is_file() else rep


def load_reps(folder: Path | str) -> dict[str, Rep]:
    """Every ``*.yaml`` rep in ``folder`` by id, in file-name order.

    Raises:
        RepError: with the findings of every file that cannot be loaded.
    """
    reps: dict[str, Rep] = {}
    findings: list[Finding] = []
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            rep = load_rep(path)
        except RepError as error:
            findings.extend(error.findings)
            continue
        reps[rep.id] = rep
    if findings:
        raise RepError(findings)
    return reps


def load_paraphrases(path: Path | str, rep: Rep) -> dict[str, tuple[str, ...]]:
    """Read a paraphrase file: ``{rep: <id>, paraphrases: {fact-id: [question, ...]}}``.

    Raises:
        RepError: for a malformed file, another rep's file or a fact id the rep does not have.
    """
    path = Path(path)
    doc = _read(path)
    data = doc.data
    problems: list[Finding] = list(doc.findings)
    if not isinstance(data, dict) or not isinstance(data.get("paraphrases"), dict):
        raise RepError([Finding(path, 1, 'a paraphrase file is a mapping with "rep:" and '
                                '"paraphrases:" (fact id -> list of questions)')])
    if data.get("rep") != rep.id:
        problems.append(Finding(path, doc.line_of(("rep",)),
                                f'rep: "{data.get("rep")}" should be "{rep.id}"'))
    out: dict[str, tuple[str, ...]] = {}
    for fact_id, questions in data["paraphrases"].items():
        line = doc.line_of(("paraphrases", fact_id))
        if rep.fact(str(fact_id)) is None:
            problems.append(Finding(path, line, f'paraphrases.{fact_id}: no fact "{fact_id}" in '
                                    f"rep {rep.id}"))
        elif not isinstance(questions, list) or not all(
                isinstance(q, str) and q.strip() for q in questions):
            problems.append(Finding(path, line, f"paraphrases.{fact_id}: must be a list of "
                                    "questions (non-empty strings)"))
        else:
            out[str(fact_id)] = tuple(q.strip() for q in questions)
    if problems:
        raise RepError(problems)
    return out


def _read(path: Path) -> Document:
    # Imported here: the scenario package is only needed once a file is read, and
    # ``import coachlab.interview`` stays fast in a notebook.

    try:
        return read_yaml(path)
    except ScenarioReadError as exc:
        raise RepError([exc.finding]) from None


# The keys each model allows, to suggest a fix for a misspelt key.
_MODELS: dict[str, type[BaseModel]] = {"persona": Persona, "facts": Fact, "evidence": Evidence}


def schema_findings(path: Path, doc: Document, exc: ValidationError) -> list[Finding]:
    """One finding per schema error, on the line of the key concerned, naming the field."""
    findings: list[Finding] = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        finding = Finding(path, doc.line_of(loc), _message(loc, error))
        if finding not in findings:
            findings.append(finding)
    return sorted(findings, key=lambda f: f.line or 0)


def _where(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "top level"


def _message(loc: tuple[Any, ...], error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        name, parent = str(loc[-1]), loc[:-1]
        named = [part for part in parent if isinstance(part, str)]
        model = _MODELS.get(named[-1], Rep) if named else Rep
        allowed = [field.alias or key for key, field in model.model_fields.items()]
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f'; did you mean "{close[0]}"?' if close else f" (allowed: {', '.join(allowed)})"
        return f'unknown key "{name}" in {_where(parent)}{hint}'
    if kind == "missing":
        return f'{_where(loc[:-1])}: missing required key "{loc[-1]}"'
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{_where(loc)}: {message}"
