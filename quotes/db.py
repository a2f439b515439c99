"""Opening the directory: where it lives, the engine's settings, and migrations on open.

The schema migrates itself every time the database is opened, so a user never runs a separate
upgrade step; opening an up-to-date database reads one row and does not import Alembic.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import create_engine

from .errors import DatabaseError

ENV_VAR = "QUOTES_DB"
PACKAGE_DIR = Path(__file__).resolve().parent
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"
#: The newest migration; `open_db` skips Alembic when the database already stands here.
HEAD = "0007"


def default_path() -> Path:
    """`db/quotes.db` in a source checkout, else the user's data folder."""
    checkout_db = PACKAGE_DIR.parent / "db"
    if (checkout_db / "schema.sql").exists():
        return checkout_db / "quotes.db"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "quotes" / "quotes.db"


def database_url(db: str | os.PathLike | None = None) -> str:
    """A SQLAlchemy URL from `--db`, else `QUOTES_DB`, else the default path."""
    value = str(db) if db else os.environ.get(ENV_VAR) or str(default_path())
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser()}"


#: How long a SQLite connection waits for another writer's lock before it gives up.
BUSY_SECONDS = 30


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
    _write_ahead_log(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _write_ahead_log(cursor) -> None:  # type: ignore[no-untyped-def]
    """Put the file in WAL mode (it stays so: a file already in it needs no switch). SQLite refuses
    the switch at once, "database is locked", while another connection holds the file, without
    waiting out the busy timeout: two processes opening a blank directory together would fail.
    So the switch is retried until that timeout."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def create(url: str) -> Engine:
    """An engine with foreign keys on and, for SQLite, WAL and a busy timeout for two writers."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if str(path) != ":memory:":
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"cannot create the folder for {path}: {exc.strerror}") from None
        engine = create_engine(url, connect_args={"timeout": BUSY_SECONDS})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def current_revision(engine: Engine | Connection) -> str | None:
    """The schema's migration revision, or None for a blank database."""
    if isinstance(engine, Engine):
        with engine.connect() as conn:
            return current_revision(conn)
    if not inspect(engine).has_table("alembic_version"):
        return None
    return engine.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _lock(conn: Connection) -> None:
    """Hold the database's write lock for the migration, so two processes opening a blank
    directory at once migrate it once (and SQLite's DDL runs inside the transaction)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(20261129)"))


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` with the package's Alembic migrations."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        _lock(conn)
        if revision == "head" and current_revision(conn) == HEAD:
            return  # another process migrated it while we waited for the lock
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def schema_sql(engine: Engine) -> str:
    """The SQLite schema as `.schema` prints it, sorted, for `db/schema.sql` and its test."""
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name")
        ).scalars()
        return "".join(f"{sql};\n" for sql in rows)


def open_db(db: str | os.PathLike | None = None, *, upgrade: bool = True) -> Engine:
    """The directory's engine, its schema brought up to date."""
    url = database_url(db)
    engine = create(url)
    try:
        if upgrade and current_revision(engine) != HEAD:
            migrate(engine)
    except SQLAlchemyError as exc:
        raise DatabaseError(f"cannot open the directory at {url}: {exc.__class__.__name__}: {exc.args[0] if exc.args else exc}") from None
    return engine


def integrity(engine: Engine) -> str:
    """SQLite's own integrity check: "ok", or what it found broken."""
    if engine.dialect.name != "sqlite":
        return "not checked (SQLite only)"
    with engine.connect() as conn:
        return "; ".join(conn.execute(text("PRAGMA integrity_check")).scalars())


def location(engine: Engine) -> str:
    """The file (or server) the engine writes to, with any password hidden."""
    return engine.url.database if engine.dialect.name == "sqlite" else engine.url.render_as_string(hide_password=True)


def backup(engine: Engine, target: str | os.PathLike) -> Path:
    """A consistent copy of the directory in `target`, taken while others may write.

    SQLite's `VACUUM INTO` reads one snapshot; the copy is made beside the target and renamed into
    place, so a crash never leaves half a backup under the target's name.
    """
    if engine.dialect.name != "sqlite":
        raise DatabaseError("backup copies SQLite files; for PostgreSQL use pg_dump")
    target = Path(target)
    if target.exists():
        raise DatabaseError(f"{target} exists already; name a new file")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("VACUUM INTO ?", (str(partial),))
        os.replace(partial, target)
    except (OSError, SQLAlchemyError) as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"cannot back up to {target}: {exc}") from None
    return target
