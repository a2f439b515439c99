"""The article's parse and the tables every lookup shares (tokens, sentences, sentence starts,
which tokens are quoted), built once: spaCy builds a new object on each `doc[i]`, `span.sent`
and `doc.ents`.

The article is built in layers, each a class over the one before: `ArticleParse` (here) ->
`people.ArticlePeople` -> `mentions.ArticleMentions` -> `article.Article`, which the sieves read."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..find import Span, paragraphs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as TokenSpan


class ArticleParse:
    """The parse of one article and the tables over it that every lookup shares, built once."""

    def __init__(self, doc: "Doc", spans: Sequence[Span]):
        self.doc = doc
        self.text = doc.text
        self.spans = spans
        self.paragraphs = paragraphs(self.text)
        self.quoted = [False] * len(doc)
        for span in spans:
            for tok in doc.char_span(span.start, span.end, alignment_mode="expand") or ():
                self.quoted[tok.i] = True
        # a Token object is built on each visit to a position: build each once, visit the list
        self.tokens = list(doc)
        self.starts = [tok.idx for tok in self.tokens]
        # spaCy walks the whole document for each `Span.sent` and `Doc.sents`: list them once
        self.sents = list(doc.sents)
        self._sent_starts = [sent.start for sent in self.sents]
        self.words = {tok.text for tok in self.tokens}
        self.lowercase = {word for word in self.words if word.islower()}
        self.ents = doc.ents  # built anew, span by span, on each reading of `doc.ents`
        # a paragraph starts a sentence even where the parser runs one on across the break; a sentence
        # wholly inside quotation marks is the speaker's, and puts no distance between a pronoun and its name
        spoken = {sent.start_char for sent in self.sents if all(self.quoted[t.i] or t.is_punct or t.is_space for t in sent)}
        starts = {sent.start_char for sent in self.sents} | {lo for lo, _ in self.paragraphs}
        self.sentence_starts = sorted(starts - spoken)

    def sent(self, token: "Token") -> "TokenSpan":
        """The sentence a token is in (what `token.sent` gives, without walking the document)."""
        return self.sents[bisect.bisect_right(self._sent_starts, token.i) - 1]

    def sentences(self, span: Span) -> list["TokenSpan"]:
        """The sentences the span touches, cut at its paragraph: the small parser often runs a
        sentence on into the next paragraph, whose speech verb belongs to another quote."""
        lo, hi = self.paragraphs[span.paragraph]
        out = []
        for sent in self.sents:
            if sent.start_char < span.end and sent.end_char > span.start:
                cut = self.doc.char_span(max(sent.start_char, lo), min(sent.end_char, hi), alignment_mode="contract")
                if cut is not None and len(cut):
                    out.append(cut)
        return out

    def token_at(self, offset: int) -> int:
        """The index of the first token at or after character `offset`."""
        return bisect.bisect_left(self.starts, offset)

    def token(self, offset: int) -> "Token":
        """The first token at or after character `offset`, or the last token."""
        return self.tokens[min(self.token_at(offset), len(self.tokens) - 1)]
