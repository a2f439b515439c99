"""Articles that failed: remembered in the directory, so that a bug met on one article costs that
article alone, is visible in `quotes db status`, and can be tried again after an upgrade
(`quotes ingest --retry-failed`) without the inputs it came from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from .models import FailedArticle, utcnow
from .read import Article

_TABLE = FailedArticle.__table__


@dataclass(frozen=True)
class Failure:
    """One failed article as `db status` lists it."""

    source_id: str | None
    error: str
    attempts: int
    failed_at: str

    def to_dict(self) -> dict:
        return {"id": self.source_id, "error": self.error, "attempts": self.attempts, "failed_at": self.failed_at}


def remember(engine: Engine, article: Article, error: str) -> None:
    """Keep a failed article (or count one more attempt at it), whole, with its error."""
    with Session(engine) as session, session.begin():
        found = session.execute(select(_TABLE.c.id).where(_TABLE.c.content_hash == article.content_hash)).scalar()
        if found is not None:
            session.execute(update(_TABLE).where(_TABLE.c.id == found).values(
                error=error, attempts=_TABLE.c.attempts + 1, failed_at=utcnow(), source_id=article.id))
            return
        session.execute(_TABLE.insert().values(
            content_hash=article.content_hash, source_id=article.id, title=article.title, url=article.url,
            outlet=article.outlet, published=article.published, text=article.text, error=error, attempts=1,
            failed_at=utcnow()))


def failed_hashes(engine: Engine) -> set[str]:
    """The content hashes of the articles that failed before (few: read once per run)."""
    with Session(engine) as session:
        return set(session.execute(select(_TABLE.c.content_hash)).scalars())


def forget(engine: Engine, content_hash: str) -> None:
    """An article once failed is stored now: it is no longer a failure."""
    with Session(engine) as session, session.begin():
        session.execute(delete(_TABLE).where(_TABLE.c.content_hash == content_hash))


def failures(session: Session, *, limit: int | None = None) -> tuple[int, list[Failure]]:
    """How many articles failed, and the newest `limit` of them."""
    total = session.execute(select(func.count()).select_from(_TABLE)).scalar() or 0
    query = select(_TABLE.c.source_id, _TABLE.c.error, _TABLE.c.attempts, _TABLE.c.failed_at).order_by(
        _TABLE.c.failed_at.desc(), _TABLE.c.id.desc()).limit(limit)
    return total, [Failure(*row) for row in session.execute(query)]


def failed_articles(engine: Engine) -> Iterator[Article]:
    """Every remembered failed article, as it was read, for another try."""
    columns = (_TABLE.c.text, _TABLE.c.source_id, _TABLE.c.title, _TABLE.c.url, _TABLE.c.outlet,
               _TABLE.c.published, _TABLE.c.content_hash)
    with Session(engine) as session:
        rows = session.execute(select(*columns).order_by(_TABLE.c.id)).all()
    for text, source_id, title, url, outlet, published, content_hash in rows:
        yield Article(text=text, id=source_id or content_hash[:12], title=title, url=url, outlet=outlet,
                      published=published, source=source_id, content_hash=content_hash)
