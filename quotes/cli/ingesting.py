"""Commands that read articles: `ingest` stores what it finds, `extract` only prints it."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Annotated, Any

import typer

from ..display import json_text, print_table
from ..errors import QuotesError
from .common import (
    DbOption,
    EncodingOption,
    FollowLinksOption,
    KindsOption,
    ModelOption,
    OptionalPathsArgument,
    PathsArgument,
    app,
    at_least_one,
    errors,
    report,
)


@app.command()
def ingest(
    paths: OptionalPathsArgument = None,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", metavar="", help="Try again the articles that failed before (db status lists them).")
    ] = False,
    db: DbOption = None,
    model: ModelOption = None,
    encoding: EncodingOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", metavar="", help="No progress and no summary.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", metavar="N", callback=at_least_one, help="Extract on this many processes.")] = 1,
    cluster: Annotated[
        str | None, typer.Option("--cluster", metavar="ADDRESS", help="Ingest on a Dask scheduler, e.g. tcp://host:8786 (with PostgreSQL, workers read and store; start them with DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False).")
    ] = None,
    follow_links: FollowLinksOption = False,
    kinds: KindsOption = None,
) -> None:
    """Read articles, find their statements (quotes and reported speech) and store them in the directory.

    Takes .txt, .html/.htm and .jsonl files (one article per line), folders, or - for stdin. Ingesting an article again adds nothing, whatever --kinds it was ingested with.

    An article that fails is reported in one line and kept in the directory for --retry-failed; the rest of the batch goes on.

    With --cluster and a PostgreSQL directory, each worker reads its share of the inputs, extracts and stores it itself: name files, folders or URLs (s3://...) every worker can read; standard input cannot be shared, use a file. With a SQLite directory, workers extract and this process stores (one writer, as SQLite needs).
    """
    if not paths and not retry_failed:
        raise typer.BadParameter("name files or folders to ingest (or - for stdin), or pass --retry-failed",
                                 param_hint="PATHS")
    from sqlmodel import Session

    from ..db import open_db
    from ..directory import counts
    from ..ingest import Summary
    from ..ingest import ingest as run
    from ..nlp import load_pipeline, model_name

    with errors():
        engine = open_db(db)
        model = model_name(model)  # a missing pipeline fails here, before any worker starts
        nlp = load_pipeline(model) if workers == 1 and not cluster else None
        summary = Summary()
        outcomes = run(engine, paths or [], nlp=nlp, model=model, workers=workers, cluster=cluster,
                       encoding=encoding, retry_failed=retry_failed, follow_links=follow_links,
                       **_asked(kinds))
        total = _total(engine, paths or [], retry_failed, follow_links) if _on_terminal(quiet) else None
        for outcome in _progress(outcomes, quiet, total):
            summary.add(outcome)
            if outcome.error:
                report(outcome.error, outcome.trace)
        with Session(engine) as s:
            size = counts(s)
    if not quiet:
        typer.echo(
            f"{summary.new} new, {summary.known} already known, {summary.failed} failed; "
            f"{summary.quotes - summary.reported} quotes, {summary.reported} reported; directory: {size['experts']} experts, {size['institutions']} institutions",
            err=True,
        )
    if summary.failed:
        raise typer.Exit(1)


def _asked(kinds: Any) -> dict[str, frozenset[str]]:
    """`kinds=` for the library where --kinds was given (its callback made it a set)."""
    return {"kinds": kinds} if kinds else {}


def _on_terminal(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty()


def _total(engine: Any, paths: list[str], retry_failed: bool, follow_links: bool) -> int | None:
    """How many articles the run will go through, for the progress bar (None: unknown, from stdin)."""
    from ..failures import failures
    from ..read import count_articles

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
    kinds: KindsOption = None,
) -> None:
    """Find statements (quotes and reported speech) and their speakers without storing anything."""
    from ..extract import extract_items
    from ..nlp import load_pipeline
    from ..read import read_paths

    failed = 0
    with errors():
        nlp = load_pipeline(model)
        for result in extract_items(read_paths(paths, encoding=encoding, follow_links=follow_links), nlp, **_asked(kinds)):
            if isinstance(result, QuotesError):
                failed += 1
                report(str(result), getattr(result, "trace", None))
            elif jsonl:
                typer.echo(json_text(result.to_json(), indent=None))
            else:
                print_table(
                    ["speaker", "title", "affiliation", "kind", "statement", "cue", "conf"],
                    ([q.speaker, q.title, q.affiliation, q.kind, q.text, q.cue, q.confidence] for q in result.quotes),
                    title=result.article.title or result.article.id,
                )
    if failed:
        raise typer.Exit(1)
