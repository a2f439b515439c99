"""The main job: read articles, extract their quotes, store them, one outcome per article.

An article already in the directory (same text) is recognised by its content hash before any NLP,
so re-ingesting a folder costs a read and a hash per file.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine
from sqlmodel import Session

from .errors import QuotesError, ReadError
from .extract import Extraction, extract_many
from .failures import failed_articles, failed_hashes, forget, remember
from .kinds import ALL_KINDS
from .nlp import load_pipeline
from .read import Article, read_paths
from .store import known_hashes, store
from .vectors import Embedder, available, embed_new_statements
from .workers import extract_on_cluster, extract_parallel

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True)
class Outcome:
    """What became of one input: `new`, `known` (ingested before) or `failed`."""

    status: str
    where: str
    quotes: int = 0  # statements of every kind stored
    reported: int = 0  # of which reported speech
    error: str | None = None
    trace: str | None = None  # an unexpected error's traceback, for --debug


@dataclass
class Summary:
    new: int = 0
    known: int = 0
    failed: int = 0
    quotes: int = 0
    reported: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        self.quotes += outcome.quotes
        self.reported += outcome.reported
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
    kinds: frozenset[str] = ALL_KINDS,
) -> Iterator[Outcome]:
    """Store each article's statements (of `kinds`); yield what happened to each input.

    Inputs that fail to read, and articles already in the directory, are reported without any
    NLP; the rest are extracted (on `workers` processes when more than one) and stored by this
    process, one transaction per article. An article whose extraction or storing fails costs
    itself alone: it is reported, remembered in the directory (`failures`), and the batch goes on.
    """
    skipped: deque[Outcome] = deque()
    failed_before = failed_hashes(engine)

    def fresh() -> Iterator[Article]:
        for batch in _batches(items, KNOWN_BATCH):
            articles = [item for item in batch if not isinstance(item, ReadError)]
            with Session(engine) as session:
                held = known_hashes(session, [article.content_hash for article in articles])
            for item in batch:
                if isinstance(item, ReadError):
                    skipped.append(Outcome("failed", str(item).split(":", 1)[0], error=str(item)))
                elif item.content_hash in held:
                    skipped.append(Outcome("known", item.id))
                else:
                    yield item

    if cluster:
        results = extract_on_cluster(fresh(), address=cluster, model=model, kinds=kinds)
    elif workers > 1:
        results = extract_parallel(fresh(), workers=workers, model=model, kinds=kinds)
    else:
        results = extract_many(fresh(), nlp or load_pipeline(model), kinds=kinds)
    embedder = Embedder(engine) if available() else None  # beside extraction, with quotes[semantic]
    try:
        for article, result in results:
            while skipped:
                yield skipped.popleft()
            outcome = _store(engine, article, result, failed_before)
            if embedder:
                embedder.stored(outcome.quotes)
            yield outcome
        if embedder:
            embedder.finish()
    finally:
        if embedder:
            embedder.close()
    embed_new_statements(engine)  # what the embedding process left (none, unless it failed or never ran), and older gaps
    while skipped:
        yield skipped.popleft()


#: How many inputs are checked against the directory in one query.
KNOWN_BATCH = 64


def _batches(items: Iterable[Article | ReadError], size: int) -> Iterator[list[Article | ReadError]]:
    """The inputs in lists of `size`, read lazily: a stream (stdin) is checked a batch at a time,
    never held whole."""
    source = iter(items)
    while batch := list(islice(source, size)):
        yield batch


def _store(engine: Engine, article: Article, result: Extraction | QuotesError, failed_before: set[str]) -> Outcome:
    if isinstance(result, QuotesError):
        return _failed(engine, article, result)
    try:
        stored = store(engine, result)
    except Exception as exc:  # one article's failure must not cost the batch
        return _failed(engine, article, StoreFailed(f"{article.id}: not stored ({_reason(exc)})"))
    if article.content_hash in failed_before:
        forget(engine, article.content_hash)
    return Outcome("new" if stored.new else "known", article.id, stored.quotes, stored.reported)


class StoreFailed(QuotesError):
    """An article extracted but not stored (the database refused it)."""


def _reason(exc: Exception) -> str:
    """Why an article was not stored, in one line: a database error's message carries its SQL
    and parameters, the whole article among them, so it is described, not quoted."""
    from sqlalchemy.exc import SQLAlchemyError

    from .db import describe

    return describe(exc) if isinstance(exc, SQLAlchemyError) else f"{type(exc).__name__}: {exc}"


def _failed(engine: Engine, article: Article, error: QuotesError) -> Outcome:
    """Report a failed article, and remember it for `--retry-failed` where the directory lets us."""
    try:
        remember(engine, article, str(error))
    except Exception:  # the database itself is what failed: the report still goes out
        pass
    return Outcome("failed", article.id, error=str(error), trace=getattr(error, "trace", None))


def ingest(
    engine: Engine,
    paths: Iterable[str],
    *,
    nlp: "Language | None" = None,
    model: str | None = None,
    workers: int = 1,
    cluster: str | None = None,
    encoding: str | None = None,
    retry_failed: bool = False,
    follow_links: bool = False,
    kinds: frozenset[str] = ALL_KINDS,
) -> Iterator[Outcome]:
    """Ingest files, folders (recursively) and "-" for standard input; with `retry_failed`, first
    the articles that failed before (kept in the directory).

    On a cluster with a PostgreSQL directory, the workers read, extract and store (`shares`);
    with SQLite they extract and this process stores, the file's one writer."""
    if cluster and engine.dialect.name == "postgresql":
        from .shares import ingest_on_cluster

        return ingest_on_cluster(engine, paths, address=cluster, model=model, encoding=encoding,
                                 retry_failed=retry_failed, kinds=kinds)
    items: Iterable[Article | ReadError] = read_paths(paths, encoding=encoding, follow_links=follow_links)
    if retry_failed:
        items = chain(failed_articles(engine), items)
    return ingest_articles(engine, items, nlp=nlp, model=model, workers=workers, cluster=cluster, kinds=kinds)
