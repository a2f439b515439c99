import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from quotes.db import HEAD, current_revision, database_url, open_db, schema_sql

from .conftest import ROOT


@pytest.fixture
def engine(db_path: Path):
    """SQLite only here: these tests read SQLite's schema and pragmas."""
    return open_db(db_path)


def test_migrations_build_the_schema_in_db_schema_sql(engine):
    documented = (ROOT / "db" / "schema.sql").read_text(encoding="utf-8")
    body = "".join(line + "\n" for line in documented.splitlines() if not line.startswith("--"))
    assert schema_sql(engine) == body


def test_blank_database_is_migrated_to_head_on_open(db_path: Path):
    engine = open_db(db_path)
    assert current_revision(engine) == HEAD
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    open_db(db_path)  # opening again is a no-op
    tables = {r[0] for r in sqlite3.connect(db_path).execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"article", "person", "institution", "alias", "affiliation", "quote"} <= tables


def test_head_is_the_newest_migration():
    versions = sorted(p.name for p in (ROOT / "quotes" / "migrations" / "versions").glob("[0-9]*.py"))
    assert versions[-1].startswith(HEAD)


def test_database_location_order(monkeypatch, tmp_path):
    monkeypatch.setenv("QUOTES_DB", str(tmp_path / "env.db"))
    assert database_url() == f"sqlite:///{tmp_path / 'env.db'}"
    assert database_url(tmp_path / "flag.db") == f"sqlite:///{tmp_path / 'flag.db'}"
    assert database_url("postgresql+psycopg://u@h/d") == "postgresql+psycopg://u@h/d"
    monkeypatch.delenv("QUOTES_DB")
    assert database_url().endswith("db/quotes.db")


def test_foreign_keys_are_enforced(engine):
    import pytest
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(text("INSERT INTO quote (article_id, start, \"end\", text, kind, confidence, text_key, rejected)"
                          " VALUES (999, 0, 1, 'x', 'direct', 1, 'x', 0)"))


def test_a_directory_from_the_first_release_upgrades_in_place_with_its_data(db_path: Path):
    from quotes.db import create, database_url, migrate

    old = create(database_url(db_path))
    migrate(old, "0001")
    assert current_revision(old) == "0001"
    with old.begin() as conn:
        conn.execute(text("INSERT INTO article (id, content_hash, text, ingested_at) VALUES (1, 'h', 'body', 'now')"))
        conn.execute(text("INSERT INTO person (id, name, key, created_at) VALUES (1, 'Jane Roe', 'jane roe', 'now')"))
        conn.execute(text("INSERT INTO quote (article_id, person_id, start, \"end\", text, kind, confidence, text_key, rejected)"
                          " VALUES (1, 1, 0, 4, 'Rivers are rising faster than forecast', 'direct', 0.9, 'k', 0)"))
    old.dispose()
    engine = open_db(db_path)
    assert current_revision(engine) == HEAD
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM quote")).scalar() == 1
        assert conn.execute(text("SELECT rowid FROM quote_fts WHERE quote_fts MATCH 'rivers'")).scalar() == 1


def test_two_processes_opening_a_blank_directory_migrate_it_once(tmp_path: Path):
    """Four at once, on twenty blank files: the race (one switching the file to WAL while another
    holds it) is lost now and then, not every time."""
    from concurrent.futures import ThreadPoolExecutor

    for round_ in range(20):
        db_path = tmp_path / f"quotes-{round_}.db"
        with ThreadPoolExecutor(4) as pool:
            engines = list(pool.map(open_db, [db_path] * 4))
        assert {current_revision(e) for e in engines} == {HEAD}
        for engine in engines:
            engine.dispose()


def test_the_upgrade_folds_title_only_roles_stored_twice(db_path: Path):
    """Two writers could each add one "senator" role with no institution before 0008: the upgrade
    keeps the oldest row, seen between the earliest and the latest of their dates."""
    from quotes.db import create, database_url, migrate

    old = create(database_url(db_path))
    migrate(old, "0007")
    with old.begin() as conn:
        conn.execute(text("INSERT INTO person (id, name, key, created_at) VALUES (1, 'Jane Roe', 'jane roe', 'now')"))
        for id_, first, last in ((1, "2026-01-05", "2026-01-05"), (2, "2026-01-02", "2026-01-03"), (3, None, None)):
            conn.execute(text("INSERT INTO affiliation (id, person_id, institution_id, title, first_seen, last_seen) "
                              "VALUES (:id, 1, NULL, 'senator', :first, :last)"), {"id": id_, "first": first, "last": last})
    old.dispose()
    engine = open_db(db_path)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, first_seen, last_seen FROM affiliation")).all()
    assert rows == [(1, "2026-01-02", "2026-01-05")]
