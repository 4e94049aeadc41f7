"""Read every single-letter multiple-choice item of an exercise from its solution notebook.

The options come from the part's instructions (``- **A.** text`` lines, continued by indented
lines), the answer names from the solution cell (``name = "B"``), and the keys from the dict
literal that the part's hidden test scores with. Nothing is listed by hand, so a new item or a
rewritten option is read the same way the learner and the grader see it.

A part's options are either one list shared by all its items (exercise 00's mistakes, exercise
03's reasons) or one list per item, in the order the items are answered.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

OPTION = re.compile(r"^- \*\*([A-Z])\.\*\* (.*)$")
"""One option's first line: ``- **A.** text``."""


@dataclass(frozen=True)
class ChoiceItem:
    """One multiple-choice item: its options (letter -> text) and the letters that earn points."""

    notebook: str
    part: str
    name: str
    options: dict[str, str]
    keys: frozenset[str]

    def key_is_longest(self) -> bool:
        """Whether an accepted option is (or ties for) the longest option by characters."""
        longest = max(len(text) for text in self.options.values())
        return any(len(self.options[k]) == longest for k in self.keys)

    def key_is_shortest(self) -> bool:
        """Whether an accepted option is (or ties for) the shortest option by characters."""
        shortest = min(len(text) for text in self.options.values())
        return any(len(self.options[k]) == shortest for k in self.keys)

    def chance(self) -> float:
        """The chance that a guess picks an accepted option."""
        return len(self.keys) / len(self.options)


def option_blocks(markdown: str) -> list[dict[str, str]]:
    """Each run of consecutive options in ``markdown``, as letter -> text (whitespace joined)."""
    blocks: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    last = ""
    for line in markdown.split("\n"):
        found = OPTION.match(line)
        if found:
            if current is None:
                current = {}
                blocks.append(current)
            last = found.group(1)
            current[last] = found.group(2).strip()
        elif current is not None and line.startswith("  ") and line.strip():
            current[last] += " " + line.strip()
        else:
            current = None
    return blocks


def _letter_answers(code: str) -> list[str]:
    """Names assigned a single capital letter in a solution cell, in order."""
    names = []
    for node in ast.parse(code).body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                and re.fullmatch(r"[A-Z]", node.value.value)):
            names.append(node.targets[0].id)
    return names


def _keys(code: str, names: list[str]) -> dict[str, frozenset[str]]:
    """The accepted letters for ``names``, from the dict literal a hidden test scores with."""
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Dict):
            try:
                value = ast.literal_eval(node)
            except ValueError:
                continue
            if all(name in value for name in names):
                return {name: frozenset(str(v).upper() for v in (
                    value[name] if isinstance(value[name], list) else [value[name]]))
                    for name in names}
    raise ValueError(f"no hidden key found for {names}")


def read_items(notebook: Path) -> list[ChoiceItem]:
    """Every single-letter multiple-choice item in a solution notebook."""
    cells = nbformat.read(notebook, as_version=4).cells
    items: list[ChoiceItem] = []
    prose: list[str] = []
    for index, cell in enumerate(cells):
        if cell.cell_type == "markdown":
            prose.append(cell.source)
            continue
        if "### BEGIN SOLUTION" not in cell.source:
            continue
        names = _letter_answers(cell.source.replace("### BEGIN SOLUTION", "")
                                .replace("### END SOLUTION", ""))
        text, prose = "\n".join(prose), []
        if not names:
            continue
        part = cell.id.removeprefix("answers-")
        hidden = next(c.source for c in cells[index + 1:]
                      if c.cell_type == "code" and "BEGIN HIDDEN TESTS" in c.source)
        keys = _keys(hidden, names)
        blocks = option_blocks(text)
        if len(blocks) == 1:
            blocks = blocks * len(names)
        if len(blocks) != len(names):
            raise ValueError(f"{notebook.name} part {part}: {len(blocks)} option lists for "
                             f"{len(names)} items")
        for name, options in zip(names, blocks, strict=True):
            unknown = keys[name] - set(options)
            if unknown:
                raise ValueError(f"{notebook.name} {name}: key {sorted(unknown)} is not an option")
            items.append(ChoiceItem(notebook.stem, part, name, options, keys[name]))
    return items


def length_giveaways(items: list[ChoiceItem], *, shortest: bool = False) -> list[str]:
    """Parts whose key is the longest option (or, with ``shortest``, the shortest) more often
    than chance plus one item."""
    parts: dict[tuple[str, str], list[ChoiceItem]] = {}
    for item in items:
        parts.setdefault((item.notebook, item.part), []).append(item)
    word = "shortest" if shortest else "longest"
    problems = []
    for (notebook, part), group in sorted(parts.items()):
        hits = [item.name for item in group
                if (item.key_is_shortest() if shortest else item.key_is_longest())]
        allowed = sum(item.chance() for item in group) + 1
        if len(hits) > allowed:
            problems.append(f"{notebook} part {part}: the key is the {word} option in "
                            f"{len(hits)} of {len(group)} items ({', '.join(hits)}); "
                            f"chance plus one allows {allowed:.2f}")
    return problems
