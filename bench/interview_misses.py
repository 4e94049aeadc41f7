"""Print every dev question the engine answers inappropriately: the question, the fact it
should reach, what the engine did and how the matcher read it.

Run from the repository root:  .venv/bin/python bench/interview_misses.py [dev|dev2|...|dev5 ...]
Reads only the dev question files (course/reps/phrasings/dev*.questions.yaml), never the
held-out set, which is read once a round by bench_interview.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_interview import _judge  # noqa: E402

from coachlab.interview import Interview, load_reps  # noqa: E402
from coachlab.interview.matcher import matcher_for  # noqa: E402
from coachlab.interview.words import is_content_free  # noqa: E402

PHRASINGS = ROOT / "course" / "reps" / "phrasings"


def main() -> None:
    """Print the misses of each named dev set (all five by default)."""
    reps = load_reps(ROOT / "course" / "reps")
    names = sys.argv[1:] or ["dev", "dev2", "dev3", "dev4", "dev5"]
    for name in names:
        data = yaml.safe_load((PHRASINGS / f"{name}.questions.yaml").read_text("utf-8"))
        for rep_id, items in data.items():
            rep = reps[rep_id]
            for item in items:
                question, expect = str(item["q"]), str(item["expect"])
                interview = Interview(rep)
                interview.state.trust = 2
                turn = interview.ask(question)
                right, _ = _judge(rep, is_content_free(question),
                                  None if expect == "none" else expect, turn.revealed)
                if right:
                    continue
                ranked = matcher_for(rep).rank(question)[:3]
                top = "; ".join(f"{r.fact} {r.score:.2f}/{r.coverage:.2f}" for r in ranked)
                kind = "WRONG" if turn.revealed else "miss "
                print(f"{name} {kind} {rep_id}: {question!r} expect={expect} "
                      f"got={turn.revealed} [{turn.move} {turn.reaction}] top: {top}")


if __name__ == "__main__":
    main()
