"""The main job: read articles, extract their quotes, store them, one outcome per article.

An article already in the directory (same text) is recognised by its content hash before any NLP,
so re-ingesting a folder costs a read and a hash per file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine
from sqlmodel import Session

from .errors import QuotesError, ReadError
from .extract import extract
from .read import Article, read_paths
from .store import known, store

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


def ingest_articles(engine: Engine, items: Iterable[Article | ReadError], nlp: "Language") -> Iterator[Outcome]:
    """Store each article's quotes; yield what happened to each input, in order."""
    for item in items:
        if isinstance(item, ReadError):
            yield Outcome("failed", str(item).split(":", 1)[0], error=str(item))
            continue
        with Session(engine) as session:
            if known(session, item.content_hash) is not None:
                yield Outcome("known", item.id)
                continue
        try:
            stored = store(engine, extract(item, nlp))
        except QuotesError as exc:
            yield Outcome("failed", item.id, error=str(exc))
            continue
        except Exception as exc:  # one article's failure must not cost the batch
            yield Outcome("failed", item.id, error=f"{item.id}: not stored ({type(exc).__name__}: {exc})")
            continue
        yield Outcome("new" if stored.new else "known", item.id, stored.quotes)


def ingest(engine: Engine, paths: Iterable[str], nlp: "Language", *, encoding: str | None = None) -> Iterator[Outcome]:
    """Ingest files, folders (recursively) and "-" for standard input."""
    return ingest_articles(engine, read_paths(paths, encoding=encoding), nlp)
