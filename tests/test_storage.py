"""The environment misbehaves: a missing, read-only, newer or failing directory, two editors at once.

Read commands open a directory without writing to it: a missing one is an error (never created,
folders included), one on read-only storage is read, one from a newer `quotes` is left alone. A
curation says it is done only after its commit, and two opposite merges at once run one after the
other. Database errors are one line in the user's terms; their SQL only under --debug.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from quotes.cli import app
from quotes.db import database_url

from .conftest import ARTICLES, FIXTURES

runner = CliRunner()
READ_COMMANDS = [
    ["experts"], ["experts", "--similar"], ["export"], ["export", "--json"], ["search", "weitz"],
    ["find", "sanctions"], ["institution", "NATO Defense College"], ["institutions"], ["history"],
    ["db", "status"], ["db", "status", "--json"],
]


def raw(database: str):
    """An engine on the test's directory that is not quotes': to break it as the world would."""
    return create_engine(database_url(database))


def run(*args: str):
    return runner.invoke(app, list(args))


def ingested(*paths: str) -> None:
    result = run("ingest", *(paths or ARTICLES[:3]))
    assert result.exit_code == 0, result.output


def one_error_line(result, *words: str) -> None:
    lines = result.output.splitlines()
    assert result.exit_code == 1 and len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "[SQL" not in result.output and "Traceback" not in result.output
    for word in words:
        assert word in lines[0], (word, lines[0])


@contextmanager
def unwritable(*paths: Path) -> Iterator[None]:
    """Make files and folders storage this process cannot write: chattr +i (immutable, which binds
    root too) when we are root, else chmod a-w."""
    if os.geteuid() == 0:
        if not shutil.which("chattr") or subprocess.run(["chattr", "+i", *map(str, paths)]).returncode:
            pytest.skip("root here, and no chattr to make a file immutable")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", *map(str, paths)], check=True)
        return
    modes = {p: p.stat().st_mode for p in paths}
    for p in paths:
        p.chmod(modes[p] & ~0o222)
    try:
        yield
    finally:
        for p, mode in modes.items():
            p.chmod(mode)


@pytest.mark.parametrize("args", READ_COMMANDS + [["db", "backup", "{tmp}/copy.db"]], ids=" ".join)
def test_a_read_command_never_creates_a_directory(args, tmp_path, monkeypatch):
    where = tmp_path / "not" / "yet" / "quotes.db"
    monkeypatch.setenv("QUOTES_DB", str(where))
    one_error_line(run(*(a.format(tmp=tmp_path) for a in args)), f"no directory at {where} (ingest articles first)")
    assert not (tmp_path / "not").exists() and not (tmp_path / "copy.db").exists()


def test_a_read_command_leaves_a_blank_postgresql_database_blank(monkeypatch):
    from .conftest import _postgres_database

    urls = _postgres_database("blank")
    database = next(urls)
    try:
        monkeypatch.setenv("QUOTES_DB", database)
        for args in READ_COMMANDS:
            one_error_line(run(*args), "no directory at", "(ingest articles first)")
        with raw(database).connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar() == 0
    finally:
        urls.close()  # drops the database


def test_ingest_and_curation_create_the_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTES_DB", str(tmp_path / "new" / "quotes.db"))
    one_error_line(run("reject", "1"), "no quote with id 1")
    assert (tmp_path / "new" / "quotes.db").exists()


@pytest.mark.parametrize("folder_too", [True, False], ids=["read-only folder", "read-only file"])
def test_a_directory_on_read_only_storage_is_read(folder_too, tmp_path, monkeypatch):
    ingested()
    expected = {tuple(args): run(*args).output for args in READ_COMMANDS if args[0] != "db"}
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    assert run("db", "backup", str(shelf / "quotes.db")).exit_code == 0
    monkeypatch.setenv("QUOTES_DB", str(shelf / "quotes.db"))
    before = hashlib.sha256((shelf / "quotes.db").read_bytes()).hexdigest()
    with unwritable(shelf / "quotes.db", *([shelf] if folder_too else [])):
        for args in READ_COMMANDS:
            result = run(*args)
            assert result.exit_code == 0, (args, result.output)
            if tuple(args) in expected:
                assert result.output == expected[tuple(args)], args
        assert json.loads(run("db", "status", "--json").output)["path"] == str(shelf / "quotes.db")
        one_error_line(run("ingest", str(FIXTURES / "kremlin_grain.txt")), "cannot write", "read commands can")
        one_error_line(run("merge", "1", "2"), "cannot write")
    assert hashlib.sha256((shelf / "quotes.db").read_bytes()).hexdigest() == before


def test_a_directory_from_a_newer_quotes_is_named_and_left_alone(database, tmp_path):
    ingested()
    with raw(database).begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0042'"))
    before = hashlib.sha256(Path(database).read_bytes()).hexdigest() if not database.startswith("postgresql") else None
    for args in [*READ_COMMANDS, ["ingest", str(FIXTURES / "kremlin_grain.txt")], ["merge", "1", "2"]]:
        one_error_line(run(*args), "made by a newer quotes (schema 0042", "upgrade quotes")
    with raw(database).connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0042"
        assert conn.execute(text("SELECT count(*) FROM article")).scalar() == 3
    if before:
        assert hashlib.sha256(Path(database).read_bytes()).hexdigest() == before


def two_experts() -> tuple[int, int]:
    ingested(str(FIXTURES / "china_russia_sanctions.txt"))
    found = json.loads(run("experts", "--json", "--sort", "name").output)
    return found[0]["id"], found[1]["id"]


def test_merge_says_merged_only_after_its_commit(database):
    """A constraint checked at commit (a deferred foreign key, as a full disk fails there too) makes
    the commit fail after the merge's statements ran: nothing may say it was merged."""
    source, target = two_experts()
    with raw(database).begin() as conn:
        conn.execute(text("CREATE TABLE trap (person_id INTEGER REFERENCES person(id) DEFERRABLE INITIALLY DEFERRED)"))
        conn.execute(text("INSERT INTO trap VALUES (:id)"), {"id": source})
    result = run("merge", str(source), str(target))
    one_error_line(result)
    assert "merged" not in result.output
    assert source in [e["id"] for e in json.loads(run("experts", "--json").output)]


def waiting(process: subprocess.Popen, database: str, timeout: float = 60) -> None:
    """Return once the other editor's process waits on the directory: on PostgreSQL a session of it
    waits for a lock; on SQLite it has the file open (its lock attempt follows at once), plus a
    second for it to reach the lock."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if database.startswith("postgresql"):
            with raw(database).connect() as conn:
                if conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                     "AND datname = current_database()")).scalar():
                    return
        elif any(os.path.realpath(fd.path) == os.path.realpath(database) for fd in os.scandir(f"/proc/{process.pid}/fd")):
            time.sleep(1)
            return
        time.sleep(0.1)
    raise AssertionError("the other merge never waited on the directory")


def test_two_opposite_merges_at_once_one_wins_the_other_says_why(database):
    """Editor A's merge holds its transaction open; editor B (another process) merges the other
    way meanwhile. B waits for A, then finds A's source gone: one line, no SQL."""
    from quotes import curate
    from quotes.cli import writing

    a, b = two_experts()
    merged, release = threading.Event(), threading.Event()

    def editor_a() -> None:
        with writing(database) as s:
            curate.merge(s, "person", a, b)
            merged.set()
            release.wait(30)

    first = threading.Thread(target=editor_a)
    first.start()
    assert merged.wait(30)
    env = {**os.environ, "QUOTES_DB": database}
    other = subprocess.Popen([sys.executable, "-m", "quotes", "merge", str(b), str(a)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    waiting(other, database)
    release.set()
    first.join(30)
    out, err = other.communicate(timeout=60)
    assert other.returncode == 1 and out == "", (out, err)
    assert err == f"Error: no expert with id {a}\n"
    left = [e["id"] for e in json.loads(run("experts", "--json").output)]
    assert b in left and a not in left


def test_a_database_error_is_one_line_and_its_sql_shows_under_debug(db_path):
    source, target = two_experts()
    with raw(str(db_path)).begin() as conn:
        conn.execute(text("CREATE TRIGGER refuse BEFORE DELETE ON person BEGIN SELECT RAISE(ABORT, 'refused'); END"))
    result = run("merge", str(source), str(target))
    one_error_line(result, "refused", "--debug")
    debug = run("--debug", "merge", str(source), str(target))
    assert debug.exit_code == 1 and "[SQL: DELETE FROM person" in debug.output


def test_a_bad_raw_query_says_so_without_sql(db_path):
    ingested()
    for words in ("a:b", "axis OR (", '"', "NEAR(a b"):
        one_error_line(run("find", words, "--raw"), "bad full-text query", "without --raw")


def test_a_full_disk_fails_an_article_in_one_line_without_its_text(db_path, nlp, tmp_path):
    """SQLite's max_page_count is a full disk to the connection: storing fails at the insert."""
    from sqlalchemy import event

    from quotes.db import open_db
    from quotes.ingest import ingest

    article = tmp_path / "long.txt"
    filler = "".join(f"The harbour authority published shipping table number {n}. " for n in range(400))
    article.write_text((FIXTURES / "kremlin_grain.txt").read_text(encoding="utf-8") + "\n\n" + filler, encoding="utf-8")
    engine = open_db(db_path)
    with engine.connect() as conn:
        pages = conn.execute(text("PRAGMA page_count")).scalar()
    engine.dispose()
    event.listen(engine, "connect", lambda con, _: con.execute(f"PRAGMA max_page_count={pages}"))
    (outcome,) = list(ingest(engine, [str(article)], nlp=nlp))
    assert outcome.status == "failed" and outcome.error.endswith("not stored (the disk is full)"), outcome
    assert "shipping table" not in outcome.error and "INSERT" not in outcome.error


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_an_export_honours_the_umask(umask, tmp_path, db_path):
    ingested()
    old = os.umask(umask)
    try:
        assert run("export", "-o", str(tmp_path / "out.csv")).exit_code == 0
        assert run("export", "--json", "-o", str(tmp_path / "out.jsonl")).exit_code == 0
    finally:
        os.umask(old)
    assert (tmp_path / "out.csv").stat().st_mode & 0o777 == 0o666 & ~umask
    assert (tmp_path / "out.jsonl").stat().st_mode & 0o777 == 0o666 & ~umask
    (tmp_path / "out.csv").chmod(0o640)
    assert run("export", "-o", str(tmp_path / "out.csv")).exit_code == 0
    assert (tmp_path / "out.csv").stat().st_mode & 0o777 == 0o640  # a file written over keeps its mode
