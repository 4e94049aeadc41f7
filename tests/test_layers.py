"""The package's layers: no import cycle, and no module imports from a layer above its own.

Every import counts, at the top of a module or inside a function (a deferred import is still a
dependency). A module imports only from its own layer or the layers below it, and modules never
import each other round in a circle. A new module must be given a layer in ``LAYERS``.

The layers are one way to draw floors; the import graph itself draws others. Each module sits on
the floor above everything it imports (:func:`floors`), and that holds however the modules are
grouped: one box per module, or one box per folder (a subpackage drawn as one room), at every
depth. So no import runs back up a floor in any of those drawings (:func:`groupings`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "coachlab"

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ground: the course's content and rules, no Jupyter and no nbgrader", (
        "coachlab", "coachlab.moves", "coachlab.diagnosis", "coachlab.course", "coachlab.files",
        "coachlab.responses", "coachlab.textbar", "coachlab.retry", "coachlab.journals",
        "coachlab.figures", "coachlab.gradebook", "coachlab.pages", "coachlab.schema",
        "coachlab.outcomes", "coachlab.blanks", "coachlab.progress.reading",
        "coachlab.analysis", "coachlab.scenarios", "coachlab.interview", "coachlab.simulation",
        "coachlab.planner",
        "coachlab.capstone", "coachlab.selfassessment", "coachlab.practice",
        "coachlab.practicefile", "coachlab.scorefile")),
    ("checks: everything a notebook cell calls", ("coachlab.checks",)),
    ("views: widgets and the lessons' helpers", ("coachlab.widgets", "coachlab.lessons",
                                                       "coachlab.session")),
    ("grading: nbgrader plugins and the release", ("coachlab.grading", "coachlab.exercises")),
    ("results: progress, cohort workflow, self-grading, xAPI", (
        "coachlab.progress", "coachlab.cohort", "coachlab.selfgrade", "coachlab.xapi")),
    ("commands: the command line, JupyterLab launcher, modes and the course home", (
        "coachlab.cli", "coachlab.launch", "coachlab.__main__", "coachlab.modes",
        "coachlab.home")),
)
"""Lowest first. A name covers the module and, for a package, everything inside it."""

# ------------------------------------------------------------------------------ reading imports

def module_name(path: Path, root: Path, package: str) -> str:
    """``root/a/b.py`` -> ``package.a.b``; a package's ``__init__.py`` is the package itself."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([package, *parts])


def imports(root: Path, package: str) -> dict[str, dict[str, int]]:
    """Every module under ``root`` -> {imported module of this package: first line}."""
    modules = {module_name(p, root, package): p for p in sorted(root.rglob("*.py"))}
    found: dict[str, dict[str, int]] = {}
    for name, path in modules.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges: dict[str, int] = {}
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                # "from pkg import mod" depends on the module pkg.mod when there is one.
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                           for a in node.names]
            for target in targets:
                while target and target not in modules:  # "import a.b.c" with c a name
                    target = target.rpartition(".")[0]
                if target and target != name:
                    edges.setdefault(target, node.lineno)
        found[name] = edges
    return found


def layer_of(module: str, layers: Iterable[tuple[str, tuple[str, ...]]] = LAYERS) -> int | None:
    """The index of the layer whose most specific name covers ``module``, or None."""
    best: tuple[int, int] | None = None
    for index, (_title, names) in enumerate(layers):
        for prefix in names:
            if module == prefix or module.startswith(prefix + "."):
                if best is None or len(prefix) > best[0]:
                    best = (len(prefix), index)
    return best[1] if best else None


def upward(graph: Mapping[str, Mapping[str, int]],
           layers: Iterable[tuple[str, tuple[str, ...]]] = LAYERS) -> list[tuple[str, str]]:
    """(importer, imported) pairs where the imported module sits in a higher layer."""
    layers = tuple(layers)
    return sorted((a, b) for a, edges in graph.items() for b in edges
                  if (layer_of(a, layers) or 0) < (layer_of(b, layers) or 0))


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Every group of modules that import each other round in a circle (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                other = stack.pop()
                group.append(other)
                if other == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def floors(graph: Mapping[str, Iterable[str]]) -> dict[str, int]:
    """Each node's floor: 1 for a node that imports nothing, else one above the highest floor it
    imports. Raises ValueError naming a cycle, where no floor can be drawn."""
    found: dict[str, int] = {}
    visiting: list[str] = []

    def floor(node: str) -> int:
        if node in found:
            return found[node]
        if node in visiting:
            loop = visiting[visiting.index(node):]
            raise ValueError(f"no floor can be drawn: {' -> '.join([*loop, node])}")
        visiting.append(node)
        found[node] = 1 + max((floor(other) for other in graph.get(node, ())), default=0)
        visiting.pop()
        return found[node]

    for node in sorted(graph):
        floor(node)
    return found


def grouped(graph: Mapping[str, Iterable[str]], depth: int) -> dict[str, set[str]]:
    """The graph with every module folded into its package ``depth`` names below the top
    (``coachlab.cohort.grade`` -> ``coachlab.cohort`` at depth 1): a folder drawn as one room.
    An import inside one room disappears."""
    def room(module: str) -> str:
        return ".".join(module.split(".")[: depth + 1])

    folded: dict[str, set[str]] = {}
    for node, edges in graph.items():
        folded.setdefault(room(node), set())
        for other in edges:
            if room(other) != room(node):
                folded[room(node)].add(room(other))
    return folded


def groupings(graph: Mapping[str, Iterable[str]]) -> dict[str, dict[str, set[str]]]:
    """Every way of drawing the package as rooms that this file checks: one room per module, and
    one per folder at each depth the package has."""
    deepest = max(len(name.split(".")) for name in graph)
    drawings = {"modules": {node: set(edges) for node, edges in graph.items()}}
    for depth in range(1, deepest - 1):
        drawings[f"folders at depth {depth}"] = grouped(graph, depth)
    return drawings


def back_up(graph: Mapping[str, Iterable[str]]) -> list[str]:
    """Every import that does not run strictly down a floor of ``graph`` (cycles included)."""
    try:
        floor = floors(graph)
    except ValueError as error:
        return [str(error)]
    return [f"{a} (floor {floor[a]}) imports {b} (floor {floor[b]})"
            for a, edges in sorted(graph.items()) for b in sorted(edges) if floor[a] <= floor[b]]


# ------------------------------------------------------------------------------ the package

@cache
def package_graph() -> dict[str, dict[str, int]]:
    """The package's import graph, read once, when a test first needs it: every test process
    collects this file, and parsing every module there cost each of them about 1.4 s."""
    return imports(PACKAGE, "coachlab")


#: The drawings ``groupings`` makes, named from the folder tree alone (no parsing at collection).
DRAWINGS = ["modules", *(f"folders at depth {depth}" for depth in range(
    1, max(len(path.relative_to(PACKAGE.parent).parts) for path in PACKAGE.rglob("*.py")) - 1))]


def test_every_module_has_a_layer() -> None:
    assert [m for m in package_graph() if layer_of(m) is None] == []


def test_no_import_cycle() -> None:
    assert cycles(package_graph()) == []


def test_no_module_imports_from_a_higher_layer() -> None:
    graph = package_graph()
    described = [f"{a} (layer {layer_of(a)}) imports {b} (layer {layer_of(b)}), line "
                 f"{graph[a][b]}" for a, b in upward(graph)]
    assert described == []


def test_every_drawing_is_checked() -> None:
    assert sorted(DRAWINGS) == sorted(groupings(package_graph()))


@pytest.mark.parametrize("drawing", DRAWINGS)
def test_no_import_runs_back_up_a_floor_however_the_floors_are_drawn(drawing: str) -> None:
    assert back_up(groupings(package_graph())[drawing]) == []


def test_domain_modules_import_no_grading_code() -> None:
    graph = package_graph()
    ground = [m for m in graph if layer_of(m) == 0]
    assert [(m, b) for m in ground for b in graph[m]
            if b.startswith(("coachlab.grading", "coachlab.checks"))] == []


# ------------------------------------------------------------------------------ the test can fail

def _package(tmp_path: Path, files: Mapping[str, str]) -> Path:
    root = tmp_path / "fake"
    for name, text in {"__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_a_cycle_through_a_function_level_import_is_found(tmp_path: Path) -> None:
    root = _package(tmp_path, {
        "a.py": "from fake.b import thing\n",
        "b.py": "def thing():\n    from fake import c\n",
        "c.py": "from . import a\n",
        "d.py": "import fake.a\n",
    })
    graph = imports(root, "fake")
    assert graph["fake.b"] == {"fake.c": 2}
    assert cycles(graph) == [["fake.a", "fake.b", "fake.c"]]


def test_an_import_from_a_higher_layer_is_found(tmp_path: Path) -> None:
    root = _package(tmp_path, {
        "low.py": "def f():\n    import fake.high.views as v\n",
        "high/__init__.py": "",
        "high/views.py": "from fake.low import f\n",
    })
    layers = (("ground", ("fake", "fake.low")), ("top", ("fake.high",)))
    graph = imports(root, "fake")
    assert cycles(graph) == [["fake.high.views", "fake.low"]]
    assert upward(graph, layers) == [("fake.low", "fake.high.views")]
    assert layer_of("fake.high.views", layers) == 1 and layer_of("fake.other", layers) == 0


def test_a_loop_between_folders_is_found_though_the_modules_make_none(tmp_path: Path) -> None:
    root = _package(tmp_path, {
        "shop/__init__.py": "", "shop/till.py": "from fake.stock import count\n",
        "stock/__init__.py": "", "stock/count.py": "",
        "stock/report.py": "def f():\n    from fake.shop import till\n",
    })
    graph = imports(root, "fake")
    assert cycles(graph) == [] and back_up(graph) == []
    assert floors(graph)["fake.stock.report"] == 3 > floors(graph)["fake.shop.till"] == 2
    folders = groupings(graph)["folders at depth 1"]
    assert folders["fake.shop"] == {"fake.stock"} and folders["fake.stock"] == {"fake.shop"}
    assert back_up(folders) == ["no floor can be drawn: fake.shop -> fake.stock -> fake.shop"]


def test_floors_put_each_module_above_what_it_imports() -> None:
    graph = {"top": {"mid", "low"}, "mid": {"low"}, "low": set()}
    assert floors(graph) == {"low": 1, "mid": 2, "top": 3}
    assert back_up(graph) == []


@pytest.mark.parametrize("module", ["coachlab.checks.quick", "coachlab.grading.release"])
def test_the_real_layers_are_ordered_as_documented(module: str) -> None:
    assert layer_of("coachlab.planner") == 0
    assert layer_of(module) > layer_of("coachlab.planner")  # type: ignore[operator]


def test_the_widgets_loaded_on_first_use_are_named_for_the_import_graph() -> None:
    """``coachlab.widgets`` loads each widget's module on first use; its TYPE_CHECKING imports
    name the same widgets, so the graph above sees those edges."""
    import coachlab.widgets as widgets

    named = {alias.name for node in ast.walk(ast.parse((PACKAGE / "widgets" / "__init__.py")
                                                       .read_text(encoding="utf-8")))
             if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("coachlab.")
             for alias in node.names}
    assert named == set(widgets._HOMES) == set(widgets.__all__)
