"""CSV and JSON for editors: a row per quote, a readable label beside every id.

A spreadsheet evaluates a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return,
and it strips what comes before first: spaces, line feeds, no-break and zero-width spaces. It
also reads the full-width forms (`＝`, `＋`) as the signs. A quote or a name from a scraped page must
never run as a formula in an editor's Excel, so a cell that starts so once stripped as a
spreadsheet strips gets a leading apostrophe (OWASP's advice), which shows the text as typed.
Control characters are written out (`\x1b`), as on a terminal: an export printed to one is one.

Every row carries its `kind` (direct, mixed, indirect). A reported statement is a paraphrase, so
its `quote` cell says so in the cell itself ("reported: ..."): an editor who copies one cell out
of the sheet cannot take it for the speaker's words. JSON keeps the text as found, beside `kind`.
"""

from __future__ import annotations

import csv
import os
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from .directory import QuoteRow
from .display import json_text, labelled_text, visible

COLUMNS = (
    "quote_id", "expert_id", "expert", "title", "institution_id", "institution", "quote", "sentence",
    "article_id", "article_title", "url", "published", "outlet", "kind", "cue", "confidence", "articles", "sources",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Signs a spreadsheet may take for the ones above: the minus sign, and (through NFKC) the
#: full-width and small forms (＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫).
_LOOKALIKES = ("\u2212",)
#: What a spreadsheet may skip before a formula: whitespace (str.isspace: line feed, no-break
#: space, ideographic space...) and these, which are not spaces to Python.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u180e"


def neutralise(value: object) -> object:
    """A cell value no spreadsheet will evaluate as a formula."""
    if isinstance(value, str) and _formula_like(value):
        return "'" + value
    return value


def _formula_like(value: str) -> bool:
    """Whether the cell starts like a formula, as written or after what a spreadsheet strips."""
    if value.startswith(FORMULA_STARTS):
        return True
    stripped = value.lstrip()
    while stripped and (stripped[0] in _INVISIBLE or stripped[0].isspace()):
        stripped = stripped[1:].lstrip()
    if not stripped:
        return False
    first = unicodedata.normalize("NFKC", stripped[0])
    return first.startswith(FORMULA_STARTS) or stripped[0] in _LOOKALIKES


def _row(quote: QuoteRow) -> list[object]:
    values = (
        quote.id, quote.expert_id, quote.expert, quote.title, quote.institution_id, quote.institution,
        labelled_text(quote), quote.sentence, quote.article_id, quote.article_title, quote.url, quote.published, quote.outlet,
        quote.kind, quote.cue, quote.confidence, quote.articles, quote.sources,
    )
    return [neutralise(visible(v)) if isinstance(v, str) else v for v in values]


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
        out.write(json_text(quote.to_dict(), indent=None) + "\n")
        count += 1
    return count


def export_file(rows: Iterable[QuoteRow], path: Path, *, excel: bool = False, fmt: str = "csv") -> int:
    """Export to `path` atomically: a reader never sees half a file, and a failure leaves none.

    `excel` adds a UTF-8 byte-order mark, which Excel needs to read accents right.
    """
    path = Path(path)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        os.fchmod(handle, _file_mode(path))
        with os.fdopen(handle, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as out:
            count = write_json(rows, out) if fmt == "json" else write_csv(rows, out)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return count


def _file_mode(path: Path) -> int:
    """The mode a file written in place would get: the target's own if it exists, else what the
    umask leaves of rw-rw-rw- (mkstemp makes its file rw------- whatever the umask)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
