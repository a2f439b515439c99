"""One quote as the sieves see it (`QuoteContext`): its article and span, the attribution before
it, and what is read of it once: its sentences, whether it is direct or mixed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..find import Span
from ..resolve import HONORIFICS, fold
from .article import Article
from .decision import Attribution
from .terms import in_headline, looks_like_title, says_something

if TYPE_CHECKING:
    from spacy.tokens import Span as TokenSpan


def quote_kind(art: Article, sents: list["TokenSpan"], span: Span) -> str:
    """Direct when the quote stands as the statement; mixed when it sits inside reported speech."""
    lo = sents[0].start_char if sents else span.start
    prefix = art.text[lo : span.start].rstrip()
    if not prefix or prefix[-1] in ",:—–-(" or prefix.endswith("that") or _ends_sentence(prefix):
        return "direct"
    return "mixed"


#: The end of a sentence: a full stop, question or exclamation mark, maybe inside a closing mark.
_SENTENCE_END = re.compile(r"(\S*?)[.?!][\"”’']*$")


def _ends_sentence(prefix: str) -> bool:
    """Whether the words before a quote end a sentence the parser ran on into the quote ("...,''
    Mr. Roe said. ''It is ..."): the quote opens a sentence of its own, so it is direct. A full
    stop after an honorific, an initial or an abbreviation ("Mr.", "U.S.", "p.m.") ends none."""
    end = _SENTENCE_END.search(prefix)
    if end is None:
        return False
    word = end.group(1)
    if prefix[end.end(1)] in "?!":
        return True
    honorific = word[:1].isupper() and fold(word) in HONORIFICS
    return len(word) > 1 and "." not in word and not honorific and not word.isupper()


def after_that(art: Article, sents: list["TokenSpan"], span: Span) -> bool:
    """Whether a quote opens a that-clause ("Gowdy cited a report that "less than one percent ...""):
    it reads as a statement of its own, but is reported by whoever the clause hangs from."""
    lo = sents[0].start_char if sents else span.start
    return art.text[lo : span.start].rstrip().endswith(" that")


@dataclass
class QuoteContext:
    """One quote as the sieves see it, with what is read of it once (its sentences, its kind), and
    the cascade's decision so far (`found`: no sieve's while its `sieve` is None)."""

    art: Article
    span: Span
    previous: Attribution | None  # the quote before, whose speaker a continuation carries on
    earlier: list[Attribution]  # every quote before, in order
    excerpt: set[int]  # the paragraphs of a reprinted excerpt (`terms.excerpt_paragraphs`)
    found: Attribution = field(init=False)

    def __post_init__(self) -> None:
        self.found = Attribution(self.span, "")

    @cached_property
    def sents(self) -> list["TokenSpan"]:
        return self.art.sentences(self.span)

    @cached_property
    def kind(self) -> str:
        """`direct` or `mixed` (`quote_kind`)."""
        return quote_kind(self.art, self.sents, self.span)

    @property
    def mixed(self) -> bool:
        return self.kind == "mixed"

    @cached_property
    def reported(self) -> bool:
        """Whether the quote sits inside reported speech: mixed, or opening a that-clause."""
        return self.mixed or after_that(self.art, self.sents, self.span)

    @cached_property
    def titled(self) -> bool:
        """Whether the words read as a title (and not only because they stand in a headline)."""
        return looks_like_title(self.span.inner(self.art.text)) and not in_headline(self.art, self.span)

    @cached_property
    def reads_as_speech(self) -> bool:
        """Whether the words read as something said, not a phrase held up in marks (`says_something`)."""
        return says_something(self.art, self.span)
