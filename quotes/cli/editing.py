"""Commands that change the directory, as editors curate it; each change is logged."""

from __future__ import annotations

from typing import Annotated

import typer

from ..display import echo_json, json_text, note, print_table
from ..inputs import shown
from .common import (
    DbOption,
    InstitutionFlag,
    JsonOption,
    LimitOption,
    app,
    session,
    writing,
)


@app.command()
def merge(
    source: Annotated[int, typer.Argument(metavar="ID", help="Id of the expert (or institution) to fold in.")],
    target: Annotated[int, typer.Argument(metavar="ID", help="Id of the one to keep.")],
    institution: InstitutionFlag = False,
    db: DbOption = None,
) -> None:
    """Merge two experts (or institutions) that are one; the merged name keeps resolving."""
    from .. import curate

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
    from .. import curate

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
    from .. import curate

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
    from .. import curate

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
    from .. import curate

    with writing(db) as s:
        curate.reject(s, quote_id, undo=undo)
    note(f"quote {quote_id} {'accepted' if undo else 'rejected'}")


@app.command()
def history(limit: LimitOption = 50, as_json: JsonOption = False, db: DbOption = None) -> None:
    """What editors changed, newest first."""
    from ..curate import history as run

    with session(db) as s:
        rows = run(s, limit=limit)
    if as_json:
        echo_json(rows)
        return
    print_table(["id", "when", "action", "kind", "target", "detail"],
                ([r["id"], r["created_at"], r["action"], r["kind"], r["target_id"], json_text(r["detail"], indent=None)]
                 for r in rows))
