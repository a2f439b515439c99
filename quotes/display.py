"""What reaches a terminal: stored and typed text shown as text, never as markup or escapes.

Everything a listing shows came from a scraped page or a user. Printed as a rich string, a quote
holding `[/bold]` is markup (a crash) and `[link=...]` a live link; printed at all, an ESC byte is
an instruction to the terminal (clear the screen, an OSC 8 link). So table cells are rich `Text`
(never parsed as markup) with their control characters written out as escapes (`\\x1b`), messages
are cleaned the same way and kept on one line, and JSON escapes what a terminal would obey.
Passwords of database URLs are scrubbed from every message (quotes.redact).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from typing import Any

import typer

from .redact import scrub

#: C0 and C1 control characters, DEL, and the bidirectional overrides that reorder what is shown.
_INVISIBLE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_IN_CELL = re.compile(f"[{_INVISIBLE}]")
_IN_LINE = re.compile(f"[{_INVISIBLE}\t\n]")
#: JSON escapes C0 itself; these it leaves raw, and a terminal reading them acts on them.
_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(value: object, *, one_line: bool = False) -> str:
    """The value as a string whose control characters are written out (`\\x1b`), not obeyed;
    `one_line` writes out line feeds and tabs too."""
    text = "" if value is None else str(value)
    return (_IN_LINE if one_line else _IN_CELL).sub(_escape, text)


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """JSON of `data`, with what a terminal would act on (C1 controls, bidi overrides) escaped:
    the same data for a program, inert on a screen."""
    return _IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, indent=indent, ensure_ascii=False))


def echo_json(data: Any, *, indent: int | None = 2) -> None:
    typer.echo(json_text(data, indent=indent))


def print_json(rows: Iterable[Any]) -> None:
    echo_json([r.to_dict() for r in rows])


def message(text: str) -> str:
    """A message as printed: on one line, control characters written out, passwords hidden."""
    return scrub(visible(text, one_line=True))


def error(text: str) -> None:
    """Print `Error: text` on stderr, cleaned as every message is."""
    typer.echo(f"Error: {message(text)}", err=True)


def note(text: str) -> None:
    """Print a cleaned message on stderr (what a command did)."""
    typer.echo(message(text), err=True)


def print_table(columns: list[str], rows: Iterable[Iterable[Any]], title: str | None = None) -> None:
    """A table of values as text: each cell (and the title) is `Text`, which rich never parses."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(*columns, title=Text(visible(title)) if title else None, show_lines=False, highlight=False)
    for row in rows:
        table.add_row(*(Text(visible(v)) for v in row))
    Console(soft_wrap=not sys.stdout.isatty()).print(table)


def roles_text(expert: Any) -> str:
    return "; ".join(
        ", ".join(part for part in (role.title, role.institution) if part) for role in expert.roles
    )


#: How a listing names each stored kind of statement. A reported statement is a paraphrase, never
#: the speaker's words: it is always shown under this label and never in quotation marks.
KIND_LABELS = {"direct": "quote", "mixed": "mixed", "indirect": "reported"}
REPORTED_LABEL = "reported: "


def labelled_text(quote: Any) -> str:
    """A statement's text as an editor may copy it out of a cell: a reported statement carries its
    label in the text itself ("reported: the alliance would not survive"), so a paraphrase copied
    out of a spreadsheet never passes for the speaker's words."""
    return REPORTED_LABEL + quote.text if quote.kind == "indirect" else quote.text


def shown_statement(quote: Any) -> str:
    """What a listing shows of a statement, beside its kind (`KIND_LABELS`): a mixed quote as the
    sentence it stands in, its quoted words in their marks ("He called the plan \"a fantasy\" on
    Monday"), never the bare fragment; a direct or reported one as its words."""
    return quote.sentence if quote.kind == "mixed" and quote.sentence else quote.text


def print_quotes(rows: list[Any], title: str | None = None) -> None:
    print_table(
        ["id", "expert", "kind", "statement", "article", "published"],
        ([q.id, q.expert or q.institution, KIND_LABELS.get(q.kind, q.kind), shown_statement(q),
          q.article_title or q.url or "", q.published or ""]
         for q in rows),
        title=title,
    )
