"""Find quoted spans in raw text, by characters, before any NLP.

Quotation marks are a property of the text, not of tokens: a token-level pairing gives up on a
whole article when one mark is missing, while this scan loses at most the paragraph the stray
mark stands in. Every span keeps exact offsets into the text, so later stages can point back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Double marks, as news and archives write them. "''" and "``" are two characters each.
_OPENERS = {"“", "„", "«", "``", "‟"}
_CLOSERS = {"”", "»"}
_EITHER = {'"', "''"}
_MARK = re.compile(r"``|''|[\"“”„«»‟]|‘|’|'")
_LETTER = re.compile(r"\w", re.UNICODE)
#: Markup left in scraped text (`<tweet id="..." author="...">`): its marks delimit attribute values.
_TAG = re.compile(r"<[A-Za-z/][^<>\n]*>")


@dataclass(frozen=True)
class Span:
    """One quoted stretch of text: `start`/`end` include its marks, `inner_*` do not."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    paragraph: int
    closed: bool = True
    #: the quote goes on from a paragraph left open before it (a multi-paragraph quote)
    continues: bool = False

    def inner(self, text: str) -> str:
        return text[self.inner_start : self.inner_end]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-blank lines: news text puts one paragraph on a line."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append((m.start(), m.end()))
    return out


def _looks_opening(text: str, i: int, width: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


def _looks_closing(text: str, i: int, width: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return not before.isspace() and (after.isspace() or not _LETTER.match(after))


def _paragraph_spans(text: str, lo: int, hi: int, index: int) -> Iterator[Span]:
    """Pair the marks of one paragraph; a mark left open runs to the paragraph's end."""
    open_at: int | None = None
    open_width = 0
    single_at: int | None = None  # a top-level ‘single quote’, as British headlines use
    tags = [t.span() for t in _TAG.finditer(text, lo, hi)]
    for m in _MARK.finditer(text, lo, hi):
        mark, i, w = m.group(), m.start(), len(m.group())
        if any(a < i < b for a, b in tags):
            continue
        if mark in ("‘", "’", "'"):
            if open_at is not None:
                continue  # quotes within quotes belong to the outer quote
            # a straight mark is a quote's only where it can open or close one, else an apostrophe
            if mark != "’" and single_at is None and _looks_opening(text, i, 1) and text[i + 1 : i + 2].isalpha():
                single_at = i
            elif mark != "‘" and single_at is not None and _looks_closing(text, i, 1):
                straight = "'" in (mark, text[single_at])
                if not straight or " " in text[single_at:i]:  # rock 'n' roll: a straight pair holds words
                    yield Span(single_at, i + 1, single_at + 1, i, index)
                single_at = None
            continue
        if mark in _OPENERS:
            opening = not (open_at is not None and _looks_closing(text, i, w))
        elif mark in _CLOSERS:
            opening = open_at is None and _looks_opening(text, i, w)
        elif open_at is None:
            opening = not _looks_closing(text, i, w) or _looks_opening(text, i, w)
        else:
            opening = _looks_opening(text, i, w) and not _looks_closing(text, i, w)
        if opening:
            if open_at is not None:
                # The previous mark never closed: it costs only its own stretch.
                yield Span(open_at, i, open_at + open_width, i, index, closed=False)
            open_at, open_width = i, w
            single_at = None
        elif open_at is not None:
            yield Span(open_at, i + w, open_at + open_width, i, index)
            open_at = None
    if open_at is not None:
        yield Span(open_at, hi, open_at + open_width, hi, index, closed=False)


def find_spans(text: str) -> list[Span]:
    """Every quoted span in `text`, in order, trimmed of the whitespace inside its marks."""
    spans: list[Span] = []
    for index, (lo, hi) in enumerate(paragraphs(text)):
        for span in _paragraph_spans(text, lo, hi, index):
            span = _trim(text, span)
            if span.inner_end <= span.inner_start:
                continue
            if spans and not spans[-1].closed and spans[-1].paragraph == index - 1:
                first = text[lo:hi].lstrip()
                if span.start == lo + (hi - lo - len(first)):
                    span = Span(**{**span.__dict__, "continues": True})
            spans.append(span)
    return spans


def _trim(text: str, span: Span) -> Span:
    a, b = span.inner_start, span.inner_end
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Span(span.start, span.end, a, b, span.paragraph, span.closed, span.continues)
