"""Statement embeddings in the directory: written beside extraction, searched by nearest neighbours.

Vectors are plain BLOB/bytea rows (migration 0007) and the search is exact, in numpy, a batch of
rows at a time, on both engines, so no server or Python build needs an extension: sqlite-vec cannot
load where Python's sqlite3 was built without extension loading (this image's is), and Debian 12
packages no pgvector. A newsroom whose PostgreSQL has pgvector can add an index over the same
vectors (see the README); the numpy search is what runs without it.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import NamedTuple

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlmodel import Session

from . import embed, models

#: Statements read from the database at a time, to embed or to score.
CHUNK = 1024
#: New statements gathered before they are handed to the embedding process (a run of at least
#: about 1,500 tokens, where BLAS is near its speed).
FEED = 64
#: The nearest statements a topic keeps, and the cosine below which a statement does not speak to it.
NEAREST = 300
FLOOR = 0.25


def available() -> bool:
    """Whether the semantic extra is installed."""
    return embed.installed()


def count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(models.QuoteEmbedding)).scalar() or 0


def _missing(session: Session, limit: int, after: int = 0) -> list[tuple[int, str]]:
    """Statements with no embedding, by id from `after` on."""
    embedded = select(models.QuoteEmbedding.quote_id).where(models.QuoteEmbedding.quote_id == models.Quote.id)
    query = (select(models.Quote.id, models.Quote.text).where(models.Quote.id > after, ~embedded.exists())
             .order_by(models.Quote.id).limit(limit))
    return [(qid, said) for qid, said in session.execute(query)]


def _insert_new(session: Session):  # type: ignore[no-untyped-def]
    """INSERT ... ON CONFLICT DO NOTHING: two ingests at once may embed the same new statements."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(models.QuoteEmbedding.__table__).on_conflict_do_nothing(index_elements=["quote_id"])


def embed_new_statements(engine: Engine) -> int:
    """Embed every statement that has no embedding yet, if the extra is installed; how many.

    Called once after an ingest's extraction, for what its Embedder left (an ingest of fewer
    than FEED statements, a failed embedding process) and what a stopped ingest left before: a
    stopped ingest leaves nothing to repair."""
    if not available():
        return 0
    done = 0
    while True:
        with Session(engine) as session:
            rows = _missing(session, CHUNK)
            if not rows:
                return done
            _write(session, [qid for qid, _ in rows], embed_texts([said for _, said in rows]))
            done += len(rows)


def _write(session: Session, ids: list[int], vectors: np.ndarray) -> None:
    session.execute(_insert_new(session), [{"quote_id": qid, "vector": vector.astype("<f4").tobytes()}
                                           for qid, vector in zip(ids, vectors)])
    session.commit()


def embed_texts(texts: list[str]) -> np.ndarray:
    """Their vectors, a text said twice (a syndicated statement) embedded once; the model sorts
    and batches them by length itself."""
    unique = list(dict.fromkeys(texts))
    vectors = embed.model().embed(unique)
    where = {said: n for n, said in enumerate(unique)}
    return vectors[[where[said] for said in texts]]


class Run(NamedTuple):
    """Statements handed to the embedding process together, and their vectors to come."""

    ids: list[int]
    texts: list[str]
    future: Future[np.ndarray]


class Embedder:
    """Statements embedded in a process of their own while this one extracts the next articles.

    A thread would share the GIL with spaCy and the store, and measured it overlapped nothing
    (bench/embedding.py --ingest: wall 0.64-0.71 of ingest without, its wall time its CPU time);
    a process runs beside them on the other core. It only computes: this process reads the new
    statements and writes their vectors between articles, so the directory keeps its one writer.
    Whatever this leaves undone (the process failed, the ingest stopped) `embed_new_statements`
    finds missing afterwards, or the next ingest does."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.pool: ProcessPoolExecutor | None = None  # started at the first hand-over
        self.running: list[Run] = []
        self.last = 0  # the highest statement id handed over
        self.stored_since = 0  # statements stored since the last hand-over
        # a daemonic process (a Dask worker's) may have no children: it embeds after extraction
        self.failed = multiprocessing.current_process().daemon

    def stored(self, quotes: int) -> None:
        """After an article is stored: hand the new statements over once FEED have gathered, and
        write the vectors the process has finished. Runs queue up in the process: extraction
        stores articles in bursts (spaCy parses a batch of them at a time), and what a burst
        stored is embedded while the next batch is parsed."""
        self.stored_since += quotes
        if self.stored_since >= FEED and not self.failed:
            self._feed()
        self._collect(wait=False)

    def finish(self) -> None:
        """Hand over what is left, then share the queue with the process: extraction is done and
        its core free, so this one embeds the runs the process has not started, from the back of
        the queue, while the process works from the front (the process alone left a 1.9 s tail
        on 80 articles). Then wait for it and write every vector."""
        if self.pool is not None:  # an ingest of fewer than FEED statements embeds them itself
            while not self.failed and self._feed():
                pass
            self._share()
            self._collect(wait=True)
            self.pool.shutdown()
            self.pool = None

    def close(self) -> None:
        """Stop the process without waiting (an ingest given up half way: what it drops is missing)."""
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def _feed(self) -> bool:
        with Session(self.engine) as session:
            rows = _missing(session, CHUNK, after=self.last)
        self.stored_since = 0
        if not rows:
            return False
        try:
            if self.pool is None:
                self.pool = _embedding_process()
            texts = [said for _, said in rows]
            future = self.pool.submit(embed_texts, texts)
        except Exception:  # no process to be had (a daemonic Dask worker may start none): embedded after
            self.failed = True
            return False
        self.last = rows[-1][0]
        self.running.append(Run([qid for qid, _ in rows], texts, future))
        return True

    def _collect(self, *, wait: bool) -> None:
        while self.running and (wait or self.running[0].future.done()):
            run = self.running.pop(0)
            try:
                vectors = run.future.result()
            except Exception:  # the process failed or died: embed_new_statements meets it itself
                self.failed = True
                self.running.clear()
                return
            self._store(run, vectors)

    def _share(self) -> None:
        """Embed here, last first, each run the process has not begun (one it has begun, or has
        queued to begin, cannot be cancelled: there the two meet)."""
        while not self.failed and self.running and self.running[-1].future.cancel():
            run = self.running.pop()
            with _one_thread():
                vectors = embed_texts(run.texts)
            self._store(run, vectors)

    def _store(self, run: Run, vectors: np.ndarray) -> None:
        with Session(self.engine) as session:
            _write(session, run.ids, vectors)


def _one_thread():  # type: ignore[no-untyped-def]
    """One BLAS thread: here while the process computes on the other core, and the process's
    own for its life (as its initializer nothing restores it)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(1, user_api="blas")


def _embedding_process() -> ProcessPoolExecutor:
    """One process, forked where the system can (it shares this one's pages, the model's among
    them once loaded), on one BLAS thread: the other core is the extraction's, and OpenBLAS's
    second thread spin-waits on a busy machine (two threads took 6.2 s of CPU for 793 statements
    where one took 4.6 s)."""
    fork = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    return ProcessPoolExecutor(1, mp_context=context, initializer=_one_thread)


def nearest(session: Session, topic: str, *, filters: Callable | None = None) -> dict[int, float]:
    """The NEAREST statements to the topic above cosine FLOOR, scaled from FLOOR (0) to the nearest (1).

    Exact search: every embedded statement that passes `filters` (a function narrowing a query
    over quote and article) is scored, CHUNK rows at a time, keeping the best as it goes."""
    target = embed.model().embed([topic])[0]
    query = (select(models.QuoteEmbedding.quote_id, models.QuoteEmbedding.vector)
             .join(models.Quote, models.Quote.id == models.QuoteEmbedding.quote_id)
             .join(models.Article, models.Article.id == models.Quote.article_id))
    if filters is not None:
        query = filters(query)
    best_ids = np.zeros(0, np.int64)
    best_scores = np.zeros(0, np.float32)
    # on the connection, not the session: rows come as plain tuples, not through the ORM's
    # loading (a third of the time at 100k statements)
    result = session.connection().execute(query.execution_options(yield_per=CHUNK))
    for rows in result.partitions(CHUNK):
        ids = np.fromiter((r[0] for r in rows), np.int64, len(rows))
        matrix = np.frombuffer(b"".join(r[1] for r in rows), "<f4").reshape(len(rows), embed.DIMENSIONS)
        scores = matrix @ target
        best_ids = np.concatenate([best_ids, ids])
        best_scores = np.concatenate([best_scores, scores])
        if len(best_ids) > NEAREST:
            keep = np.argpartition(-best_scores, NEAREST)[:NEAREST]
            best_ids, best_scores = best_ids[keep], best_scores[keep]
    kept = best_scores > FLOOR
    if not kept.any():
        return {}
    # measured from the floor, not from zero: a statement just above it barely speaks to the
    # topic, and scaled from zero it would weigh nearly half the nearest one's score
    top = float(best_scores[kept].max()) - FLOOR
    return {int(i): (float(s) - FLOOR) / top for i, s in zip(best_ids[kept], best_scores[kept])}


def fuse(*rankings: dict[int, float]) -> dict[int, float]:
    """The sum of each statement's scores in the rankings (each scaled 0-1), scaled so the best is 1."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for qid, score in ranking.items():
            fused[qid] = fused.get(qid, 0.0) + score
    top = max(fused.values(), default=0.0)
    return {qid: score / top for qid, score in fused.items()} if top else {}
