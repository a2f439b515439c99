"""What the directory's questions answer with: experts, their roles, quotes, institutions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from sqlalchemy import func, select
from sqlmodel import Session

from .. import models
from ..errors import QuotesError


class NotFound(QuotesError):
    """Nothing in the directory matches."""


@dataclass
class Role:
    title: str
    institution: str | None
    institution_id: int | None
    first_seen: str | None
    last_seen: str | None
    articles: list[int] = field(default_factory=list)  # the articles that show it


@dataclass
class Expert:
    id: int
    name: str
    quotes: int  # statements of every kind (or of the kinds asked for)
    roles: list[Role] = field(default_factory=list)
    match: str = ""  # how the search found it: exact, part, prefix or fuzzy
    reported: int = 0  # of `quotes`, the reported ones (kind indirect)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class QuoteRow:
    id: int
    text: str
    expert_id: int | None
    expert: str | None
    title: str | None
    institution_id: int | None
    institution: str | None
    article_id: int
    article_title: str | None
    url: str | None
    published: str | None
    outlet: str | None
    kind: str
    cue: str | None
    confidence: float
    articles: int = 1  # how many articles carry this statement (with `statements=True`)
    sources: str | None = None  # their URLs (or titles), " | " between them
    sentence: str | None = None  # the sentence the quote stands in, marks and all (`sentences`)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class InstitutionRow:
    id: int
    name: str
    acronym: str | None
    experts: int
    quotes: int  # statements of every kind (or of the kinds asked for)
    reported: int = 0  # of `quotes`, the reported ones (kind indirect)

    def to_dict(self) -> dict:
        return asdict(self)


def _quote_counts(session: Session, person_ids: Sequence[int], kinds: Sequence[str] | None = None) -> dict[int, int]:
    """Each person's statements (of `kinds`, or of every kind), rejected ones left out."""
    query = (
        select(models.Quote.person_id, func.count())
        .where(models.Quote.person_id.in_(person_ids), models.Quote.rejected.is_(False))
        .group_by(models.Quote.person_id)
    )
    if kinds is not None:
        query = query.where(models.Quote.kind.in_(kinds))
    return dict(session.execute(query).all())


def roles(session: Session, person_ids: Sequence[int]) -> dict[int, list[Role]]:
    """Every title and institution seen for these people, latest first."""
    rows = session.execute(
        select(models.Affiliation, models.Institution)
        .join(models.Institution, isouter=True)
        .where(models.Affiliation.person_id.in_(person_ids))
        .order_by(models.Affiliation.last_seen.desc().nulls_last(), models.Affiliation.id)
    )
    shown: dict[tuple[int, int | None, str], set[int]] = {}
    quoted = select(models.Quote.person_id, models.Quote.institution_id, models.Quote.title, models.Quote.article_id)
    for pid, iid, title, article_id in session.execute(quoted.where(models.Quote.person_id.in_(person_ids))):
        shown.setdefault((pid, iid, title or ""), set()).add(article_id)
    out: dict[int, list[Role]] = {}
    for aff, inst in rows.all():
        articles = sorted(shown.get((aff.person_id, aff.institution_id, aff.title), set()))
        out.setdefault(aff.person_id, []).append(
            Role(aff.title, inst.name if inst else None, inst.id if inst else None, aff.first_seen, aff.last_seen,
                 articles)
        )
    return out


def reported_of(kinds: Sequence[str] | None) -> list[str]:
    """The reported kind among `kinds` (None is every kind), for the `reported` counts beside them."""
    return ["indirect"] if kinds is None or "indirect" in kinds else []


def _experts(session: Session, matches: list[tuple[int, str]], kinds: Sequence[str] | None = None) -> list[Expert]:
    """The experts of `matches` (id, how found) with their counts of statements (of `kinds`) and
    of reported ones among them, and their roles."""
    ids = [pid for pid, _ in matches]
    people = {p.id: p for p in session.execute(select(models.Person).where(models.Person.id.in_(ids))).scalars()}
    counts = _quote_counts(session, ids, kinds)
    of = reported_of(kinds)
    reported = _quote_counts(session, ids, of) if of else {}
    by_person = roles(session, ids)
    return [
        Expert(pid, people[pid].name, counts.get(pid, 0), by_person.get(pid, []), how, reported.get(pid, 0))
        for pid, how in matches
        if pid in people
    ]


# Name search is a few small queries a call, written as SQL: SQLAlchemy builds and compiles
# them in a fraction of the time the same statements take as expressions.
