"""The item pool: every practice item the course's data yields, from the folder of the lessons.

The pool is built from data (877 items in 0.8 s), and built again whenever a file it is built
from changes, so a scenario added to ``scenarios/`` or a reply added to ``practice/*.yaml`` is
in the next session. Between two calls on unchanged files (today's practice run again, the
progress page) the pool built last is reused: its items are immutable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from coachlab.course import find_root
from coachlab.journals import module_of
from coachlab.practice.interview_items import interview_items
from coachlab.practice.items import SKILLS, Item, later_module
from coachlab.practice.lesson_items import lesson_items
from coachlab.practice.scenario_items import scenario_items
from coachlab.practicefile import PracticeFile, practice_files, read_practice_file
from coachlab.scenarios import load_bank


def course_folder(start: Path | str | None = None) -> Path:
    """The lessons' folder: ``start`` (default: here) if it holds scenarios/, else the course's."""
    here = Path(start or Path.cwd())
    if (here / "scenarios").is_dir():
        return here

    return find_root(here) / "course"


#: Where the pool's data lives under the lessons' folder (every ``*.yaml`` below each).
SOURCES = ("scenarios", "practice", "reps")

#: Per folder: the signature of the files the pool was last built from, and that pool.
_BUILT: dict[Path, tuple[tuple[tuple[str, int, int, int], ...], tuple[Item, ...]]] = {}


def build_pool(folder: Path | str | None = None) -> list[Item]:
    """Every item from ``folder``/scenarios/*.yaml, ``folder``/practice/*.yaml and
    ``folder``/practice/drills/*.yaml (practice-only content no lesson widget shows), and the
    short interviews whose reps a practice file's ``practice_interviews:`` names in
    ``folder``/reps.

    Raises ``ScenarioError`` for a broken scenario and ``PracticeFileError`` for a broken
    practice file, each naming the file. Items with the same id (the same reply in two places)
    are kept once. A scenario a lesson plays (``scenario:`` in its practice file) belongs to that
    lesson: its items wait until that lesson is opened, even for skills taught earlier.
    """
    folder = course_folder(folder)  # the key as given: items name files under it
    signature = _signature(folder)
    built = _BUILT.get(folder)
    if built is not None and built[0] == signature:
        return list(built[1])
    pool = _build(folder)
    _BUILT[folder] = (signature, tuple(pool))
    return pool


def _signature(folder: Path) -> tuple[tuple[str, int, int, int], ...]:
    """Every data file the pool reads, with its size, modification time and inode: any file
    added, removed, replaced or rewritten changes it (a stat each, about a millisecond)."""
    found = []
    for source in SOURCES:
        for path in sorted((folder / source).rglob("*.yaml")):
            try:
                stat = path.stat()
            except OSError:
                continue  # gone since it was listed: the signature differs from the last one
            found.append((str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino))
    return tuple(found)


def _build(folder: Path) -> list[Item]:
    """The pool of ``folder``, read from its files."""
    items: dict[str, Item] = {}
    seen_sort_texts: set[str] = set()
    found: list[Item] = []
    files = _practice_files(folder)
    owners = {content.scenario: module_of(path.stem) or ""
              for path, content in files if content.scenario is not None}
    for scenario in load_bank(folder / "scenarios"):
        owner = owners.get(scenario.id, "")
        found.extend(replace(item, module=later_module(item.module, owner))
                     for item in scenario_items(scenario))
    for path, content in files:
        found.extend(lesson_items(path, content))
        found.extend(interview_items(path, content, folder / "reps"))
    for item in found:
        if item.skill == "sort":  # the same reply sorted twice is one item
            text = item.context[-1].lower()
            if text in seen_sort_texts:
                continue
            seen_sort_texts.add(text)
        items.setdefault(item.id, item)
    return list(items.values())


def _practice_files(folder: Path) -> list[tuple[Path, PracticeFile]]:
    """Each practice file of ``folder`` (lessons', then drills), with its checked content.
    Drills live apart because lessons and reports read ``practice/*.yaml`` as the lesson's own
    widgets."""
    return [(path, read_practice_file(path)) for path in practice_files(folder)]


def available(pool: Iterable[Item], opened: Iterable[str]) -> list[Item]:
    """The items of ``pool`` whose module is among ``opened`` (two-digit module numbers)."""
    modules = set(opened)
    return [item for item in pool if item.module in modules]


def pool_sizes(pool: list[Item]) -> dict[str, int]:
    """Items per skill, in course order."""
    counts = Counter(item.skill for item in pool)
    return {skill: counts.get(skill, 0) for skill in SKILLS}
