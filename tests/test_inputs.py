"""Inputs that were accepted but wrong: dates, empty filters, limits, bad text, huge queries,
duplicate JSON keys, and links out of an ingested folder."""

from __future__ import annotations

import csv
import io
import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.errors import ReadError
from quotes.read import read_paths, read_stdin

from .conftest import ARTICLES, FIXTURES

runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def one_error_line(result, *words: str) -> str:
    lines = result.output.splitlines()
    assert result.exit_code == 1 and len(lines) == 1 and lines[0].startswith("Error: "), result.output
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


@pytest.fixture
def dated(database) -> None:
    """Articles published on both sides of 2025-07-01, written as sources write dates."""
    rows = [("before", "2025-06-30"), ("day-time", "2025-07-01T09:30:00+00:00"), ("after", "2025-07-02"),
            ("offset", "2025-07-01T23:30:00-05:00"), ("words", "July 3, 2025"), ("slashes", "2025/07/05"),
            ("compact", "20250704")]
    lines = [json.dumps({"id": name, "published": when, "text": f'"Rivers rise in {name} weather," said Jane Roe, '
                         "a hydrologist at the Water Institute."}) for name, when in rows]
    result = run("ingest", "-", input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output


@pytest.mark.usefixtures("dated")
def test_since_compares_dates_not_strings():
    rows = list(csv.DictReader(io.StringIO(run("export", "--since", "2025-07-01").output)))
    assert sorted(r["published"] for r in rows) == ["2025-07-01T09:30:00+00:00", "2025-07-01T23:30:00-05:00", "2025-07-02"]
    found = json.loads(run("find", "rivers", "--since", "2025-07-02", "--json").output)
    assert [q["published"] for q in found] == ["2025-07-02"]


@pytest.mark.usefixtures("dated")
@pytest.mark.parametrize("since", ["20250101", "2025-W01-1", "2025-1-1", "2025-02-30", "yesterday", "", " 2025-01-01"])
def test_since_takes_only_yyyy_mm_dd(since):
    for command in (["export"], ["find", "rivers"]):
        one_error_line(run(*command, "--since", since), "not a date like 2024-05-31 (YYYY-MM-DD)")


@pytest.mark.usefixtures("dated")
def test_an_empty_filter_is_an_error_not_everything():
    for args, words in [(["find", ""], "give words to find"), (["find", "   "], "give words to find"),
                        (["export", "--expert", ""], "give a name"), (["find", "rivers", "--expert", " "], "give a name"),
                        (["export", "--institution", ""], "give an institution name"), (["search", ""], "give a name"),
                        (["institution", "  "], "give an institution name")]:
        line = one_error_line(run(*args), words)
        assert "--raw" not in line, line


@pytest.mark.usefixtures("dated")
def test_limit_is_bounded():
    huge = run("find", "rivers", "--limit", str(10**18))
    assert huge.exit_code == 2 and "--limit" in huge.output and "Traceback" not in huge.output
    assert run("experts", "--limit", "100001").exit_code == 2
    assert run("find", "rivers", "--limit", "100000").exit_code == 0


@pytest.mark.usefixtures("dated")
@pytest.mark.parametrize("bad", ["caf\udce9", "\udcff\udcfe", "jane\x00roe", "\x00"])
def test_invalid_utf8_or_nul_in_an_argument_is_one_line(bad):
    for args in (["find", bad], ["find", bad, "--raw"], ["search", bad], ["institution", bad],
                 ["find", "rivers", "--expert", bad], ["export", "--institution", bad]):
        line = one_error_line(run(*args))
        assert "unexpected" not in line and ("UTF-8" in line or "NUL" in line), (args, line)


@pytest.mark.usefixtures("dated")
def test_a_huge_query_is_refused_at_once_and_not_echoed_whole():
    words = "senior fellow professor director " * 30000  # a megabyte of title words
    for args in (["search", words], ["find", words], ["institution", words], ["export", "--expert", words]):
        start = time.monotonic()
        line = one_error_line(run(*args), "at most 1000 characters")
        assert time.monotonic() - start < 5 and len(line) < 200 and "…" in line, args


@pytest.mark.usefixtures("database")
def test_messages_cut_what_they_echo():
    ingested = run("ingest", ARTICLES[0])
    assert ingested.exit_code == 0
    line = one_error_line(run("search", "Zyx" * 300), "no expert matches")
    assert len(line) < 140 and line.endswith("…")


def test_a_duplicate_key_in_a_jsonl_line_is_refused_naming_it(tmp_path: Path):
    (tmp_path / "dup.jsonl").write_text(
        '{"text": "shown to a reviewer", "id": "a", "text": "stored instead"}\n'
        '{"text": "fine", "meta": {"k": 1, "k": 2}}\n{"text": "kept", "id": "c"}\n', encoding="utf-8")
    first, second, third = read_paths([str(tmp_path / "dup.jsonl")])
    assert isinstance(first, ReadError) and str(first).endswith("dup.jsonl:1: the key 'text' appears twice; keep one")
    assert isinstance(second, ReadError) and "the key 'k' appears twice" in str(second)
    assert third.text == "kept"
    (from_stdin,) = read_stdin(io.BytesIO(b'{"text": "a", "title": "x", "title": "y"}\n'))
    assert isinstance(from_stdin, ReadError) and "'title' appears twice" in str(from_stdin)


@pytest.fixture
def folder_with_links(tmp_path: Path) -> Path:
    """An ingest folder with a link out of it to a file and to a folder, and one inside it."""
    secret = tmp_path / "outside"
    secret.mkdir()
    (secret / "passwd.txt").write_text('"Root was here," said Eve Mallory, a hacker at the Shadow Group.', encoding="utf-8")
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "good.txt").write_text('"We will rebuild," said Jane Roe, mayor of Springfield.', encoding="utf-8")
    os.symlink(secret / "passwd.txt", inbox / "passwd.txt")
    os.symlink(secret, inbox / "sub" / "etc")
    os.symlink(inbox / "good.txt", inbox / "sub" / "same.txt")  # inside the folder: read
    os.symlink(inbox, inbox / "sub" / "loop")  # back up the tree: each folder once
    return inbox


def test_links_out_of_an_ingested_folder_are_skipped_and_reported(folder_with_links: Path):
    found = list(read_paths([str(folder_with_links)]))
    skipped = sorted(str(r) for r in found if isinstance(r, ReadError))
    assert skipped == [f"{folder_with_links / 'passwd.txt'}: skipped, a link to {folder_with_links.parent / 'outside' / 'passwd.txt'} "
                       f"outside {folder_with_links} (--follow-links reads it)",
                       f"{folder_with_links / 'sub' / 'etc'}: skipped, a link to {folder_with_links.parent / 'outside'} "
                       f"outside {folder_with_links} (--follow-links reads it)"]
    assert sorted(a.text[:12] for a in found if not isinstance(a, ReadError)) == ['"We will reb'] * 2
    followed = [a for a in read_paths([str(folder_with_links)], follow_links=True) if not isinstance(a, ReadError)]
    assert sum("Root was here" in a.text for a in followed) == 2  # by the file link and by the folder link


@pytest.mark.usefixtures("database")
def test_ingest_reports_each_skipped_link_in_one_line(folder_with_links: Path):
    result = run("ingest", str(folder_with_links))
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 2 and all("--follow-links" in line for line in errors)
    assert "Mallory" not in run("experts").output
    assert run("ingest", "--follow-links", str(folder_with_links)).exit_code == 0
    assert "Eve Mallory" in run("experts").output
    assert run("extract", str(FIXTURES / "kremlin_grain.txt"), "--follow-links").exit_code == 0
