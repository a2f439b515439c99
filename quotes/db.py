"""Opening the directory: where it lives, the engine's settings, and migrations on open.

The schema migrates itself every time the database is opened, so a user never runs a separate
upgrade step; opening an up-to-date database reads one row and does not import Alembic.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import create_engine

from .errors import DatabaseError

ENV_VAR = "QUOTES_DB"
PACKAGE_DIR = Path(__file__).resolve().parent
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"
#: The newest migration; `open_db` skips Alembic when the database already stands here.
HEAD = "0001"


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


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create(url: str) -> Engine:
    """An engine with foreign keys on and, for SQLite, WAL and a busy timeout for two writers."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        if str(path) != ":memory:":
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"cannot create the folder for {path}: {exc.strerror}") from None
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except SQLAlchemyError:
            return None


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` with the package's Alembic migrations."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
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
