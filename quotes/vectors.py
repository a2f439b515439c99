"""Statement embeddings in the directory: written after extraction, searched by nearest neighbours.

Vectors are plain BLOB/bytea rows (migration 0007) and the search is exact, in numpy, a batch of
rows at a time, on both engines, so no server or Python build needs an extension: sqlite-vec cannot
load where Python's sqlite3 was built without extension loading (this image's is), and Debian 12
packages no pgvector. A newsroom whose PostgreSQL has pgvector can add an index over the same
vectors (see the README); the numpy search is what runs without it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlmodel import Session

from . import embed, models

#: Statements read from the database at a time, to embed or to score.
CHUNK = 1024
#: The nearest statements a topic keeps, and the cosine below which a statement does not speak to it.
NEAREST = 300
FLOOR = 0.25


def available() -> bool:
    """Whether the semantic extra is installed."""
    return embed.installed()


def count(session: Session) -> int:
    return session.execute(select(func.count()).select_from(models.QuoteEmbedding)).scalar() or 0


def _missing(session: Session, limit: int) -> list[tuple[int, str]]:
    embedded = select(models.QuoteEmbedding.quote_id).where(models.QuoteEmbedding.quote_id == models.Quote.id)
    query = select(models.Quote.id, models.Quote.text).where(~embedded.exists()).order_by(models.Quote.id).limit(limit)
    return [(qid, said) for qid, said in session.execute(query)]


def _insert_new(session: Session):  # type: ignore[no-untyped-def]
    """INSERT ... ON CONFLICT DO NOTHING: two ingests at once may embed the same new statements."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(models.QuoteEmbedding.__table__).on_conflict_do_nothing(index_elements=["quote_id"])


def embed_new_statements(engine: Engine) -> int:
    """Embed every statement that has no embedding yet, if the extra is installed; how many.

    Called once after an ingest's extraction, so the pipeline's batches run unslowed and a
    stopped ingest leaves nothing to repair: the next one embeds what is missing."""
    if not available():
        return 0
    done = 0
    while True:
        with Session(engine) as session:
            rows = _missing(session, CHUNK)
            if not rows:
                return done
            vectors = embed_texts([said for _, said in rows])
            values = [{"quote_id": qid, "vector": vector.astype("<f4").tobytes()} for (qid, _), vector in zip(rows, vectors)]
            session.execute(_insert_new(session), values)
            session.commit()
            done += len(rows)


def embed_texts(texts: list[str]) -> np.ndarray:
    """Their vectors, a text said twice (a syndicated statement) embedded once; the model sorts
    and batches them by length itself."""
    unique = list(dict.fromkeys(texts))
    vectors = embed.model().embed(unique)
    where = {said: n for n, said in enumerate(unique)}
    return vectors[[where[said] for said in texts]]


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
    result = session.execute(query.execution_options(yield_per=CHUNK))
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
