"""Storing extractions: one transaction per article, identities got or created race-free.

Every identity (article hash, person key, institution key, alias) has a unique key, and rows are
inserted with ON CONFLICT DO NOTHING and then read back, so two writers never create the same
expert twice and neither fails. An article is stored whole or not at all.

Ingest works in ids and plain rows through statements built once (below), not ORM entities:
storing is a few dozen lookups per article, and building and tracking objects for each of them
cost more than the database did. Editors' changes (curate.py) still go through the ORM.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import Insert, bindparam, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, SQLModel

from . import models
from .extract import Extraction
from .institutions import institution_named
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
    quotes: int = 0  # statements of every kind
    reported: int = 0  # of which reported speech (kind indirect)


_ARTICLES, _PEOPLE, _INSTITUTIONS, _ALIASES, _AFFILIATIONS, _QUOTES, _NAME_WORDS = (
    model.__table__ for model in (models.Article, models.Person, models.Institution, models.Alias,
                                  models.Affiliation, models.Quote, models.NameWord)
)

# The statements ingest runs for every article, built once: a statement object keeps its compiled
# form's cache key, where building one per call costs more than SQLite takes to run it.
_PERSON_BY_KEY = select(_PEOPLE.c.id).where(_PEOPLE.c.key == bindparam("key"))
_ALIAS_OWNER = {
    kind: select(_ALIASES.c[f"{kind}_id"]).where(_ALIASES.c.kind == kind, _ALIASES.c.key == bindparam("key"))
    for kind in ("person", "institution")
}
_INSTITUTION_BY_KEY = select(_INSTITUTIONS.c.id, _INSTITUTIONS.c.acronym).where(_INSTITUTIONS.c.key == bindparam("key"))
_SET_ACRONYM = update(_INSTITUTIONS).where(_INSTITUTIONS.c.id == bindparam("row")).values(acronym=bindparam("acronym"))
_COLLEAGUES = select(_PEOPLE.c.id, _PEOPLE.c.key).join(_AFFILIATIONS, _AFFILIATIONS.c.person_id == _PEOPLE.c.id).distinct()
_COLLEAGUES_AT = _COLLEAGUES.where(_AFFILIATIONS.c.institution_id == bindparam("institution_id")).limit(5000)
_COLLEAGUES_TITLED = _COLLEAGUES.where(_AFFILIATIONS.c.title == bindparam("title")).limit(5000)
_SHARING_FIRST_AND_LAST = select(_PEOPLE.c.id, _PEOPLE.c.key).where(
    _PEOPLE.c.id.in_(select(_NAME_WORDS.c.person_id).where(_NAME_WORDS.c.word == bindparam("first"))),
    _PEOPLE.c.id.in_(select(_NAME_WORDS.c.person_id).where(_NAME_WORDS.c.word == bindparam("last"))),
).limit(50)
_ROLE_SEEN = select(_AFFILIATIONS.c.id, _AFFILIATIONS.c.first_seen, _AFFILIATIONS.c.last_seen).where(
    _AFFILIATIONS.c.person_id == bindparam("person_id"),
    _AFFILIATIONS.c.institution_id.is_not_distinct_from(bindparam("institution_id")),  # NULL: a title alone
    _AFFILIATIONS.c.title == bindparam("title"),
)
_WIDEN_AFFILIATION = update(_AFFILIATIONS).where(_AFFILIATIONS.c.id == bindparam("row")).values(
    first_seen=bindparam("first"), last_seen=bindparam("last"))
_STATEMENTS_BY = select(_QUOTES.c.text_key, _QUOTES.c.rejected).where(_QUOTES.c.person_id == bindparam("person_id"))
_ARTICLE_BY_HASH = select(_ARTICLES.c.id).where(_ARTICLES.c.content_hash == bindparam("content_hash"))


@cache
def _upsert(dialect: str, table: str, conflict: tuple[str, ...], returning: bool, where: str | None = None) -> Insert:
    """INSERT ... ON CONFLICT DO NOTHING into `table`, built once per dialect; `where` names a
    partial unique index's condition (`uq_affiliation_title_only`)."""
    model_table = SQLModel.metadata.tables[table]
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model_table)
    statement = statement.on_conflict_do_nothing(index_elements=list(conflict),
                                                 index_where=text(where) if where else None)
    return statement.returning(model_table.c.id) if returning else statement


def _insert(session: Session, model: type[SQLModel], values: dict[str, Any], conflict: list[str],
            where: str | None = None) -> int | None:
    """INSERT ... ON CONFLICT DO NOTHING; the new row's id, or None when it was there already."""
    statement = _upsert(session.get_bind().dialect.name, model.__tablename__, tuple(conflict), True, where)
    return session.execute(statement, values).scalar()


def _insert_many(session: Session, model: type[SQLModel], rows: list[dict[str, Any]], conflict: list[str]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING of many rows as one statement with many parameter sets:
    compiled once, where a VALUES list as long as the rows is a new statement each time."""
    if rows:
        session.execute(_upsert(session.get_bind().dialect.name, model.__tablename__, tuple(conflict), False), rows)


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
    return session.execute(_ARTICLE_BY_HASH, {"content_hash": content_hash}).scalar()


def known_hashes(session: Session, hashes: list[str]) -> set[str]:
    """Which of these texts the directory holds already, asked in one query for a whole batch:
    a cluster worker on a remote database pays a round trip per query, not per article."""
    if not hashes:
        return set()
    query = select(_ARTICLES.c.content_hash).where(_ARTICLES.c.content_hash.in_(hashes))
    return set(session.execute(query).scalars())


def institution(session: Session, name: str, acronyms: dict[str, str] | None = None, *, locked: bool = False) -> int:
    """The id of the institution `name` means: an alias (an acronym learned earlier) first, else
    by its key, else the one its initials or its acronym name (`initials`); the article's acronym
    for it becomes an alias.

    Before creating one on PostgreSQL, a writer takes a lock on the acronym it shares with its twin
    ("DNC" for "Democratic National Committee" and for "DNC") and looks again: another writer
    creating the twin at the same moment holds it until its article is stored, so the two names
    become one entry, as one writer makes them."""
    found = alias_owner(session, "institution", alias_key("institution", name))
    if found is not None:
        return found
    key = institution_key(name)
    row = session.execute(_INSTITUTION_BY_KEY, {"key": key}).first()
    if row is None and not locked and (lock := acronym_lock(name)) and session.get_bind().dialect.name == "postgresql":
        session.execute(_ADVISORY_LOCK, {"key": f"institution {lock}"})
        return institution(session, name, acronyms, locked=True)
    if row is None:
        short = initials(name)
        twin = session.execute(_INSTITUTION_BY_KEY, {"key": fold(short)}).first() if short else None
        if twin is not None:  # "FBI" stored, now "Federal Bureau of Investigation": one entry
            add_alias(session, "institution", name, twin[0], origin="initials")
            return twin[0]
        _insert(session, models.Institution, {"key": key, "name": institution_name(name)}, ["key"])
        row = session.execute(_INSTITUTION_BY_KEY, {"key": key}).one()
        if short:  # a later "FBI" finds it
            add_alias(session, "institution", short, row[0], origin="initials")
    institution_id, acronym = row
    for short, definition in (acronyms or {}).items():
        if institution_key(definition) == key:
            if acronym is None:
                session.execute(_SET_ACRONYM, {"row": institution_id, "acronym": short})
                acronym = short
            add_alias(session, "institution", short, institution_id)
    return institution_id


_ADVISORY_LOCK = text("SELECT pg_advisory_xact_lock(hashtext(:key))")


def acronym_lock(name: str) -> str | None:
    """The acronym a name shares with its twin, if it has one: its initials ("Democratic National
    Committee": "dnc"), or the name itself where it is a word in capitals ("DNC")."""
    short = initials(name)
    words = institution_name(name).split()
    if short is None and len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 8:
        short = words[0]
    return fold(short) if short else None


#: Words an acronym skips ("Federal Bureau of Investigation" is FBI).
_UNINITIALLED = frozenset("of for and the on in at to &".split())


def initials(name: str) -> str | None:
    """The acronym a name of three capitalised words or more is known by, from their initials
    ("Federal Bureau of Investigation": "FBI"); None for a shorter name or one with a word in
    lower case beside its small words, which news does not abbreviate so."""
    words = [w for w in institution_name(name).split() if w.lower() not in _UNINITIALLED]
    if len(words) < 3 or not all(w[:1].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


def alias_key(kind: str, form: str) -> str:
    """The key an alias is stored and looked up under: a person's key, or the folded form."""
    return person_key(form) if kind == "person" else fold(form)


def alias_owner(session: Session, kind: str, key: str) -> int | None:
    """The person (or institution) an alias key names, if any: ingest resolves names through it,
    and an editor's new alias must not take a form that names someone else."""
    return session.execute(_ALIAS_OWNER[kind], {"key": key}).scalar()


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


def _colleague(session: Session, key: str, institution_id: int | None, title: str | None) -> int | None:
    """An expert already known at the same institution (or with the same title) whose name is
    this one spelt another way."""
    if institution_id is not None:
        candidates = session.execute(_COLLEAGUES_AT, {"institution_id": institution_id})
    elif title:
        candidates = session.execute(_COLLEAGUES_TITLED, {"title": title})
    else:
        return None
    return next((id_ for id_, other in candidates if same_person(key, other)), None)


def _initials_variant(session: Session, key: str) -> int | None:
    """The expert whose name is this one with or without middle initials, found through the
    name-word index (people who share this first and last name)."""
    words = key.split()
    if len(words) < 2:
        return None
    sharing = session.execute(_SHARING_FIRST_AND_LAST, {"first": words[0], "last": words[-1]})
    return next((id_ for id_, other in sharing if initials_variant(key, other)), None)


def person(session: Session, name: str, *, institution_id: int | None = None, title: str | None = None) -> int:
    """The id of the expert `name` means: by key, by alias (a merge, an editor's alias, a spelling
    seen before), by another spelling at the same institution, or else a new expert."""
    key = person_key(name)
    found = session.execute(_PERSON_BY_KEY, {"key": key}).scalar()
    if found is None:
        found = alias_owner(session, "person", key)
    if found is not None:
        return found
    found = _colleague(session, key, institution_id, title) or _initials_variant(session, key)
    if found is not None:
        add_alias(session, "person", person_name(name), found)
        return found
    found = _insert(session, models.Person, {"key": key, "name": person_name(name), "created_at": models.utcnow()},
                    ["key"])
    if found is None:  # another writer created it a moment ago
        return session.execute(_PERSON_BY_KEY, {"key": key}).scalar_one()
    index_name(session, found, key)
    return found


def _seen_on(article: Article) -> str:
    return (article.published or "")[:10] or date.today().isoformat()


def _affiliate(session: Session, person_id: int, institution_id: int | None, title: str | None,
               seen: str, article_id: int) -> None:
    """Record the role, or widen the dates it was seen between."""
    unique = {"person_id": person_id, "institution_id": institution_id, "title": title or ""}
    role = session.execute(_ROLE_SEEN, unique).first()
    if role is None:
        # a title alone is unique by its own partial index: another writer may be adding it too
        conflict, where = (list(unique), None) if institution_id is not None else (["person_id", "title"],
                                                                                    "institution_id IS NULL")
        _insert(session, models.Affiliation, {**unique, "first_seen": seen, "last_seen": seen, "article_id": article_id},
                conflict, where)
        role = session.execute(_ROLE_SEEN, unique).one()
    if role.first_seen is None or role.last_seen is None or not role.first_seen <= seen <= role.last_seen:
        session.execute(_WIDEN_AFFILIATION, {
            "row": role.id, "first": min(role.first_seen or seen, seen), "last": max(role.last_seen or seen, seen)})


#: How alike (rapidfuzz ratio) two quotes by one expert must be to be one statement, updated.
SAME_STATEMENT = 92


class _Statements:
    """An expert's stored statements (normalised words -> rejected), read once per article."""

    def __init__(self, session: Session):
        self.session = session
        self.by_person: dict[int, dict[str, bool]] = {}

    def _known(self, person_id: int) -> dict[str, bool]:
        if person_id not in self.by_person:
            rows = self.session.execute(_STATEMENTS_BY, {"person_id": person_id})
            known: dict[str, bool] = {}
            for key, rejected in rows:
                known[key] = known.get(key, False) or rejected
            self.by_person[person_id] = known
        return self.by_person[person_id]

    def key(self, who: int | None, text: str) -> tuple[str, bool]:
        """The statement's key and whether an editor rejected it: an expert's statement with
        nearly the same words (an updated article changes a word or two) shares the key, and a
        rejected statement stays rejected in every article."""
        key = fold(text)
        if who is None:
            return key, False
        known = self._known(who)
        if key not in known:
            best = process.extractOne(key, known.keys(), scorer=fuzz.ratio, score_cutoff=SAME_STATEMENT)
            key = best[0] if best else key  # the nearest, compared in one call: a prolific expert has thousands
            known.setdefault(key, False)
        return key, known[key]


#: How often an article's transaction is tried again when PostgreSQL ends it to break a deadlock.
RETRIES = 5


def store(engine: Engine, extraction: Extraction) -> Stored:
    """Put one article and its quotes in the directory, in one transaction.

    Writers on several machines may take the same experts' rows in opposite orders; PostgreSQL
    then ends one transaction (a deadlock, SQLSTATE 40P01), which is tried again from the start:
    nothing of it was kept."""
    for attempt in range(RETRIES):
        try:
            return _store(engine, extraction)
        except OperationalError as exc:
            if getattr(exc.orig, "sqlstate", None) not in ("40P01", "40001") or attempt == RETRIES - 1:
                raise
            time.sleep(0.01 * 2**attempt)
    raise AssertionError("unreachable")


def _lock_order(key: Callable[[str], str]) -> Callable[[str], tuple[int, str]]:
    """The order an article's identities are got or created in: one order for every writer, so two
    never wait on each other's new rows in a circle (PostgreSQL takes a second to see a deadlock,
    then ends one); the fuller name first, so a shorter form of it becomes its alias."""
    return lambda name: (-len(key(name)), key(name))


_by_person_key = _lock_order(person_key)


def _person_order(asked: tuple[str, int | None, str | None]) -> tuple[int, str, int, str]:
    return (*_by_person_key(asked[0]), asked[1] or 0, asked[2] or "")


def _store(engine: Engine, extraction: Extraction) -> Stored:
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
        named = [institution_named(quote.affiliation) for quote in extraction.quotes]  # none for "the newspaper"
        first = {n: i for i, n in reversed(list(enumerate(named))) if n}  # a spelling's first appearance
        places = {name: institution(session, name, extraction.acronyms)  # acronym locks last, in their order
                  for name in sorted(first, key=lambda n: (acronym_lock(n) or "", *_lock_order(institution_key)(n),
                                                           first[n]))}
        asking = [(quote.speaker, places.get(name or ""), quote.title) if quote.speaker else None
                  for quote, name in zip(extraction.quotes, named)]
        asked_first = {a: i for i, a in reversed(list(enumerate(asking))) if a}
        people = {asked: person(session, asked[0], institution_id=asked[1], title=asked[2])
                  for asked in sorted(asked_first, key=lambda a: (*_person_order(a), asked_first[a]))}
        roles = {(people[asked], places.get(name or ""), asked[2]) for name, asked in zip(named, asking)
                 if asked and (name or asked[2])}
        for who, place_id, title in sorted(roles, key=lambda role: (role[0], role[1] or 0, role[2] or "")):
            _affiliate(session, who, place_id, title, seen, article_id)
        rows = []
        for quote, name, asked in zip(extraction.quotes, named, asking):
            place_id = places.get(name or "")
            who = people[asked] if asked else None
            text_key, rejected = statements.key(who, quote.text)
            rows.append({
                "article_id": article_id, "person_id": who,
                "institution_id": place_id, "start": quote.start, "end": quote.end,
                "text": quote.text, "speaker": quote.speaker, "title": quote.title, "kind": quote.kind,
                "cue": quote.cue, "sieve": quote.sieve, "confidence": quote.confidence, "text_key": text_key,
                "rejected": rejected,
            })
        if rows:
            session.execute(_QUOTES.insert(), rows)
        return Stored(True, article_id, len(rows), sum(row["kind"] == "indirect" for row in rows))
