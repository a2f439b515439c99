"""What editors change by hand: merge, rename, alias, split, reject. Each is logged.

Curation lives in the same rows that ingest reads, so re-ingesting never undoes it: a merged or
renamed name is an alias that resolves to the expert it was given to, a split expert keeps its
own key, and a rejected statement is rejected again wherever the same expert says it.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select, update
from sqlmodel import Session

from . import models
from .errors import QuotesError
from .inputs import query_text, shown
from .resolve import institution_key, institution_name, person_key, person_name
from .store import add_alias, alias_key, alias_owner, get_or_create, index_name


class CurationError(QuotesError):
    """An editor's change that cannot be made as asked."""


def _log(session: Session, action: str, kind: str, target_id: int, **detail: Any) -> None:
    session.add(models.Curation(action=action, kind=kind, target_id=target_id, detail=json.dumps(detail)))


_LABELS = {"Person": "expert"}


def _get(session: Session, model: type, row_id: int) -> Any:
    row = session.get(model, row_id)
    if row is None:
        raise CurationError(f"no {_LABELS.get(model.__name__, model.__name__.lower())} with id {row_id}")
    return row


_NAMING = {
    "person": (models.Person, person_key, person_name, "expert"),
    "institution": (models.Institution, institution_key, institution_name, "institution"),
}


def merge(session: Session, kind: str, source_id: int, target_id: int) -> Any:
    """Fold expert (or institution) `source_id` into `target_id`: its quotes, roles and names go
    to the target, and its name becomes the target's alias, so ingest keeps resolving it there."""
    model, _, _, label = _NAMING[kind]
    if source_id == target_id:
        raise CurationError(f"cannot merge an {label} into itself")
    source, target = _get(session, model, source_id), _get(session, model, target_id)
    column = "person_id" if kind == "person" else "institution_id"
    session.execute(update(models.Quote).where(getattr(models.Quote, column) == source.id).values({column: target.id}))
    for aff in session.execute(select(models.Affiliation).where(getattr(models.Affiliation, column) == source.id)).scalars():
        unique = {"person_id": aff.person_id, "institution_id": aff.institution_id, "title": aff.title, column: target.id}
        kept = get_or_create(session, models.Affiliation, unique, first_seen=aff.first_seen, last_seen=aff.last_seen,
                             article_id=aff.article_id)
        kept.first_seen = min(filter(None, (kept.first_seen, aff.first_seen)), default=None)
        kept.last_seen = max(filter(None, (kept.last_seen, aff.last_seen)), default=None)
        session.delete(aff)
    session.execute(update(models.Alias).where(getattr(models.Alias, column) == source.id).values({column: target.id}))
    if kind == "person":  # the source's name words (its aliases' too) find the target now
        words = session.execute(select(models.NameWord.word).where(models.NameWord.person_id == source.id)).scalars()
        index_name(session, target.id, " ".join(words))
        session.execute(delete(models.NameWord).where(models.NameWord.person_id == source.id))
    session.flush()
    name = source.name
    session.delete(source)
    session.flush()
    add_alias(session, kind, name, target.id, origin="editor")
    _log(session, "merge", kind, target.id, merged=name, merged_id=source_id)
    return target


def rename(session: Session, kind: str, target_id: int, name: str) -> Any:
    """Show an expert or institution under another name; the old name keeps resolving to it."""
    model, key_of, clean, label = _NAMING[kind]
    row = _get(session, model, target_id)
    new = clean(query_text(name, "a name"))
    clash = session.execute(select(model).where(model.key == key_of(new))).scalar()
    if clash is not None and clash.id != row.id:
        raise CurationError(f"{shown(clash.name)} is {label} {clash.id} already; merge instead")
    old = row.name
    row.name = new
    add_alias(session, kind, new, row.id, origin="editor")
    _log(session, "rename", kind, row.id, old=old, new=new)
    return row


def alias(session: Session, kind: str, target_id: int, form: str) -> None:
    """Make `form` resolve to this expert or institution, in ingest and in search."""
    model, key_of, _, _ = _NAMING[kind]
    query_text(form, "a name")
    _get(session, model, target_id)
    owner = alias_owner(session, kind, alias_key(kind, form))
    if owner is None:  # the form may be the very name of another expert or institution
        named = session.execute(select(model.id).where(model.key == key_of(form)))
        owner = named.scalar()
    if owner is not None and owner != target_id:
        raise CurationError(f"{shown(form)} already names another {kind} ({owner})")
    add_alias(session, kind, form, target_id, origin="editor")
    _log(session, "alias", kind, target_id, form=form)


def split_person(session: Session, person_id: int, quote_ids: list[int], name: str) -> models.Person:
    """Move some of an expert's quotes to a new expert `name` (two people taken for one)."""
    query_text(name, "a name")
    source = _get(session, models.Person, person_id)
    quotes = session.execute(select(models.Quote).where(models.Quote.id.in_(quote_ids))).scalars().all()
    if not quote_ids or len(quotes) != len(set(quote_ids)) or any(q.person_id != source.id for q in quotes):
        raise CurationError(f"quotes {quote_ids} are not all expert {person_id}'s")
    key = person_key(name)
    if session.execute(select(models.Person).where(models.Person.key == key)).scalar() is not None:
        raise CurationError(f"an expert named {shown(name)} exists already; merge or pick another name")
    new = models.Person(name=person_name(name), key=key)
    session.add(new)
    session.flush()
    index_name(session, new.id, key)
    for quote in quotes:
        quote.person_id = new.id
    session.execute(delete(models.Alias).where(models.Alias.kind == "person", models.Alias.key == key))
    _log(session, "split", "person", source.id, new_id=new.id, name=new.name, quotes=sorted(quote_ids))
    return new


def reject(session: Session, quote_id: int, *, undo: bool = False) -> models.Quote:
    """Mark a quote as wrong (or right again); the same statement by the same expert elsewhere too."""
    quote = _get(session, models.Quote, quote_id)
    query = update(models.Quote).where(models.Quote.id == quote.id)
    if quote.person_id is not None:
        query = update(models.Quote).where(
            models.Quote.person_id == quote.person_id, models.Quote.text_key == quote.text_key
        )
    session.execute(query.values(rejected=not undo))
    _log(session, "accept" if undo else "reject", "quote", quote.id, text=quote.text[:200])
    return quote


def history(session: Session, *, limit: int = 100) -> list[dict[str, Any]]:
    """The latest curations, newest first."""
    rows = session.execute(select(models.Curation).order_by(models.Curation.id.desc()).limit(limit)).scalars()
    return [
        {"id": r.id, "action": r.action, "kind": r.kind, "target_id": r.target_id, "detail": json.loads(r.detail),
         "created_at": r.created_at}
        for r in rows
    ]
