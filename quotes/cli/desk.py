"""`quotes serve`: the directory in a browser."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import (
    DbOption,
    app,
    errors,
)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; any but loopback opens the desk to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    edit: Annotated[bool, typer.Option("--edit", help="Allow curation from the browser, behind $QUOTES_TOKEN.")] = False,
) -> None:
    """Browse and search the directory in a web browser (curate it too, with --edit)."""
    from ..web.server import serve as run

    with errors():
        run(db, host=host, port=port, edit=edit)
