"""Graph and content checks for scenario files: what `coachlab scenarios check` reports.

Reading and schema problems come from the loader; this module adds the checks that need the
whole conversation graph (missing, unreachable and trapped nodes; enough decisions and endings;
a path that finds the root cause by asking) and the checks across files (duplicate ids).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path

from .findings import Finding
from .loader import Parsed, parse_file
from .model import Scenario, paths

MIN_DECISIONS = 3
"""Fewest decisions the longest path of a scenario must ask of the learner."""

MIN_ENDINGS = 2
"""Fewest reachable endings a scenario must have."""

MIN_CHOICES, MAX_CHOICES = 2, 4
"""How many replies each decision offers."""

PATH_LIMIT = 5000
"""Most paths enumerated per scenario when checking path properties."""


def check_paths(paths_: Iterable[Path | str]) -> list[Finding]:
    """Check scenario files and directories of ``*.yaml`` files; return every finding.

    Findings are ordered by file (in the order given, directories sorted by name) and line.
    Any finding with severity "error" means the bank is not fit to ship.
    """
    findings: list[Finding] = []
    files: list[Path] = []
    for entry in paths_:
        entry = Path(entry)
        if entry.is_dir():
            found = sorted(entry.glob("*.yaml"))
            if not found:
                findings.append(Finding(entry, None, "no scenario files (*.yaml) in directory"))
            files.extend(found)
        elif entry.exists():
            files.append(entry)
        else:
            findings.append(Finding(entry, None, "no such file or directory"))

    first_id: dict[str, tuple[Path, int | None]] = {}
    for file in dict.fromkeys(files):  # a file named twice is checked once
        parsed = parse_file(file)
        file_findings = list(parsed.findings)
        if parsed.scenario is not None:
            file_findings.extend(check_scenario(parsed))
            scenario_id = parsed.scenario.id
            line = parsed.line_of(("id",))
            if scenario_id in first_id:
                other, other_line = first_id[scenario_id]
                where = f"{other}:{other_line}" if other_line else str(other)
                file_findings.append(Finding(
                    file, line, f'scenario id "{scenario_id}" is already used in {where}',
                ))
            else:
                first_id[scenario_id] = (file, line)
        file_findings.sort(key=lambda f: f.line or 0)
        findings.extend(file_findings)
    return findings


def check_scenario(parsed: Parsed) -> list[Finding]:
    """Run the graph and content checks on one schema-valid scenario file."""
    scenario = parsed.scenario
    if scenario is None:
        return []
    out: list[Finding] = []

    def report(key: tuple, message: str, severity: str = "error") -> None:
        out.append(Finding(parsed.path, parsed.line_of(key), message, severity))  # type: ignore[arg-type]

    nodes = scenario.nodes
    if parsed.path.stem != scenario.id:
        report(("id",), f'file name "{parsed.path.name}" does not match id "{scenario.id}"; '
               f'name the file {scenario.id}.yaml', "warning")

    start_ok = scenario.start in nodes
    if not start_ok:
        report(("start",), f'start "{scenario.start}" is not a node in this scenario')

    for node_id, node in nodes.items():
        count = len(node.choices)
        if node.choices and not MIN_CHOICES <= count <= MAX_CHOICES:
            plural = "choice" if count == 1 else "choices"
            report(("nodes", node_id, "choices"),
                   f'node "{node_id}" has {count} {plural}; give each decision '
                   f"{MIN_CHOICES} to {MAX_CHOICES} replies")
        for index, choice in enumerate(node.choices):
            if choice.next not in nodes:
                report(("nodes", node_id, "choices", index, "next"),
                       f'choice {_quote(choice.reply)} in node "{node_id}" goes to missing '
                       f'node "{choice.next}"')
        moves = {choice.move for choice in node.choices}
        if count >= MIN_CHOICES and len(moves) == 1:
            report(("nodes", node_id, "choices"),
                   f'every choice in node "{node_id}" is "{moves.pop()}"; mix the moves so the '
                   "learner has a real decision", "warning")

    if start_ok:
        _graph_checks(scenario, report)
    out.extend(_move_findings(parsed, scenario))
    return out


def _graph_checks(scenario: Scenario, report: Callable[..., None]) -> None:
    """Report missing exits, unreachable nodes, too few endings or decisions, no found path."""
    nodes = scenario.nodes
    successors = {
        node_id: [choice.next for choice in node.choices if choice.next in nodes]
        for node_id, node in nodes.items()
    }
    reachable = _reach(scenario.start, successors)
    for node_id in nodes:
        if node_id not in reachable:
            report(("nodes", node_id), f'node "{node_id}" is unreachable from start '
                   f'"{scenario.start}"')

    predecessors: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    for node_id, targets in successors.items():
        for target in targets:
            predecessors[target].append(node_id)
    endings = [node_id for node_id, node in nodes.items() if node.is_ending]
    can_end: set[str] = set()
    for ending in endings:
        can_end |= _reach(ending, predecessors)
    trapped = [node_id for node_id in nodes if node_id in reachable and node_id not in can_end]
    if trapped:
        names = ", ".join(f'"{node_id}"' for node_id in trapped)
        report(("nodes", trapped[0]),
               f"no ending can be reached from node{'s' if len(trapped) > 1 else ''} {names}: "
               "a loop with no exit; give one of them a choice that leads to an ending")

    reachable_endings = [node_id for node_id in endings if node_id in reachable]
    if len(reachable_endings) < MIN_ENDINGS:
        report(("nodes",), f"the scenario has {len(reachable_endings)} reachable "
               f"ending{'s' if len(reachable_endings) != 1 else ''}; write at least "
               f"{MIN_ENDINGS} so choices lead to different outcomes")

    walks = paths(scenario, limit=PATH_LIMIT)
    longest = max((walk.decisions for walk in walks), default=0)
    if longest < MIN_DECISIONS:
        report(("nodes",), f"the longest path has {longest} decision"
               f"{'s' if longest != 1 else ''}; write at least {MIN_DECISIONS} so the root "
               "cause has to be dug for")
    found = [walk for walk in walks if walk.ending.root_cause_found]
    if not found:
        report(("root_cause",), "no path finds the root cause: set root_cause_found: true on "
               "an ending the learner can reach")
    elif not any(walk.asks_only for walk in found):
        report(("root_cause",), "no path finds the root cause by asking alone: every path to "
               "an ending with root_cause_found: true uses tell, leading or rescue")


def _reach(origin: str, edges: dict[str, list[str]]) -> set[str]:
    """Every node reachable from ``origin`` along ``edges`` (including ``origin``)."""
    seen = {origin}
    queue = deque([origin])
    while queue:
        for target in edges.get(queue.popleft(), []):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _classifier() -> Callable | None:
    """``coachlab.analysis.classify`` if it can be imported, else None (the check is skipped)."""
    try:
        from coachlab.analysis import classify
    except Exception:  # not written yet, or broken: skip the check rather than crash
        return None
    return classify


def _move_findings(parsed: Parsed, scenario: Scenario) -> list[Finding]:
    """Warn where a choice's stated move disagrees with how the classifier reads the reply."""
    classify = _classifier()
    if classify is None:
        return []
    out = []
    for node_id, node in scenario.nodes.items():
        for index, choice in enumerate(node.choices):
            try:
                label = classify(choice.reply).label
            except Exception:
                return out
            if label != choice.move:
                out.append(Finding(
                    parsed.path, parsed.line_of(("nodes", node_id, "choices", index, "reply")),
                    f"choice {_quote(choice.reply)} is labelled {choice.move} "
                    f"but reads as {label}",
                    "warning",
                ))
    return out


def _quote(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    if len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    return f'"{text}"'
