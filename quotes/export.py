"""CSV and JSON for editors: a row per quote, a readable label beside every id.

A spreadsheet evaluates a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return;
a quote or a name from a scraped page must never run as a formula in an editor's Excel, so such a
cell gets a leading apostrophe (OWASP's advice), which shows the text as typed.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from .directory import QuoteRow

COLUMNS = (
    "quote_id", "expert_id", "expert", "title", "institution_id", "institution", "quote",
    "article_id", "article_title", "url", "published", "outlet", "kind", "cue", "confidence", "articles", "sources",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A cell value no spreadsheet will evaluate as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _row(quote: QuoteRow) -> list[object]:
    values = (
        quote.id, quote.expert_id, quote.expert, quote.title, quote.institution_id, quote.institution,
        quote.text, quote.article_id, quote.article_title, quote.url, quote.published, quote.outlet,
        quote.kind, quote.cue, quote.confidence, quote.articles, quote.sources,
    )
    return [neutralise(v) for v in values]


def write_csv(rows: Iterable[QuoteRow], out: IO[str]) -> int:
    """Write the rows as CSV with a header; return how many quotes were written."""
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    count = 0
    for quote in rows:
        writer.writerow(_row(quote))
        count += 1
    return count


def write_json(rows: Iterable[QuoteRow], out: IO[str]) -> int:
    """Write the rows as one JSON object per line."""
    count = 0
    for quote in rows:
        out.write(json.dumps(quote.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


def export_file(rows: Iterable[QuoteRow], path: Path, *, excel: bool = False, fmt: str = "csv") -> int:
    """Export to `path` atomically: a reader never sees half a file, and a failure leaves none.

    `excel` adds a UTF-8 byte-order mark, which Excel needs to read accents right.
    """
    path = Path(path)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as out:
            count = write_json(rows, out) if fmt == "json" else write_csv(rows, out)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return count
