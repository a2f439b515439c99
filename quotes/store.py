"""Storing extractions: one transaction per article, identities got or created race-free.

Every identity (article hash, person key, institution key, alias) has a unique key, and rows are
inserted with ON CONFLICT DO NOTHING and then read back, so two writers never create the same
expert twice and neither fails. An article is stored whole or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from . import models
from .extract import Extraction
from .read import Article
from .resolve import fold, institution_key, institution_name, person_key, person_name


@dataclass
class Stored:
    """What storing one article did."""

    new: bool
    article_id: int | None
    quotes: int = 0


def _insert(session: Session, model: type[SQLModel], values: dict[str, Any], conflict: list[str]) -> int | None:
    """INSERT ... ON CONFLICT DO NOTHING; the new row's id, or None when it was there already."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(model.__table__).values(**values).on_conflict_do_nothing(index_elements=conflict)
    return session.execute(statement.returning(model.__table__.c.id)).scalar()


def get_or_create(session: Session, model: type[SQLModel], unique: dict[str, Any], **values: Any) -> Any:
    """The row with these unique values, inserted first if it is not there yet.

    Looked up before the insert too: a unique key with a NULL in it (an affiliation with no
    institution) never conflicts, so the insert alone would add a row every time.
    """
    query = select(model)
    for column, value in unique.items():
        query = query.where(getattr(model, column).is_(None) if value is None else getattr(model, column) == value)
    row = session.execute(query).scalars().first()
    if row is None:
        _insert(session, model, {**unique, **values}, list(unique))
        row = session.execute(query).scalars().first()
    return row


def known(session: Session, content_hash: str) -> int | None:
    """The id of the article with this text, if it is in the directory already."""
    return session.execute(select(models.Article.id).where(models.Article.content_hash == content_hash)).scalar()


def institution(session: Session, name: str, acronyms: dict[str, str] | None = None) -> models.Institution:
    """The institution `name` means: an alias (an acronym learned earlier) first, else by its key."""
    alias = session.execute(
        select(models.Alias).where(models.Alias.kind == "institution", models.Alias.key == fold(name))
    ).scalar()
    if alias is not None and alias.institution_id is not None:
        return session.get(models.Institution, alias.institution_id)
    row = get_or_create(session, models.Institution, {"key": institution_key(name)}, name=institution_name(name))
    for acronym, definition in (acronyms or {}).items():
        if institution_key(definition) == row.key:
            if row.acronym is None:
                row.acronym = acronym
            _insert(
                session,
                models.Alias,
                {"kind": "institution", "key": fold(acronym), "form": acronym, "institution_id": row.id},
                ["kind", "key"],
            )
    return row


def person(session: Session, name: str) -> models.Person:
    return get_or_create(session, models.Person, {"key": person_key(name)}, name=person_name(name))


def _seen_on(article: Article) -> str:
    return (article.published or "")[:10] or date.today().isoformat()


def _affiliate(session: Session, who: models.Person, where: models.Institution | None, title: str | None,
               seen: str, article_id: int) -> None:
    row = get_or_create(
        session,
        models.Affiliation,
        {"person_id": who.id, "institution_id": where.id if where else None, "title": title or ""},
        first_seen=seen,
        last_seen=seen,
        article_id=article_id,
    )
    row.first_seen = min(row.first_seen or seen, seen)
    row.last_seen = max(row.last_seen or seen, seen)


def store(engine: Engine, extraction: Extraction) -> Stored:
    """Put one article and its quotes in the directory, in one transaction."""
    article = extraction.article
    with Session(engine) as session, session.begin():
        # The insert comes first, so the transaction holds the write lock before it reads.
        article_id = _insert(
            session,
            models.Article,
            {
                "content_hash": article.content_hash,
                "source_id": article.id,
                "title": article.title,
                "url": article.url,
                "outlet": article.outlet,
                "published": article.published,
                "text": article.text,
                "ingested_at": models.utcnow(),
            },
            ["content_hash"],
        )
        if article_id is None:
            return Stored(False, known(session, article.content_hash))
        seen = _seen_on(article)
        count = 0
        for quote in extraction.quotes:
            who = person(session, quote.speaker) if quote.speaker else None
            where = institution(session, quote.affiliation, extraction.acronyms) if quote.affiliation else None
            if who is not None and (where is not None or quote.title):
                _affiliate(session, who, where, quote.title, seen, article_id)
            session.add(
                models.Quote(
                    article_id=article_id,
                    person_id=who.id if who else None,
                    institution_id=where.id if where else None,
                    start=quote.start,
                    end=quote.end,
                    text=quote.text,
                    speaker=quote.speaker,
                    title=quote.title,
                    kind=quote.kind,
                    cue=quote.cue,
                    sieve=quote.sieve,
                    confidence=quote.confidence,
                    text_key=fold(quote.text),
                )
            )
            count += 1
        return Stored(True, article_id, count)
