"""The `quotes` command: Typer commands over the library, each a few lines.

Commands parse options, call the library and print. A library error (`QuotesError`) becomes one
line on stderr and exit code 1; nothing here knows how quotes are found or stored.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from .display import echo_json, error, json_text, message, note, print_json, print_quotes, print_table, roles_text
from .errors import DEBUG_VAR, QuotesError, debugging
from .helptext import plain_help
from .inputs import shown

app = typer.Typer(
    help="Find who said what in news articles, and keep an expert directory of it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

def _at_least_one(value: int) -> int:
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
PathsArgument = Annotated[list[str], typer.Argument(metavar="PATH", help="Files or folders (searched recursively); - for stdin.")]
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

    from .db import describe

    try:
        yield
    except QuotesError as exc:
        raise fail(str(exc)) from None
    except KeyboardInterrupt:
        raise fail("interrupted", 130) from None
    except (typer.Exit, typer.BadParameter):
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

    from .db import open_db

    with errors():
        engine = open_db(db, write=write)
        with Session(engine) as s:
            yield s


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None, typer.Argument(metavar="PATH", help="Files or folders (searched recursively); - for stdin.", show_default=False)
    ] = None,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", metavar="", help="Try again the articles that failed before (db status lists them).")
    ] = False,
    db: DbOption = None,
    model: ModelOption = None,
    encoding: EncodingOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", metavar="", help="No progress and no summary.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", metavar="N", callback=_at_least_one, help="Extract on this many processes.")] = 1,
    cluster: Annotated[
        str | None, typer.Option("--cluster", metavar="ADDRESS", help="Ingest on a Dask scheduler, e.g. tcp://host:8786 (with PostgreSQL, workers read and store).")
    ] = None,
    follow_links: FollowLinksOption = False,
) -> None:
    """Read articles, find their quotes and store them in the directory.

    Takes .txt, .html/.htm and .jsonl files (one article per line), folders, or - for stdin. Ingesting an article again adds nothing.

    An article that fails is reported in one line and kept in the directory for --retry-failed; the rest of the batch goes on.

    With --cluster and a PostgreSQL directory, each worker reads its share of the inputs, extracts and stores it itself: name files, folders or URLs (s3://...) every worker can read; standard input cannot be shared, use a file. With a SQLite directory, workers extract and this process stores (one writer, as SQLite needs).
    """
    if not paths and not retry_failed:
        raise typer.BadParameter("name files or folders to ingest (or - for stdin), or pass --retry-failed",
                                 param_hint="PATHS")
    from sqlmodel import Session

    from .db import open_db
    from .directory import counts
    from .ingest import Summary
    from .ingest import ingest as run
    from .nlp import load_pipeline, model_name

    with errors():
        engine = open_db(db)
        model = model_name(model)  # a missing pipeline fails here, before any worker starts
        nlp = load_pipeline(model) if workers == 1 and not cluster else None
        summary = Summary()
        outcomes = run(engine, paths or [], nlp=nlp, model=model, workers=workers, cluster=cluster,
                       encoding=encoding, retry_failed=retry_failed, follow_links=follow_links)
        total = _total(engine, paths or [], retry_failed, follow_links) if _on_terminal(quiet) else None
        for outcome in _progress(outcomes, quiet, total):
            summary.add(outcome)
            if outcome.error:
                _report(outcome.error, outcome.trace)
        with Session(engine) as s:
            size = counts(s)
    if not quiet:
        typer.echo(
            f"{summary.new} new, {summary.known} already known, {summary.failed} failed; "
            f"{summary.quotes} quotes; directory: {size['experts']} experts, {size['institutions']} institutions",
            err=True,
        )
    if summary.failed:
        raise typer.Exit(1)


def _on_terminal(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


def _total(engine: Any, paths: list[str], retry_failed: bool, follow_links: bool) -> int | None:
    """How many articles the run will go through, for the progress bar (None: unknown, from stdin)."""
    from .failures import failures
    from .read import count_articles

    total = count_articles(paths, follow_links=follow_links)
    if retry_failed and total is not None:
        from sqlmodel import Session

        with Session(engine) as s:
            total += failures(s, limit=0)[0]
    return total


def _progress(outcomes: Iterable[Any], quiet: bool, total: int | None = None) -> Iterator[Any]:
    """A progress bar on a terminal: articles done of how many, rate and time left; nothing in a
    pipe or a log."""
    if not _on_terminal(quiet):
        yield from outcomes
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = [TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn()]
    from rich.console import Console

    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("ingesting", total=total, rate="")
        for outcome in outcomes:
            speed = bar.tasks[0].speed
            bar.update(task, advance=1, rate=f"{speed:.1f} articles/s" if speed else "")
            yield outcome


@app.command()
def extract(
    paths: PathsArgument,
    jsonl: Annotated[bool, typer.Option("--jsonl", metavar="", help="One JSON line per article, for scripts and scoring.")] = False,
    model: ModelOption = None,
    encoding: EncodingOption = None,
    follow_links: FollowLinksOption = False,
) -> None:
    """Find quotes and their speakers without storing anything."""
    from .extract import extract_items
    from .nlp import load_pipeline
    from .read import read_paths

    failed = 0
    with errors():
        nlp = load_pipeline(model)
        for result in extract_items(read_paths(paths, encoding=encoding, follow_links=follow_links), nlp):
            if isinstance(result, QuotesError):
                failed += 1
                _report(str(result), getattr(result, "trace", None))
            elif jsonl:
                typer.echo(json_text(result.to_json(), indent=None))
            else:
                print_table(
                    ["speaker", "title", "affiliation", "quote", "cue", "conf"],
                    ([q.speaker, q.title, q.affiliation, q.text, q.cue, q.confidence] for q in result.quotes),
                    title=result.article.title or result.article.id,
                )
    if failed:
        raise typer.Exit(1)


def _report(text: str, trace: str | None = None) -> None:
    """One failed input: a line naming it, and under --debug the traceback of a bug."""
    error(text)
    if trace and debugging():
        typer.echo(trace.rstrip(), err=True)


@app.command()
def search(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A name or part of one: any case, accents, small misspellings.")],
    quotes: Annotated[bool, typer.Option("--quotes", metavar="", help="List each expert's quotes too.")] = False,
    limit: LimitOption = 20,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Find experts by name, with their titles, institutions and quote counts."""
    from .directory import quotes as quotes_of
    from .directory import search as run

    with session(db) as s:
        found = run(s, name, limit=limit)
        if not found:
            raise fail(f"no expert matches {shown(name)}")
        listed = {e.id: list(quotes_of(s, person_ids=[e.id])) for e in found} if quotes else {}
    if as_json:
        payload = [{**e.to_dict(), **({"quotes": [q.to_dict() for q in listed[e.id]]} if quotes else {})} for e in found]
        echo_json(payload)
        return
    print_table(["id", "expert", "roles", "quotes", "match"], ([e.id, e.name, roles_text(e), e.quotes, e.match] for e in found))
    for expert in found if quotes else []:
        print_quotes(listed[expert.id], title=expert.name)


@app.command()
def institution(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The institution's name, with or without 'the', or its acronym.")],
    limit: LimitOption = 1000,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Every quote by people affiliated with an institution."""
    from .directory import find_institution, quotes

    with session(db) as s:
        found = find_institution(s, name)
        rows = list(quotes(s, institution_id=found.id, limit=limit))
        label = found.name + (f" ({found.acronym})" if found.acronym else "")
    if as_json:
        echo_json({"institution": label, "quotes": [q.to_dict() for q in rows]})
        return
    print_quotes(rows, title=f"{label}: {len(rows)} quotes")


@app.command()
def find(
    words: Annotated[str, typer.Argument(metavar="WORDS", help="Words to find in what experts said.")],
    expert: Annotated[str | None, typer.Option("--expert", metavar="NAME", help="Only quotes by experts matching this name.")] = None,
    institution: Annotated[str | None, typer.Option("--institution", metavar="NAME", help="Only quotes by this institution's people.")] = None,
    since: Annotated[str | None, typer.Option("--since", metavar="DATE", help="Only articles published on or after YYYY-MM-DD.")] = None,
    raw: Annotated[bool, typer.Option("--raw", metavar="", help="Pass the words to the engine's full-text syntax as they are.")] = False,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Full-text search in what experts said, best match first."""
    from .directory import filters, quotes

    with session(db) as s:
        rows = list(quotes(s, **filters(s, expert=expert, institution=institution, since=since), matching=words, raw=raw, limit=limit))
    if as_json:
        print_json(rows)
        return
    print_quotes(rows, title=f"{len(rows)} quotes matching {shown(words)}")


@app.command()
def experts(
    sort: Annotated[str, typer.Option("--sort", metavar="KEY", help="quotes, name or recent.")] = "quotes",
    similar: Annotated[bool, typer.Option("--similar", metavar="", help="List pairs that may be one person, to merge.")] = False,
    about: Annotated[str | None, typer.Option("--about", metavar="TOPIC", help="Experts who spoke to this topic, best first.")] = None,
    since: Annotated[str | None, typer.Option("--since", metavar="DATE", help="With --about: only articles published on or after YYYY-MM-DD.")] = None,
    institution: Annotated[str | None, typer.Option("--institution", metavar="NAME", help="With --about: only this institution's people.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", metavar="KIND", help="With --about: only statements of this kind (direct, mixed).")] = None,
    limit: LimitOption = 100,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The experts in the directory, with quote counts; with --about, those who spoke to a topic."""
    from .directory import experts as run
    from .directory import similar as pairs

    if about is not None:
        _experts_about(about, since, institution, kind, limit, as_json, db)
        return
    if similar:
        with session(db) as s:
            found = pairs(s)[:limit]
        if as_json:
            print_json(found)
        else:
            print_table(["id", "expert", "id", "possibly the same as", "score"],
                        ([p.a_id, p.a, p.b_id, p.b, p.score] for p in found))
        return
    with session(db) as s:
        rows = run(s, sort=sort, limit=limit)
    if as_json:
        print_json(rows)
        return
    print_table(["id", "expert", "roles", "quotes"], ([e.id, e.name, roles_text(e), e.quotes] for e in rows))


def _experts_about(topic: str, since: str | None, institution: str | None, kind: str | None, limit: int,
                   as_json: bool, db: str | None) -> None:
    """`experts --about`: each expert with their role and best statements (sentence, article, date)."""
    from .directory import filters
    from .topics import about

    with session(db) as s:
        where = filters(s, institution=institution, since=since)
        found = about(s, topic, since=since, institution_id=where["institution_id"], kind=kind, limit=limit)
    if as_json:
        print_json(found)
        return
    rows = ([e.id if n == 0 else "", e.name if n == 0 else "", ", ".join(p for p in (e.title, e.institution) if p)
             if n == 0 else "", st.sentence, st.article_title or "", (st.published or "")[:10]]
            for e in found for n, st in enumerate(e.statements))
    print_table(["id", "expert", "role", "what they said", "article", "published"], rows,
                title=f"{len(found)} experts about {topic!r}")


@app.command()
def institutions(
    sort: Annotated[str, typer.Option("--sort", metavar="KEY", help="quotes, experts or name.")] = "quotes",
    limit: LimitOption = 100,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The institutions in the directory, with expert and quote counts."""
    from .directory import institutions as run

    with session(db) as s:
        rows = run(s, sort=sort, limit=limit)
    if as_json:
        print_json(rows)
        return
    print_table(["id", "institution", "acronym", "experts", "quotes"], ([i.id, i.name, i.acronym, i.experts, i.quotes] for i in rows))


@app.command()
def export(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="File to write. Default: standard output.", dir_okay=False)
    ] = None,
    expert: Annotated[str | None, typer.Option("--expert", metavar="NAME", help="Only quotes by experts matching this name.")] = None,
    institution: Annotated[str | None, typer.Option("--institution", metavar="NAME", help="Only quotes by this institution's people.")] = None,
    since: Annotated[str | None, typer.Option("--since", metavar="DATE", help="Only articles published on or after YYYY-MM-DD.")] = None,
    excel: Annotated[bool, typer.Option("--excel", metavar="", help="UTF-8 with a byte-order mark, for Excel.")] = False,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="JSON lines instead of CSV.")] = False,
    db: DbOption = None,
) -> None:
    """Export quotes as CSV for editors: one row per statement, with ids beside labels.

    A statement that several articles carry is one row; `articles` says how many, `sources` which.
    """
    from .directory import filters, quotes
    from .export import export_file, write_csv, write_json

    with session(db) as s:
        rows = quotes(s, **filters(s, expert=expert, institution=institution, since=since), statements=True, order="stored")
        if output is None:
            if excel:
                sys.stdout.buffer.write("\ufeff".encode())
                sys.stdout.flush()
            count = (write_json if as_json else write_csv)(rows, sys.stdout)
        else:
            try:
                count = export_file(rows, output, excel=excel, fmt="json" if as_json else "csv")
            except OSError as exc:
                raise fail(f"cannot write {output}: {exc.strerror or exc}") from None
            note(f"{count} quotes written to {output}")


@contextmanager
def writing(db: str | None) -> Iterator[Any]:
    """A session whose changes are committed together, or not at all, holding the write lock from
    its first read: two editors' changes run one after the other, so the second reads what the
    first left (the expert it names may be gone) rather than failing half-way. Say what was done
    after the block: the commit is its end, and can fail."""
    from .db import write_lock

    with session(db, write=True) as s, s.begin():
        write_lock(s.connection())
        yield s


InstitutionFlag = Annotated[bool, typer.Option("--institution", metavar="", help="The ids are institutions', not experts'.")]


@app.command()
def merge(
    source: Annotated[int, typer.Argument(metavar="ID", help="Id of the expert (or institution) to fold in.")],
    target: Annotated[int, typer.Argument(metavar="ID", help="Id of the one to keep.")],
    institution: InstitutionFlag = False,
    db: DbOption = None,
) -> None:
    """Merge two experts (or institutions) that are one; the merged name keeps resolving."""
    from . import curate

    with writing(db) as s:
        kept = curate.merge(s, "institution" if institution else "person", source, target)
        done = f"merged {source} into {kept.id} ({kept.name})"
    note(done)


@app.command()
def rename(
    target: Annotated[int, typer.Argument(metavar="ID", help="Id of the expert (or institution).")],
    name: Annotated[str, typer.Argument(metavar="NAME", help="The name to show.")],
    institution: InstitutionFlag = False,
    db: DbOption = None,
) -> None:
    """Show an expert (or institution) under another name; the old name keeps resolving."""
    from . import curate

    with writing(db) as s:
        row = curate.rename(s, "institution" if institution else "person", target, name)
        done = f"{row.id} is now {row.name}"
    note(done)


alias_app = typer.Typer(help="Other names an expert or institution is known by.", no_args_is_help=True)
app.add_typer(alias_app, name="alias")


@alias_app.command("add")
def alias_add(
    target: Annotated[int, typer.Argument(metavar="ID", help="Id of the expert (or institution).")],
    form: Annotated[str, typer.Argument(metavar="FORM", help="The other name, spelling or acronym.")],
    institution: InstitutionFlag = False,
    db: DbOption = None,
) -> None:
    """Make another name resolve to an expert (or institution), in ingest and search."""
    from . import curate

    with writing(db) as s:
        curate.alias(s, "institution" if institution else "person", target, form)
    note(f"{shown(form)} now names {target}")


@app.command()
def split(
    expert: Annotated[int, typer.Argument(metavar="EXPERT_ID", help="Id of the expert taken for two people.")],
    quote_ids: Annotated[list[int], typer.Argument(metavar="QUOTE_ID", help="Ids of the quotes that are the other person's.")],
    name: Annotated[str, typer.Option("--name", metavar="NAME", help="The other person's full name.")],
    db: DbOption = None,
) -> None:
    """Move quotes from one expert to a new one."""
    from . import curate

    with writing(db) as s:
        new = curate.split_person(s, expert, quote_ids, name)
        done = f"{len(quote_ids)} quotes moved to new expert {new.id} ({new.name})"
    note(done)


@app.command()
def reject(
    quote_id: Annotated[int, typer.Argument(metavar="QUOTE_ID", help="Id of the wrong quote.")],
    undo: Annotated[bool, typer.Option("--undo", metavar="", help="Accept it again.")] = False,
    db: DbOption = None,
) -> None:
    """Mark a quote as wrong: it leaves listings and exports, and stays out on re-ingest."""
    from . import curate

    with writing(db) as s:
        curate.reject(s, quote_id, undo=undo)
    note(f"quote {quote_id} {'accepted' if undo else 'rejected'}")


@app.command()
def history(limit: LimitOption = 50, as_json: JsonOption = False, db: DbOption = None) -> None:
    """What editors changed, newest first."""
    from .curate import history as run

    with session(db) as s:
        rows = run(s, limit=limit)
    if as_json:
        echo_json(rows)
        return
    print_table(["id", "when", "action", "kind", "target", "detail"],
                ([r["id"], r["created_at"], r["action"], r["kind"], r["target_id"], json_text(r["detail"], indent=None)]
                 for r in rows))


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; any but loopback opens the desk to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    edit: Annotated[bool, typer.Option("--edit", help="Allow curation from the browser, behind $QUOTES_TOKEN.")] = False,
) -> None:
    """Browse and search the directory in a web browser (curate it too, with --edit)."""
    from .web.server import serve as run

    with errors():
        run(db, host=host, port=port, edit=edit)


db_app = typer.Typer(help="The directory database itself: where it is, its state, backups.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("status")
def db_status(as_json: JsonOption = False, db: DbOption = None) -> None:
    """Path, schema version, row counts and an integrity check."""
    from sqlmodel import Session

    from .db import current_revision, integrity, location, open_db
    from .directory import counts
    from .failures import failures

    with errors():
        engine = open_db(db, write=False)
        with Session(engine) as s:
            failed, recent = failures(s, limit=None if as_json else 20)
            report = {"path": location(engine), "schema": current_revision(engine), **counts(s),
                      "failed articles": failed, "integrity": integrity(engine)}
    if as_json:
        echo_json({**report, "failed": [f.to_dict() for f in recent]})
    else:
        for key, value in report.items():
            typer.echo(message(f"{key}: {value}"))
        for failure in recent:
            typer.echo(message(f"  failed ({failure.attempts}x, {failure.failed_at}): {failure.error}"))
        if failed > len(recent):
            typer.echo(f"  ... and {failed - len(recent)} more (--json lists all)")
        if failed:
            typer.echo("  (quotes ingest --retry-failed tries them again)")
    if report["integrity"] not in ("ok", "not checked (SQLite only)"):
        raise typer.Exit(1)


@db_app.command("path")
def db_path(db: DbOption = None) -> None:
    """Print where the directory database is."""
    from .db import database_url, location_of

    typer.echo(message(location_of(database_url(db))))


@db_app.command("backup")
def db_backup(
    target: Annotated[Path, typer.Argument(metavar="FILE", help="The new file to write the copy to.", dir_okay=False)],
    db: DbOption = None,
) -> None:
    """A consistent copy of the directory, safe while another process writes to it."""
    from .db import backup, open_db

    with errors():
        written = backup(open_db(db, write=False), target)
    note(f"backed up to {written}")


plain_help(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
