"""The library's errors: each carries a one-line message that tells the user the fix."""

import os

#: Set (to anything but "" or "0") by `quotes --debug`: tracebacks and internals go to stderr.
DEBUG_VAR = "QUOTES_DEBUG"


def debugging() -> bool:
    """Whether the user asked for tracebacks and internals (`--debug` or $QUOTES_DEBUG)."""
    return os.environ.get(DEBUG_VAR, "") not in ("", "0")


class QuotesError(Exception):
    """Something the user can fix; the CLI prints it as one line and exits non-zero."""


class ReadError(QuotesError):
    """An input file or line could not be read as an article."""


class ModelError(QuotesError):
    """No spaCy pipeline could be loaded."""


class DatabaseError(QuotesError):
    """The directory database could not be opened or migrated."""
