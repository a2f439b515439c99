"""What the web desk's tests share: two articles beyond the fixtures, and a client over an engine.

One article is hostile (script tags in its title, outlet, URL and a quote; a formula; right-to-left
overrides), one has mixed quotes (a phrase quoted inside reported speech) and one an earlier quote by the same
expert, all dated, so kind and
date filters have something to tell apart.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

from sqlalchemy.engine import Engine

from quotes.ingest import ingest

from .conftest import ARTICLES

RLO = "\u202e"
HOSTILE = {
    "id": "hostile-1",
    "title": f"<script>alert('title')</script> Grid {RLO}txt.exe",
    "url": "javascript:alert('url')",
    "outlet": "<img src=x onerror=alert(1)>",
    "published": "2025-11-03",
    "text": (
        "\"<script>alert('quote')</script> The grid will hold this winter, whatever the weather brings us,\" "
        "said María López, director of the Grid Institute.\n"
        "\"=HYPERLINK(\"http://evil.example\") is not a plan for the coming winter at all,\" said María López.\n"
        f"\"We have {RLO}redro\u202c in the control rooms and we will keep it that way,\" said López."
    ),
}
MIXED = {
    "id": "levy-1",
    "title": "Council weighs a new levy",
    "url": "https://wire.example/levy",
    "outlet": "Valley Wire",
    "published": "2025-12-01",
    "text": (
        'The levy would be "a tax on the people who can least afford it", said Jonas Berg, an economist at '
        "the Harbour Bank, on Tuesday.\n"
        'Berg said the council had "no plan for the winter" and would regret it.\n'
        '"Sanctions on the grain trade will not end this winter," said Jonas Berg.'
    ),
}
EARLIER = {
    "id": "levy-0",
    "title": "Harbour Bank sees a slow year",
    "outlet": "Northern Wire",
    "published": "2024-02-13",
    "text": '"Growth will stay slow until the harbour reopens," said Jonas Berg, an economist at the Harbour Bank.',
}


def extra_articles(folder: Path) -> str:
    path = folder / "desk-extra.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in (HOSTILE, MIXED, EARLIER)), encoding="utf-8")
    return str(path)


def fill(engine: Engine, nlp, folder: Path) -> Engine:  # type: ignore[no-untyped-def]
    """The fixture articles and the two above, ingested for real."""
    outcomes = list(ingest(engine, [*ARTICLES, extra_articles(folder)], nlp=nlp))
    assert all(o.status == "new" for o in outcomes), outcomes
    return engine


def client(engine: Engine, **options):  # type: ignore[no-untyped-def]
    """A TestClient on the desk, addressed as http://127.0.0.1 like the real server."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Starlette's TestClient prefers httpx2, which PyPI here lacks
        from starlette.testclient import TestClient

        from quotes.web import create_app

        return TestClient(create_app(engine, **options), base_url="http://127.0.0.1",
                          raise_server_exceptions=False, follow_redirects=False)


def person_id(engine: Engine, name: str) -> int:
    from sqlalchemy import text

    with engine.connect() as conn:
        return conn.execute(text("SELECT id FROM person WHERE name = :n"), {"n": name}).scalar_one()


def institution_id(engine: Engine, name: str) -> int:
    from sqlalchemy import text

    with engine.connect() as conn:
        return conn.execute(text("SELECT id FROM institution WHERE name = :n"), {"n": name}).scalar_one()
