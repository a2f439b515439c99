"""What a user types, checked before it reaches the directory, and echoed back safely.

A query goes to SQLite or PostgreSQL as UTF-8: a lone surrogate (invalid UTF-8 in argv) or a NUL
cannot be sent, and a blank filter silently means "everything". A name is cleaned word by word
(resolve.person_key), which grows with the square of a long input, so a query is bounded. A
message that quotes the input quotes its first words only.
"""

from __future__ import annotations

import re
from datetime import date

from .errors import QuotesError

#: The longest name or set of words a search takes: far above any name, far below a page of text.
MAX_QUERY = 1000
#: How much of a user's input a message repeats.
ECHO = 80
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class InputError(QuotesError):
    """A filter or query the user gave cannot be used as it is."""


def shown(value: str, width: int = ECHO) -> str:
    """The value quoted for a message: its first `width` characters and "…" (repr escapes
    control characters and surrogates, so the message stays one printable line)."""
    return repr(value[:width]) + ("…" if len(value) > width else "")


def query_text(value: str, what: str) -> str:
    """`value` if it can be sent as a query; else an `InputError` saying why. `what` is what
    was asked for, for the message: "a name", "words to find"."""
    if not value.strip():
        raise InputError(f"give {what}; {shown(value)} is blank")
    if len(value) > MAX_QUERY:
        raise InputError(f"give {what} of at most {MAX_QUERY} characters, not {len(value)}: {shown(value)}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{shown(value)} is not valid UTF-8 text; give {what} as text") from None
    if "\x00" in value:
        raise InputError(f"{shown(value)} holds a NUL character; give {what} without it") from None
    return value


def iso_date(value: str | date, what: str = "--since") -> date:
    """A date written YYYY-MM-DD, strictly: `date.fromisoformat` alone takes 20250101 and
    2025-W01-1 too, which no user means as a date to compare with."""
    if isinstance(value, date):
        return value
    try:
        if _ISO_DATE.fullmatch(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise InputError(f"{what} {shown(value)} is not a date like 2024-05-31 (YYYY-MM-DD)")
