"""Benchmark coachlab.interview: held-out answers, paraphrases, speed, load and import time.

Run from the repository root:  .venv/bin/python bench/bench_interview.py
Prints plain figures (not a timed test):

- held-out (tests/interview/heldout/*.yaml; never used to tune the matcher): each question
  asked first in a fresh interview with trust 2 (as if rapport were already built, so trust
  facts count). Appropriate: the labelled fact is revealed, or, for `none`, nothing is revealed
  (the honest "not sure"; a content-free question may also get a surface fact, as the contract
  allows). Wrong fact: a fact other than the label is revealed. Targets: >= 92% and <= 3%.
  The same figures from the matcher alone (which fact the question reads as, whatever the move)
  show how much the move reactions add or take away;
- paraphrases (course/reps/phrasings/*.paraphrases.yaml, the files the matcher is tuned on and
  learns from): share read as their fact, each read leave-one-out (never against itself);
- dev questions (course/reps/phrasings/dev.questions.yaml, dev2, dev3, dev4 and dev5
  .questions.yaml: new wordings, never copied from the held-out set; the paraphrase
  figure flatters, since topics were written with those wordings in view): judged like the
  held-out set;
- latency per question, p50/p95, pinned to one core (CPU time of this process, and wall time);
  target p95 <= 20 ms;
- rep load time (each rep file, warm): median and max; target <= 50 ms;
- ``import coachlab.interview`` in a fresh interpreter (best of 7, minus bare start), and the
  first use (import, load one rep, ask one question) for the cost the lazy import defers.

``--dev-only`` skips the held-out set (for tuning runs: the held-out figures are read once a
round, at its end); ``--no-speed`` skips the timings.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coachlab.interview import Interview, Rep, load_rep, load_reps  # noqa: E402
from coachlab.interview.matcher import matcher_for  # noqa: E402
from coachlab.interview.words import is_content_free  # noqa: E402

REPS = ROOT / "course" / "reps"
DEV = REPS / "phrasings" / "dev.questions.yaml"
DEV2 = REPS / "phrasings" / "dev2.questions.yaml"
DEV3 = REPS / "phrasings" / "dev3.questions.yaml"
DEV4 = REPS / "phrasings" / "dev4.questions.yaml"
DEV5 = REPS / "phrasings" / "dev5.questions.yaml"
HELDOUT = ROOT / "tests" / "interview" / "heldout"
FIXTURES = ROOT / "tests" / "interview" / "fixtures" / "reps"
SECOND_HELDOUT = ROOT / "bench" / "interview_heldout_second_annotator.yaml"
SECOND_DEV45 = ROOT / "bench" / "interview_dev45_second_annotator.yaml"


def _pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def _ask_fresh(rep: Rep, question: str) -> str | None:
    interview = Interview(rep)
    interview.state.trust = 2
    return interview.ask(question).revealed


def _judge(rep: Rep, free: bool, expect: str | None, got: str | None) -> tuple[bool, bool]:
    """(appropriate, appropriate only by the content-free allowance) for one answer."""
    if got == expect:
        return True, False
    surface = got is not None and rep.fact(got).depth == "surface"  # type: ignore[union-attr]
    expected_surface = expect is None or rep.fact(expect).depth == "surface"  # type: ignore[union-attr]
    if free and surface and expected_surface:
        return True, True
    return False, False


def heldout(reps: dict[str, Rep]) -> None:
    """Appropriate-answer and wrong-fact rates on the held-out questions."""
    files = sorted(HELDOUT.glob("*.yaml"))
    if not files:
        print("held-out: no files in tests/interview/heldout/")
        return
    totals = {"engine": [0, 0], "matcher": [0, 0]}
    count = lenient_count = 0
    per_rep: list[str] = []
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rep = reps.get(data["rep"])
        if rep is None:
            print(f"held-out: {path.name}: no rep {data['rep']!r}")
            continue
        matcher = matcher_for(rep)
        good_here = 0
        for item in data["questions"]:
            question, expect = str(item["q"]), str(item["expect"])
            expect_fact = None if expect == "none" else expect
            free = is_content_free(question)
            reading = matcher.read(question)
            read_fact = reading.fact if not reading.content_free else None
            for kind, got in (("engine", _ask_fresh(rep, question)), ("matcher", read_fact)):
                right, lenient = _judge(rep, free, expect_fact, got)
                totals[kind][0] += right
                totals[kind][1] += got is not None and not right
                if kind == "engine":
                    good_here += right
                    lenient_count += lenient
            count += 1
        per_rep.append(f"{rep.id} {good_here}/{len(data['questions'])}")
    for kind in ("engine", "matcher"):
        good, wrong = totals[kind]
        print(f"held-out ({kind}): {count} questions, appropriate {good / count:.1%}, "
              f"wrong fact {wrong / count:.1%}")
    print(f"held-out: of the engine's appropriate answers, {lenient_count} are a content-free "
          "question answered with another surface fact than the label (allowed by the contract)")
    print("held-out per rep (engine): " + ", ".join(per_rep))


def paraphrases(reps: dict[str, Rep]) -> list[str]:
    """Share of paraphrases that reach their fact; returns every paraphrase asked."""
    asked: list[str] = []
    good = 0
    for rep in reps.values():
        matcher = matcher_for(rep, leave_one_out=True)
        for fact_id, questions in rep.paraphrases.items():
            for question in questions:
                asked.append(question)
                good += matcher.read(question).fact == fact_id
    if asked:
        print(f"paraphrases (tuning set, each read leave-one-out): {good}/{len(asked)} read as "
              f"their fact ({good / len(asked):.1%})")
    return asked


def dev(reps: dict[str, Rep], path: Path = DEV, name: str = "dev questions") -> None:
    """Appropriate-answer and wrong-fact rates on a dev question file (judged as held-out)."""
    if not path.is_file():
        return
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    count = good = wrong = 0
    for rep_id, items in data.items():
        rep = reps.get(rep_id)
        if rep is None:
            continue
        for item in items:
            question, expect = str(item["q"]), str(item["expect"])
            got = _ask_fresh(rep, question)
            right, _lenient = _judge(rep, is_content_free(question),
                                     None if expect == "none" else expect, got)
            count += 1
            good += right
            wrong += got is not None and not right
    if count:
        print(f"{name} (engine): {count} questions, appropriate {good / count:.1%}, "
              f"wrong fact {wrong / count:.1%}")


def _first_labels(paths: list[Path]) -> dict[tuple[str, str], str]:
    """(rep id, question) -> the first annotator's label, from held-out or dev files."""
    labels: dict[tuple[str, str], str] = {}
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "questions" in data:  # a held-out file: {rep, questions: [{q, expect}]}
            data = {data["rep"]: data["questions"]}
        for rep_id, items in data.items():
            for item in items:
                labels[(rep_id, str(item["q"]))] = str(item["expect"])
    return labels


def agreement(reps: dict[str, Rep], first_paths: list[Path], second: Path, name: str) -> None:
    """How often a second annotator, blind to the first labels, gives the same label (the
    ceiling a single-label figure can be read against), and how often the engine's answer is
    one that either annotator accepts (their label, or a fact listed under ``also``)."""
    if not second.is_file():
        return
    first = _first_labels(first_paths)
    data = yaml.safe_load(second.read_text(encoding="utf-8"))
    count = same = engine_ok = engine_wrong = 0
    for rep_id, items in data.items():
        rep = reps.get(rep_id)
        for item in items:
            key = (rep_id, str(item["q"]))
            if rep is None or key not in first:
                continue
            label, also = str(item["label"]), {str(fact) for fact in item.get("also") or ()}
            count += 1
            same += label == first[key]
            got = _ask_fresh(rep, key[1])
            free = is_content_free(key[1])
            ok = any(_judge(rep, free, None if lab == "none" else lab, got)[0]
                     for lab in (first[key], label)) or got in also
            engine_ok += ok
            engine_wrong += got is not None and not ok
    if count:
        print(f"{name}, a second annotator: {count} questions, same label {same / count:.1%}; "
              f"the engine's answer acceptable to either annotator {engine_ok / count:.1%}, "
              f"a fact neither accepts {engine_wrong / count:.1%}")


def latency(reps: dict[str, Rep], questions: list[str]) -> None:
    """Per-question time of ``Interview.ask`` on one core, after one warm-up question. Each
    question is read afresh: the reading of a question's words and its move are kept for the
    process, and a question typed for the first time finds neither."""
    from coachlab.analysis.assess import _assess
    from coachlab.interview.words import terms

    cpu: list[float] = []
    wall: list[float] = []
    for rep in reps.values():
        Interview(rep).ask("What's going on?")
        for question in questions[:400]:
            interview = Interview(rep)
            _assess.cache_clear()
            terms.cache_clear()
            start_cpu, start_wall = time.process_time(), time.perf_counter()
            interview.ask(question)
            cpu.append(time.process_time() - start_cpu)
            wall.append(time.perf_counter() - start_wall)
    for name, values in (("cpu", cpu), ("wall", wall)):
        values.sort()
        p50 = values[len(values) // 2] * 1000
        p95 = values[int(len(values) * 0.95)] * 1000
        print(f"latency per question ({name}, one core, {len(values)} asks): p50 {p50:.2f} ms, "
              f"p95 {p95:.2f} ms")


def load_time(folder: Path) -> None:
    """Time to load each rep file (after one warm-up load), each time as a first reading: the
    YAML reader keeps texts it has read, and a second load of the same text is a copy."""
    from coachlab.scenarios.loader import _read_clean_once

    files = sorted(folder.glob("*.yaml"))
    load_rep(files[0])
    cpu: list[float] = []
    wall: list[float] = []
    for path in files:
        for _ in range(3):
            _read_clean_once.cache_clear()
            start_cpu, start_wall = time.process_time(), time.perf_counter()
            load_rep(path)
            cpu.append(time.process_time() - start_cpu)
            wall.append(time.perf_counter() - start_wall)
    for name, values in (("cpu", cpu), ("wall", wall)):
        print(f"rep load ({name}, {len(files)} reps x 3, with paraphrases): median "
              f"{statistics.median(values) * 1000:.1f} ms, max {max(values) * 1000:.1f} ms")


def _best_time(code: str, runs: int = 7) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
        best = min(best, time.perf_counter() - start)
    return best


def import_time(folder: Path) -> None:
    """Fresh-interpreter cost of the import, and of the first real use."""
    bare = _best_time("pass")
    loaded = _best_time("import coachlab.interview")
    first = next(iter(sorted(folder.glob("*.yaml"))))
    used = _best_time("from coachlab.interview import Interview, load_rep; "
                      f"Interview(load_rep({str(first)!r})).ask('What is going on?')", runs=3)
    print(f"import coachlab.interview: {(loaded - bare) * 1000:.1f} ms "
          f"(interpreter start {bare * 1000:.1f} ms)")
    print(f"first use (import, load a rep, ask a question): {(used - bare) * 1000:.1f} ms")


def main() -> None:
    """Print every figure."""
    _pin_one_core()
    folder = REPS if sorted(REPS.glob("*.yaml")) else FIXTURES
    reps = load_reps(folder)
    print(f"reps: {len(reps)} from {folder.relative_to(ROOT)}")
    if "--dev-only" not in sys.argv[1:]:
        heldout(reps)
        agreement(reps, sorted(HELDOUT.glob("*.yaml")), SECOND_HELDOUT, "held-out")
    asked = paraphrases(reps)
    dev(reps)
    dev(reps, DEV2, "dev2 questions")
    dev(reps, DEV3, "dev3 questions")
    dev(reps, DEV4, "dev4 questions")
    dev(reps, DEV5, "dev5 questions")
    agreement(reps, [DEV4, DEV5], SECOND_DEV45, "dev4 and dev5")
    if "--no-speed" in sys.argv[1:]:
        return
    latency(reps, asked or ["What's going on?"])
    load_time(folder)
    import_time(folder)


if __name__ == "__main__":
    main()
