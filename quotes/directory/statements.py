"""Statements: full-text find and the quotes of an expert, an institution or a period."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from functools import cache
from typing import Any

from sqlalchemy import column, func, literal_column, select, table, text, union_all
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import aliased
from sqlmodel import Session

from .. import models
from ..errors import QuotesError
from ..inputs import iso_date, query_text, shown
from .names import find_institution, search
from .rows import NotFound, QuoteRow
from .sentences import WINDOW_COLUMNS, sentence

_FTS = table("quote_fts", column("rowid"))
#: Full-text find over the whole directory ranks the best page of the newest this many pages'
#: worth of quotes that hold the words, not every match: bm25 reads each candidate's length from
#: the index (about 2 µs a match at 1M quotes), so a common word in a million quotes would cost
#: thousands of lookups. A newsroom wants the recent first; a find narrowed by expert,
#: institution or date ranks every match.
FIND_PAGES = 10

#: The best `cap` quote ids of the newest `edge` + 1 matches, ranked inside the index; ties go
#: to the newer quote. The window's edge is found in rowid order, which scores nothing.
_WINDOW_RANKED = text(
    "SELECT rowid, bm25(quote_fts) AS score FROM quote_fts WHERE quote_fts MATCH :words AND rowid >= "
    "coalesce((SELECT rowid FROM quote_fts WHERE quote_fts MATCH :words ORDER BY rowid DESC "
    "LIMIT 1 OFFSET :edge), 0) ORDER BY score, rowid DESC LIMIT :cap"
)


#: SQLite's words for an error of the file, not of the query: those are not the user's query's fault.
_STORAGE_TROUBLE = ("locked", "readonly", "disk", "unable to open", "malformed", "not a database")


@contextmanager
def _read_as_query(words: str | None, raw: bool = False) -> Iterator[None]:
    """A one-line error for a user's full-text query the engine cannot read (FTS5 says "fts5:
    syntax error", or "no such column" for `a:b`); other errors as they are."""
    try:
        yield
    except OperationalError as exc:
        said = str(exc.orig).lower()
        if words and ("fts5" in said or (raw and not any(clue in said for clue in _STORAGE_TROUBLE))):
            raise QuotesError(f"bad full-text query {shown(words)}" + ("; try it without --raw" if raw else "")) from None
        raise


def _published_since(session: Session, day: date):  # type: ignore[no-untyped-def]
    """Articles published on `day` or later, compared as dates. `published` is kept as the source
    wrote it: a date, a date and time (2025-07-01T09:30:00+00:00), or anything a JSONL line had.
    A value that starts YYYY-MM-DD is on or after `day` exactly when it sorts after its ISO form
    (so the index serves); one that does not has no date to compare and is left out."""
    published = models.Article.published
    if session.get_bind().dialect.name == "postgresql":
        iso = published.regexp_match(r"^\d{4}-\d{2}-\d{2}")
    else:
        iso = published.op("GLOB")("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*")
    return (published >= day.isoformat()) & iso


def _fts5_words(words: str, raw: bool) -> str:
    """Each word a phrase of its own, so user input is never FTS5 syntax; `raw` is taken as written."""
    return words if raw else " ".join('"' + w.replace('"', '""') + '"' for w in words.split())


def _match(session: Session, query, words: str, raw: bool):  # type: ignore[no-untyped-def]
    """The query narrowed to quotes whose text matches `words`, and its rank (smaller is better).

    SQLite matches with FTS5 and ranks by bm25 inside the index; PostgreSQL matches a `tsvector`
    and ranks with `ts_rank`.
    """
    if session.get_bind().dialect.name == "postgresql":
        vector = func.to_tsvector("english", models.Quote.text)
        tsquery = func.websearch_to_tsquery("english", words) if raw else func.plainto_tsquery("english", words)
        return query.where(vector.op("@@")(tsquery)), -func.ts_rank(vector, tsquery)
    score = func.bm25(literal_column("quote_fts")).label("score")
    matches = text("quote_fts MATCH :words").bindparams(words=_fts5_words(words, raw))
    ranked = select(_FTS.c.rowid.label("quote_id"), score).where(matches).subquery()
    return query.join(ranked, ranked.c.quote_id == models.Quote.id), ranked.c.score


def _find_page(session: Session, words: str, raw: bool, limit: int, min_words: int = 0) -> list[QuoteRow]:
    """The first `limit` rows of a find over the whole directory (SQLite), best first, none of
    fewer than `min_words` words.

    Two short statements: the best `limit` ids of the newest FIND_PAGES pages of matches, then their rows
    by primary key. Joining the ranking to the rows in one statement read and sorted twice the
    page, in case rejected quotes left it short; here a page left short asks again for more ids.
    """
    rows_of = _at_least(_quote_query(), min_words)
    window = FIND_PAGES * limit
    params = {"words": _fts5_words(words, raw), "edge": window - 1}
    cap, read = limit, 0
    found: dict[int, QuoteRow] = {}
    while True:
        ranked = session.execute(_WINDOW_RANKED, {**params, "cap": cap}).scalars().all()
        fresh = ranked[read:]  # a retry reads the rows of the ids it had not read before
        rows = session.execute(rows_of.where(models.Quote.id.in_(fresh))).all()
        found.update((row.id, row) for row in (_row(values) for values in rows))
        page = [found[quote_id] for quote_id in ranked if quote_id in found]
        if len(page) >= limit or len(ranked) < cap or cap >= window:
            return page[:limit]
        read, cap = len(ranked), min(4 * cap, window)


def _statements(session: Session, query):  # type: ignore[no-untyped-def]
    """Keep the first quote of each statement (same speaker, same words) and count its articles."""
    same = aliased(models.Quote)
    source = aliased(models.Article)
    alike = (
        same.person_id.is_not_distinct_from(models.Quote.person_id),
        same.institution_id.is_not_distinct_from(models.Quote.institution_id),
        same.text_key == models.Quote.text_key,
        same.rejected.is_(False),
    )
    first = select(func.min(same.id)).where(*alike).scalar_subquery()
    count = select(func.count(func.distinct(same.article_id))).where(*alike).scalar_subquery()
    label = func.coalesce(source.url, source.title, source.source_id)
    joined = (func.string_agg(label, " | ") if session.get_bind().dialect.name == "postgresql"
              else func.group_concat(label, " | "))
    listed = select(joined).select_from(same).join(source, source.id == same.article_id).where(*alike).scalar_subquery()
    return query.where(models.Quote.id == first).add_columns(count, listed)


def _said_at(institution_id, affiliated):  # type: ignore[no-untyped-def]
    """A quote belongs to an institution when the article gave it as the speaker's; one whose
    article gave none belongs to every institution its speaker is affiliated with. So a job
    changer's quotes as director of B are not listed under A, where they once worked."""
    given = select(models.Quote.id).where(models.Quote.institution_id == institution_id).correlate(models.Institution)
    # coalesce() keeps the planner on the person index: quotes with no institution are many
    unsaid = select(models.Quote.id).where(
        models.Quote.person_id.in_(affiliated), func.coalesce(models.Quote.institution_id, 0) == 0
    ).correlate(models.Institution)
    return models.Quote.id.in_(union_all(given, unsaid))  # two index lookups, not a scan


#: The columns a QuoteRow shows, by its field names. Plain columns, not ORM entities: a page of
#: find or a million-row export builds no objects it then throws away (a fifth of find's time at 1M).
_ROW_COLUMNS = (
    models.Quote.id.label("id"),
    models.Quote.text.label("text"),
    models.Person.id.label("expert_id"),
    models.Person.name.label("expert"),
    models.Quote.title.label("title"),
    models.Institution.id.label("institution_id"),
    models.Institution.name.label("institution"),
    models.Article.id.label("article_id"),
    models.Article.title.label("article_title"),
    models.Article.url.label("url"),
    models.Article.published.label("published"),
    models.Article.outlet.label("outlet"),
    models.Quote.kind.label("kind"),
    models.Quote.cue.label("cue"),
    models.Quote.confidence.label("confidence"),
    *WINDOW_COLUMNS,
)
_FIELDS = len(_ROW_COLUMNS) - len(WINDOW_COLUMNS)  # the columns above that are QuoteRow's fields


#: Listings and exports leave out statements of fewer words unless asked: a one-word scare quote
#: ("bold") tells an editor nothing there.
LISTED_MIN_WORDS = 2


def _at_least(query, min_words: int):  # type: ignore[no-untyped-def]
    """The query without statements of fewer than `min_words` words, counted in SQL both engines
    run: a statement's spaces, plus one."""
    if min_words <= 1:
        return query
    trimmed = func.trim(models.Quote.text)
    return query.where(func.length(trimmed) - func.length(func.replace(trimmed, " ", "")) + 1 >= min_words)


def _row(values) -> QuoteRow:  # type: ignore[no-untyped-def]
    """A QuoteRow from a row of `_quote_query` (and of `_statements`' counts after the window)."""
    start, end, begin, window = values[_FIELDS : _FIELDS + 4]
    return QuoteRow(*values[:_FIELDS], *values[_FIELDS + 4 :], sentence=sentence(window, start, end, begin))


@cache
def _quote_query():  # type: ignore[no-untyped-def]
    """Built once: statements are immutable, each filter makes a new one from it."""
    return (
        select(*_ROW_COLUMNS)
        .select_from(models.Quote)
        .join(models.Article, models.Quote.article_id == models.Article.id)
        .join(models.Person, models.Quote.person_id == models.Person.id, isouter=True)
        .join(models.Institution, models.Quote.institution_id == models.Institution.id, isouter=True)
        .where(models.Quote.rejected.is_(False))
    )


def quotes(
    session: Session,
    *,
    person_ids: Sequence[int] | None = None,
    institution_id: int | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    kinds: Sequence[str] | None = None,
    limit: int | None = None,
    matching: str | None = None,
    raw: bool = False,
    statements: bool = False,
    order: str = "recent",
    min_words: int = 0,
) -> Iterator[QuoteRow]:
    """Quotes, newest article first (best match first with `matching`), streamed: an export of a
    million rows holds one batch. `matching` is full-text search in what was said; `raw` lets
    the user write the engine's own query syntax. With `statements`, a statement that several
    articles carry (syndication, updates) is one row, with how many articles and which. `order`
    "stored" streams in storage order with no sort at all, which is what a big export wants.
    `since` and `until` are dates (or YYYY-MM-DD), `until` inclusive; `kinds` (direct, mixed,
    indirect) narrows it as the web desk's filters do; `min_words` leaves out statements of fewer
    words (one-word scare quotes). Blank `matching` is an error, not every quote."""
    if matching is not None:
        query_text(matching, "words to find")
    if since is not None:
        since = iso_date(since)
    if until is not None:
        until = iso_date(until, "--until")
    unfiltered = (person_ids is None and institution_id is None and since is None and until is None
                  and kinds is None and not statements)
    if matching and limit and unfiltered and session.get_bind().dialect.name == "sqlite":
        with _read_as_query(matching, raw):
            page = _find_page(session, matching, raw, limit, min_words)
        yield from page
        return
    query = _quote_query()
    if statements:
        query = _statements(session, query)
    ordering = (
        (models.Quote.id,) if order == "stored"
        else (models.Article.published.desc().nulls_last(), models.Quote.article_id, models.Quote.start)
    )
    if matching:  # best match first; of equal matches the newest stored, as `_find_page` ranks them
        query, rank = _match(session, query, matching, raw)
        ordering = (rank, models.Quote.id.desc())
    if person_ids is not None:
        query = query.where(models.Quote.person_id.in_(person_ids))
    if institution_id is not None:
        affiliated = select(models.Affiliation.person_id).where(models.Affiliation.institution_id == institution_id)
        query = query.where(
            _said_at(institution_id, affiliated)
        )
    if since is not None:
        query = query.where(_published_since(session, since))
    if until is not None:  # the whole day: "2025-03-14T18:00" is before the next day, not before "2025-03-14"
        query = query.where(models.Article.published < (until + timedelta(days=1)).isoformat())
    if kinds is not None:
        query = query.where(models.Quote.kind.in_(kinds))
    query = _at_least(query, min_words)
    query = query.order_by(*ordering)
    if limit:
        query = query.limit(limit)
    with _read_as_query(matching, raw):
        results = session.execute(query.execution_options(yield_per=1000))
    for row in results:
        yield _row(row)


def filters(
    session: Session, *, expert: str | None = None, institution: str | None = None, since: str | None = None
) -> dict[str, Any]:
    """The --expert/--institution/--since filters as arguments for `quotes`: the experts a name
    matches, the institution a name means, the date. A filter given empty is an error, not
    "everything", and one that matches nothing says so."""
    day = iso_date(since) if since is not None else None
    person_ids = None
    if expert is not None:
        person_ids = [e.id for e in search(session, expert)]
        if not person_ids:
            raise NotFound(f"no expert matches {shown(expert)}")
    inst_id = find_institution(session, institution).id if institution is not None else None
    return {"person_ids": person_ids, "institution_id": inst_id, "since": day}
