"""The library's errors: each carries a one-line message that tells the user the fix."""


class QuotesError(Exception):
    """Something the user can fix; the CLI prints it as one line and exits non-zero."""


class ReadError(QuotesError):
    """An input file or line could not be read as an article."""


class ModelError(QuotesError):
    """No spaCy pipeline could be loaded."""


class DatabaseError(QuotesError):
    """The directory database could not be opened or migrated."""
