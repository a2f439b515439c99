"""The `quotes` command: Typer commands over the library, each a few lines.

Commands parse options, call the library and print. A library error (`QuotesError`) becomes one
line on stderr and exit code 1; nothing here knows how quotes are found or stored. One module a
family of commands: `ingesting` (ingest, extract), `reading` (search, listings, find, export),
`editing` (merge, rename, alias, split, reject, history), `desk` (serve), `database` (db).
"""

from __future__ import annotations

from ..helptext import plain_help
from .common import app, writing

# isort: off
# Each module registers its commands on `app`; --help lists them in this order.
from . import ingesting, reading, editing, desk, database  # noqa: E402, F401
# isort: on

__all__ = ["app", "main", "writing"]

plain_help(app)


def main() -> None:
    """Run the command. A reader that stops reading (`quotes export | head`) ends the output, as
    it does for any Unix tool: no error line, no traceback, exit status 1 (Python's advice)."""
    import os
    import sys

    try:
        app()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the flush at exit fails else
        sys.exit(1)
