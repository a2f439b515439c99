"""Storing extractions: one transaction per article, identities got or created race-free.

Every identity (article hash, person key, institution key, alias) has a unique key, and rows are
inserted with ON CONFLICT DO NOTHING and then read back, so two writers never create the same
expert twice and neither fails. An article is stored whole or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from . import models
from .extract import Extraction
from .read import Article
from .resolve import (
    fold,
    initials_variant,
    institution_key,
    institution_name,
    name_stems,
    person_key,
    person_name,
    same_person,
)


@dataclass
class Stored:
    """What storing one article did."""

    new: bool
    article_id: int | None
    quotes: int = 0


def _insert_into(session: Session, model: type[SQLModel]):  # type: ignore[no-untyped-def]
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model.__table__)


def _insert(session: Session, model: type[SQLModel], values: dict[str, Any], conflict: list[str]) -> int | None:
    """INSERT ... ON CONFLICT DO NOTHING; the new row's id, or None when it was there already."""
    statement = _insert_into(session, model).values(**values).on_conflict_do_nothing(index_elements=conflict)
    return session.execute(statement.returning(model.__table__.c.id)).scalar()


def _insert_many(session: Session, model: type[SQLModel], rows: list[dict[str, Any]], conflict: list[str]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING of many rows as one statement with many parameter sets:
    compiled once, where a VALUES list as long as the rows is a new statement each time."""
    if rows:
        session.execute(_insert_into(session, model).on_conflict_do_nothing(index_elements=conflict), rows)


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
    alias = find_alias(session, "institution", alias_key("institution", name))
    if alias is not None and alias.institution_id is not None:
        return session.get(models.Institution, alias.institution_id)
    row = get_or_create(session, models.Institution, {"key": institution_key(name)}, name=institution_name(name))
    for acronym, definition in (acronyms or {}).items():
        if institution_key(definition) == row.key:
            if row.acronym is None:
                row.acronym = acronym
            add_alias(session, "institution", acronym, row.id)
    return row


def alias_key(kind: str, form: str) -> str:
    """The key an alias is stored and looked up under: a person's key, or the folded form."""
    return person_key(form) if kind == "person" else fold(form)


def find_alias(session: Session, kind: str, key: str) -> models.Alias | None:
    return session.execute(select(models.Alias).where(models.Alias.kind == kind, models.Alias.key == key)).scalar()


def index_name(session: Session, person_id: int, key: str) -> None:
    """Make each word of a name key find this expert in `directory.search`, spelt right or not."""
    words = sorted(set(key.split()))
    _insert_many(session, models.NameWord, [{"word": word, "person_id": person_id} for word in words],
                 ["word", "person_id"])
    _insert_many(session, models.NameStem, [{"stem": stem, "word": word} for word in words
                                             for stem in sorted(name_stems(word))], ["stem", "word"])


def add_alias(session: Session, kind: str, form: str, target_id: int, origin: str = "text") -> None:
    """Record that `form` names this person or institution (the first claim on a form wins)."""
    column = "person_id" if kind == "person" else "institution_id"
    key = alias_key(kind, form)
    _insert(session, models.Alias, {"kind": kind, "key": key, "form": form, column: target_id, "origin": origin},
            ["kind", "key"])
    if kind == "person":
        index_name(session, target_id, key)


def _colleague(session: Session, key: str, institution_id: int | None, title: str | None) -> models.Person | None:
    """An expert already known at the same institution (or with the same title) whose name is
    this one spelt another way."""
    query = select(models.Person).join(models.Affiliation, models.Affiliation.person_id == models.Person.id)
    if institution_id is not None:
        query = query.where(models.Affiliation.institution_id == institution_id)
    elif title:
        query = query.where(models.Affiliation.title == title)
    else:
        return None
    for candidate in session.execute(query.distinct().limit(5000)).scalars():
        if same_person(key, candidate.key):
            return candidate
    return None


def _initials_variant(session: Session, key: str) -> models.Person | None:
    """The expert whose name is this one with or without middle initials, found through the
    name-word index (people who share this first and last name)."""
    words = key.split()
    if len(words) < 2:
        return None
    first = select(models.NameWord.person_id).where(models.NameWord.word == words[0])
    last = select(models.NameWord.person_id).where(models.NameWord.word == words[-1])
    query = select(models.Person).where(models.Person.id.in_(first), models.Person.id.in_(last)).limit(50)
    return next((p for p in session.execute(query).scalars() if initials_variant(key, p.key)), None)


def person(session: Session, name: str, *, institution_id: int | None = None, title: str | None = None) -> models.Person:
    """The expert `name` means: by key, by alias (a merge, an editor's alias, a spelling seen
    before), by another spelling at the same institution, or else a new expert."""
    key = person_key(name)
    row = session.execute(select(models.Person).where(models.Person.key == key)).scalar()
    if row is not None:
        return row
    alias = find_alias(session, "person", key)
    if alias is not None and alias.person_id is not None:
        return session.get(models.Person, alias.person_id)
    row = _colleague(session, key, institution_id, title) or _initials_variant(session, key)
    if row is not None:
        add_alias(session, "person", person_name(name), row.id)
        return row
    row = get_or_create(session, models.Person, {"key": key}, name=person_name(name))
    index_name(session, row.id, key)
    return row


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


#: How alike (rapidfuzz ratio) two quotes by one expert must be to be one statement, updated.
SAME_STATEMENT = 92


class _Statements:
    """An expert's stored statements (normalised words -> rejected), read once per article."""

    def __init__(self, session: Session):
        self.session = session
        self.by_person: dict[int, dict[str, bool]] = {}

    def _known(self, person_id: int) -> dict[str, bool]:
        if person_id not in self.by_person:
            rows = self.session.execute(
                select(models.Quote.text_key, models.Quote.rejected).where(models.Quote.person_id == person_id)
            )
            known: dict[str, bool] = {}
            for key, rejected in rows:
                known[key] = known.get(key, False) or rejected
            self.by_person[person_id] = known
        return self.by_person[person_id]

    def key(self, who: models.Person | None, text: str) -> tuple[str, bool]:
        """The statement's key and whether an editor rejected it: an expert's statement with
        nearly the same words (an updated article changes a word or two) shares the key, and a
        rejected statement stays rejected in every article."""
        key = fold(text)
        if who is None:
            return key, False
        known = self._known(who.id)
        if key not in known:
            best = process.extractOne(key, known.keys(), scorer=fuzz.ratio, score_cutoff=SAME_STATEMENT)
            key = best[0] if best else key  # the nearest, compared in one call: a prolific expert has thousands
            known.setdefault(key, False)
        return key, known[key]


def store(engine: Engine, extraction: Extraction) -> Stored:
    """Put one article and its quotes in the directory, in one transaction."""
    article = extraction.article
    with Session(engine, autoflush=False) as session, session.begin():
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
        statements = _Statements(session)
        places: dict[str, models.Institution] = {}
        people: dict[tuple[str, int | None, str | None], models.Person] = {}
        roles: set[tuple[int, int | None, str | None]] = set()
        rows = []
        for quote in extraction.quotes:
            where = None
            if quote.affiliation:
                if quote.affiliation not in places:
                    places[quote.affiliation] = institution(session, quote.affiliation, extraction.acronyms)
                where = places[quote.affiliation]
            place_id = where.id if where else None
            who = None
            if quote.speaker:
                asked = (quote.speaker, place_id, quote.title)
                if asked not in people:
                    people[asked] = person(session, quote.speaker, institution_id=place_id, title=quote.title)
                who = people[asked]
            if who is not None and (where is not None or quote.title) and (who.id, place_id, quote.title) not in roles:
                roles.add((who.id, place_id, quote.title))
                _affiliate(session, who, where, quote.title, seen, article_id)
            text_key, rejected = statements.key(who, quote.text)
            rows.append({
                "article_id": article_id, "person_id": who.id if who else None,
                "institution_id": place_id, "start": quote.start, "end": quote.end,
                "text": quote.text, "speaker": quote.speaker, "title": quote.title, "kind": quote.kind,
                "cue": quote.cue, "sieve": quote.sieve, "confidence": quote.confidence, "text_key": text_key,
                "rejected": rejected,
            })
        session.flush()
        if rows:
            session.execute(models.Quote.__table__.insert(), rows)
        return Stored(True, article_id, len(rows))
