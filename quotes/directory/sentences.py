"""The sentence a quote stands in, read from the stored article around the quote's offsets.

A mixed quote ("the plan was 'a fantasy'") or a scare quote tells an editor nothing alone; every
listing and export carries the sentence, and the desk shows it around the quote. Only
CONTEXT_REACH characters each side are read from the article (`substr` counts characters on both
engines, as the stored offsets do), so a listing of a million quotes reads no whole article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import case, func

from .. import models

#: How far around a quote its sentence is looked for, in characters each way.
CONTEXT_REACH = 400
#: Where a sentence ends: after . ! ? (and a closing mark), before space; or a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’»)]*\s+|\n+")


@dataclass
class Context:
    """The sentence (or sentences) a quote stands in: the words before it and after it."""

    before: str
    after: str


def around(text: str, start: int, end: int, offset: int) -> Context:
    """The sentence around text[start:end] (offsets in the article; `text` begins at `offset`)."""
    a, b = start - offset, end - offset
    before, after = text[:a], text[b:]
    ends = list(_SENTENCE_END.finditer(before))
    # the mark that opens the quote stays with it, so the sentence starts after the last full stop
    before = before[ends[-1].end():] if ends else before
    stop = _SENTENCE_END.search(after, 1)
    after = after[: stop.start()] if stop else after
    return Context(before.lstrip(), after.rstrip())


def sentence(window: str | None, start: int, end: int, offset: int) -> str | None:
    """The whole sentence around the quote at start:end, marks and all."""
    if window is None:
        return None
    context = around(window, start, end, offset)
    return context.before + window[start - offset : end - offset] + context.after


#: The columns that read a quote's window of article: its offsets, where the window begins, the window.
WINDOW_BEGIN = case((models.Quote.start < CONTEXT_REACH, 0), else_=models.Quote.start - CONTEXT_REACH)
WINDOW_COLUMNS = (
    models.Quote.start,
    models.Quote.end,
    WINDOW_BEGIN,
    func.substr(models.Article.text, WINDOW_BEGIN + 1, models.Quote.end - WINDOW_BEGIN + CONTEXT_REACH),
)
