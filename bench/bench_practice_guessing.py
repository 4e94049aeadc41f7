"""How much of the practice pool a guesser gets right, before and after the pool's repair.

Run from the repository root:  .venv/bin/python bench/bench_practice_guessing.py [--before REF]
Prints one Markdown table: skill, items before and after, and the share the best guesser gets
right before and after, with which guesser that is. "Before" is the pool built by the code and
data of git ref REF (default: the commit the repair started from), read from ``git archive``
into a temporary folder; "after" is this working tree. Guessers (``coachlab.practice.guessing``):

- majority: always pick the skill's most common keyed value;
- longest: always pick the longest option text (only where options vary between items);
- first words: sort a reply by its first words alone (sort only);
- typed: for the typed rewrite skill, type the course's focus question "What's the real
  challenge here for you?" into every item.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BEFORE = "9df7321"
"""The commit the repair (issue 21, the practice pool) started from."""

TYPED_GUESS = "What's the real challenge here for you?"

# Run in a fresh interpreter whose coachlab is the tree at argv[1]: the guessers are loaded from
# this tree's file, so both pools are measured by the same rules.
_MEASURE = r"""
import importlib.util, json, sys
sys.path.insert(0, sys.argv[1])
from coachlab.practice import build_pool
from coachlab.practice.judge import judge
spec = importlib.util.spec_from_file_location("guessing", sys.argv[2])
guessing = sys.modules["guessing"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(guessing)
pool = build_pool(sys.argv[1] + "/course")
rows = {}
for row in guessing.guessing_report(pool):
    shares = {"majority": row.majority}
    if row.longest is not None:
        shares["longest"] = row.longest
    if row.first_words is not None:
        shares["first words"] = row.first_words
    items = [i for i in pool if i.skill == row.skill]
    if not any(i.options for i in items):
        shares = {"typed": sum(judge(i, sys.argv[3]).right for i in items) / len(items)}
    name = max(shares, key=shares.get)
    rows[row.skill] = {"items": row.items, "guesser": name, "share": shares[name]}
print(json.dumps(rows))
"""


def measure(tree: Path) -> dict[str, dict[str, object]]:
    """Per skill: items, and the best guesser's name and share, for the tree at ``tree``."""
    guessing = ROOT / "coachlab" / "practice" / "guessing.py"
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(tree), str(guessing), TYPED_GUESS],
                          capture_output=True, text=True, cwd=tree)
    if done.returncode:
        raise SystemExit(f"measuring {tree} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def tree_at(ref: str, into: Path) -> Path:
    """The package and the course at git ``ref``, unpacked into ``into``."""
    archive = subprocess.run(["git", "archive", ref, "coachlab", "course"], cwd=ROOT,
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--before", default=BEFORE, help="git ref of the pool before")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        before = measure(tree_at(args.before, Path(folder)))
    after = measure(ROOT)
    print(f"Practice pool: before = {args.before}, after = this tree")
    print("| skill | items before | items after | guesser gets right before | after |")
    print("| --- | --- | --- | --- | --- |")
    total_before = total_after = 0
    for skill in after:
        old, new = before.get(skill, {}), after[skill]
        total_before += int(old.get("items", 0))
        total_after += int(new["items"])
        was = f"{old['share']:.0%} ({old['guesser']})" if old else "–"
        print(f"| {skill} | {old.get('items', 0)} | {new['items']} | {was} | "
              f"{new['share']:.0%} ({new['guesser']}) |")
    print(f"| all | {total_before} | {total_after} | | |")


if __name__ == "__main__":
    main()
