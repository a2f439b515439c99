"""Curation from the browser: log in with the token, then merge, rename, alias, split, reject.

Only an app built with `edit=True` has these routes. The token ($QUOTES_TOKEN) is asked once and
swapped for a random session id in an HttpOnly, SameSite=Strict cookie; every change is a POST
that must carry that session's CSRF token (an HMAC of the session id under a key made at start)
and, when the browser sends one, an Origin of this very site. Each change runs the `curate`
function the CLI runs, in one transaction, so `quotes history` logs it the same way.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
from collections.abc import Callable
from typing import Any

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from .. import curate
from .forms import local_path, number, text
from .render import render

COOKIE = "quotes_editor"
#: A wrong token costs this long, so guessing it from a script is slow.
WRONG_TOKEN_SECONDS = 1.0


class Editors:
    """The editors logged in to this server (ids live as long as the process) and their CSRF tokens."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.key = secrets.token_bytes(32)
        self.sessions: set[str] = set()

    def login(self, given: str) -> str | None:
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            return None
        session_id = secrets.token_urlsafe(32)
        self.sessions.add(session_id)
        return session_id

    def editor(self, request: Request) -> str | None:
        """The session id of the editor making this request, or None."""
        session_id = request.cookies.get(COOKIE, "")
        return session_id if session_id in self.sessions else None

    def csrf(self, session_id: str) -> str:
        return hmac.new(self.key, session_id.encode(), hashlib.sha256).hexdigest()


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None:
        return True  # curl and some older browsers send none; the CSRF token still has to match
    return origin == f"{request.url.scheme}://{request.url.netloc}"


async def _checked(request: Request) -> FormData:
    """The form of a change, once the editor, the CSRF token and the origin are checked."""
    editors: Editors = request.app.state.editors
    session_id = editors.editor(request)
    if session_id is None:
        raise HTTPException(401, "Log in with the editors' token first.")
    form = await request.form()
    given = str(form.get("csrf", ""))
    if not _same_origin(request) or not hmac.compare_digest(given.encode(), editors.csrf(session_id).encode()):
        raise HTTPException(403, "This form is stale or came from another site; reload the page and try again.")
    return form


def login_page(request: Request) -> Response:
    return render(request, "login.html", back=local_path(request.query_params.get("back")), wrong=False)


async def login(request: Request) -> Response:
    form = await request.form()
    editors: Editors = request.app.state.editors
    back = local_path(str(form.get("back", "")))
    if not _same_origin(request):
        raise HTTPException(403, "This form came from another site.")
    session_id = editors.login(str(form.get("token", "")))
    if session_id is None:
        await asyncio.sleep(WRONG_TOKEN_SECONDS)
        return render(request, "login.html", status=401, back=back, wrong=True)
    response = RedirectResponse(back, status_code=303)
    response.set_cookie(COOKIE, session_id, httponly=True, samesite="strict", secure=request.url.scheme == "https")
    return response


async def logout(request: Request) -> Response:
    await _checked(request)
    request.app.state.editors.sessions.discard(request.cookies.get(COOKIE, ""))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE)
    return response


def _kind(form: FormData) -> str:
    return "institution" if form.get("kind") == "institution" else "person"


def _page_of(kind: str, row_id: int) -> str:
    return f"/{'institution' if kind == 'institution' else 'expert'}/{row_id}"


def _merge(s: Session, form: FormData) -> str:
    kind = _kind(form)
    kept = curate.merge(s, kind, number(form, "source_id", required=True), number(form, "target_id", required=True))
    return _page_of(kind, kept.id) + "?done=merged"


def _rename(s: Session, form: FormData) -> str:
    kind = _kind(form)
    row = curate.rename(s, kind, number(form, "id", required=True), text(form, "name", limit=200))
    return _page_of(kind, row.id) + "?done=renamed"


def _alias(s: Session, form: FormData) -> str:
    kind, row_id = _kind(form), number(form, "id", required=True)
    curate.alias(s, kind, row_id, text(form, "form", limit=200))
    return _page_of(kind, row_id) + "?done=aliased"


def _split(s: Session, form: FormData) -> str:
    ids = [number({"quote": v}, "quote", required=True) for v in form.getlist("quote_id")]
    new = curate.split_person(s, number(form, "id", required=True), ids, text(form, "name", limit=200))
    return f"/expert/{new.id}?done=split"


def _reject(s: Session, form: FormData) -> str:
    undo, quote_id = form.get("undo") == "1", number(form, "quote_id", required=True)
    curate.reject(s, quote_id, undo=undo)
    back = local_path(str(form.get("back", "")), "/history").split("?")[0]
    return back + ("?done=accepted" if undo else f"?done=rejected&quote={quote_id}")  # the notice offers an undo


ACTIONS: dict[str, Callable[[Session, FormData], str]] = {
    "merge": _merge, "rename": _rename, "alias": _alias, "split": _split, "reject": _reject}


def _run(engine: Any, action: str, form: FormData) -> str:
    with Session(engine) as s, s.begin():
        return ACTIONS[action](s, form)


async def change(request: Request) -> Response:
    """One curation, as the CLI's command of the same name; then back to the page it changed."""
    action = request.path_params["action"]
    if action not in ACTIONS:
        raise HTTPException(404)
    form = await _checked(request)
    where = await run_in_threadpool(_run, request.app.state.engine, action, form)
    return RedirectResponse(where, status_code=303)


routes = [
    Route("/login", login_page, methods=["GET"]),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/edit/{action}", change, methods=["POST"]),
]
