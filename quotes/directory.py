"""Questions editors ask of the directory: who is this expert, what did this institution's people say.

Plain SQL through SQLModel and a fuzzy pass with rapidfuzz; nothing here imports spaCy, so a
search starts in the time it takes to open SQLite.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import bindparam, column, func, literal_column, select, table, text, union_all
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import aliased
from sqlmodel import Session

from . import models
from .errors import QuotesError
from .inputs import iso_date, query_text, shown
from .resolve import fold, institution_key, name_stems, person_key

#: How alike (0-100) a name must be to count as a misspelling or another transliteration.
FUZZY_THRESHOLD = 82
#: How alike (0-100) each word of a name of several words must be to one of an expert's name
#: words for the expert to be scored: a whole name near enough has every word about this near
#: ("yuri"/"yury" is 75).
WORD_SIMILARITY = 70
#: Name search reads experts in pages of this many (in key order) until a page of results is
#: full; a fuzzy search reads at most MAX_CANDIDATES experts.
PAGE = 50
MAX_CANDIDATES = 5000


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
    quotes: int
    roles: list[Role] = field(default_factory=list)
    match: str = ""  # how the search found it: exact, part, prefix or fuzzy

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

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class InstitutionRow:
    id: int
    name: str
    acronym: str | None
    experts: int
    quotes: int

    def to_dict(self) -> dict:
        return asdict(self)


def _quote_counts(session: Session, person_ids: Sequence[int]) -> dict[int, int]:
    rows = session.execute(
        select(models.Quote.person_id, func.count())
        .where(models.Quote.person_id.in_(person_ids), models.Quote.rejected.is_(False))
        .group_by(models.Quote.person_id)
    )
    return dict(rows.all())


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


def _experts(session: Session, matches: list[tuple[int, str]]) -> list[Expert]:
    ids = [pid for pid, _ in matches]
    people = {p.id: p for p in session.execute(select(models.Person).where(models.Person.id.in_(ids))).scalars()}
    counts = _quote_counts(session, ids)
    by_person = roles(session, ids)
    return [
        Expert(pid, people[pid].name, counts.get(pid, 0), by_person.get(pid, []), how)
        for pid, how in matches
        if pid in people
    ]


# Name search is a few small queries a call, written as SQL: SQLAlchemy builds and compiles
# them in a fraction of the time the same statements take as expressions.
_WORD_IS = "{w}.word = :{p}"
_WORD_STARTS = "{w}.word >= :{p} AND {w}.word < :{p}_end"
_WORD_AMONG = "{w}.word IN :{p}"


def _experts_with(
    session: Session, test: str, words: list, *, after: str | None = None, limit: int
) -> list[tuple[int, list[str]]]:
    """The experts with, for each of `words`, a name word that passes `test` against it (is it,
    starts with it, is among its list), in key order after `after`, with their name keys: the
    expert's own first, then its aliases'.

    The first word's name words are read through the word index; each expert found is checked
    against the other words through the expert's own words (ix_name_word_person), so the cost
    is the first word's experts, not the directory's."""
    params: dict[str, Any] = {"limit": limit}
    postgresql = session.get_bind().dialect.name == "postgresql"
    where = []
    for n, word in enumerate(words):
        params[f"w{n}"] = word
        if test is _WORD_STARTS:
            params[f"w{n}_end"] = word + "\uffff"
        clause = test.format(w=f"nw{n}", p=f"w{n}")
        if n and not postgresql and test is _WORD_AMONG:  # SQLite: read the expert's few words, not one per list item
            clause = "+" + clause
        where.append(clause if n == 0 else
                     f"EXISTS (SELECT 1 FROM name_word nw{n} WHERE nw{n}.person_id = nw0.person_id AND {clause})")
    key = 'key COLLATE "C"' if postgresql else "key"  # the order Python sorts in
    if after is not None:
        params["after"] = after
    statement = text(
        "SELECT p.id, p.key, a.key FROM (SELECT id, key FROM person WHERE id IN "
        f"(SELECT nw0.person_id FROM name_word nw0 WHERE {' AND '.join(where)})"
        f"{f' AND {key} > :after' if after is not None else ''} ORDER BY {key} LIMIT :limit) p "
        "LEFT JOIN alias a ON a.person_id = p.id AND a.kind = 'person'"
    )
    if test is _WORD_AMONG:
        statement = statement.bindparams(*(bindparam(f"w{n}", expanding=True) for n in range(len(words))))
    return sorted(_keys(session.execute(statement, params)).items(), key=lambda item: item[1][0])


def _keys(rows) -> dict[int, list[str]]:  # type: ignore[no-untyped-def]
    """(expert id, name key, alias key or None) rows as each expert's keys: its own, then its aliases'."""
    keys: dict[int, list[str]] = {}
    for pid, key, alias_key in rows:
        keys.setdefault(pid, [key])
        if alias_key is not None:
            keys[pid].append(alias_key)
    return keys


def _alike_words(session: Session, words: list[str], threshold: float) -> list[list[str]]:
    """For each query word, the directory's name words that may be it misspelt or transliterated:
    those filed under one of its stems (resolve.name_stems) at least `threshold` alike."""
    stems = {word: name_stems(word) for word in words}
    filed: dict[str, set[str]] = {}
    statement = text("SELECT stem, word FROM name_stem WHERE stem IN :stems").bindparams(
        bindparam("stems", expanding=True))
    for stem, word in session.execute(statement, {"stems": sorted(set().union(*stems.values()))}):
        filed.setdefault(stem, set()).add(word)
    out = []
    for word in words:
        near = set().union(*(filed.get(stem, ()) for stem in stems[word]))
        out.append(sorted(v for v in near if v.startswith(word) or fuzz.ratio(word, v) >= threshold))
    return out


def _match_name(query: str, key: str) -> tuple[int, float, str] | None:
    """How a key answers a query: (tier, score, how), lower tiers first; None if it does not."""
    words, key_words = query.split(), key.split()
    if key == query:
        return 0, 100, "exact"
    if all(w in key_words for w in words):
        return 1, 100, "part"
    if all(any(k.startswith(w) for k in key_words) for w in words):
        return 2, 100, "prefix"
    score = fuzz.ratio(query, key)
    if len(words) < len(key_words):  # "kortunoff" against the surname, "andrei kortunov" against the name
        score = max(score, fuzz.ratio(query, " ".join(key_words[-len(words) :])))
    return (3, score, "fuzzy") if score >= FUZZY_THRESHOLD else None


class _Ranking:
    """The experts a search has scored: tier, score, how and name key by id."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.found: dict[int, tuple[float, float, str, str]] = {}

    def score(self, experts: list[tuple[int, list[str]]]) -> None:
        """Score experts (id, [name key, alias keys...]) by the best of their keys."""
        for pid, (name, *aliases) in experts:
            if pid in self.found:
                continue
            matches = [(found, key) for key in (name, *aliases) if (found := _match_name(self.query, key))]
            if not matches:
                continue
            (tier, score, how), key = min(matches, key=lambda m: (m[0][0], -m[0][1]))
            if how == "exact" and key != name:  # an alias ranks after an exact name, before a part
                tier, how = 0.5, "alias"
            self.found[pid] = (tier, score, how, name)

    def full(self, tier: float, limit: int) -> bool:
        """Whether `limit` experts rank at `tier` or better: no later tier can reach the page."""
        return sum(1 for found in self.found.values() if found[0] <= tier) >= limit

    def page(self, limit: int) -> list[tuple[int, str]]:
        order = sorted(self.found.items(), key=lambda item: (item[1][0], -item[1][1], item[1][3]))
        return [(pid, how) for pid, (_, _, how, _) in order[:limit]]


def _read(session: Session, ranking: _Ranking, test: str, words: list[str], tier: int, limit: int) -> bool:
    """Score the experts whose name words pass `test` for every query word, a page at a time in
    key order, until `limit` experts rank at `tier` or better; whether all were read."""
    after = None
    while True:
        experts = _experts_with(session, test, words, after=after, limit=PAGE)
        ranking.score(experts)
        if len(experts) < PAGE:
            return True
        if ranking.full(tier, limit):
            return False
        after = experts[-1][1][0]


def _drive_order(words: list[str]) -> list[str]:
    """The query's words, the one to read experts by first: the surname (the last word that is
    not an initial), which far fewer experts share than a first name, then the longest."""
    unique = list(dict.fromkeys(words))
    spelt = [w for w in unique if len(w) > 1] or unique
    first = spelt[-1]
    return [first, *sorted((w for w in unique if w != first), key=len, reverse=True)]


def search(session: Session, name: str, *, limit: int = 20) -> list[Expert]:
    """Experts whose name matches `name`: exactly, as a part, as a prefix, or nearly (misspelt,
    transliterated), in that order; any case and accents.

    A tier is read only while the page is not full, through the name-word index in key order,
    so a common surname in a big directory costs a page of experts, not everyone who bears it;
    a misspelt name is looked for among the experts with a name word like each of its words."""
    query = person_key(query_text(name, "a name")) or fold(name)  # "Dr. Ortega" searches for "ortega"
    if not query:
        raise QuotesError("give a name to search for")
    words = _drive_order(query.split())
    ranking = _Ranking(query)
    # every word begins a name word: exact, alias, part and prefix matches, all read at once if few
    if not _read(session, ranking, _WORD_STARTS, words, 2, limit):
        # many: the page may fill before the prefixes are all read, but exact, alias and part come first
        exact = text("SELECT p.id, p.key, a.key FROM person p LEFT JOIN alias a ON a.person_id = p.id AND a.kind = 'person'"
                     " WHERE p.id IN (SELECT id FROM person WHERE key = :q"
                     " UNION SELECT person_id FROM alias WHERE kind = 'person' AND key = :q)")
        ranking.score(list(_keys(session.execute(exact, {"q": query})).items()))
        _read(session, ranking, _WORD_IS, words, 1, limit)
        if not ranking.full(1, limit):
            _read(session, ranking, _WORD_STARTS, words, 2, limit)
    if not ranking.full(2, limit):  # nearly: experts with a name word like each query word (not an initial)
        spelt = [w for w in words if len(w) > 1]
        # a one-word query is compared with a surname alone, so that word must be as alike as a name
        alike = _alike_words(session, spelt, FUZZY_THRESHOLD if len(words) == 1 else WORD_SIMILARITY) if spelt else []
        if alike and all(alike):
            ranking.score(_experts_with(session, _WORD_AMONG, alike, limit=MAX_CANDIDATES))
    return _experts(session, ranking.page(limit))


def find_institution(session: Session, name: str) -> models.Institution:
    """The institution `name` means: its name in any case, with or without "the", or an alias."""
    key = institution_key(query_text(name, "an institution name"))
    if not key:
        raise QuotesError("give an institution name")
    row = session.execute(select(models.Institution).where(models.Institution.key == key)).scalar()
    if row is None:
        alias = session.execute(
            select(models.Alias).where(models.Alias.kind == "institution", models.Alias.key == fold(name))
        ).scalar()
        if alias is not None:
            row = session.get(models.Institution, alias.institution_id)
    if row is None:
        names = dict(session.execute(select(models.Institution.id, models.Institution.key)).all())
        close = process.extract(key, names, scorer=fuzz.WRatio, score_cutoff=80, limit=3)
        hint = ""
        if close:
            found = session.execute(
                select(models.Institution.name).where(models.Institution.id.in_([c[2] for c in close]))
            ).scalars()
            hint = "; did you mean " + " or ".join(shown(n) for n in found) + "?"
        raise NotFound(f"no institution named {shown(name)}{hint}")
    return row


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


def _find_page(session: Session, words: str, raw: bool, limit: int) -> list[QuoteRow]:
    """The first `limit` rows of a find over the whole directory (SQLite), best first.

    Two short statements: the best `limit` ids of the newest FIND_PAGES pages of matches, then their rows
    by primary key. Joining the ranking to the rows in one statement read and sorted twice the
    page, in case rejected quotes left it short; here a page left short asks again for more ids.
    """
    window = FIND_PAGES * limit
    params = {"words": _fts5_words(words, raw), "edge": window - 1}
    cap, read = limit, 0
    found: dict[int, QuoteRow] = {}
    while True:
        ranked = session.execute(_WINDOW_RANKED, {**params, "cap": cap}).scalars().all()
        fresh = ranked[read:]  # a retry reads the rows of the ids it had not read before
        rows = session.execute(_quote_query().where(models.Quote.id.in_(fresh))).all()
        found.update((row.id, row) for row in (QuoteRow(*values) for values in rows))
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
)


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
) -> Iterator[QuoteRow]:
    """Quotes, newest article first (best match first with `matching`), streamed: an export of a
    million rows holds one batch. `matching` is full-text search in what was said; `raw` lets
    the user write the engine's own query syntax. With `statements`, a statement that several
    articles carry (syndication, updates) is one row, with how many articles and which. `order`
    "stored" streams in storage order with no sort at all, which is what a big export wants.
    `since` and `until` are dates (or YYYY-MM-DD), `until` inclusive; `kinds` (direct, mixed,
    indirect) narrows it as the web desk's filters do. Blank `matching` is an error, not every quote."""
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
            page = _find_page(session, matching, raw, limit)
        yield from page
        return
    query = _quote_query()
    if statements:
        query = _statements(session, query)
    ordering = (
        (models.Quote.id,) if order == "stored"
        else (models.Article.published.desc().nulls_last(), models.Quote.article_id, models.Quote.start)
    )
    if matching:
        query, rank = _match(session, query, matching, raw)
        ordering = (rank, *ordering)
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
    query = query.order_by(*ordering)
    if limit:
        query = query.limit(limit)
    with _read_as_query(matching, raw):
        results = session.execute(query.execution_options(yield_per=1000))
    for row in results:
        yield QuoteRow(*row)


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


def counts(session: Session) -> dict[str, int]:
    """How big the directory is: articles, experts, institutions and quotes."""
    tables = {"articles": models.Article, "experts": models.Person, "institutions": models.Institution,
              "quotes": models.Quote}
    return {name: session.execute(select(func.count()).select_from(table)).scalar() for name, table in tables.items()}


EXPERT_SORTS = ("quotes", "name", "recent")


def experts(session: Session, *, sort: str = "quotes", limit: int | None = None) -> list[Expert]:
    """The directory's experts with their quote counts and roles."""
    if sort not in EXPERT_SORTS:
        raise QuotesError(f"cannot sort experts by {sort!r}; use one of: {', '.join(EXPERT_SORTS)}")
    count = func.count(models.Quote.id)
    query = (
        select(models.Person.id)
        .join(models.Quote, (models.Quote.person_id == models.Person.id) & models.Quote.rejected.is_(False), isouter=True)
        .group_by(models.Person.id)
    )
    order = {"quotes": (count.desc(), models.Person.name), "name": (models.Person.name,),
             "recent": (models.Person.id.desc(),)}[sort]
    query = query.order_by(*order)
    if limit:
        query = query.limit(limit)
    ids = list(session.execute(query).scalars())
    return _experts(session, [(pid, "") for pid in ids])


INSTITUTION_SORTS = ("quotes", "experts", "name")


def institutions(session: Session, *, sort: str = "quotes", limit: int | None = None) -> list[InstitutionRow]:
    """The directory's institutions with how many experts and quotes each has."""
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
    quotes_n = (
        select(func.count(models.Quote.id))
        .where(
            models.Quote.rejected.is_(False),
            _said_at(models.Institution.id, affiliated),
        )
        .correlate(models.Institution)
        .scalar_subquery()
    )
    query = select(models.Institution, experts_n.label("experts"), quotes_n.label("quotes"))
    order = {"quotes": (quotes_n.desc(), models.Institution.name), "experts": (experts_n.desc(), models.Institution.name),
             "name": (models.Institution.name,)}[sort]
    query = query.order_by(*order)
    if limit:
        query = query.limit(limit)
    return [
        InstitutionRow(inst.id, inst.name, inst.acronym, n_experts, n_quotes)
        for inst, n_experts, n_quotes in session.execute(query).all()
    ]
