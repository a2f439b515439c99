"""The read pages: search, an expert, an institution, find, an article, the history.

Each handler reads its parameters (forms.py), calls the library in one short session and renders
a template. Handlers are plain functions: Starlette runs them in its thread pool, so a slow query
holds one thread, not the server.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from .. import directory, profiles
from ..curate import history as curation_history
from ..directory import QuoteRow
from .forms import KINDS, PAGE_SIZE, Filters, number, text
from .highlight import pieces
from .render import render

SEARCH_LIMIT = 20


def _session(request: Request) -> Session:
    return Session(request.app.state.engine)


def _page(rows: Iterator[QuoteRow], offset: int) -> tuple[list[QuoteRow], bool]:
    """One page of a listing from `offset`, and whether there is more after it."""
    found = list(islice(rows, offset, offset + PAGE_SIZE + 1))
    return found[:PAGE_SIZE], len(found) > PAGE_SIZE


def _listing(session: Session, filters: Filters, **where: Any) -> dict[str, Any]:
    """A page of statements with their sentences, as the expert and institution pages show them."""
    rows, more = _page(directory.quotes(session, **where, **filters.library(),
                                        limit=filters.offset + PAGE_SIZE + 1), filters.offset)
    return {"rows": rows, "more": more, "contexts": profiles.contexts(session, [r.id for r in rows])}


def _experts(session: Session, name: str) -> dict[str, Any]:
    found = directory.search(session, name, limit=SEARCH_LIMIT) if name else []
    return {"q": name, "experts": found, "last": profiles.last_quoted(session, [e.id for e in found])}


def home(request: Request) -> Response:
    """The search box; with ?q= the experts whose names match, as `quotes search` finds them."""
    with _session(request) as s:
        found = _experts(s, text(request.query_params, "q", limit=200))
    return render(request, "home.html", **found)


def search_results(request: Request) -> Response:
    """Only the result rows, for the search box's as-you-type script."""
    name = text(request.query_params, "q", limit=200)
    if not name:
        return HTMLResponse("")
    with _session(request) as s:
        found = _experts(s, name)
    return render(request, "_experts.html", **found)


def expert(request: Request) -> Response:
    """An expert: names, roles over time, statements newest first with the page's filters."""
    person_id = int(request.path_params["id"])
    filters = Filters.read(request.query_params)
    with _session(request) as s:
        profile = profiles.expert(s, person_id)
        found = directory.roles(s, [person_id]).get(person_id, [])
        listing = _listing(s, filters, person_ids=[person_id], institution_id=filters.institution_id)
        places = profiles.institutions_of(s, person_id)
        last = profiles.last_quoted(s, [person_id]).get(person_id)
    export = filters.query(expert_id=person_id)
    return render(request, "expert.html", profile=profile, roles=found, places=places, filters=filters,
                  kinds=KINDS, last=last, export=export, **listing)


def institution(request: Request) -> Response:
    """An institution: its names, its experts and their statements, with the page's filters."""
    institution_id = int(request.path_params["id"])
    filters = Filters.read(request.query_params)
    filters.institution_id = None  # the page is the institution: no second one to narrow to
    with _session(request) as s:
        profile = profiles.institution(s, institution_id)
        people = profiles.experts_at(s, institution_id)
        listing = _listing(s, filters, institution_id=institution_id)
    export = filters.query(institution_id=institution_id)
    return render(request, "institution.html", profile=profile, people=people, filters=filters, kinds=KINDS,
                  export=export, **listing)


def institution_by_name(request: Request) -> Response:
    """?name=the NATO Defense College (or an acronym) goes to that institution's page."""
    name = text(request.query_params, "name", limit=200)
    with _session(request) as s:
        found = directory.find_institution(s, name)
    return RedirectResponse(f"/institution/{found.id}", status_code=303)


def find(request: Request) -> Response:
    """Full-text search in what experts said, best match first, the words marked."""
    words = text(request.query_params, "q", limit=200)
    filters = Filters.read(request.query_params)
    rows: list[QuoteRow] = []
    more, contexts = False, {}
    if words:
        with _session(request) as s:
            where = {**filters.library(), "institution_id": filters.institution_id}
            rows, more = _page(directory.quotes(s, matching=words, limit=filters.offset + PAGE_SIZE + 1, **where),
                               filters.offset)
            contexts = profiles.contexts(s, [r.id for r in rows])
    marked = {row.id: pieces(row.text, words) for row in rows}
    return render(request, "find.html", q=words, rows=rows, more=more, marked=marked, contexts=contexts,
                  filters=filters, kinds=KINDS, export=filters.query(q=words))


def article(request: Request) -> Response:
    """An article as stored, its quotes marked in the text, and its source link."""
    with _session(request) as s:
        found = profiles.article(s, int(request.path_params["id"]))
    parts, at = [], 0
    for quote in found.quotes:
        if quote.start < at:  # overlapping spans: show the first, list the rest
            continue
        parts.append((found.text[at : quote.start], None))
        parts.append((found.text[quote.start : quote.end], quote))
        at = quote.end
    parts.append((found.text[at:], None))
    return render(request, "article.html", article=found, parts=parts)


def history(request: Request) -> Response:
    """What editors changed, newest first (as `quotes history`)."""
    limit = min(number(request.query_params, "limit") or 100, 1000)
    with _session(request) as s:
        rows = curation_history(s, limit=limit)
    return render(request, "history.html", rows=rows)


routes = [
    Route("/", home),
    Route("/search/results", search_results),
    Route("/expert/{id:int}", expert),
    Route("/institution/{id:int}", institution),
    Route("/institution", institution_by_name),
    Route("/find", find),
    Route("/article/{id:int}", article),
    Route("/history", history),
]
