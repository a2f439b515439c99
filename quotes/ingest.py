"""The main job: read articles, extract their quotes, store them, one outcome per article.

An article already in the directory (same text) is recognised by its content hash before any NLP,
so re-ingesting a folder costs a read and a hash per file.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine
from sqlmodel import Session

from .errors import QuotesError, ReadError
from .extract import Extraction, extract_many
from .nlp import load_pipeline
from .read import Article, read_paths
from .store import known, store
from .vectors import embed_new_statements
from .workers import extract_on_cluster, extract_parallel

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True)
class Outcome:
    """What became of one input: `new`, `known` (ingested before) or `failed`."""

    status: str
    where: str
    quotes: int = 0
    error: str | None = None


@dataclass
class Summary:
    new: int = 0
    known: int = 0
    failed: int = 0
    quotes: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        self.quotes += outcome.quotes
        if outcome.error:
            self.errors.append(outcome.error)


def ingest_articles(
    engine: Engine,
    items: Iterable[Article | ReadError],
    *,
    nlp: "Language | None" = None,
    model: str | None = None,
    workers: int = 1,
    cluster: str | None = None,
) -> Iterator[Outcome]:
    """Store each article's quotes; yield what happened to each input.

    Inputs that fail to read, and articles already in the directory, are reported without any
    NLP; the rest are extracted (on `workers` processes when more than one) and stored by this
    process, one transaction per article.
    """
    skipped: deque[Outcome] = deque()

    def fresh() -> Iterator[Article]:
        for item in items:
            if isinstance(item, ReadError):
                skipped.append(Outcome("failed", str(item).split(":", 1)[0], error=str(item)))
                continue
            with Session(engine) as session:
                if known(session, item.content_hash) is not None:
                    skipped.append(Outcome("known", item.id))
                    continue
            yield item

    if cluster:
        results = extract_on_cluster(fresh(), address=cluster, model=model)
    elif workers > 1:
        results = extract_parallel(fresh(), workers=workers, model=model)
    else:
        results = extract_many(fresh(), nlp or load_pipeline(model))
    for article, result in results:
        while skipped:
            yield skipped.popleft()
        yield _store(engine, article, result)
    embed_new_statements(engine)  # after extraction, in batches; a no-op without quotes[semantic]
    while skipped:
        yield skipped.popleft()


def _store(engine: Engine, article: Article, result: Extraction | QuotesError) -> Outcome:
    if isinstance(result, QuotesError):
        return Outcome("failed", article.id, error=str(result))
    try:
        stored = store(engine, result)
    except Exception as exc:  # one article's failure must not cost the batch
        return Outcome("failed", article.id, error=f"{article.id}: not stored ({type(exc).__name__}: {exc})")
    return Outcome("new" if stored.new else "known", article.id, stored.quotes)


def ingest(
    engine: Engine,
    paths: Iterable[str],
    *,
    nlp: "Language | None" = None,
    model: str | None = None,
    workers: int = 1,
    cluster: str | None = None,
    encoding: str | None = None,
) -> Iterator[Outcome]:
    """Ingest files, folders (recursively) and "-" for standard input."""
    items = read_paths(paths, encoding=encoding)
    return ingest_articles(engine, items, nlp=nlp, model=model, workers=workers, cluster=cluster)
