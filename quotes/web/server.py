"""`quotes serve`: open the directory and run the desk under uvicorn.

Loopback unless told otherwise; editing only with --edit and a token in $QUOTES_TOKEN, checked
before the port is opened, so a misconfigured server never starts half-open.
"""

from __future__ import annotations

import os
import socket
import sys

from ..db import open_db
from ..errors import QuotesError
from .app import create_app, hosts_for

TOKEN_VAR = "QUOTES_TOKEN"
MIN_TOKEN = 12


def token_for(edit: bool) -> str | None:
    """The editors' token when editing: refused if unset or too short to resist guessing."""
    if not edit:
        return None
    token = os.environ.get(TOKEN_VAR, "")
    if not token:
        raise QuotesError(f"--edit needs a token: set {TOKEN_VAR} to a secret of {MIN_TOKEN} or more characters")
    if len(token) < MIN_TOKEN:
        raise QuotesError(f"{TOKEN_VAR} is too short: use {MIN_TOKEN} or more characters")
    return token


def _can_listen(host: str, port: int) -> None:
    """Fail with the fix before uvicorn starts (it would log the OS error and exit 3)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise QuotesError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; pick another --port or --host") from None


def serve(db: str | None, *, host: str = "127.0.0.1", port: int = 8000, edit: bool = False) -> None:
    """Serve the directory at http://host:port until interrupted."""
    import uvicorn

    token = token_for(edit)
    _can_listen(host, port)
    engine = open_db(db)
    app = create_app(engine, edit=edit, token=token, hosts=hosts_for(host))
    if host not in ("127.0.0.1", "localhost", "::1") and edit:
        print(f"Warning: editing on {host} over plain HTTP sends the token unencrypted; put HTTPS in front",
              file=sys.stderr)
    shown = f"[{host}]" if ":" in host else host
    print(f"Serving the directory at http://{shown}:{port}/{' (editing on)' if edit else ''}", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, date_header=False)
