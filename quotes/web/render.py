"""Templates: Jinja2 with autoescape on and the filters pages use on untrusted text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse

from .forms import KINDS
from .highlight import plain, safe_url, shown

HERE = Path(__file__).resolve().parent


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             finalize=shown)
    env.filters.update(plain=plain, safe_url=safe_url, kind=lambda k: KINDS.get(k, k))
    return env


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from its template, with what every page's header needs (edit mode, editor, CSRF)."""
    state = request.app.state
    editor = state.editors.editor(request) if state.editors else None
    page = state.templates.get_template(name).render(
        request=request, edit=state.editors is not None, editor=editor is not None,
        csrf=state.editors.csrf(editor) if editor else "", **context)
    return HTMLResponse(page, status_code=status)
