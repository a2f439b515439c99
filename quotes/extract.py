"""From an article to its quotes: find spans, attribute them, read roles, keep statements.

A pure function of the text and a spaCy pipeline: no database, no CLI. `quotes extract --jsonl`
prints `Extraction.to_json()`, the shape our accuracy measurements read; keep it stable.
"""

from __future__ import annotations

import re
import traceback
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import TYPE_CHECKING
from weakref import WeakSet

from .attribution import SIEVES, Attribution, Sieve, attribute, title_cased
from .attribution.evidence import persons_only
from .attribution.full_names import completed
from .errors import QuotesError
from .find import Span, find_spans, paragraphs
from .focus import focus, unquoted, visible
from .kinds import ALL_KINDS
from .nlp import ner_stands_alone
from .read import Article
from .resolve import acronyms, fold, institution_key, person_key
from .roles import Role
from .speaker_roles import roles_of

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: An unattributed quote this long is still kept as someone's statement; shorter, it is a term.
MIN_STATEMENT_WORDS = 4
#: Articles parsed in one spaCy memory zone.
ZONE_ARTICLES = 64
#: The fields of a quote in `quotes extract --jsonl`, in order.
JSON_FIELDS = ("start", "end", "text", "speaker", "title", "affiliation", "kind", "cue", "confidence")


class TooLong(QuotesError):
    """An article longer than the spaCy pipeline parses in one go."""


class ExtractionFailed(QuotesError):
    """An unexpected error inside one article's extraction: a bug, which costs that article alone.

    It carries the traceback as text (it crosses process boundaries to the ingesting process) so
    `--debug` can print it for a bug report."""

    def __init__(self, message: str, trace: str = ""):
        super().__init__(message)
        self.trace = trace

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return type(self), (str(self), self.trace)

    @classmethod
    def of(cls, where: str, exc: BaseException) -> "ExtractionFailed":
        trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        detail = str(exc).splitlines()[0][:200] if str(exc) else ""
        return cls(f"{where}: extraction failed ({type(exc).__name__}{': ' + detail if detail else ''})", trace)


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
    decided_by: str | None = None  # the attribution sieve that decided it (`attribution.SIEVES`)

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


def _is_statement(attr: Attribution, text: str) -> bool:
    """Attributed spans are statements, but for a stage direction; an unattributed one must be long
    and read like speech."""
    if attr.kind == "term" or _stage_direction(text):
        return False
    if attr.sieve is not None:
        return True
    return attr.span.closed and _statement_length(text) and not title_cased(text)


#: Words wholly in brackets: a transcript's stage direction ("(APPLAUSE)", "[inaudible]").
_BRACKETED = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])[\s.]*")


def _stage_direction(words: str) -> bool:
    """Whether quoted words are only a stage direction in brackets, which a transcript quoted in
    marks sets between the speakers' lines ("(LAUGHTER.)"): no one says it."""
    return _BRACKETED.fullmatch(words) is not None


def _statement_length(words: str) -> bool:
    """Long enough to be a statement rather than a term: an unattributed quote this long is kept,
    and words seen before from the same speaker this long are the same statement printed twice
    (one quote), where a short phrase quoted again, as a headline echoes the body ("No Idea" / "he
    has "no idea""), is an attribution of its own."""
    return len(re.findall(r"\w+", words)) >= MIN_STATEMENT_WORDS


def _reprinted(earlier: set[str | None], report: str | None) -> bool:
    """Whether words seen before from the same speaker are the same statement printed twice. Words
    quoted inside reported speech (a mixed quote, whose `report` is its paragraph) in a paragraph
    unlike each one they were quoted in before are another report of them (`Ruiz said the plan
    "will cost the town its harbor" ... On Friday Ruiz told the council it "will cost the town its
    harbor"`), as a short phrase quoted again is; a statement printed twice is not."""
    if report is None or None in earlier:
        return bool(earlier)
    return report in earlier


def _expand_acronym(name: str | None, known: dict[str, str]) -> str | None:
    if name and name in known:
        return known[name]
    return name


def quotes_from_doc(
    doc: "Doc", spans: list[Span], text: str | None = None, *, sieves: Sequence[Sieve] = SIEVES,
    kinds: frozenset[str] = ALL_KINDS,
) -> tuple[list[Quote], dict[str, str]]:
    """Statements in a parsed article, of the `kinds` asked for, one per statement however often
    the article repeats it.

    `text` is the whole article when the parse saw only its focus (see `focus`); `sieves` are the
    attribution cascade (bench/ledger.py runs it without each sieve in turn)."""
    text = text if text is not None else doc.text
    found = attribute(doc, spans, sieves, indirect="indirect" in kinds)
    attributions = persons_only(completed(found, unquoted(text, spans)), doc, text)
    defined = _acronyms(doc)
    people = {ent.text for ent in doc.ents if ent.label_ == "PERSON"}
    roles = roles_of(text, {a.speaker for a in attributions if a.speaker}, people, doc)
    seen: dict[tuple[str, str], set[str | None]] = {}
    paras = paragraphs(text)
    out: list[Quote] = []
    for attr in attributions:
        span = attr.span
        words = span.inner(text)
        if attr.kind not in kinds or not _is_statement(attr, words):
            continue
        who = person_key(attr.speaker) if attr.speaker else institution_key(attr.institution or "")
        key = (who, fold(words))
        report = fold(text[slice(*paras[span.paragraph])]) if attr.kind == "mixed" else None
        if _reprinted(seen.get(key, set()), report) and _statement_length(words):
            continue
        seen.setdefault(key, set()).add(report)
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
                decided_by=attr.decided_by,
            )
        )
    return sorted(out, key=lambda quote: quote.start), defined


def _acronyms(doc: "Doc") -> dict[str, str]:
    try:
        return acronyms(doc)
    except Exception:  # an extractor's failure must not cost the article its quotes
        return {}


def _restore(quote: Quote, original: str, kept: list[int]) -> Quote:
    start, end = kept[quote.start], kept[quote.end - 1] + 1
    return replace(quote, start=start, end=end, text=original[start:end])



@dataclass(frozen=True)
class Prepared:
    """An article made ready for the pipeline: its visible text, where each kept character was, its
    quoted spans; or the error that stops it."""

    article: Article
    text: str = ""
    kept: list[int] | None = None
    spans: list[Span] = field(default_factory=list)
    error: QuotesError | None = None


def _prepare(article: Article, max_length: int, reported: bool) -> Prepared:
    try:
        text, kept = visible(article.text)
        spans = find_spans(text)
    except Exception as exc:  # one article's failure must not cost the batch
        return Prepared(article, error=ExtractionFailed.of(article.id, exc))
    if (spans or reported) and len(text) > max_length:
        error = TooLong(f"{article.id}: too long to parse ({len(text):,} characters; the pipeline takes {max_length:,})")
        return Prepared(article, error=error)
    return Prepared(article, text, kept, spans)


def extract_many(
    articles: Iterable[Article], nlp: "Language", *, batch_size: int = 32, kinds: frozenset[str] = ALL_KINDS
) -> Iterator[tuple[Article, Extraction | QuotesError]]:
    """Each article with its extraction (or the error that stopped it), in input order.

    Articles stream through `nlp.pipe` in batches; an article with no quotation marks costs no
    parse at all, and the others are parsed only where attribution needs it (`focus`). A batch of
    32 gives the networks larger matrices than one of 8 (about 5% less CPU on 192 dev articles,
    the same output); a chunk's memory zone holds two such batches. `kinds` are the kinds of
    statement wanted: without `indirect`, an article with no quotation marks is not parsed at all.
    """
    for doc, job in parses(articles, nlp, batch_size=batch_size, kinds=kinds):
        yield job.article, result_of(doc, job, kinds=kinds)


def parses(
    articles: Iterable[Article], nlp: "Language", *, batch_size: int = 32, kinds: frozenset[str] = ALL_KINDS
) -> Iterator[tuple["Doc | ExtractionFailed", Prepared]]:
    """Each article's parse (of its `focus`; empty where it has no quotation marks) with the article
    made ready, in input order. A parse lives until the next is asked for: the memory zone of its
    chunk frees the strings it holds (`_zone`)."""
    reported = "indirect" in kinds
    prepared = (_prepare(article, nlp.max_length, reported) for article in articles)
    jobs = ((focus(p.text, p.spans, reported) if p.spans or reported and p.text else "", p) for p in prepared)
    others = [name for name in nlp.pipe_names if name != "ner"]
    split = "ner" in nlp.pipe_names and ner_stands_alone(nlp)
    while chunk := list(islice(jobs, ZONE_ARTICLES)):
        with _zone(nlp):
            try:
                docs: list[Doc | ExtractionFailed] = list(_parse(nlp, chunk, split, others, batch_size))
            except Exception:  # the pipeline failed on one text of the chunk: parse each alone
                docs = [_parse_alone(nlp, job, split, others) for job in chunk]
            for doc, (_, job) in zip(docs, chunk):
                yield doc, job


def _parse(
    nlp: "Language", chunk: list[tuple[str, Prepared]], split: bool, others: list[str], batch_size: int
) -> Iterator["Doc"]:
    """The chunk's texts through the pipeline, the NER apart on the text with its quotes elided."""
    texts = [text for text, _ in chunk]
    if not split:
        yield from nlp.pipe(texts, batch_size=batch_size)
        return
    # the NER, the dearest component, reads no quoted words: speakers are outside them
    parsed = nlp.pipe(texts, batch_size=batch_size, disable=["ner"])
    named = nlp.pipe((unquoted(text, job.spans) for text, job in chunk), batch_size=batch_size, disable=others)
    yield from (_with_names(doc, names) for doc, names in zip(parsed, named))


def _parse_alone(
    nlp: "Language", job: tuple[str, Prepared], split: bool, others: list[str]
) -> "Doc | ExtractionFailed":
    """One text through the pipeline, or the error it raised (see `_parse`)."""
    try:
        return next(_parse(nlp, [job], split, others, 1))
    except Exception as exc:
        return ExtractionFailed.of(job[1].article.id, exc)


#: Pipelines whose first chunk of articles ran outside a memory zone (see `_zone`).
_WARMED: WeakSet[Language] = WeakSet()


@contextmanager
def _zone(nlp: "Language") -> Iterator[None]:
    """A memory zone for a chunk of articles: the strings its parse adds to the vocabulary are
    freed after it, so memory stays flat however many articles stream through.

    Except a pipeline's first chunk: the words it tokenizes stay in the tokenizer's cache for the
    pipeline's life. A zone empties that cache as it frees the strings, and every later chunk
    would then split the language's commonest words anew; one chunk's words are a fixed cost,
    and they halve what tokenizing the rest costs."""
    if nlp in _WARMED:
        with nlp.memory_zone():
            yield
    else:
        yield
        _WARMED.add(nlp)


def _with_names(doc: "Doc", names: "Doc") -> "Doc":
    """The parse with the entities the NER found in the same text with its quotes elided."""
    from spacy.util import filter_spans

    spans = (doc.char_span(ent.start_char, ent.end_char, label=ent.label_) for ent in names.ents)
    doc.ents = filter_spans([span for span in spans if span is not None])
    return doc


def result_of(
    doc: "Doc | ExtractionFailed", job: Prepared, sieves: Sequence[Sieve] = SIEVES, kinds: frozenset[str] = ALL_KINDS
) -> Extraction | QuotesError:
    """An article's extraction from its parse (`parses`), with the attribution cascade `sieves`;
    an unexpected error costs this article alone."""
    if isinstance(doc, ExtractionFailed):
        return doc
    if job.error is not None:
        return job.error
    if not job.spans and "indirect" not in kinds or not job.text:
        return Extraction(job.article, [])
    try:
        quotes, defined = quotes_from_doc(doc, job.spans, job.text, sieves=sieves, kinds=kinds)
        if job.kept is not None:
            quotes = [_restore(q, job.article.text, job.kept) for q in quotes]
    except Exception as exc:
        return ExtractionFailed.of(job.article.id, exc)
    return Extraction(job.article, quotes, defined)


def extract_items(
    items: Iterable[Article | QuotesError], nlp: "Language", kinds: frozenset[str] = ALL_KINDS
) -> Iterator[Extraction | QuotesError]:
    """Each input's extraction, or its error (one that failed to read, or to extract), in order.

    The articles go through `extract_many` together, so they are parsed in batches."""
    pending: deque[QuotesError] = deque()

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, QuotesError):
                pending.append(item)
            else:
                yield item

    for _, result in extract_many(articles(), nlp, kinds=kinds):
        while pending:
            yield pending.popleft()
        yield result
    yield from pending


def extract(article: Article, nlp: "Language", kinds: frozenset[str] = ALL_KINDS) -> Extraction:
    """The statements of one article."""
    _, result = next(extract_many([article], nlp, kinds=kinds))
    if isinstance(result, QuotesError):
        raise result
    return result
