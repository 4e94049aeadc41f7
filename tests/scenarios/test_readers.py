"""libyaml reads clean files; every other file is read, and refused, as the careful reader does.

For every YAML file of the course and of the tests (broken fixtures included), ``read_yaml``
gives the same data, line numbers and findings, or the same refusal, as the pure-Python reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coachlab.scenarios import loader
from coachlab.scenarios.loader import MAX_DEPTH, ScenarioReadError, read_yaml

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(p for folder in ("course", "tests", "exercises", "solutions")
               for p in (ROOT / folder).rglob("*.yaml") if ".ipynb_checkpoints" not in p.parts)


def _read(path: Path) -> object:
    try:
        document = read_yaml(path)
    except ScenarioReadError as refused:
        return ("refused", str(refused.finding))
    return (document.data, document.lines, [str(f) for f in document.findings])


def test_libyaml_is_there_to_read_with() -> None:
    assert loader._C_LOADER is not None and yaml.__with_libyaml__


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_both_readers_agree(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _read(path)
    monkeypatch.setattr(loader, "_C_LOADER", None)
    assert fast == _read(path)


@pytest.mark.parametrize("text", [
    "a: &x [1, 2]\nb: *x\n",
    "a: &x 1\n",
    "a: !!python/object:os.system ls\n",
    "a: 1\n---\nb: 2\n",
    "a: [1, 2\n",
    "a: 1\na: 2\n",
    "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
    "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n",
])
def test_refusals_read_the_same(text: str, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "file.yaml"
    path.write_text(text, encoding="utf-8")
    fast = _read(path)
    monkeypatch.setattr(loader, "_C_LOADER", None)
    assert fast == _read(path)


def test_an_alias_bomb_is_refused_before_anything_is_built(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 12)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ScenarioReadError, match="anchors"):
        read_yaml(path)


def test_clean_files_are_read_by_libyaml() -> None:
    reps = sorted((ROOT / "course" / "reps").glob("*.yaml"))
    assert reps
    for path in reps:
        assert loader._read_clean(path.read_text(encoding="utf-8"), path) is not None, path


def test_a_text_read_before_is_handed_out_as_a_copy(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for path in (first, second):
        path.write_text("id: x\nnodes:\n  start: {says: hello}\n", encoding="utf-8")
    read = read_yaml(first)
    read.data["nodes"]["start"]["says"] = "changed by a caller"
    read.lines.clear()
    again = read_yaml(second)
    assert again.data == {"id": "x", "nodes": {"start": {"says": "hello"}}}
    assert again.lines[("nodes", "start")] == 3


def test_a_duplicate_key_names_each_file_it_is_in(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for path in (first, second):
        path.write_text("id: x\nid: y\n", encoding="utf-8")
    for path in (first, second, first):
        findings = read_yaml(path).findings
        assert [(f.path, f.line) for f in findings] == [(path, 2)], findings
