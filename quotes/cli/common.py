"""What every `quotes` command shares: the app, its options, and errors as one line each.

Commands parse options, call the library and print. A library error (`QuotesError`) becomes one
line on stderr and exit code 1; nothing here knows how quotes are found or stored.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from ..display import error
from ..errors import DEBUG_VAR, QuotesError, debugging

app = typer.Typer(
    help="Find who said what in news articles, and keep an expert directory of it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def at_least_one(value: int) -> int:
    if value < 1:
        raise typer.BadParameter(f"{value} is not a count: give 1 or more")
    return value


DbOption = Annotated[
    str | None,
    typer.Option("--db", metavar="PATH_OR_URL", help="Database file or URL. Default: $QUOTES_DB, else db/quotes.db.", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", metavar="", help="Print JSON instead of a table.")]
ModelOption = Annotated[
    str | None, typer.Option("--model", metavar="NAME", help="spaCy pipeline to use. Default: en_core_web_sm if installed.")
]
EncodingOption = Annotated[
    str | None, typer.Option("--encoding", metavar="NAME", help="Text encoding of the inputs. Default: UTF-8.")
]
#: The most rows a listing prints: beyond it a listing is an export (and 10**18 overflows SQLite).
MAX_LIMIT = 100_000


def _row_limit(value: int) -> int:
    if not 1 <= value <= MAX_LIMIT:
        raise typer.BadParameter(f"{value} is not a row count: give 1 to {MAX_LIMIT:,}")
    return value


LimitOption = Annotated[int, typer.Option("--limit", "-n", metavar="N", callback=_row_limit, help="At most this many rows.")]
_PATHS_HELP = "Files or folders (searched recursively); - for stdin."
PathsArgument = Annotated[list[str], typer.Argument(metavar="PATH", help=_PATHS_HELP)]
#: The same, where another option can stand in for them (ingest --retry-failed).
OptionalPathsArgument = Annotated[list[str] | None, typer.Argument(metavar="PATH", help=_PATHS_HELP, show_default=False)]
#: The filters of every listing of quotes (find, export).
ExpertOption = Annotated[str | None, typer.Option("--expert", metavar="NAME", help="Only quotes by experts matching this name.")]
InstitutionOption = Annotated[
    str | None, typer.Option("--institution", metavar="NAME", help="Only quotes by this institution's people.")
]
MIN_WORDS = 2  # directory.LISTED_MIN_WORDS, without importing the directory for every command's help


def _word_count(value: int) -> int:
    if not 0 <= value <= 1000:
        raise typer.BadParameter(f"{value} is not a word count: give 0 to 1,000")
    return value


MinWordsOption = Annotated[int, typer.Option(
    "--min-words", metavar="N", callback=_word_count,
    help="Leave out statements of fewer words (one-word scare quotes); 0 lists all.")]


def _kinds(value: str | None) -> frozenset[str] | None:
    """A comma list of kinds of statement, checked: "direct,mixed"."""
    from ..kinds import KINDS

    if value is None:
        return None
    kinds = frozenset(part.strip() for part in value.split(",") if part.strip())
    unknown = sorted(kinds - set(KINDS))
    if unknown or not kinds:
        raise typer.BadParameter(f"{', '.join(unknown) or 'nothing'} is no kind; the kinds are {', '.join(KINDS)}")
    return kinds


KindsOption = Annotated[str | None, typer.Option(
    "--kinds", "--kind", metavar="KINDS", callback=_kinds,
    help="Kinds of statement to extract, comma-separated: direct, mixed, indirect (reported speech). Default: all. "
         "direct,mixed parses only what quotes need, and is faster.")]
#: The same filter on what is listed: every read command takes it.
KindOption = Annotated[str | None, typer.Option(
    "--kind", "--kinds", metavar="KINDS", callback=_kinds,
    help="Only statements of these kinds, comma-separated: direct, mixed, indirect (reported). Default: all, each labelled.")]
SinceOption = Annotated[str | None, typer.Option("--since", metavar="DATE", help="Only articles published on or after YYYY-MM-DD.")]
FollowLinksOption = Annotated[
    bool, typer.Option("--follow-links", metavar="", help="Read links in folders that point outside them (not followed otherwise).")
]


@app.callback()
def _options(
    debug: Annotated[
        bool, typer.Option("--debug", metavar="", help="On an error, print the traceback and internals, for a bug report.")
    ] = False,
) -> None:
    """Find who said what in news articles, and keep an expert directory of it."""
    if debug:
        os.environ[DEBUG_VAR] = "1"
    _library_messages(debugging())


def _library_messages(debug: bool) -> None:
    """Warnings and log lines of the libraries under us (a page's unknown time zone, trafilatura
    discarding a page's part) go to the log, which only --debug shows: never into a user's
    terminal, in the middle of the progress line."""
    import logging

    logging.captureWarnings(True)
    root = logging.getLogger()
    if debug:
        if not any(isinstance(h, logging.StreamHandler) for h in root.handlers):
            logging.basicConfig(level=logging.INFO, format="debug: %(name)s: %(message)s")
    elif not root.handlers:
        root.addHandler(logging.NullHandler())  # else Python's last resort prints warnings to stderr


def fail(message: str, code: int = 1) -> typer.Exit:
    error(message)
    return typer.Exit(code)


@contextmanager
def errors() -> Iterator[None]:
    """Turn the library's errors into one line and a non-zero exit, never a traceback; a database
    error in the user's terms, its SQL and parameters only under --debug."""
    from sqlalchemy.exc import SQLAlchemyError

    from ..db import describe

    try:
        yield
    except QuotesError as exc:
        raise fail(str(exc)) from None
    except KeyboardInterrupt:
        raise fail("interrupted", 130) from None
    except (typer.Exit, typer.BadParameter, BrokenPipeError):
        raise
    except SQLAlchemyError as exc:
        if debugging():
            traceback.print_exc()
        raise fail(describe(exc) + ("" if debugging() else " (run with --debug for the details)")) from None
    except Exception as exc:  # a bug: still one line for the user, and the type for the report
        if debugging():
            traceback.print_exc()
        raise fail(f"unexpected {type(exc).__name__}: {exc} (run with --debug for the traceback)", 2) from None


@contextmanager
def session(db: str | None, *, write: bool = False) -> Iterator[Any]:
    """A session on the directory; a read command's (`write` false) never creates or migrates one
    that is missing and reads one on read-only storage."""
    from sqlmodel import Session

    from ..db import open_db

    with errors():
        engine = open_db(db, write=write)
        with Session(engine) as s:
            yield s


@contextmanager
def writing(db: str | None) -> Iterator[Any]:
    """A session whose changes are committed together, or not at all, holding the write lock from
    its first read: two editors' changes run one after the other, so the second reads what the
    first left (the expert it names may be gone) rather than failing half-way. Say what was done
    after the block: the commit is its end, and can fail."""
    from ..db import write_lock

    with session(db, write=True) as s, s.begin():
        write_lock(s.connection())
        yield s


InstitutionFlag = Annotated[bool, typer.Option("--institution", metavar="", help="The ids are institutions', not experts'.")]


def report(text: str, trace: str | None = None) -> None:
    """One failed input: a line naming it, and under --debug the traceback of a bug."""
    error(text)
    if trace and debugging():
        typer.echo(trace.rstrip(), err=True)
