"""What a page about one expert, institution or article shows beyond directory's listings.

The web desk and any other reader ask these of the library, as the CLI asks `directory`: other
names, when an expert was last quoted, who works at an institution, the sentence a quote stands
in, an article with its quotes. Plain SQL through SQLModel, nothing from spaCy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlmodel import Session

from . import models
from .directory import Expert, NotFound, Role, _quote_counts
from .directory.sentences import WINDOW_COLUMNS, Context, around


@dataclass
class Profile:
    """An expert or institution as its page heads it: the name and every other name it goes by."""

    id: int
    name: str
    other_names: list[str] = field(default_factory=list)
    acronym: str | None = None
    quotes: int = 0  # statements not rejected (an expert's own; an institution's page counts its listing)


@dataclass
class ArticleQuote:
    id: int
    start: int
    end: int
    expert_id: int | None
    expert: str | None
    institution_id: int | None
    institution: str | None
    kind: str
    rejected: bool


@dataclass
class ArticleView:
    id: int
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    text: str
    quotes: list[ArticleQuote]


def _other_names(session: Session, column, row_id: int, shown: str) -> list[str]:  # type: ignore[no-untyped-def]
    forms = session.execute(
        select(models.Alias.form).where(column == row_id).order_by(models.Alias.form)
    ).scalars()
    return [f for f in dict.fromkeys(forms) if f != shown]


def expert(session: Session, person_id: int) -> Profile:
    """Expert `person_id` with its other names (spellings, merged names); NotFound if none."""
    person = session.get(models.Person, person_id)
    if person is None:
        raise NotFound(f"no expert with id {person_id}")
    names = _other_names(session, models.Alias.person_id, person.id, person.name)
    return Profile(person.id, person.name, names, quotes=_quote_counts(session, [person.id]).get(person.id, 0))


def institution(session: Session, institution_id: int) -> Profile:
    """Institution `institution_id` with its acronym and aliases; NotFound if none."""
    row = session.get(models.Institution, institution_id)
    if row is None:
        raise NotFound(f"no institution with id {institution_id}")
    names = _other_names(session, models.Alias.institution_id, row.id, row.name)
    return Profile(row.id, row.name, [n for n in names if n != row.acronym], row.acronym)


def last_quoted(session: Session, person_ids: Sequence[int]) -> dict[int, str | None]:
    """The date of each expert's newest article that quotes them (not counting rejected quotes)."""
    if not person_ids:
        return {}
    rows = session.execute(
        select(models.Quote.person_id, func.max(models.Article.published))
        .join(models.Article, models.Article.id == models.Quote.article_id)
        .where(models.Quote.person_id.in_(person_ids), models.Quote.rejected.is_(False))
        .group_by(models.Quote.person_id)
    )
    return dict(rows.all())


def roles_over_time(session: Session, person_ids: Sequence[int]) -> dict[int, list[Role]]:
    """Each expert's titles and institutions with first and last seen, latest first: the roles
    alone, without `directory.roles`' list of the articles showing each (which reads every one
    of the expert's quotes: thousands, for the most quoted)."""
    if not person_ids:
        return {}
    rows = session.execute(
        select(models.Affiliation.person_id, models.Affiliation.title, models.Institution.name,
               models.Institution.id, models.Affiliation.first_seen, models.Affiliation.last_seen)
        .join(models.Institution, models.Institution.id == models.Affiliation.institution_id, isouter=True)
        .where(models.Affiliation.person_id.in_(person_ids))
        .order_by(models.Affiliation.last_seen.desc().nulls_last(), models.Affiliation.id)
    )
    out: dict[int, list[Role]] = {}
    for pid, title, name, iid, first, last in rows:
        out.setdefault(pid, []).append(Role(title, name, iid, first, last))
    return out


def experts_at(session: Session, institution_id: int, *, limit: int = 30) -> tuple[list[Expert], int]:
    """The experts with a role at the institution, the most recently seen there first, and how
    many there are in all. Ordered by the roles' dates, not by quote counts: counting every
    statement of everyone at a big institution would cost its whole history on each visit."""
    seen = func.max(models.Affiliation.last_seen)
    query = (
        select(models.Affiliation.person_id)
        .where(models.Affiliation.institution_id == institution_id)
        .group_by(models.Affiliation.person_id)
        .order_by(seen.desc().nulls_last(), models.Affiliation.person_id)
        .limit(limit)
    )
    total = session.execute(
        select(func.count(func.distinct(models.Affiliation.person_id)))
        .where(models.Affiliation.institution_id == institution_id)
    ).scalar_one()
    ids = list(session.execute(query).scalars())
    names = dict(session.execute(select(models.Person.id, models.Person.name).where(models.Person.id.in_(ids))).all())
    counts, found = _quote_counts(session, ids), roles_over_time(session, ids)
    return [Expert(pid, names[pid], counts.get(pid, 0), found.get(pid, [])) for pid in ids if pid in names], total


def contexts(session: Session, quote_ids: Sequence[int]) -> dict[int, Context]:
    """Each quote's sentence: only CONTEXT_REACH characters each side are read, however long the
    article (substr counts characters on both engines, as the stored offsets do)."""
    if not quote_ids:
        return {}
    rows = session.execute(
        select(models.Quote.id, *WINDOW_COLUMNS)
        .join(models.Article, models.Article.id == models.Quote.article_id)
        .where(models.Quote.id.in_(quote_ids))
    )
    return {qid: around(window, start, end, first) for qid, start, end, first, window in rows}


def article(session: Session, article_id: int) -> ArticleView:
    """An article as stored, with its quotes in text order (rejected ones marked): what the
    page that an expert's statement links to shows."""
    row = session.get(models.Article, article_id)
    if row is None:
        raise NotFound(f"no article with id {article_id}")
    found = session.execute(
        select(models.Quote.id, models.Quote.start, models.Quote.end, models.Person.id, models.Person.name,
               models.Institution.id, models.Institution.name, models.Quote.kind, models.Quote.rejected)
        .join(models.Person, models.Person.id == models.Quote.person_id, isouter=True)
        .join(models.Institution, models.Institution.id == models.Quote.institution_id, isouter=True)
        .where(models.Quote.article_id == row.id)
        .order_by(models.Quote.start)
    )
    return ArticleView(row.id, row.title, row.url, row.outlet, row.published, row.text,
                       [ArticleQuote(*values) for values in found])
