"""The read pages: search, an expert, an institution, find, an article, the history.

Each handler reads its parameters (forms.py), calls the library in one short session and renders
a template. Handlers are plain functions: Starlette runs them in its thread pool, so a slow query
holds one thread, not the server.
"""

from __future__ import annotations

from itertools import islice
from typing import Any

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from .. import directory, profiles
from ..curate import history as curation_history
from ..directory import QuoteRow
from . import forms
from .forms import KINDS, Filters, number, text
from .highlight import pieces
from .render import render

SEARCH_LIMIT = 20


def _session(request: Request) -> Session:
    return Session(request.app.state.engine)


def _page(session: Session, filters: Filters, **where: Any) -> tuple[list[QuoteRow], bool]:
    """One page of `directory.quotes` from the filters' offset, and whether there is more after it.
    The library is asked for the rows up to the page's end (and one more, to know)."""
    size = forms.PAGE_SIZE
    rows = directory.quotes(session, **where, **filters.library(), limit=filters.offset + size + 1)
    found = list(islice(rows, filters.offset, filters.offset + size + 1))
    return found[:size], len(found) > size


def _listing(session: Session, filters: Filters, **where: Any) -> dict[str, Any]:
    """A page of statements with their sentences, as the expert and institution pages show them."""
    rows, more = _page(session, filters, **where)
    return {"rows": rows, "more": more, "contexts": profiles.contexts(session, [r.id for r in rows]),
            "size": forms.PAGE_SIZE}


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
        found = profiles.roles_over_time(s, [person_id]).get(person_id, [])
        listing = _listing(s, filters, person_ids=[person_id], institution_id=filters.institution_id)
        last = profiles.last_quoted(s, [person_id]).get(person_id)
    # the institutions to narrow the statements to: those of the expert's roles, by name
    places = sorted({(r.institution_id, r.institution or "") for r in found if r.institution_id}, key=lambda p: p[1])
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
        people, everyone = profiles.experts_at(s, institution_id)
        listing = _listing(s, filters, institution_id=institution_id)
    export = filters.query(institution_id=institution_id)
    return render(request, "institution.html", profile=profile, people=people, everyone=everyone, filters=filters,
                  kinds=KINDS,
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
            rows, more = _page(s, filters, matching=words, institution_id=filters.institution_id)
            contexts = profiles.contexts(s, [r.id for r in rows])
    marked = {row.id: pieces(row.text, words) for row in rows}
    return render(request, "find.html", q=words, rows=rows, more=more, marked=marked, contexts=contexts,
                  filters=filters, kinds=KINDS, export=filters.query(q=words), size=forms.PAGE_SIZE)


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
