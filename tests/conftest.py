"""Shared test fixtures: every test gets its own database; the spaCy pipeline loads once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
EVAL = ROOT.parent / "shared" / "eval"
#: The attribution fixtures, each with its expected quotes (fixtures/identities/ has its own tests).
ARTICLES = [str(p) for p in sorted(FIXTURES.iterdir()) if p.suffix in {".txt", ".html", ".jsonl"}]


@pytest.fixture(autouse=True)
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point QUOTES_DB at a fresh file, so no test touches a real directory."""
    path = tmp_path / "quotes.db"
    monkeypatch.setenv("QUOTES_DB", str(path))
    return path


@pytest.fixture(scope="session")
def nlp():
    from quotes.nlp import load_pipeline

    return load_pipeline()


def expected(name: str) -> dict:
    return json.loads((FIXTURES / "expected" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture
def engine(db_path: Path):
    from quotes.db import open_db

    return open_db(db_path)


@pytest.fixture
def filled(engine, nlp):
    """A directory with every fixture article ingested."""
    from quotes.ingest import ingest

    outcomes = list(ingest(engine, ARTICLES, nlp=nlp))
    assert all(o.status == "new" for o in outcomes), outcomes
    return engine
