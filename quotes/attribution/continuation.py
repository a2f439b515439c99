"""Sieves of continuation (stage one, by the quotes and sentences before): a quote with no speaker of
its own goes on from what came before.

Phenomena: split quotes and paragraphs of one quote (the previous speaker carried on); a sentence
before in the same paragraph announcing it ("Lockwood chimed in."); a paragraph that ends reporting
someone's speech before a quote standing alone ("Carter said that ... ¶ "That's because ...""),
past a closing aside in parentheses; words quoted after a sentence that reports speech ("Brill has
argued that ... As a result, there is still "..."); items of a bulleted list a colon introduces;
"the company said", the institution named as a speaker a few paragraphs before."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..find import Span
from .article import Article
from .decision import SIEVE_CONFIDENCE, Attribution, restated
from .frames import by_root_subject
from .lexicon import TOPIC_SPEECH_LEMMAS
from .speech_verbs import by_cue

if TYPE_CHECKING:
    from spacy.tokens import Span as TokenSpan


def by_lead_in(art: Article, sents: list["TokenSpan"], span: Span) -> Attribution | None:
    """A quote that opens a sentence after `Lockwood chimed in.` / `Coan argues that ...` in the
    same paragraph is what that sentence's named subject says."""
    lo = art.paragraphs[span.paragraph][0]
    if not sents or art.text[sents[0].start_char : span.start].strip():
        return None
    before = art.text[lo : span.start].rstrip()
    if not before.endswith("."):
        return None
    last = art.doc.char_span(lo + len(before) - 1, lo + len(before), alignment_mode="expand")
    if last is None or not len(last):
        return None
    sent = art.doc.char_span(max(art.sent(last[0]).start_char, lo), last.end_char, alignment_mode="contract")
    if sent is None or not len(sent) or art.quoted[sent.root.i] or sent.root.pos_ != "VERB":
        return None
    return by_root_subject(art, sent, span, sent.root.text, "lead_in")


def _last_sentence(art: Article, lo: int, hi: int) -> "TokenSpan | None":
    """The last sentence of the text between `lo` and `hi`, cut to that stretch (the parser may
    run a paragraph's last sentence on into the next paragraph); None where the parse has none."""
    last = art.doc.char_span(hi - 1, hi, alignment_mode="expand")
    if last is None or not len(last):
        return None
    sent = art.doc.char_span(max(art.sent(last[0]).start_char, lo), hi, alignment_mode="contract")
    return sent if sent is not None and len(sent) else None


def by_reported_before(art: Article, span: Span) -> Attribution | None:
    """A quote that is a paragraph by itself, after a paragraph that ends reporting what someone
    said in their own words' place ("Carter said that the U.S. would stay. ¶ "That's because
    ..."), goes on with that report: the speaker of its last sentence."""
    lo, hi = art.paragraphs[span.paragraph]
    if span.paragraph == 0 or art.text[lo : span.start].strip() or art.text[span.end : hi].strip(" .,\xa0"):
        return None
    prev_lo, prev_hi = art.paragraphs[span.paragraph - 1]
    prev_hi = _before_aside(art.text, prev_lo, prev_hi)
    sent = _last_sentence(art, prev_lo, prev_hi)
    if sent is None or any(art.quoted[t.i] for t in sent):
        return None
    found = by_cue(art, [sent], span)
    if found is None and sent.root.lemma_.lower() in TOPIC_SPEECH_LEMMAS:
        found = by_root_subject(art, sent, span, sent.root.text, "lead_in")
    if found is None or not (found.speaker or found.institution):
        return None
    return restated(found, span, "lead_in", SIEVE_CONFIDENCE["lead_in"])


#: A paragraph's closing aside: whole sentences in parentheses after a full stop.
_CLOSING_ASIDE = re.compile(r"(?<=[.?!])[\s\xa0]+\([^()]*\)[\s\xa0]*$")


def _before_aside(text: str, lo: int, hi: int) -> int:
    """The end of a paragraph's last sentence before the aside in parentheses that closes it
    ("Roe spoke about the ruling. (The law it upheld dates from 1990.)"): the writer's note on
    the background, not the report the next paragraph's quote goes on from."""
    aside = _CLOSING_ASIDE.search(text, lo, hi)
    return aside.start() if aside else hi


def by_reporter_before(art: Article, sents: list["TokenSpan"], span: Span) -> Attribution | None:
    """Words quoted inside a sentence that names no speaker, right after a sentence of the same
    paragraph that reports someone's speech ("Brill has argued that the law was crippled. As a
    result, there is still "a very powerful industry ...""), go on with that report."""
    if not sents:
        return None
    lo = art.paragraphs[span.paragraph][0]
    first = sents[0].start
    if first == 0 or sents[0].start_char <= lo:
        return None
    prev = art.sent(art.doc[first - 1])
    sent = art.doc.char_span(max(prev.start_char, lo), sents[0].start_char, alignment_mode="contract")
    if sent is None or not len(sent) or any(art.quoted[t.i] for t in sent):
        return None
    return _reported_by(art, sent, span, "lead_in")


def _reported_by(art: Article, sent: "TokenSpan", span: Span, sieve: str) -> Attribution | None:
    """The person whose speech `sent`, a sentence before the quote, reports, as the quote's
    speaker by `sieve`: no surer than the cue they are read from."""
    found = by_cue(art, [sent], span)
    if found is None or not found.speaker:
        return None
    return restated(found, span, sieve, min(found.confidence, SIEVE_CONFIDENCE[sieve]))  # a cue's speaker: no institution


#: The marker that opens an item of a bulleted list: a bullet, a dash, an asterisk, or the "l" a
#: Wingdings bullet becomes when the font is lost.
_LIST_ITEM = re.compile(r"[ \t\xa0]*(?:[•·▪◦*]|[-–—]|l(?=[ \t\xa0]))[ \t\xa0]+\S")


def list_intro(text: str, paras: Sequence[tuple[int, int]], index: int) -> int | None:
    """The paragraph that introduces, with a colon, the bulleted list paragraph `index` is an item
    of ("Roe argued that: ¶ • ... ¶ • ..."), if it is one."""
    if not _LIST_ITEM.match(text, *paras[index]):
        return None
    while index > 0 and _LIST_ITEM.match(text, *paras[index - 1]):
        index -= 1
    if index == 0 or not text[slice(*paras[index - 1])].rstrip().endswith(":"):
        return None
    return index - 1


def by_list_intro(art: Article, span: Span) -> Attribution | None:
    """Words quoted in an item of a bulleted list that a sentence ending in a colon introduces
    ("Roe argued that: ¶ • the plan ... "never worked""): every item is part of what that
    sentence reports, however far down the list, so its speaker's."""
    intro = list_intro(art.text, art.paragraphs, span.paragraph)
    if intro is None:
        return None
    # the parser may run the introduction on into the first item: the sentence ends at the colon
    sent = _last_sentence(art, *art.paragraphs[intro])
    return None if sent is None else _reported_by(art, sent, span, "colon")


#: How many paragraphs back "the company said" looks for the institution it means.
BODY_PARAGRAPHS = 3


#: An institution given only by a description: "the company", "The newspaper's editorial board".
_DESCRIBED_BODY = re.compile(r"(?:[Tt]he|[Tt]his)\s+[a-z][a-z’'\s-]*")


def body_meant(art: Article, out: list[Attribution], found: Attribution) -> Attribution | None:
    """The institution a described one points back to: "the company said" after "the Royal Bank
    of Scotland Group said" is the bank, the latest organisation named as a speaker a few
    paragraphs before (not a people: "Chinese officials said"). "company" is no institution an
    editor can look up."""
    if found.speaker or not found.institution or not _DESCRIBED_BODY.fullmatch(found.institution):
        return None
    for earlier in reversed(out):
        if found.span.paragraph - earlier.span.paragraph > BODY_PARAGRAPHS:
            return None
        if earlier.speaker is None and earlier.institution and not _DESCRIBED_BODY.fullmatch(earlier.institution):
            named = art.token(earlier.mention_start or 0)
            return replace(found, institution=earlier.institution) if named.ent_type_ != "NORP" else None
    return None


def carry(previous: Attribution, span: Span, sieve: str) -> Attribution:
    """The quote before's speaker carried on to `span`, no surer than it was."""
    return restated(previous, span, sieve, min(previous.confidence, SIEVE_CONFIDENCE[sieve]))


def continues_previous(art: Article, prev: Span, span: Span) -> bool:
    """A quote with no speaker of its own goes on from the previous one in its paragraph, or opens
    the next paragraph after it with no one else named in between."""
    if prev.paragraph == span.paragraph:
        between = art.text[prev.end : span.start]
        return len(between) < 200
    if span.paragraph != prev.paragraph + 1:
        return False
    para_start = art.text.rfind("\n", 0, span.start) + 1
    return not art.text[para_start : span.start].strip()
