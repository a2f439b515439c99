"""Statement embeddings written at ingest (`quotes/vectors.py`): in a process beside extraction,
and whatever that leaves undone embedded afterwards."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest
from sqlalchemy import select
from sqlmodel import Session

from quotes import embed, models, vectors
from quotes.ingest import ingest

from .conftest import ARTICLES

pytestmark = pytest.mark.skipif(not embed.installed(), reason="quotes[semantic] not installed")


def stored_vectors(engine) -> dict[str, np.ndarray]:
    with Session(engine) as s:
        rows = s.execute(select(models.Quote.text, models.QuoteEmbedding.vector)
                         .join(models.QuoteEmbedding, models.QuoteEmbedding.quote_id == models.Quote.id))
        return {said: np.frombuffer(vector, "<f4") for said, vector in rows}


def statements(engine) -> list[str]:
    with Session(engine) as s:
        return list(s.execute(select(models.Quote.text).order_by(models.Quote.id)).scalars())


@pytest.fixture
def unembedded(engine, nlp, monkeypatch):
    """The fixture articles stored without embeddings (the extra switched off while they are)."""
    with monkeypatch.context() as off:
        off.setattr(embed, "installed", lambda: False)
        assert all(o.status == "new" for o in ingest(engine, ARTICLES, nlp=nlp))
    return engine


def test_the_embedder_writes_a_runs_vectors_between_articles_before_the_ingest_ends(unembedded):
    texts = statements(unembedded)
    embedder = vectors.Embedder(unembedded)
    try:
        embedder.stored(vectors.FEED)  # the articles' statements, handed to the process
        assert embedder.running and stored_vectors(unembedded) == {}  # not waited for
        deadline = time.monotonic() + 120
        while not embedder.running[0].future.done() and time.monotonic() < deadline:
            time.sleep(0.05)
        embedder.stored(0)  # the next article: what is finished is written
        written = stored_vectors(unembedded)
        assert set(written) == set(texts)
        embedder.finish()
    finally:
        embedder.close()
    want = embed.model().embed(texts)
    assert max(np.abs(written[said] - vector).max() for said, vector in zip(texts, want)) <= 1e-6


def test_finishing_embeds_here_the_runs_the_process_has_not_begun(unembedded, monkeypatch):
    texts = statements(unembedded)
    monkeypatch.setattr(vectors, "CHUNK", 2)  # the statements as several runs, queued at once
    embedder = vectors.Embedder(unembedded)
    try:
        embedder.pool = vectors._embedding_process()
        embedder.pool.submit(time.sleep, 1)  # the process busy while the runs queue behind
        while embedder._feed():
            pass
        runs = list(embedder.running)
        assert len(runs) >= 4
        embedder.finish()
    finally:
        embedder.close()
    assert any(run.future.cancelled() for run in runs)  # some were taken back and embedded here
    assert not runs[0].future.cancelled()  # the process had begun the first
    written = stored_vectors(unembedded)
    want = embed.model().embed(texts)
    assert max(np.abs(written[said] - vector).max() for said, vector in zip(texts, want)) <= 1e-6


def test_an_ingest_embeds_every_statement_it_stored(engine, nlp, monkeypatch):
    monkeypatch.setattr(vectors, "FEED", 4)  # the fixtures hold too few statements for a run of 64
    assert all(o.status == "new" for o in ingest(engine, ARTICLES, nlp=nlp))
    assert set(stored_vectors(engine)) == set(statements(engine)) != set()


def test_a_failing_embedding_process_leaves_its_statements_to_be_embedded_after(engine, nlp, monkeypatch):
    parent, model = os.getpid(), embed.model()
    embed_here = model.embed

    def fails_in_a_child(texts):
        if os.getpid() != parent:
            raise MemoryError("the embedding process ran out of memory")
        return embed_here(texts)

    monkeypatch.setattr(model, "embed", fails_in_a_child)  # the forked process inherits it
    monkeypatch.setattr(vectors, "FEED", 4)
    assert all(o.status == "new" for o in ingest(engine, ARTICLES, nlp=nlp))
    assert set(stored_vectors(engine)) == set(statements(engine)) != set()


def test_an_ingest_given_up_half_way_stops_its_process_and_the_next_embeds_the_rest(engine, nlp, monkeypatch):
    monkeypatch.setattr(vectors, "FEED", 1)
    outcomes = ingest(engine, ARTICLES, nlp=nlp)
    next(outcomes), next(outcomes)
    outcomes.close()
    assert len(stored_vectors(engine)) < len(statements(engine))
    assert vectors.embed_new_statements(engine) > 0
    assert set(stored_vectors(engine)) == set(statements(engine))


def _ingest_as_a_dask_worker_does(path: str, queue) -> None:  # type: ignore[no-untyped-def]
    from quotes.db import open_db
    from quotes.nlp import load_pipeline

    outcomes = list(ingest(open_db(path), ARTICLES, nlp=load_pipeline()))
    queue.put([o.status for o in outcomes])


def test_an_ingest_in_a_daemonic_process_embeds_after_extraction(tmp_path, monkeypatch):
    # a Dask worker is daemonic and may start no process: the embedder must not fail the share
    # (it did: the share was run again, and its stored articles came back "known")
    import multiprocessing

    monkeypatch.setattr(vectors, "FEED", 4)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_ingest_as_a_dask_worker_does, args=(str(tmp_path / "q.db"), queue), daemon=True)
    child.start()
    child.join(300)
    assert child.exitcode == 0  # it died of an AssertionError: daemonic processes are not allowed to have children
    statuses = queue.get(timeout=10)
    assert statuses and set(statuses) == {"new"}
    from quotes.db import open_db

    engine = open_db(str(tmp_path / "q.db"))
    assert set(stored_vectors(engine)) == set(statements(engine)) != set()
