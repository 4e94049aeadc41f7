"""Does a small embedding model help the interview matcher? Dev sets and paraphrases only.

Needs the wordllama wheel (MIT; not a dependency of coachlab: this experiment found it does
not help enough, see docs/interview-engine.md). Run from the repository root:
    pip install wordllama==0.4.0.post1
    .venv/bin/python bench/interview_embedding_experiment.py [--grid] [--mean] [--speed]

Compares, engine-level (each question asked first in a fresh interview at trust 2 and judged
like the held-out set by ``bench_interview._judge``: content-free questions still never reveal
a deep fact, closed questions still need a topic named in full, and so on):

(a) the lexical matcher as it is (``coachlab.interview.matcher``);
(b) embedding kNN: each fact's paraphrases, topics and answers embedded; a fact scores by its
    nearest text's cosine (``max``) or the mean of its three nearest (``top3``); the best fact
    is answered when it reaches a threshold and leads the next by a margin, else "not sure";
(c) combinations with the lexical matcher:
    - ``tie``: where the lexical matcher is not sure because two or more facts are about
      equally likely (each a match on its own), the one the embedding puts clearly first
      among them is answered (``+near``: facts a little under the threshold take part too);
    - ``rerank``: the lexical candidates (each a match, within 30% of the best) ordered by the
      embedding (``+doubt``: "not sure" when the embedding disagrees without a clear lead);
    - ``veto``: a lexical answer is withdrawn ("not sure") when the embedding puts another
      fact clearly above it;
    - ``sum``: lexical score + w * embedding score, with a threshold and margin.

The model's files are read directly (tokenizers + safetensors), not through
``WordLlama.load()``: that call looks for the bundled tokenizer under ``tokenizer/`` while the
wheel ships it under ``tokenizers/``, so without network it fails (it downloads the tokenizer
into ``~/.cache/wordllama`` on first use); and ``import wordllama`` calls
``logging.basicConfig(level=INFO)``, which would make a notebook print other libraries' log
lines. ``WordLlama.load(cache_dir=<the package's folder>, disable_download=True)`` also works
offline.

The dev sets are course/reps/phrasings/dev*.questions.yaml; paraphrases are read leave-one-out
(never matched against themselves, by either signal). The held-out set is never read here.
``--grid`` prints every setting tried; ``--mean`` uses WordLlama's plain mean pooling;
``--speed`` prints load and per-question times instead.
"""

from __future__ import annotations

import importlib.util
import math
import sys
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_interview import _judge  # noqa: E402

from coachlab.interview import Interview, Rep, load_reps  # noqa: E402
from coachlab.interview.matcher import MARGIN, Matcher, Reading, matcher_for  # noqa: E402
from coachlab.interview.words import is_content_free  # noqa: E402

PHRASINGS = ROOT / "course" / "reps" / "phrasings"
DEV_SETS = ("dev", "dev2", "dev3")


# ---------------------------------------------------------------- the embedding model
# WordLlama's default model, the one its wheel ships: a 32000 x 256 token table (float16)
# and the tokenizer. A text's vector is the mean of its tokens' vectors, normalised (what
# ``WordLlamaInference.embed(norm=True)`` computes; checked equal to 3e-8), or, with IDF
# pooling, their mean weighed by how rare each token is in the rep's material.
MODEL = "l2_supercat"
DIM = 256
_WEIGHTS = f"weights/{MODEL}_{DIM}.safetensors"
_TOKENIZER = f"tokenizers/{MODEL}_tokenizer_config.json"
MAX_CHARS = 500


def _package_dir() -> Path | None:
    """The installed ``wordllama`` package's folder, found without importing it."""
    try:
        spec = importlib.util.find_spec("wordllama")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


@lru_cache(maxsize=1)
def _model() -> tuple[Any, Any] | None:
    """(tokenizer, float32 embedding table), or None when the model cannot be loaded."""
    folder = _package_dir()
    if folder is None or not (folder / _WEIGHTS).is_file() or not (folder / _TOKENIZER).is_file():
        return None
    try:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer
    except ImportError:
        return None
    table = load_file(str(folder / _WEIGHTS))["embedding.weight"]
    tokenizer = Tokenizer.from_file(str(folder / _TOKENIZER))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer, np.ascontiguousarray(table, dtype=np.float32)


def available() -> bool:
    """True when the embedding model is installed and loads (loading it if needed)."""
    return _model() is not None


def embed(texts: list[str] | tuple[str, ...],
          weights: dict[int, float] | None = None) -> np.ndarray:
    """One unit vector per text (rows), float32; a text without tokens gets a zero vector.

    Each token weighs 1, or ``weights[token id]`` (tokens not in ``weights`` weigh
    ``weights[-1]``, else 1): a weighted mean of the tokens' vectors.

    Raises:
        RuntimeError: if the model is not installed (check :func:`available` first).
    """
    model = _model()
    if model is None:
        raise RuntimeError("the embedding model (the wordllama wheel) is not installed")
    tokenizer, table = model
    out = np.zeros((len(texts), table.shape[1]), dtype=np.float32)
    if not texts:
        return out
    default = weights.get(-1, 1.0) if weights else 1.0
    for row, ids in enumerate(token_ids(texts)):
        if not ids:
            continue
        if weights:
            scale = np.array([weights.get(i, default) for i in ids], dtype=np.float32)
            vector = (table[ids] * scale[:, None]).sum(axis=0, dtype=np.float32)
        else:
            vector = table[ids].mean(axis=0, dtype=np.float32)
        norm = float(np.linalg.norm(vector))
        if norm > 0:
            out[row] = vector / norm
    return out


def token_ids(texts: list[str] | tuple[str, ...]) -> list[list[int]]:
    """The model's token ids of each text (its first ``MAX_CHARS`` characters)."""
    model = _model()
    if model is None:
        raise RuntimeError("the embedding model (the wordllama wheel) is not installed")
    encoded = model[0].encode_batch([t[:MAX_CHARS] for t in texts], add_special_tokens=False)
    return [list(item.ids) for item in encoded]


def idf_weights(texts: list[str] | tuple[str, ...]) -> dict[int, float]:
    """Token id -> log(1 + n / df) over ``texts`` (a token every text has weighs little:
    "What do you" says nothing about which fact is meant); unseen tokens (key -1) weigh as
    the rarest."""
    df: dict[int, int] = {}
    for ids in token_ids(texts):
        for token in set(ids):
            df[token] = df.get(token, 0) + 1
    count = max(len(texts), 1)
    weights = {token: math.log(1 + count / n) for token, n in df.items()}
    weights[-1] = math.log(1 + count)
    return weights


class Index:
    """One rep's embedded material: per fact, its texts (with their kind) and unit vectors."""

    def __init__(self, rep: Rep, kinds: tuple[str, ...] = ("para", "topic", "answer"),
                 pooling: str = "idf"):
        self.rep = rep
        material = [text for fact in rep.facts
                    for text in (*rep.paraphrases.get(fact.id, ()), *fact.topics,
                                 *fact.answers, *fact.deeper)]
        # "mean": WordLlama's own mean of token vectors; "idf": tokens weighed by how rare
        # they are in the rep's material (computed once, over every text, left-out or not).
        self.weights = idf_weights(material) if pooling == "idf" else None
        self.facts: list[str] = []
        self.texts: list[list[tuple[str, str]]] = []
        self.vectors: list[np.ndarray] = []
        for fact in rep.facts:
            texts = []
            if "para" in kinds:
                texts += [(q, "para") for q in rep.paraphrases.get(fact.id, ())]
            if "topic" in kinds:
                texts += [(t, "topic") for t in fact.topics]
            if "answer" in kinds:
                texts += [(a, "answer") for a in (*fact.answers, *fact.deeper)]
            self.facts.append(fact.id)
            self.texts.append(texts)
            self.vectors.append(embed([t for t, _k in texts], self.weights))
        self._cache: dict[tuple[str, bool, str], dict[str, float]] = {}

    def scores(self, question: str, loo: bool, agg: str) -> dict[str, float]:
        """Fact id -> similarity of ``question`` (leave-one-out: never to itself)."""
        key = (question, loo, agg)
        if key not in self._cache:
            q = embed([question], self.weights)[0]
            out = {}
            for fact_id, texts, vectors in zip(self.facts, self.texts, self.vectors,
                                               strict=True):
                sims = vectors @ q
                if loo:
                    keep = np.array([not (kind == "para" and text == question)
                                     for text, kind in texts])
                    sims = sims[keep]
                if not len(sims):
                    out[fact_id] = 0.0
                    continue
                sims = np.sort(sims)[::-1]
                out[fact_id] = float(sims[0] if agg == "max" else sims[:3].mean())
            self._cache[key] = out
        return self._cache[key]


class Strategy:
    """A matcher stand-in for the engine: ``read`` picks the fact, the rest is lexical."""

    def __init__(self, lexical: Matcher, pick: Callable[[Matcher, str], Reading]):
        self._lexical = lexical
        self._pick = pick

    def read(self, question: str) -> Reading:
        return self._pick(self._lexical, question)

    def explains(self, reading: Reading) -> bool:
        return self._lexical.explains(reading)


_RANKS: dict[tuple[int, str], list[Reading]] = {}
_READS: dict[tuple[int, str], Reading] = {}


def _rank(lex: Matcher, question: str) -> list[Reading]:
    key = (id(lex), question)
    if key not in _RANKS:
        _RANKS[key] = lex.rank(question)
    return _RANKS[key]


def _read(lex: Matcher, question: str) -> Reading:
    key = (id(lex), question)
    if key not in _READS:
        _READS[key] = lex.read(question)
    return _READS[key]


def _needed(lex: Matcher, reading: Reading) -> float:
    return lex._needed(reading)  # noqa: SLF001 - the experiment reuses the matcher's rule


def _nobody(ranked: list[Reading], score: float = 0.0) -> Reading:
    best = ranked[0]
    return Reading(best.terms, False, None, score, 0.0)


def lexical() -> Callable[[Matcher, str], Reading]:
    return _read


def knn(indexes: dict[str, Index], agg: str, threshold: float, margin: float
        ) -> Callable[[Matcher, str], Reading]:
    """(b): the fact the embedding puts first, when clear enough."""

    def pick(lex: Matcher, question: str) -> Reading:
        ranked = _rank(lex, question)
        if ranked[0].content_free:
            return ranked[0]
        scores = indexes[lex.rep.id].scores(question, lex.leave_one_out, agg)
        order = sorted(scores, key=lambda f: -scores[f])
        best, second = scores[order[0]], scores[order[1]] if len(order) > 1 else 0.0
        if best < threshold or best - second < margin:
            return _nobody(ranked, best)
        reading = next(r for r in ranked if r.fact == order[0])
        # Chosen by meaning: about the fact's topic (the engine's gate for deep facts).
        return replace(reading, score=round(best, 4), coverage=1.0, via="meaning")

    return pick


def tie(indexes: dict[str, Index], agg: str, lead: float, floor: float = 0.0,
        width: float = MARGIN) -> Callable[[Matcher, str], Reading]:
    """(c, tie): the lexical reading; where it is not sure between facts that each match on
    their own (within ``width`` of the best), the one the embedding puts ``lead`` ahead.
    ``floor`` > 0 also lets facts a little under the lexical threshold take part (their
    lexical score at least ``floor`` times the threshold)."""

    def pick(lex: Matcher, question: str) -> Reading:
        reading = _read(lex, question)
        if reading.content_free or reading.fact is not None:
            return reading
        ranked = _rank(lex, question)
        best = ranked[0]
        tied = [r for r in ranked if r.fact and r.score >= _needed(lex, r) * (floor or 1.0)
                and best.score - r.score < width * best.score]
        if not tied:
            return reading
        scores = indexes[lex.rep.id].scores(question, lex.leave_one_out, agg)
        tied.sort(key=lambda r: -scores[r.fact])
        others = [scores[r.fact] for r in tied[1:]]
        if len(tied) == 1 and floor:
            # A lone near-match: only if the embedding puts it first among all facts.
            top = max(scores, key=lambda f: scores[f])
            rest = max((s for f, s in scores.items() if f != top), default=0.0)
            return tied[0] if top == tied[0].fact and scores[top] - rest >= lead else reading
        if len(tied) > 1 and scores[tied[0].fact] - max(others) >= lead:
            return tied[0]
        return reading

    return pick


def rerank(indexes: dict[str, Index], agg: str, lead: float, width: float = 0.3,
           doubt: bool = False) -> Callable[[Matcher, str], Reading]:
    """(c, rerank): the lexical candidates (each a match on its own, within ``width`` of the
    best lexical score) ordered by the embedding; the first is answered when it leads the
    others by ``lead``. Otherwise the lexical reading, or, with ``doubt``, "not sure" when
    the lexical answer is not the embedding's first candidate."""

    def pick(lex: Matcher, question: str) -> Reading:
        reading = _read(lex, question)
        if reading.content_free:
            return reading
        ranked = _rank(lex, question)
        best = ranked[0]
        candidates = [r for r in ranked if r.fact and r.score >= _needed(lex, r)
                      and best.score - r.score < width * best.score]
        if len(candidates) < 2:
            return reading
        scores = indexes[lex.rep.id].scores(question, lex.leave_one_out, agg)
        candidates.sort(key=lambda r: -scores[r.fact])
        if scores[candidates[0].fact] - max(scores[r.fact] for r in candidates[1:]) >= lead:
            return candidates[0]
        if doubt and reading.fact is not None and reading.fact != candidates[0].fact:
            return _nobody(ranked, reading.score)
        return reading

    return pick


def veto(indexes: dict[str, Index], agg: str, lead: float,
         inner: Callable[[Matcher, str], Reading] | None = None, below: float = 1.0
         ) -> Callable[[Matcher, str], Reading]:
    """(c, veto): the inner reading, withdrawn when the embedding puts another fact ``lead``
    above it (and, with ``below`` < 1, only when the answer's own similarity is under
    ``below``: the embedding sees little of the question in that fact)."""
    inner = inner or _read

    def pick(lex: Matcher, question: str) -> Reading:
        reading = inner(lex, question)
        if reading.content_free or reading.fact is None:
            return reading
        scores = indexes[lex.rep.id].scores(question, lex.leave_one_out, agg)
        if max(scores.values()) - scores[reading.fact] >= lead and scores[reading.fact] < below:
            return _nobody(_rank(lex, question), reading.score)
        return reading

    return pick


def weighted(indexes: dict[str, Index], agg: str, weight: float, threshold: float,
             margin: float) -> Callable[[Matcher, str], Reading]:
    """(c, sum): lexical score + weight * embedding score; threshold and relative margin."""

    def pick(lex: Matcher, question: str) -> Reading:
        ranked = _rank(lex, question)
        if ranked[0].content_free:
            return ranked[0]
        scores = indexes[lex.rep.id].scores(question, lex.leave_one_out, agg)
        total = sorted(((r.score + weight * scores[r.fact], i) for i, r in enumerate(ranked)),
                       reverse=True)
        best, second = total[0][0], total[1][0] if len(total) > 1 else 0.0
        reading = ranked[total[0][1]]
        surface = not lex.rep.fact(reading.fact).deep
        need = threshold + (0.1 if surface else 0.0)
        if best < need or best - second < margin * best:
            return _nobody(ranked, best)
        return replace(reading, score=round(best, 4), via="words and meaning")

    return pick


def evaluate(reps: dict[str, Rep], pick: Callable[[Matcher, str], Reading]
             ) -> dict[str, tuple[float, float, int]]:
    """Name -> (appropriate, wrong fact, count) for each dev set (engine-level) and the
    paraphrases (leave-one-out; engine-level too, at trust 2)."""
    out: dict[str, tuple[float, float, int]] = {}
    sets: dict[str, list[tuple[Rep, str, str | None, bool]]] = {}
    for name in DEV_SETS:
        data = yaml.safe_load((PHRASINGS / f"{name}.questions.yaml").read_text("utf-8"))
        sets[name] = [(reps[rep_id], str(item["q"]),
                       None if item["expect"] == "none" else str(item["expect"]), False)
                      for rep_id, items in data.items() for item in items]
    sets["paraphrases"] = [(rep, q, fact_id, True) for rep in reps.values()
                           for fact_id, qs in rep.paraphrases.items() for q in qs]
    for name, items in sets.items():
        good = wrong = 0
        for rep, question, expect, loo in items:
            interview = Interview(rep, leave_one_out=loo)
            interview._matcher = Strategy(matcher_for(rep, loo), pick)  # noqa: SLF001
            interview.state.trust = 2
            got = interview.ask(question).revealed
            right, _lenient = _judge(rep, is_content_free(question), expect, got)
            good += right
            wrong += got is not None and not right
        out[name] = (good / len(items), wrong / len(items), len(items))
    return out


def _row(label: str, figures: dict[str, tuple[float, float, int]]) -> str:
    cells = " | ".join(f"{a:5.1%} / {w:4.1%}" for a, w, _n in figures.values())
    dev = [figures[n] for n in DEV_SETS]
    count = sum(n for _a, _w, n in dev)
    pooled_a = sum(a * n for a, _w, n in dev) / count
    pooled_w = sum(w * n for _a, w, n in dev) / count
    return f"| {label:<44} | {cells} | {pooled_a:5.1%} / {pooled_w:4.1%} |"


def speed(reps: dict[str, Rep]) -> None:
    """Model load (fresh interpreter), a rep's index, and one question's embedding scores."""
    import os
    import subprocess
    import time

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    code = ("import sys, time; sys.path.insert(0, 'bench'); start = time.perf_counter(); "
            "import interview_embedding_experiment as x; mid = time.perf_counter(); "
            "x._model(); end = time.perf_counter(); "
            "print(f'{(mid - start) * 1000:.0f} {(end - mid) * 1000:.0f}')")
    loads = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.split()
        loads.append(float(out[1]))
    print(f"model load (tokenizer + table, fresh interpreter, best of 3): {min(loads):.0f} ms")
    builds = []
    for rep in reps.values():
        start = time.process_time()
        index = Index(rep)
        builds.append(time.process_time() - start)
    builds.sort()
    print(f"a rep's index (IDF + every text embedded, cpu, {len(builds)} reps): median "
          f"{builds[len(builds) // 2] * 1000:.1f} ms, max {builds[-1] * 1000:.1f} ms")
    times = []
    for rep in reps.values():
        index = Index(rep)
        for questions in rep.paraphrases.values():
            for question in questions:
                index._cache.clear()  # noqa: SLF001
                start = time.process_time()
                index.scores(question + " ", False, "max")
                times.append(time.process_time() - start)
    times.sort()
    p50, p95 = times[len(times) // 2] * 1000, times[int(len(times) * 0.95)] * 1000
    print(f"one question's embedding scores (cpu, one core, {len(times)} questions): "
          f"p50 {p50:.2f} ms, p95 {p95:.2f} ms")


def main() -> None:
    if not available():
        raise SystemExit("the wordllama wheel is not installed")
    reps = load_reps(ROOT / "course" / "reps")
    args = sys.argv[1:]
    grid = "--grid" in args
    pooling = "mean" if "--mean" in args else "idf"
    full = {rep_id: Index(rep, pooling=pooling) for rep_id, rep in reps.items()}
    no_answers = {rep_id: Index(rep, ("para", "topic"), pooling) for rep_id, rep in reps.items()}
    if "--speed" in args:
        speed(reps)
        return
    how = "weighed by IDF in the rep's material" if pooling == "idf" else "averaged"
    print(f"pooling: {pooling} (token vectors {how})")
    print("| strategy (appropriate / wrong fact)          | dev (280) | dev2 (168) | "
          "dev3 (126) | paraphrases LOO (700) | dev pooled (574) |")
    print("|" + "---|" * 6)
    runs: list[tuple[str, Callable[[Matcher, str], Reading]]] = [("(a) lexical", lexical())]
    for agg in ("max", "top3") if grid else ("max",):
        for name, idx in (("para+topic+answer", full), ("para+topic", no_answers)):
            for threshold in ((0.4, 0.5, 0.6, 0.7) if grid else (0.5,)):
                for margin in ((0.02, 0.05, 0.1) if grid else (0.05,)):
                    runs.append((f"(b) kNN {agg} {name} t{threshold} m{margin}",
                                 knn(idx, agg, threshold, margin)))
    for agg in ("max", "top3") if grid else ("max",):
        for lead in ((0.02, 0.05, 0.1) if grid else (0.05,)):
            runs.append((f"(c) tie {agg} lead{lead}", tie(full, agg, lead)))
            runs.append((f"(c) tie+near {agg} lead{lead} floor0.8",
                         tie(full, agg, lead, floor=0.8)))
            runs.append((f"(c) rerank {agg} lead{lead}", rerank(full, agg, lead)))
            runs.append((f"(c) rerank+doubt {agg} lead{lead}",
                         rerank(full, agg, lead, doubt=True)))
        for lead in ((0.05, 0.1, 0.15) if grid else (0.1,)):
            runs.append((f"(c) veto {agg} lead{lead}", veto(full, agg, lead)))
            runs.append((f"(c) tie0.05+veto {agg} lead{lead}",
                         veto(full, agg, lead, tie(full, agg, 0.05))))
        for below in ((0.3, 0.35, 0.4) if grid else (0.35,)):
            for lead in ((0.05, 0.1) if grid else (0.1,)):
                runs.append((f"(c) lowveto {agg} below{below} lead{lead}",
                             veto(full, agg, lead, below=below)))
                for tie_lead in ((0.05, 0.1) if grid else (0.1,)):
                    runs.append((f"(c) tie{tie_lead}+lowveto {agg} below{below} lead{lead}",
                                 veto(full, agg, lead, tie(full, agg, tie_lead), below)))
        for weight in ((0.5, 1.0, 2.0) if grid else (1.0,)):
            for threshold in ((0.9, 1.1, 1.3) if grid else (1.1,)):
                runs.append((f"(c) sum {agg} w{weight} t{threshold} m0.1",
                             weighted(full, agg, weight, threshold, 0.1)))
    for label, pick in runs:
        print(_row(label, evaluate(reps, pick)), flush=True)


if __name__ == "__main__":
    main()
