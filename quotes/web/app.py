"""The Starlette app: routes, templates, security headers and the error page.

Pages read through `directory`, `profiles` and `export`, as the CLI does; curation routes exist
only when the app is built with `edit=True` (and a token). Every response carries a strict
Content-Security-Policy: scripts and styles come from /static only, so a `<script>` that got past
escaping still could not run.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import Engine
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..directory import NotFound
from ..errors import QuotesError
from . import browse, downloads, editing
from .render import environment, render

HERE = Path(__file__).resolve().parent
log = logging.getLogger("quotes.web")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # no-referrer would make Chrome send "Origin: null" on our own forms
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


class SecurityHeaders:
    """Adds the CSP and its companions to every response, error pages and static files too."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in HEADERS if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


def _error(request: Request, status: int, message: str) -> HTMLResponse:
    page = render(request, "error.html", status=status, status_code=status, message=message)
    # a 500 leaves through Starlette's outermost middleware, around SecurityHeaders: set them here
    page.headers.update({name.decode(): value.decode() for name, value in HEADERS})
    return page


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {404: "There is no such page.", 405: "That page does not take this kind of request."}
    return _error(request, exc.status_code, exc.detail if exc.status_code not in messages else messages[exc.status_code])


async def _library_error(request: Request, exc: Exception) -> Response:
    return _error(request, 404 if isinstance(exc, NotFound) else 400, str(exc))


async def _unexpected(request: Request, exc: Exception) -> Response:
    """A bug: the traceback goes to the server's log, the browser gets a page saying so."""
    log.error("unexpected error on %s", request.url.path, exc_info=exc)
    return _error(request, 500, f"Something went wrong on our side ({type(exc).__name__}). "
                                "The server's log has the details.")


def create_app(engine: Engine, *, edit: bool = False, token: str | None = None,
               hosts: Sequence[str] | None = None) -> Starlette:
    """The desk over `engine`. With `edit`, curation routes behind `token` (required);
    `hosts` are the Host headers answered (a page from another site rebinding its name to
    127.0.0.1 gets refused); None answers any."""
    if edit and not token:
        raise QuotesError("editing needs a token: set QUOTES_TOKEN")
    routes = [*browse.routes, *downloads.routes, Mount("/static", StaticFiles(directory=HERE / "static"), name="static")]
    if edit:
        routes += editing.routes
    middleware = [Middleware(SecurityHeaders)]
    if hosts is not None:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts)))
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={
        HTTPException: _http_error, QuotesError: _library_error, Exception: _unexpected})
    app.state.engine = engine
    app.state.templates = environment()
    app.state.editors = editing.Editors(token) if edit and token else None
    return app


def hosts_for(host: str) -> list[str] | None:
    """The Host headers to answer when bound to `host`: loopback names only on loopback."""
    return list(LOOPBACK) if host in LOOPBACK else None
