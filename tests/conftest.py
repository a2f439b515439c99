"""Shared test fixtures: every test gets its own database; the spaCy pipeline loads once."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
EVAL = ROOT.parent / "shared" / "eval"
#: The attribution fixtures, each with its expected quotes (fixtures/identities/ has its own tests).
ARTICLES = [str(p) for p in sorted(FIXTURES.iterdir()) if p.suffix in {".txt", ".html", ".jsonl"}]


@pytest.fixture(autouse=True)
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point QUOTES_DB at a fresh file, so no test touches a real directory; and undo a test's
    `quotes --debug`, which sets QUOTES_DEBUG for the process (a command's whole life, outside tests)."""
    path = tmp_path / "quotes.db"
    monkeypatch.setenv("QUOTES_DB", str(path))
    monkeypatch.setenv("QUOTES_DEBUG", "")
    return path


@pytest.fixture(scope="session")
def nlp():
    from quotes.nlp import load_pipeline

    return load_pipeline()


#: `python -c` that runs a script in the process first (`sys.argv[1]`), then `quotes` as a user runs it.
_WITH_PRELUDE = "import runpy, sys; runpy.run_path(sys.argv.pop(1)); from quotes.cli import main; sys.argv[0] = 'quotes'; main()"


def quotes_process(
    *args: str, db: str | Path, prelude: Path | None = None, cwd: Path = ROOT, timeout: int = 600
) -> "subprocess.CompletedProcess[str]":
    """`quotes ARGS` as a process on the directory `db`, with a script run in it first if given:
    how a test puts a fault, or another library's noise, into a real run (and into the workers it
    forks)."""
    command = [sys.executable, "-c", _WITH_PRELUDE, str(prelude), *args] if prelude else [sys.executable, "-m", "quotes", *args]
    env = {**os.environ, "QUOTES_DB": str(db), "PYTHONPATH": str(ROOT)}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def expected(name: str) -> dict:
    return json.loads((FIXTURES / "expected" / f"{name}.json").read_text(encoding="utf-8"))


#: An admin URL of a PostgreSQL server for the tests (.ci/run starts one and sets it).
POSTGRES = os.environ.get("QUOTES_TEST_POSTGRES")


def _postgres_database(name: str) -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped after it."""
    from sqlalchemy import create_engine, text

    if not POSTGRES:
        if os.environ.get("CI"):
            pytest.fail("QUOTES_TEST_POSTGRES is not set: .ci/run starts PostgreSQL and sets it")
        pytest.skip("no PostgreSQL server here (set QUOTES_TEST_POSTGRES to an admin URL to run these)")
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    database = f"quotes_test_{name}_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{database}"'))
    try:
        yield POSTGRES.rsplit("/", 1)[0] + "/" + database
    finally:
        _drop(admin, database)
        admin.dispose()


def _drop(admin, database: str, tries: int = 40) -> None:
    """Drop a test database, waiting out the server's own workers on it.

    FORCE ends the test's leftover sessions, but PostgreSQL 15 refuses it while an autovacuum worker
    (a process of no role we belong to) is on the database; the worker is done in moments.
    """
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    for attempt in range(tries):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            return
        except DBAPIError as error:
            if "pg_signal_backend" not in str(error.orig) or attempt == tries - 1:
                raise
            time.sleep(0.25)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The test's directory on each engine in turn: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        yield str(db_path)
        return
    for url in _postgres_database(re.sub(r"\W", "", request.node.name)[:20].lower()):
        monkeypatch.setenv("QUOTES_DB", url)
        yield url


@pytest.fixture
def engine(database: str):
    from quotes.db import open_db

    engine = open_db(database)
    yield engine
    engine.dispose()


@pytest.fixture
def filled(engine, nlp):
    """A directory with every fixture article ingested."""
    from quotes.ingest import ingest

    outcomes = list(ingest(engine, ARTICLES, nlp=nlp))
    assert all(o.status == "new" for o in outcomes), outcomes
    return engine
