"""The directory as lists: its counts, its experts, its institutions."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlmodel import Session

from .. import models
from ..errors import QuotesError
from .rows import Expert, InstitutionRow, _experts, reported_of
from .statements import _said_at


def counts(session: Session) -> dict[str, int]:
    """How big the directory is: articles, experts, institutions and quotes."""
    tables = {"articles": models.Article, "experts": models.Person, "institutions": models.Institution,
              "quotes": models.Quote}
    return {name: session.execute(select(func.count()).select_from(table)).scalar() for name, table in tables.items()}


EXPERT_SORTS = ("quotes", "name", "recent")


def experts(
    session: Session, *, sort: str = "quotes", limit: int | None = None, kinds: Sequence[str] | None = None
) -> list[Expert]:
    """The directory's experts with their statement counts and roles; with `kinds`, only those
    with statements of these kinds, counting those."""
    if sort not in EXPERT_SORTS:
        raise QuotesError(f"cannot sort experts by {sort!r}; use one of: {', '.join(EXPERT_SORTS)}")
    count = func.count(models.Quote.id)
    said = (models.Quote.person_id == models.Person.id) & models.Quote.rejected.is_(False)
    query = (
        select(models.Person.id)
        .join(models.Quote, said if kinds is None else said & models.Quote.kind.in_(kinds), isouter=kinds is None)
        .group_by(models.Person.id)
    )
    order = {"quotes": (count.desc(), models.Person.name), "name": (models.Person.name,),
             "recent": (models.Person.id.desc(),)}[sort]
    query = query.order_by(*order)
    if limit:
        query = query.limit(limit)
    ids = list(session.execute(query).scalars())
    return _experts(session, [(pid, "") for pid in ids], kinds)


INSTITUTION_SORTS = ("quotes", "experts", "name")


def institutions(
    session: Session, *, sort: str = "quotes", limit: int | None = None, kinds: Sequence[str] | None = None
) -> list[InstitutionRow]:
    """The directory's institutions with how many experts and statements (of `kinds`) each has,
    and how many of those are reported."""
    if sort not in INSTITUTION_SORTS:
        raise QuotesError(f"cannot sort institutions by {sort!r}; use one of: {', '.join(INSTITUTION_SORTS)}")
    experts_n = (
        select(func.count(func.distinct(models.Affiliation.person_id)))
        .where(models.Affiliation.institution_id == models.Institution.id)
        .scalar_subquery()
    )
    affiliated = (
        select(models.Affiliation.person_id)
        .where(models.Affiliation.institution_id == models.Institution.id)
        .correlate(models.Institution)
    )

    def said(of_kinds: Sequence[str] | None):  # type: ignore[no-untyped-def]
        where = [models.Quote.rejected.is_(False), _said_at(models.Institution.id, affiliated)]
        if of_kinds is not None:
            where.append(models.Quote.kind.in_(of_kinds))
        return select(func.count(models.Quote.id)).where(*where).correlate(models.Institution).scalar_subquery()

    quotes_n = said(kinds)
    reported_n = said(reported_of(kinds))
    query = select(models.Institution, experts_n.label("experts"), quotes_n.label("quotes"), reported_n.label("reported"))
    if kinds is not None:
        query = query.where(quotes_n > 0)
    order = {"quotes": (quotes_n.desc(), models.Institution.name), "experts": (experts_n.desc(), models.Institution.name),
             "name": (models.Institution.name,)}[sort]
    query = query.order_by(*order)
    if limit:
        query = query.limit(limit)
    return [
        InstitutionRow(inst.id, inst.name, inst.acronym, n_experts, n_quotes, n_reported)
        for inst, n_experts, n_quotes, n_reported in session.execute(query).all()
    ]
