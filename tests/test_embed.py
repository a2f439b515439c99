"""The numpy forward pass of all-MiniLM-L6-v2 (`quotes/embed.py`) against a slow, plainly padded
reference of it, on statements extracted from the fixture articles."""

from __future__ import annotations

import numpy as np
import pytest

from quotes import embed

from .conftest import ARTICLES, FIXTURES

pytestmark = pytest.mark.skipif(not embed.installed(), reason="quotes[semantic] not installed")


def _norm(x: np.ndarray, norm: tuple[np.ndarray, np.ndarray], eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * norm[0] + norm[1]


def reference(model: embed.Model, texts: list[str]) -> np.ndarray:
    """The forward pass as first written (quotes/embed.py before it ran statements end to end):
    one batch padded to its longest text, every product over the padding, the mask added to
    every score, GELU with a cube by power. Slow and plain, so a faster pass can be held to it."""
    encoded = [e.ids[: sum(e.attention_mask)] for e in model.tokenizer.encode_batch(texts)]
    longest = max(len(e) for e in encoded)
    ids = np.array([e + [0] * (longest - len(e)) for e in encoded])
    keep = np.array([[1.0] * len(e) + [0.0] * (longest - len(e)) for e in encoded], np.float32)
    x = _norm(model.words[ids] + model.positions[:longest] + model.token_type, model.norm, model.eps)
    mask = ((1.0 - keep) * -1e9)[:, None, None, :].astype(np.float32)
    batch, heads, width = len(texts), model.heads, embed.DIMENSIONS
    size = width // heads
    for layer in model.layers:
        flat = x.reshape(-1, width)
        qkv = (flat @ layer.qkv + layer.qkv_bias).reshape(batch, longest, 3, heads, size).transpose(2, 0, 3, 1, 4)
        q, k, v = (np.ascontiguousarray(part) for part in qkv)
        scores = q @ np.ascontiguousarray(k.transpose(0, 1, 3, 2)) * np.float32(size**-0.5) + mask
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        attended = ((scores / scores.sum(-1, keepdims=True)) @ v).transpose(0, 2, 1, 3).reshape(-1, width)
        flat = _norm(flat + attended @ layer.out + layer.out_bias, layer.norm1, model.eps)
        up = flat @ layer.up + layer.up_bias
        up = np.float32(0.5) * up * (1 + np.tanh(np.float32(0.7978845608) * (up + np.float32(0.044715) * up**3)))
        x = _norm(flat + up @ layer.down + layer.down_bias, layer.norm2, model.eps).reshape(batch, longest, width)
    pooled = (x * keep[..., None]).sum(1) / np.maximum(keep.sum(1, keepdims=True), 1e-9)
    return (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float32)


@pytest.fixture(scope="module")
def statements(nlp) -> list[str]:
    """Every statement the fixture articles and topic stories hold, in the order found, with a few edges: one
    longer than MAX_TOKENS (truncated), a single word, an empty text, and a statement twice."""
    from quotes.extract import extract
    from quotes.read import read_paths

    stories = [str(p) for p in sorted((FIXTURES / "topics").glob("*.story"))]
    found = [quote.text for article in read_paths(ARTICLES + stories) for quote in extract(article, nlp).quotes]
    assert len(found) >= 30, found
    return found + [" ".join(found[:12]), "Yes.", "", found[0]]


def test_statements_embed_as_the_padded_reference_does_within_1e_5(statements):
    model = embed.model()
    lengths = [sum(e.attention_mask) for e in model.tokenizer.encode_batch(statements)]
    assert max(lengths) == embed.MAX_TOKENS and min(lengths) == 2  # truncated, and [CLS] [SEP] alone
    got = model.embed(statements)
    want = np.concatenate([reference(model, statements[n : n + 8]) for n in range(0, len(statements), 8)])
    assert got.shape == (len(statements), embed.DIMENSIONS) and got.dtype == np.float32
    assert np.abs(got - want).max() <= 1e-5


def test_a_statement_embeds_the_same_alone_as_among_longer_and_shorter_ones(statements):
    model = embed.model()
    among = model.embed(statements)
    for n in (0, 5, len(statements) - 4):
        assert np.abs(model.embed([statements[n]])[0] - among[n]).max() <= 1e-6


def test_statements_come_back_in_the_order_given_whatever_their_lengths(statements):
    model = embed.model()
    texts = statements[:30]
    forward, backward = model.embed(texts), model.embed(texts[::-1])
    assert np.abs(forward - backward[::-1]).max() <= 1e-6
    assert np.abs(forward[0] - forward[1]).max() > 1e-2  # distinct statements, distinct vectors


def test_the_tokenizer_pads_nothing_so_no_product_runs_over_padding():
    """The model's tokenizer.json pads every text to 128 tokens; statements average about 25."""
    model = embed.model()
    assert model.tokenizer.padding is None
    assert [len(e.ids) for e in model.tokenizer.encode_batch(["Yes.", "It will not happen this year."])] == [4, 9]


def test_runs_hold_at_most_the_token_budget_unless_one_statement_is_longer():
    assert embed._runs(np.array([3, 4, 5, 9, 20]), 12) == [(0, 3), (3, 4), (4, 5)]
    assert embed._runs(np.array([2, 2, 2]), 100) == [(0, 3)]
