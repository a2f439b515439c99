"""The cascade: every quote goes down the sieves in the order of `SIEVES`, and the first that
decides it gives it its speaker (a few later sieves improve on a decision that names no one, or on
a described institution). Reorder, remove or add a sieve in one line of `SIEVES`; `attribute(...,
sieves=...)` runs another list (bench/ledger.py measures each sieve so)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..find import Span
from .after_quote import by_adjacency
from .article import Article
from .context import QuoteContext
from .continuation import (
    body_meant,
    by_lead_in,
    by_list_intro,
    by_reported_before,
    by_reporter_before,
    carry,
    continues_previous,
)
from .decision import Attribution
from .frames import by_colon, by_frame, vouched_for
from .indirect import indirect_statements
from .layouts import by_headline_verb, by_label, by_topic_headline
from .reported import by_governor, by_owner
from .speech_verbs import by_cue
from .terms import (
    byline,
    dated,
    excerpt_paragraphs,
    in_embedded_post,
    inside_sentence,
    names_a_work,
    subhead,
    whole_paragraph,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc


def _undecided(found: Attribution) -> bool:
    """No sieve has decided the quote yet: what most sieves are asked about."""
    return found.sieve is None


@dataclass(frozen=True)
class Sieve:
    """One rule of the cascade: its name, which every attribution it makes carries (`decided_by`);
    what it decides of a quote (None: it cannot tell); and which decisions so far it is asked about."""

    name: str
    decide: Callable[[QuoteContext], Attribution | None]
    asked: Callable[[Attribution], bool] = _undecided
    kept_as_previous: bool = False  # a term it finds stays the quote before the next, which may go on from it


def _unnamed(found: Attribution) -> bool:
    """A decision that names no one ("Pollsters agree - Carl Bialik:" read as a verb with no named
    subject): a sieve that names someone improves on it."""
    return found.sieve is not None and not (found.speaker or found.institution)


def _any(found: Attribution) -> bool:
    """Every decision: the sieve tells for itself whether it has anything to add."""
    return True


def _term(test: Callable[[QuoteContext], bool]) -> Callable[[QuoteContext], Attribution | None]:
    """A sieve that decides a quote is nobody's statement (kind `term`) where `test` holds."""
    return lambda q: Attribution(q.span, "term") if test(q) else None


def _split_quote(q: QuoteContext) -> Attribution | None:
    """The second part of a quote split by its attribution goes on from the first."""
    return carry(q.previous, q.span, "continuation") if q.span.continues and q.previous is not None else None


def _continuation(q: QuoteContext) -> Attribution | None:
    """A quote with no speaker of its own, right after a named one, goes on from it."""
    before = q.previous
    if before is None or not (before.speaker or before.institution):
        return None
    if continues_previous(q.art, before.span, q.span) and q.reads_as_speech:
        return carry(before, q.span, "continuation")
    return None


#: The cascade, surest first. Each sieve is asked only while no sieve before it has decided, but
#: for those given another `asked`; a term ends the cascade.
SIEVES: tuple[Sieve, ...] = (
    Sieve("reprinted excerpt", _term(lambda q: q.span.paragraph in q.excerpt and whole_paragraph(q.art, q.span)),
          kept_as_previous=True),
    Sieve("cited byline", _term(lambda q: byline(q.art, q.span)), kept_as_previous=True),
    Sieve("subhead", _term(lambda q: subhead(q.art, q.span))),
    Sieve("title of a work", _term(lambda q: names_a_work(q.art, q.span))),
    Sieve("speaker label", lambda q: by_label(q.art, q.span)),
    Sieve("topic headline", lambda q: by_topic_headline(q.art, q.span)),
    Sieve("headline verb", lambda q: by_headline_verb(q.art, q.span)),
    Sieve("title in a mixed quote", _term(lambda q: q.mixed and q.titled)),
    Sieve("after the quote", lambda q: by_adjacency(q.art, q.span, q.mixed)),
    Sieve("title inside a sentence", _term(lambda q: q.titled and inside_sentence(q.art, q.span))),
    Sieve("split quote", _split_quote),
    Sieve("speech noun", lambda q: by_owner(q.art, q.span) if q.reported else None),
    Sieve("speech verb", lambda q: by_cue(q.art, q.sents, q.span, q.mixed)),
    Sieve("frame over an unnamed subject", lambda q: by_frame(q.art, q.sents, q.span), _unnamed),
    Sieve("colon over an unnamed subject", lambda q: by_colon(q.art, q.span), _unnamed),
    Sieve("governing verb", lambda q: by_governor(q.art, q.span) if q.reported else None),
    Sieve("frame", lambda q: by_frame(q.art, q.sents, q.span)),
    Sieve("colon", lambda q: by_colon(q.art, q.span)),
    Sieve("lead-in", lambda q: by_lead_in(q.art, q.sents, q.span)),
    Sieve("continuation", _continuation),
    Sieve("reported before", lambda q: by_reported_before(q.art, q.span) if q.kind == "direct" else None),
    Sieve("reporter before", lambda q: by_reporter_before(q.art, q.sents, q.span) if q.mixed and q.reads_as_speech else None),
    Sieve("list intro", lambda q: by_list_intro(q.art, q.span) if q.mixed and q.reads_as_speech else None),
    Sieve("embedded post", _term(lambda q: in_embedded_post(q.art, q.span))),
    Sieve("dated", _term(lambda q: dated(q.art, q.span))),
    Sieve("according to", lambda q: vouched_for(q.art, q.found), _any),
    Sieve("described institution", lambda q: body_meant(q.art, q.earlier, q.found), _any),
)


def attribute(
    doc: "Doc", spans: Sequence[Span], sieves: Sequence[Sieve] = SIEVES, *, indirect: bool = False
) -> list[Attribution]:
    """An attribution for every span, in order; spans no sieve explains get kind `term` or none.
    With `indirect`, the reported statements outside quotation marks follow (`indirect.py`), read
    with what the quotes taught the article (the speakers pronouns go back to)."""
    art = Article(doc, spans)
    excerpt = excerpt_paragraphs(art)
    out: list[Attribution] = []
    previous: Attribution | None = None
    for span in spans:
        quote = QuoteContext(art, span, previous, out, excerpt)
        found, sieve = _sift(quote, sieves)
        if found.kind == "term":
            previous = found if sieve is not None and sieve.kept_as_previous else previous
            out.append(found)
            continue
        if found.speaker:
            art.add_speaker(span.end - 1, found.speaker)  # the most salient mention for the pronouns after it
        out.append(found)
        previous = found
    if not indirect:
        return out
    statements = [a.span for a in out if a.kind in ("direct", "mixed")]  # a title or scare quote is no statement
    return out + indirect_statements(art, statements)


def _sift(quote: QuoteContext, sieves: Sequence[Sieve]) -> tuple[Attribution, Sieve | None]:
    """The quote's attribution down the sieves, and the sieve that made it a term, if one did."""
    for sieve in sieves:
        if not sieve.asked(quote.found):
            continue
        found = sieve.decide(quote)
        if found is None:
            continue
        quote.found = replace(found, decided_by=sieve.name)
        if found.kind == "term":
            return quote.found, sieve
    return replace(quote.found, kind=quote.kind), None
