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

from .attribution import SIEVES, Attribution, Sieve, attribute, list_intro, title_cased
from .attribution.evidence import persons_only
from .attribution.full_names import completed
from .errors import QuotesError
from .find import Span, find_spans, paragraphs
from .nlp import ner_stands_alone
from .read import Article
from .resolve import HONORIFICS, INVISIBLE, acronyms, fold, institution_key, person_key
from .roles import Role, role_at

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Span as TokenSpan

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


def _roles(
    text: str, speakers: set[str], people: set[str] = frozenset(), doc: "Doc | None" = None  # type: ignore[assignment]
) -> dict[str, Role]:
    """Each speaker's role from their first full mention that has one, else from the first mention
    by surname alone that has one ("Anna Farrow had the plans. ... Farrow, the chief planner, said").
    With the parse (`doc`), what the shapes read is checked against it (`_checked`).

    Mentions are found in the text itself, not among the NER's PERSON entities: the small
    pipeline tags many a name as an organisation or a place ("Marcus Hale, head of ...").
    An "institution" that ends in the surname of someone in the article (`people`, speakers
    included) is that person: "a Trump supporter", "chief strategist for Barack Obama".
    """
    names = [name.split() for name in people | speakers if len(name.split()) > 1]  # "Twitter" alone may be tagged PERSON
    surnames, known = {words[-1] for words in names}, {" ".join(words[-2:]) for words in names}
    roles: dict[str, Role] = {}
    seen = doc.text if doc is not None else ""  # Doc.text joins every token anew on each reading
    for speaker in speakers:
        mentions = [(m, True) for m in re.finditer(rf"(?<!\w){re.escape(speaker)}(?!\w)", text)]
        surname = speaker.split()[-1]
        if " " in speaker and surname.isalpha():
            mentions += [(m, False) for m in re.finditer(rf"(?<![\w.’'-]){re.escape(surname)}(?!\w)", text)
                         if not _inside_a_name(text, m.start())]
        for mention, full in mentions:
            role = role_at(text, mention.start(), mention.end(), full=full)
            if role.institution and _a_person(role.institution.split(), surnames, known):
                role = Role(role.title, None)
            if doc is not None:
                role = _checked(doc, seen, role, mention.start(), mention.end())
            if role.title or role.institution:
                roles[speaker] = role
                break
    return roles


#: Parts of speech a title's head can be without the title being words of another kind.
_NOUN_POS = {"NOUN", "PROPN"}
#: What the NER may call a phrase that is no institution: a place ("Sen. Roe of South Carolina"),
#: a people or party ("Republican Sen. Roe"), a person ("Bachmann's spokesman"), a time.
_NO_INSTITUTION = {"GPE", "LOC", "NORP", "PERSON", "DATE", "TIME"}


def _checked(doc: "Doc", seen: str, role: Role, start: int, end: int) -> Role:
    """A role read on characters around a mention, as the parse sees it. A title must be a noun
    phrase: the shapes `role_at` reads also take an aside ("Trump, meanwhile, said"), a
    description ("Christie, the brusque, ... governor") or a participle ("Bob, speaking publicly
    for the first time,") for one, and then read a clause, its "institution" with it ("X,
    speaking at a rally in Wilmington,"). An institution must be no place, people or person.
    A name is the same wherever it is written: an institution in a paragraph out of focus is
    checked where the parse saw the same words. A title the parse did not see as written (out of
    focus; rebuilt: "former director" of "former CIA director", "head" of "who heads") is kept."""
    title = _as_parsed(doc, seen, role.title, start, end) if role.title else None
    if title is not None and _no_title(title):
        return Role()
    institution = _as_parsed(doc, seen, role.institution, start, end, anywhere=True) if role.institution else None
    if institution is not None and _no_institution(institution):
        return Role(role.title, None)
    return role


def _as_parsed(doc: "Doc", seen: str, words: str, start: int, end: int, anywhere: bool = False) -> "TokenSpan | None":
    """The nearest copy of `words` around a mention at start:end, as the parse saw it (`seen` is
    the text it read), or with `anywhere` the first it saw in the article; None where it saw no
    such words."""
    pattern = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)")
    windows = [(max(0, start - 150), end + 300)] + [(0, len(seen))] * anywhere
    for lo, hi in windows:
        for found in pattern.finditer(seen, lo, hi):
            span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
            if span is not None and any(token.pos_ for token in span if not token.is_space):
                return span
    return None


def _no_title(span: "TokenSpan") -> bool:
    """Whether a phrase is no one person's title: its head, the last word the phrase's own words do
    not govern ("senior" and "fellow" both hang on the name in "senior fellow Jane Roe"; the noun
    comes last), is no noun ("brusque") or a plural one ("top executives", "bipartisan whispers")."""
    heads = [token for token in span
             if not token.is_space and (token.head.i == token.i or not span.start <= token.head.i < span.end)]
    return bool(heads) and (heads[-1].pos_ not in _NOUN_POS or heads[-1].tag_ in ("NNS", "NNPS"))


def _no_institution(span: "TokenSpan") -> bool:
    """Whether a phrase names no institution: the NER saw every content word of it as a place, a
    people, a person or a time, or it ends in an adjective, the people or party a title is of
    ("Presumptive Democratic nominee Jane Roe", capitalised for opening the sentence)."""
    words = [token for token in span if not (token.is_stop or token.is_punct or token.is_space)]
    labels = {token.ent_type_ for token in words}
    return bool(labels) and labels <= _NO_INSTITUTION or bool(words) and words[-1].pos_ == "ADJ"


#: Words before a surname that make the phrase a person ("Mr. Clinton", "Speaker Paul Ryan",
#: "But Trump"), beside the honorifics resolve knows.
_BEFORE_SURNAME = HONORIFICS | {"speaker", "but", "and"}


def _a_person(words: list[str], surnames: set[str], known: set[str]) -> bool:
    """Whether an "institution" is someone in the article: their surname alone, their name, or a
    title and their surname ("White House" is no person though a "Jane House" is in the article)."""
    if not words or words[-1] not in surnames:
        return False
    return len(words) == 1 or " ".join(words[-2:]) in known or fold(words[-2].rstrip(".")) in _BEFORE_SURNAME


def _inside_a_name(text: str, start: int) -> bool:
    """Whether a surname at `start` follows a capitalised word: the end of a full name (maybe
    someone else's, "Mia Farrow") or an honorific, whose role a full mention has already read."""
    before = re.search(r"(\S+)[ \t\xa0]+$", text[max(0, start - 40) : start])
    return before is not None and before.group(1)[0].isupper()


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
    doc: "Doc", spans: list[Span], text: str | None = None, *, sieves: Sequence[Sieve] = SIEVES
) -> tuple[list[Quote], dict[str, str]]:
    """Quotes in a parsed article, one per statement however often the article repeats it.

    `text` is the whole article when the parse saw only its focus (see `focus`); `sieves` are the
    attribution cascade (bench/ledger.py runs it without each sieve in turn)."""
    text = text if text is not None else doc.text
    attributions = persons_only(completed(attribute(doc, spans, sieves), unquoted(text, spans)), doc, text)
    defined = _acronyms(doc)
    people = {ent.text for ent in doc.ents if ent.label_ == "PERSON"}
    roles = _roles(text, {a.speaker for a in attributions if a.speaker}, people, doc)
    seen: dict[tuple[str, str], set[str | None]] = {}
    paras = paragraphs(text)
    out: list[Quote] = []
    for attr in attributions:
        span = attr.span
        words = span.inner(text)
        if not _is_statement(attr, words):
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


_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]+")
#: Two capitalised words, maybe an initial between them: a given name and a surname. A lookahead,
#: so that "President Barack Obama" yields "Barack Obama" as well as "President Barack".
_NAME_PAIR = re.compile(r"\b(?=([A-Z][\w’'-]+)\s+(?:[A-Z]\.\s+)?([A-Z][\w’'-]+))")
_ACRONYM_DEFINED = re.compile(r"\([A-Z][A-Za-z&]*[A-Z]\)")


#: A subject pronoun outside quotation marks: the paragraph it stands in goes on about someone named before.
_PERSON_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
#: How many paragraphs before the one before a quote a run of "he"/"she" paragraphs is followed back.
ANTECEDENT_PARAGRAPHS = 2


def _antecedent_paragraphs(text: str, paras: list[tuple[int, int]], spans_in: set[int]) -> set[int]:
    """The paragraphs a quote's "he said" may need beyond the one before it: while that one only
    goes on about someone with "he"/"she" ("Donald Trump is thanking his supporters. ¶ And he's
    predicted big wins. ¶ "...," he tells"), the one before it too, up to ANTECEDENT_PARAGRAPHS
    back. Blanked, the name the pronouns run back to is gone, and "he" takes whoever came before."""
    out: set[int] = set()
    for p in spans_in:
        k = p - 1
        while k > 0 and p - 1 - k < ANTECEDENT_PARAGRAPHS and k not in spans_in:
            if not _PERSON_PRONOUN.search(text, *paras[k]):
                break
            out.add(k - 1)
            k -= 1
    return out


def _full_names(text: str, lo: int, hi: int) -> set[tuple[str, str]]:
    """The (given name, surname) pairs written in `text[lo:hi]`. Keyed by both words, not by the
    surname alone: two people may share a surname (a husband and wife), and a paragraph that names
    the second in full is as needed as the first's; blanked, the bare surname goes to the wrong one
    and a pronoun's gender with it. A title or a sentence's opening word is no given name
    ("President Obama", "But Obama")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    pairs = ((m.group(1), m.group(2)) for m in _NAME_PAIR.finditer(text, lo, hi))
    return {(given, last) for given, last in pairs if fold(given) not in HONORIFICS and given.lower() not in STOP_WORDS}


def focus(text: str, spans: list[Span]) -> str:
    """The text with the paragraphs no attribution needs blanked out, offsets unchanged.

    Each blanked paragraph becomes a lone full stop. The parser is the cost of extraction; it is spent on the paragraphs that hold quotes, the
    paragraph before each (a speaker introduced with a colon, an antecedent), the one introducing
    a bulleted list they are items of (and the items before), and those a run of
    "he"/"she" before it goes back through, the paragraph that
    first gives the full name of each person whose surname they use (of each, where two share it;
    outside quotation marks, where the NER reads it), and any that defines an acronym.
    """
    spans_in = {span.paragraph for span in spans}
    paras = paragraphs(text)
    need = spans_in | {p - 1 for p in spans_in if p > 0} | _antecedent_paragraphs(text, paras, spans_in)
    # the colon introduction of a bulleted list names the speaker of its items, however far down
    # (the items between kept too: blanked, they would no longer be read as one list)
    need |= {k for p in spans_in if (intro := list_intro(text, paras, p)) is not None for k in range(intro, p)}
    # a sign-off on its own line after a quote ("- Sanders.") names its speaker
    need |= {p + 1 for p in spans_in if p + 1 < len(paras) and text[paras[p + 1][0]] in "-—–"}
    kept = [paras[p] for p in need if 0 <= p < len(paras)]
    named = {word for span in kept for word in _CAPITALISED.findall(text, *span)}
    # a full name inside quotation marks introduces no one: the NER reads the text without them
    # (`unquoted`), so a show's title ("America with Jorge Ramos") leaves the surname unresolved
    bare = unquoted(text, spans)
    introduced = {name for span in kept for name in _full_names(bare, *span)}
    for index, (lo, hi) in enumerate(paras):
        if index in need:
            continue
        # the first full mention of each person whose surname the kept paragraphs use, and no other
        names = {name for name in _full_names(text, lo, hi) if name[1] in named} - introduced
        if names or _ACRONYM_DEFINED.search(text, lo, hi):
            need.add(index)
            introduced |= names
    if len(need) >= len(paras):
        return text
    chars = list(text)
    for index, (lo, hi) in enumerate(paras):
        if index not in need:  # a full stop keeps the paragraph a paragraph, and costs one token
            chars[lo:hi] = "." + " " * (hi - lo - 1)
    return "".join(chars)


@dataclass(frozen=True)
class Prepared:
    """An article made ready for the pipeline: its visible text, where each kept character was, its
    quoted spans; or the error that stops it."""

    article: Article
    text: str = ""
    kept: list[int] | None = None
    spans: list[Span] = field(default_factory=list)
    error: QuotesError | None = None


def _prepare(article: Article, max_length: int) -> Prepared:
    try:
        text, kept = visible(article.text)
        spans = find_spans(text)
    except Exception as exc:  # one article's failure must not cost the batch
        return Prepared(article, error=ExtractionFailed.of(article.id, exc))
    if spans and len(text) > max_length:
        error = TooLong(f"{article.id}: too long to parse ({len(text):,} characters; the pipeline takes {max_length:,})")
        return Prepared(article, error=error)
    return Prepared(article, text, kept, spans)


def extract_many(
    articles: Iterable[Article], nlp: "Language", *, batch_size: int = 32
) -> Iterator[tuple[Article, Extraction | QuotesError]]:
    """Each article with its extraction (or the error that stopped it), in input order.

    Articles stream through `nlp.pipe` in batches; an article with no quotation marks costs no
    parse at all, and the others are parsed only where attribution needs it (`focus`). A batch of
    32 gives the networks larger matrices than one of 8 (about 5% less CPU on 192 dev articles,
    the same output); a chunk's memory zone holds two such batches.
    """
    for doc, job in parses(articles, nlp, batch_size=batch_size):
        yield job.article, result_of(doc, job)


def parses(
    articles: Iterable[Article], nlp: "Language", *, batch_size: int = 32
) -> Iterator[tuple["Doc | ExtractionFailed", Prepared]]:
    """Each article's parse (of its `focus`; empty where it has no quotation marks) with the article
    made ready, in input order. A parse lives until the next is asked for: the memory zone of its
    chunk frees the strings it holds (`_zone`)."""
    prepared = (_prepare(article, nlp.max_length) for article in articles)
    jobs = ((focus(p.text, p.spans) if p.spans else "", p) for p in prepared)
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


def unquoted(text: str, spans: list[Span]) -> str:
    """What the NER reads: the text with the words inside quotation marks elided, offsets unchanged.

    A name inside a quote names no speaker, and quoted words are a third of what the parse
    needs. An elided quote keeps an ellipsis and its closing punctuation (`"...    ," Trump said`):
    a quote left wholly blank takes from the NER the context it finds the speaker's name by."""
    chars = list(text)
    for span in spans:
        lo, hi = span.inner_start, span.inner_end
        if hi - lo < 5 or "\n" in text[lo:hi]:
            continue
        chars[lo:hi] = "..." + " " * (hi - lo - 4) + (text[hi - 1] if text[hi - 1] in ",.?!" else " ")
    return "".join(chars)


def _with_names(doc: "Doc", names: "Doc") -> "Doc":
    """The parse with the entities the NER found in the same text with its quotes elided."""
    from spacy.util import filter_spans

    spans = (doc.char_span(ent.start_char, ent.end_char, label=ent.label_) for ent in names.ents)
    doc.ents = filter_spans([span for span in spans if span is not None])
    return doc


def result_of(
    doc: "Doc | ExtractionFailed", job: Prepared, sieves: Sequence[Sieve] = SIEVES
) -> Extraction | QuotesError:
    """An article's extraction from its parse (`parses`), with the attribution cascade `sieves`;
    an unexpected error costs this article alone."""
    if isinstance(doc, ExtractionFailed):
        return doc
    if job.error is not None:
        return job.error
    if not job.spans:
        return Extraction(job.article, [])
    try:
        quotes, defined = quotes_from_doc(doc, job.spans, job.text, sieves=sieves)
        if job.kept is not None:
            quotes = [_restore(q, job.article.text, job.kept) for q in quotes]
    except Exception as exc:
        return ExtractionFailed.of(job.article.id, exc)
    return Extraction(job.article, quotes, defined)


def extract_items(items: Iterable[Article | QuotesError], nlp: "Language") -> Iterator[Extraction | QuotesError]:
    """Each input's extraction, or its error (one that failed to read, or to extract), in order.

    The articles go through `extract_many` together, so they are parsed in batches."""
    pending: deque[QuotesError] = deque()

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, QuotesError):
                pending.append(item)
            else:
                yield item

    for _, result in extract_many(articles(), nlp):
        while pending:
            yield pending.popleft()
        yield result
    yield from pending


def extract(article: Article, nlp: "Language") -> Extraction:
    """The quotes of one article."""
    _, result = next(extract_many([article], nlp))
    if isinstance(result, QuotesError):
        raise result
    return result
