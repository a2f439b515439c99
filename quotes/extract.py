"""From an article to its quotes: find spans, attribute them, read roles, keep statements.

A pure function of the text and a spaCy pipeline: no database, no CLI. `quotes extract --jsonl`
prints `Extraction.to_json()`, the shape our accuracy measurements read; keep it stable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .attribute import Attribution, attribute
from .errors import QuotesError
from .find import Span, find_spans
from .read import Article
from .resolve import INVISIBLE, acronyms, fold, institution_key, person_key
from .roles import Role, role_at

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: An unattributed quote this long is still kept as someone's statement; shorter, it is a term.
MIN_STATEMENT_WORDS = 4
#: The fields of a quote in `quotes extract --jsonl`, in order.
JSON_FIELDS = ("start", "end", "text", "speaker", "title", "affiliation", "kind", "cue", "confidence")


class TooLong(QuotesError):
    """An article longer than the spaCy pipeline parses in one go."""


@dataclass(frozen=True)
class Quote:
    """A statement and who made it; `start`/`end` are offsets of the quoted words in the text."""

    start: int
    end: int
    text: str
    speaker: str | None
    title: str | None
    affiliation: str | None
    kind: str
    cue: str | None
    confidence: float
    sieve: str | None = None
    mention: str | None = None

    def to_json(self) -> dict:
        return {name: getattr(self, name) for name in JSON_FIELDS}


@dataclass(frozen=True)
class Extraction:
    """What one article says: its quotes, and the acronyms it defines for institutions."""

    article: Article
    quotes: list[Quote]
    acronyms: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"id": self.article.id, "quotes": [q.to_json() for q in self.quotes]}


def _roles(text: str, speakers: set[str]) -> dict[str, Role]:
    """Each speaker's role from their first full mention that has one.

    Mentions are found in the text itself, not among the NER's PERSON entities: the small
    pipeline tags many a name as an organisation or a place ("Marcus Hale, head of ...").
    """
    roles: dict[str, Role] = {}
    for speaker in speakers:
        for mention in re.finditer(rf"(?<!\w){re.escape(speaker)}(?!\w)", text):
            role = role_at(text, mention.start(), mention.end())
            if role.title or role.institution:
                roles[speaker] = role
                break
    return roles


_MINOR_WORDS = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with", "from"}


def _title_case(text: str) -> bool:
    """Every word capitalised but the small ones: the title of a work, not something said."""
    words = re.findall(r"[^\W\d_][\w’'-]*", text)
    return bool(words) and all(w[0].isupper() or w in _MINOR_WORDS for w in words)


def _is_statement(attr: Attribution, text: str) -> bool:
    """Attributed spans are statements; an unattributed one must be long and read like speech."""
    if attr.kind == "term":
        return False
    if attr.sieve is not None:
        return True
    return attr.span.closed and len(re.findall(r"\w+", text)) >= MIN_STATEMENT_WORDS and not _title_case(text)


def _expand_acronym(name: str | None, known: dict[str, str]) -> str | None:
    if name and name in known:
        return known[name]
    return name


def quotes_from_doc(doc: "Doc", spans: list[Span]) -> tuple[list[Quote], dict[str, str]]:
    """Quotes in a parsed article, one per statement however often the article repeats it."""
    attributions = attribute(doc, spans)
    defined = _acronyms(doc)
    roles = _roles(doc.text, {a.speaker for a in attributions if a.speaker})
    seen: set[tuple[str, str]] = set()
    out: list[Quote] = []
    for attr in attributions:
        span = attr.span
        words = span.inner(doc.text)
        if not _is_statement(attr, words):
            continue
        who = person_key(attr.speaker) if attr.speaker else institution_key(attr.institution or "")
        key = (who, fold(words))
        if key in seen:  # the same statement printed twice in one article is one quote
            continue
        seen.add(key)
        role = roles.get(attr.speaker or "", Role())
        affiliation = role.institution if attr.speaker else attr.institution
        out.append(
            Quote(
                start=span.inner_start,
                end=span.inner_end,
                text=words,
                speaker=attr.speaker,
                title=role.title if attr.speaker else None,
                affiliation=_expand_acronym(affiliation, defined),
                kind=attr.kind,
                cue=attr.cue,
                confidence=round(attr.confidence if attr.sieve else 0.3, 2),
                sieve=attr.sieve,
                mention=attr.mention,
            )
        )
    return out, defined


def _acronyms(doc: "Doc") -> dict[str, str]:
    try:
        return acronyms(doc)
    except Exception:  # an extractor's failure must not cost the article its quotes
        return {}


def visible(text: str) -> tuple[str, list[int] | None]:
    """The text without zero-width and direction controls, and where each kept character was.

    Such characters split a name into pieces the NER does not know ("Ein\u200bar"); the parse
    runs on the visible text and the offsets are mapped back to the text as read.
    """
    if not INVISIBLE.search(text):
        return text, None
    kept = [i for i, char in enumerate(text) if not INVISIBLE.match(char)]
    return "".join(text[i] for i in kept), kept


def _restore(quote: Quote, original: str, kept: list[int]) -> Quote:
    start, end = kept[quote.start], kept[quote.end - 1] + 1
    return replace(quote, start=start, end=end, text=original[start:end])


def extract(article: Article, nlp: "Language") -> Extraction:
    """The quotes of one article."""
    text, kept = visible(article.text)
    spans = find_spans(text)
    if not spans:
        return Extraction(article, [])
    if len(text) > nlp.max_length:
        raise TooLong(f"{article.id}: too long to parse ({len(text):,} characters; the pipeline takes {nlp.max_length:,})")
    quotes, defined = quotes_from_doc(nlp(text), spans)
    if kept is not None:
        quotes = [_restore(q, article.text, kept) for q in quotes]
    return Extraction(article, quotes, defined)


def extract_many(articles: Iterable[Article], nlp: "Language", *, batch_size: int = 16) -> Iterator[Extraction]:
    """Extractions in input order, parsing in batches with `nlp.pipe`."""
    for article in articles:
        yield extract(article, nlp)
