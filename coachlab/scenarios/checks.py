"""Graph and content checks for scenario files: what `coachlab scenarios check` reports.

Reading and schema problems come from the loader; this module adds the checks that need the
whole conversation graph (missing, unreachable and trapped nodes; enough decisions and endings;
a path that finds the root cause by asking), the honesty rules (a best ending exists; at least
one open question fails; a skill gap is best served by asking and then teaching; a will or
confidence cause is not solved by telling alone; a rep tries, fails and learns from the
debrief) and the checks across files (duplicate ids, a rep's first name used twice).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path

from coachlab.analysis import assess, classify
from coachlab.diagnosis import SKILL_GAP_CAUSES, WILL_CAUSES

from .findings import Finding, Severity
from .loader import Key, Parsed, parse_file
from .model import Scenario, ScenarioPath, paths

MIN_DECISIONS = 3
"""Fewest decisions the longest path of a scenario must ask of the learner."""

MIN_ENDINGS = 2
"""Fewest reachable endings a scenario must have."""

MIN_CHOICES, MAX_CHOICES = 2, 4
"""How many replies each decision offers."""

PATH_LIMIT = 5000
"""Most paths enumerated per scenario when checking path properties."""

MODEL_REPLY = "Here's how I'd open it — what would you change?"
"""An example of teaching after asking, quoted in the skill-gap messages."""


def course_scenario_files(root: Path | str) -> list[Path]:
    """Every scenario and conversation file the course uses: the bank and the exercises' own.

    ``root`` is the course folder. Other YAML files beside the exercises (answer explanations,
    settings) are left out: a scenario file has a top-level ``nodes:`` key. ``exercises/`` is
    left out because it is generated from ``solutions/`` (the same files twice would report
    every rep name as reused).
    """
    root = Path(root)
    files = sorted((root / "course" / "scenarios").glob("*.yaml"))
    files += [path for path in sorted((root / "solutions").glob("*/*.yaml"))
              if _SCENARIO_KEY.search(path.read_text(encoding="utf-8", errors="replace"))]
    return files


_SCENARIO_KEY = re.compile(r"^nodes:", re.MULTILINE)


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
    first_name: dict[str, tuple[Path, int | None]] = {}
    for file in dict.fromkeys(files):  # a file named twice is checked once
        parsed = parse_file(file)
        file_findings = list(parsed.findings)
        file_findings.extend(_name_findings(parsed, first_name))
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


def _name_findings(parsed: Parsed, first_name: dict[str, tuple[Path, int | None]]
                   ) -> list[Finding]:
    """Report a rep whose first name is already used by another file (so a name never cues the
    cause); read from the plain data, so it works for files the schema refuses too."""
    data = parsed.document.data if parsed.document else None
    rep = data.get("rep") if isinstance(data, dict) else None
    name = rep.get("name") if isinstance(rep, dict) else None
    if not isinstance(name, str) or not name.split():
        return []
    first = name.split()[0]
    key = first.casefold()
    line = parsed.line_of(("rep", "name"))
    if key in first_name:
        other, other_line = first_name[key]
        where = f"{other}:{other_line}" if other_line else str(other)
        return [Finding(parsed.path, line, f'rep first name "{first}" is already used in '
                        f"{where}; give every rep in the course a different first name so a "
                        "name never cues the root cause")]
    first_name[key] = (parsed.path, line)
    return []


def check_scenario(parsed: Parsed) -> list[Finding]:
    """Run the graph and content checks on one schema-valid scenario file."""
    scenario = parsed.scenario
    if scenario is None:
        return []
    out: list[Finding] = []

    def report(key: Key, message: str, severity: Severity = "error") -> None:
        out.append(Finding(parsed.path, parsed.line_of(key), message, severity))

    nodes = scenario.nodes
    if parsed.section is None and parsed.path.stem != scenario.id:
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
        if node.free_text is not None:
            for label, branch in node.free_text.branches.items():
                if branch.next not in nodes:
                    report(("nodes", node_id, "free_text", "branches", label, "next"),
                           f'the {label} branch of node "{node_id}" goes to missing node '
                           f'"{branch.next}"')
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
        node_id: [choice.next for choice in node.options if choice.next in nodes]
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
    _honesty_checks(scenario, walks, reachable, predecessors, report)


def _honesty_checks(scenario: Scenario, walks: list[ScenarioPath], reachable: set[str],
                    predecessors: dict[str, list[str]], report: Callable[..., None]) -> None:
    """The rules that keep a scenario honest: asking is not always right, telling not always
    wrong, and trying and failing can be the lesson."""
    nodes = scenario.nodes
    best_ends = [node_id for node_id, node in nodes.items()
                 if node.ending is not None and node.ending.outcome == "best"
                 and node_id in reachable]
    if not best_ends:
        report(("nodes",), "no reachable ending is best: mark the ending where the move fitted "
               "the cause with outcome: best, and say why in its debrief")
        return

    can_reach_best: set[str] = set()
    for end in best_ends:
        can_reach_best |= _reach(end, predecessors)
    open_choices = [choice for node_id, node in nodes.items() if node_id in reachable
                    for choice in node.options if choice.move == "open"]
    if open_choices and all(choice.next in can_reach_best for choice in open_choices):
        report(("nodes",), "every open choice leads to the best ending: make at least one open "
               'question fail (off-topic, judging "Why did you…?", stacked, or asked when the '
               "rep needs a decision now) so that no best ending can be reached after it")

    for node_id, node in nodes.items():
        for index, choice in enumerate(node.choices):
            if choice.move != "open" or choice.next not in can_reach_best:
                continue
            flags = assess(choice.reply, context=node.rep_says).flags
            if flags:
                report(("nodes", node_id, "choices", index, "reply"),
                       f"choice {_quote(choice.reply)} is an open question that reads as "
                       f"{' and '.join(flags)}, yet the best ending can still be reached "
                       "after it; lead it away from the best ending or reword it",
                       "warning")

    best_walks = [walk for walk in walks if walk.ending.outcome == "best"]
    cause = scenario.root_cause
    if cause in SKILL_GAP_CAUSES:
        if not any(walk.asks_then_tells for walk in best_walks):
            report(("root_cause",), "no root-cause-found path ends with a tell where the cause "
                   f'is a skill gap ("{cause}"): reach the best ending by asking first, then '
                   f'teaching or modelling (a tell such as "{MODEL_REPLY}")')
        else:
            reported: set[tuple[str, bool]] = set()
            for walk in best_walks:
                if walk.asks_then_tells or (walk.end, walk.asks_only) in reported:
                    continue
                reported.add((walk.end, walk.asks_only))
                if walk.asks_only:
                    report(("nodes", walk.end), f'questions alone reach the best ending '
                           f'"{walk.end}" where the cause is a skill gap ("{cause}"): the rep '
                           "still lacks the skill; end that path good, not best")
                else:
                    report(("nodes", walk.end), f'the best ending "{walk.end}" is reached '
                           f"without asking before telling ({', '.join(walk.moves)}) where the "
                           f'cause is a skill gap ("{cause}"): diagnose first, then teach')
    elif cause in WILL_CAUSES:
        for end in dict.fromkeys(walk.end for walk in best_walks if not walk.asks):
            report(("nodes", end), f'a path with no question reaches the best ending "{end}" '
                   f'where the cause is will or confidence ("{cause}"): telling alone must '
                   "not reach it; asking still matters there")

    endings = [nodes[end].ending for end in reachable]
    if not any(ending.tried_and_failed and ending.outcome != "poor"
               for ending in endings if ending is not None):
        report(("nodes",), "no ending shows the rep trying and failing with a debrief worth "
               "having: add an ending with rep_tried: true, deal: lost or slipped, and an "
               "outcome above poor whose debrief turns the loss into learning")


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


def _move_findings(parsed: Parsed, scenario: Scenario) -> list[Finding]:
    """Warn where a choice's stated move disagrees with how the classifier reads the reply."""
    out = []
    for node_id, node in scenario.nodes.items():
        for index, choice in enumerate(node.choices):
            label = classify(choice.reply).label
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
