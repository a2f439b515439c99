"""Opening the directory: where it lives, the engine's settings, and migrations on open.

The schema migrates itself every time the database is opened for writing, so a user never runs a
separate upgrade step; opening an up-to-date database reads one row and does not import Alembic.
A read command opens it without writing (`open_db(write=False)`): it never creates a directory,
and reads one on read-only storage.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote, unquote

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlmodel import create_engine

from .errors import DatabaseError
from .redact import redact

ENV_VAR = "QUOTES_DB"
PACKAGE_DIR = Path(__file__).resolve().parent
MIGRATIONS_DIR = PACKAGE_DIR / "migrations"
#: The newest migration; `open_db` skips Alembic when the database already stands here.
HEAD = "0008"


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


def _sqlite_reading_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
    cursor.close()


def create(url: str, *, reading: bool = False) -> Engine:
    """An engine with foreign keys on and, for SQLite, WAL and a busy timeout for two writers.

    `reading` (for `_for_reading`) sets nothing that writes: no folder is created and the journal
    mode is left as it is."""
    try:
        if url.startswith("sqlite:///"):
            path = Path(url.removeprefix("sqlite:///"))
            if str(path) != ":memory:" and not reading:
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise DatabaseError(f"cannot create the folder for {path}: {exc.strerror}") from None
            engine = create_engine(url, connect_args={"timeout": BUSY_SECONDS})
            event.listen(engine, "connect", _sqlite_reading_pragmas if reading else _sqlite_pragmas)
            return engine
        return create_engine(url, pool_pre_ping=True)
    except (SQLAlchemyError, ValueError) as exc:  # a URL SQLAlchemy cannot read quotes it whole
        raise DatabaseError(f"cannot read the database URL {redact(url)}: {type(exc).__name__}") from None


def current_revision(engine: Engine | Connection) -> str | None:
    """The schema's migration revision, or None for a blank database."""
    if isinstance(engine, Engine):
        with engine.connect() as conn:
            return current_revision(conn)
    if not inspect(engine).has_table("alembic_version"):
        return None
    return engine.execute(text("SELECT version_num FROM alembic_version")).scalar()


def write_lock(conn: Connection) -> None:
    """Hold the database's write lock for the transaction, from its start: two processes opening
    a blank directory at once migrate it once (and SQLite's DDL runs inside the transaction), and
    two editors' changes run one after the other, the second reading what the first left."""
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
        write_lock(conn)
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


def open_db(db: str | os.PathLike | None = None, *, upgrade: bool = True, write: bool = True) -> Engine:
    """The directory's engine, its schema brought up to date.

    With `write` (ingest, curation) a missing directory is created. Without it (read commands),
    a missing one is an error, nothing is created and, on storage this process cannot write,
    SQLite opens the file read-only. A schema newer than this `quotes` knows is never touched."""
    url = database_url(db)
    shown = location_of(url)
    if write:
        _check_writable(url, shown)
    engine, read_only = (create(url), False) if write else _for_reading(url)
    try:
        revision = current_revision(engine)
        if revision is not None and revision not in known_revisions():
            raise DatabaseError(
                f"the directory at {shown} was made by a newer quotes (schema {revision}; this one knows up to "
                f"{HEAD}): upgrade quotes to use it"
            )
        if revision is None and not write:
            raise DatabaseError(f"no directory at {shown} (ingest articles first)")
        if upgrade and revision != HEAD:
            if read_only:
                raise DatabaseError(f"the directory at {shown} has schema {revision}, older than this quotes' {HEAD}, "
                                    "and is on storage that cannot be written: copy it somewhere writable to upgrade it")
            migrate(engine)
    except SQLAlchemyError as exc:
        raise DatabaseError(f"cannot open the directory at {shown}: {describe(exc)}") from None
    return engine


def _check_writable(url: str, shown: str) -> None:
    """A SQLite directory a write command cannot write is said so before any work, not found
    out article by article (each error quoting the article's text)."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        path = Path(url.removeprefix("sqlite:///"))
        if path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            raise DatabaseError(f"the directory at {shown} is on storage this process cannot write; "
                                "read commands can still use it")


def _for_reading(url: str) -> tuple[Engine, bool]:
    """An engine that reads the directory at `url` without writing to it, and whether the
    storage is read-only. A SQLite file that is missing is an error, not a new directory; one
    this process cannot write is opened with `mode=ro` (and `immutable` when no `-shm` file can
    be made beside it, which WAL needs to read)."""
    if not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        return create(url), False
    path = Path(url.removeprefix("sqlite:///"))
    if not path.exists():
        raise DatabaseError(f"no directory at {path} (ingest articles first)")
    folder_writable = os.access(path.parent, os.W_OK) or Path(f"{path}-shm").exists()
    if os.access(path, os.W_OK) and folder_writable:
        return create(url, reading=True), False
    mode = "mode=ro" if folder_writable else "mode=ro&immutable=1"
    return create(f"sqlite:///file:{quote(str(path.resolve()))}?{mode}&uri=true", reading=True), True


def known_revisions() -> set[str]:
    """The schema revisions this `quotes` has migrations for (read from their file names, so a
    new migration needs no list to keep)."""
    return {p.name.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("[0-9]*.py")}


def describe(exc: SQLAlchemyError) -> str:
    """What a database error means, in one line and the user's terms: the driver's first line,
    never the SQL and its parameters, which SQLAlchemy's message carries (an article's text, a
    quote) and which `--debug` prints."""
    original = getattr(exc, "orig", None) or exc
    lines = str(original).strip().splitlines()
    first = lines[0] if lines else type(original).__name__
    if isinstance(exc, DBAPIError) or original is not exc:
        first = first.split(" [SQL:", 1)[0]
    lowered = first.lower()
    for clue, meaning in _MEANINGS:
        if clue in lowered:
            return meaning
    return f"the database said: {first}"


#: Driver messages (SQLite's, PostgreSQL's) and what they mean to the user.
_MEANINGS = (
    ("readonly database", "the directory is on storage this process cannot write (read-only)"),
    ("read-only", "the directory is on storage this process cannot write (read-only)"),
    ("disk is full", "the disk is full"),
    ("no space left", "the disk is full"),
    ("database is locked", f"another process held the directory for over {BUSY_SECONDS} s; try again"),
    ("deadlock detected", "another change to the same rows was made at the same time; try again"),
    ("could not serialize", "another change to the same rows was made at the same time; try again"),
    ("unable to open database file", "the file cannot be opened (check the path and its permissions)"),
    ("file is not a database", "the file is not a quotes directory (not an SQLite database)"),
    ("connection refused", "the database server refused the connection (is it running, on that port?)"),
)


def integrity(engine: Engine) -> str:
    """SQLite's own integrity check: "ok", or what it found broken."""
    if engine.dialect.name != "sqlite":
        return "not checked (SQLite only)"
    with engine.connect() as conn:
        return "; ".join(conn.execute(text("PRAGMA integrity_check")).scalars())


def location(engine: Engine) -> str:
    """The file (or server) the engine writes to, with any password hidden."""
    if engine.dialect.name == "sqlite":  # the path as given, not URL-encoded
        return location_of(f"sqlite:///{engine.url.database}")
    return location_of(engine.url.render_as_string(hide_password=False))


def location_of(url: str) -> str:
    """A URL as shown: a SQLite file as its path, a server's URL with its password hidden."""
    if url.startswith("sqlite:///"):
        url = url.removeprefix("sqlite:///")
    if url.startswith("file:"):  # a read-only SQLite URI (_for_reading)
        return unquote(url.removeprefix("file:").split("?", 1)[0])
    if "://" not in url:
        return url
    return redact(url)


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
        reason = describe(exc) if isinstance(exc, SQLAlchemyError) else exc.strerror or str(exc)
        raise DatabaseError(f"cannot back up to {target}: {reason}") from None
    return target
