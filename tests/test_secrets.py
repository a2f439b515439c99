"""Passwords are secret: no command prints the password of a database URL, whatever it does.

Every command runs against a PostgreSQL server that is not there (port 1 refuses at once), with
the password in the URL's user part (plain, with a %40-encoded user or password) or in its query
(`?password=`), given by --db and by QUOTES_DB, with and without --debug; `secretpw` must appear
nowhere in what it prints. URLs SQLAlchemy cannot parse (a bad port), which it quotes whole in its
error, are run too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.redact import redact, scrub

from .conftest import FIXTURES

SECRET = "secretpw"
URLS = [
    f"postgresql+psycopg://u:{SECRET}@127.0.0.1:1/x",
    f"postgresql+psycopg://u%40newsroom:{SECRET}@127.0.0.1:1/x",
    f"postgresql+psycopg://u:{SECRET}%40x@127.0.0.1:1/x",
    f"postgresql+psycopg://u@127.0.0.1:1/x?password={SECRET}",
    f"postgresql+psycopg://u@127.0.0.1:1/x?sslmode=disable&password={SECRET}&connect_timeout=2",
    f"postgresql+psycopg://u:{SECRET}@127.0.0.1:notaport/x",
    f"postgresql+nodriver://u:{SECRET}@127.0.0.1:1/x",
]
runner = CliRunner()


def commands(tmp: Path) -> list[list[str]]:
    """Every command of `quotes` that opens the directory, and `db path`, which names it."""
    article = str(FIXTURES / "kremlin_grain.txt")
    return [
        ["ingest", article], ["ingest", "-q", article],
        ["search", "weitz"], ["search", "weitz", "--json", "--quotes"],
        ["institution", "NATO"], ["institution", "NATO", "--json"],
        ["find", "sanctions"], ["find", "sanctions", "--json", "--expert", "weitz", "--since", "2025-01-01"],
        ["experts"], ["experts", "--json"], ["experts", "--similar"], ["institutions", "--json"],
        ["export"], ["export", "--json"], ["export", "-o", str(tmp / "out.csv")],
        ["merge", "1", "2"], ["merge", "--institution", "1", "2"], ["rename", "1", "Jane Roe"],
        ["alias", "add", "1", "JR"], ["split", "1", "2", "--name", "Jane Roe"], ["reject", "1"],
        ["reject", "1", "--undo"], ["history"], ["history", "--json"],
        ["db", "status"], ["db", "status", "--json"], ["db", "path"], ["db", "backup", str(tmp / "copy.db")],
    ]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("given", ["--db", "QUOTES_DB"])
def test_no_command_prints_the_password(url, given, tmp_path, monkeypatch):
    if given == "QUOTES_DB":
        monkeypatch.setenv("QUOTES_DB", url)
    printed = []
    for debug in ([], ["--debug"]):
        for args in commands(tmp_path):
            if given == "--db":
                args = [*args, "--db", url]
            result = runner.invoke(app, [*debug, *args])
            output = result.output  # stdout and stderr, as a terminal shows them
            assert SECRET not in output, (args, output)
            assert result.exit_code == (0 if args[:2] == ["db", "path"] else 1) or debug, (args, output)
            printed.append(output)
    assert any("***" in text or "127.0.0.1" in text for text in printed)  # the URL is named, hidden


def test_db_path_names_the_server_without_the_password(monkeypatch):
    monkeypatch.setenv("QUOTES_DB", URLS[3])
    result = runner.invoke(app, ["db", "path"])
    assert result.output.strip() == "postgresql+psycopg://u@127.0.0.1:1/x?password=***"


def test_redact_hides_the_password_in_every_form():
    assert redact(URLS[0]) == "postgresql+psycopg://u:***@127.0.0.1:1/x"
    assert redact(URLS[1]) == "postgresql+psycopg://u%40newsroom:***@127.0.0.1:1/x"
    assert SECRET not in redact(URLS[4]) and "sslmode=disable" in redact(URLS[4])
    assert redact(URLS[5]) == "postgresql+psycopg://u:***@127.0.0.1:notaport/x"  # not a URL SQLAlchemy reads
    assert redact("sqlite:////tmp/quotes.db") == "sqlite:////tmp/quotes.db"


def test_scrub_hides_urls_and_settings_inside_any_message():
    said = f"Could not parse SQLAlchemy URL from string '{URLS[5]}'; dsn host=h password={SECRET} port=1"
    assert SECRET not in scrub(said) and "host=h" in scrub(said) and "'postgresql+psycopg://u:***@" in scrub(said)
    assert scrub("cannot write /tmp/quotes.db: no space") == "cannot write /tmp/quotes.db: no space"
