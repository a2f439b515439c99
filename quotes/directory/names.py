"""Name search: an expert however the editor spells them, and an institution by any of its names."""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import bindparam, select, text
from sqlmodel import Session

from .. import models
from ..errors import QuotesError
from ..inputs import query_text, shown
from ..resolve import fold, institution_key, name_stems, person_key
from .rows import Expert, NotFound, _experts

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
