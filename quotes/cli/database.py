"""`quotes db`: the directory database itself."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..display import echo_json, message, note
from .common import (
    DbOption,
    JsonOption,
    app,
    errors,
)

db_app = typer.Typer(help="The directory database itself: where it is, its state, backups.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("status")
def db_status(as_json: JsonOption = False, db: DbOption = None) -> None:
    """Path, schema version, row counts and an integrity check."""
    from sqlmodel import Session

    from ..db import current_revision, integrity, location, open_db
    from ..directory import counts
    from ..failures import failures

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
    from ..db import database_url, location_of

    typer.echo(message(location_of(database_url(db))))


@db_app.command("backup")
def db_backup(
    target: Annotated[Path, typer.Argument(metavar="FILE", help="The new file to write the copy to.", dir_okay=False)],
    db: DbOption = None,
) -> None:
    """A consistent copy of the directory, safe while another process writes to it."""
    from ..db import backup, open_db

    with errors():
        written = backup(open_db(db, write=False), target)
    note(f"backed up to {written}")
