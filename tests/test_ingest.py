"""Ingest under faults: killed part-way, two writers at once, hostile and broken input."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app

from .conftest import ROOT

PEOPLE = [("Ana", "Ruiz"), ("Bo", "Chen"), ("Cleo", "Adeyemi"), ("Dmitri", "Volkov"), ("Eva", "Lind"), ("Femi", "Okoro")]
PLACES = ["Harbour Institute", "Valley Research Council", "Centre for Coastal Studies"]


def corpus(folder: Path, count: int, first: int = 0) -> list[Path]:
    """`count` small articles, each quoting two of a few recurring experts."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(first, first + count):
        (f1, l1), (f2, l2) = PEOPLE[n % 6], PEOPLE[(n + 1) % 6]
        text = (
            f"Report number {n}\n\nThe council met on day {n} to discuss the budget.\n\n"
            f'"We cannot keep spending like this, not in year {n}," said {f1} {l1}, a senior fellow at the {PLACES[n % 3]}.\n\n'
            f'{f2} {l2}, an economist at the {PLACES[(n + 1) % 3]}, disagreed. "The numbers for day {n} tell another story," {l2} said.\n'
        )
        path = folder / f"article_{n:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def ingest_process(db: Path, *paths: Path) -> subprocess.Popen:
    env = {**os.environ, "QUOTES_DB": str(db)}
    return subprocess.Popen(
        [sys.executable, "-m", "quotes", "ingest", "-q", *map(str, paths)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def table(db: Path | str, sql: str) -> list[tuple]:
    """The rows of a query, on a SQLite file or (a URL) a PostgreSQL database."""
    if "://" in str(db):
        from sqlalchemy import create_engine, text

        engine = create_engine(str(db))
        try:
            with engine.connect() as conn:
                return [tuple(row) for row in conn.execute(text(sql))]
        finally:
            engine.dispose()
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def articles_stored(db: Path) -> int:
    try:
        return table(db, "SELECT count(*) FROM article")[0][0]
    except sqlite3.Error:
        return 0


def snapshot(db: Path | str) -> dict:
    """The directory's content, independent of row ids and order."""
    return {
        "articles": sorted(r[0] for r in table(db, "SELECT source_id FROM article")),
        "people": sorted(r[0] for r in table(db, "SELECT key FROM person")),
        "institutions": sorted(r[0] for r in table(db, "SELECT key FROM institution")),
        "quotes": sorted(table(db, "SELECT a.source_id, q.start, q.end, p.key FROM quote q JOIN article a ON a.id = q.article_id "
                                   "LEFT JOIN person p ON p.id = q.person_id")),
    }


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, dict]:
    """The corpus ingested by one uninterrupted process: what every other run must end with."""
    folder = tmp_path_factory.mktemp("corpus")
    corpus(folder, 24)
    db = tmp_path_factory.mktemp("reference") / "reference.db"  # its own folder: each module using this fixture builds one
    proc = ingest_process(db, folder)
    assert proc.wait(timeout=300) == 0, proc.stderr.read()
    expected = snapshot(db)
    assert len(expected["articles"]) == 24 and len(expected["quotes"]) == 48
    assert {"ana ruiz", "bo chen", "femi okoro"} <= set(expected["people"])
    return folder, expected


@pytest.mark.parametrize("kill_after", [1, 6, 15])
def test_killed_ingest_keeps_whole_articles_and_a_rerun_completes(tmp_path, reference, kill_after):
    folder, expected = reference
    db = tmp_path / "killed.db"
    proc = ingest_process(db, folder)
    deadline = time.monotonic() + 240
    while articles_stored(db) < kill_after and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert table(db, "PRAGMA integrity_check") == [("ok",)]
    partial = snapshot(db)
    assert 0 < len(partial["articles"]) <= 24
    for source in partial["articles"]:  # every article present has all of its quotes
        assert [q for q in partial["quotes"] if q[0] == source] == [q for q in expected["quotes"] if q[0] == source]
    rerun = ingest_process(db, folder)
    assert rerun.wait(timeout=300) == 0, rerun.stderr.read()
    assert snapshot(db) == expected


def test_two_writers_at_once_lose_nothing_and_duplicate_no_one(tmp_path, reference):
    folder, expected = reference
    files = sorted(folder.glob("*.txt"))
    db = tmp_path / "shared.db"
    first = ingest_process(db, *files[:16])
    second = ingest_process(db, *files[8:])
    assert first.wait(timeout=300) == 0, first.stderr.read()
    assert second.wait(timeout=300) == 0, second.stderr.read()
    assert snapshot(db) == expected


runner = CliRunner()


def test_hostile_and_broken_inputs_are_skipped_with_one_line_each(tmp_path):
    bad = tmp_path / "inputs"
    bad.mkdir()
    good = corpus(bad, 2)
    (bad / "empty.txt").write_text("")
    (bad / "blank.txt").write_text(" \n\t\n")
    (bad / "binary.txt").write_bytes(os.urandom(2048) + b"\x00")
    (bad / "latin1.txt").write_bytes("Le ministre a déclaré « non ».".encode("latin-1"))
    (bad / "nul.txt").write_text("x" * 9000 + "\x00" + ' "Quotes survive a stray NUL byte in the text," said Ana Ruiz.')
    (bad / "nested.html").write_text("<html><body>" + "<div>" * 3000 + "<p>Deep text.</p>" + "</div>" * 3000 + "</body></html>")
    (bad / "broken.html").write_text("<html><body><p>Unclosed <b>tags <i>everywhere <p>and &bogus; entities")
    (bad / "lines.jsonl").write_text('{"text": ["not", "a", "string"]}\n{"id": 1, "text": "An id that is a number, \\"and a quote that is long enough,\\" said Bo Chen."}\n{"title": "no text"}\n{]\n')
    (bad / "unclosed.txt").write_text('She said "this mark never closes and the paragraph just ends\nNext paragraph, calm.')
    (bad / "rtl.txt").write_text('"We measured every gauge twice," said Ein\u200bar Tan\u202egen, a hydrologist at the Valley Research Council.')
    (bad / "huge.txt").write_text('word "a quoted phrase here" ' * 2_000_000)  # a 50 MB single line
    result = runner.invoke(app, ["ingest", str(bad)])
    output = result.output
    assert result.exit_code == 1
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if line.startswith("Error:")]
    for name in ("empty.txt", "blank.txt", "binary.txt", "latin1.txt", "lines.jsonl:1", "lines.jsonl:3", "lines.jsonl:4", "huge.txt"):
        assert sum(name in line for line in errors) == 1, (name, errors)
    assert "--encoding" in next(line for line in errors if "latin1.txt" in line)
    assert "larger than 20 MB" in next(line for line in errors if "huge.txt" in line)  # checked before reading it whole
    stored = runner.invoke(app, ["db", "status", "--json"])
    assert '"integrity": "ok"' in stored.output
    names = [e["name"] for e in __import__("json").loads(runner.invoke(app, ["experts", "--json"]).output)]
    assert "Einar Tangen" in names  # stored cleaned of its invisible characters
    assert "Bo Chen" in names and "Ana Ruiz" in names
    assert len(good) == 2


def test_backup_while_another_process_writes_is_consistent(tmp_path, reference):
    folder, _ = reference
    db = tmp_path / "busy.db"
    writer = ingest_process(db, folder)
    deadline = time.monotonic() + 240
    while articles_stored(db) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    copy = tmp_path / "copy.db"
    result = runner.invoke(app, ["db", "backup", str(copy), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert writer.wait(timeout=300) == 0
    assert table(copy, "PRAGMA integrity_check") == [("ok",)]
    copied = snapshot(copy)
    assert 2 <= len(copied["articles"]) <= 24
    for source in copied["articles"]:  # whole articles only, as in the live database
        assert [q for q in copied["quotes"] if q[0] == source] == [q for q in snapshot(db)["quotes"] if q[0] == source]


def test_two_worker_processes_build_the_same_directory(tmp_path, reference):
    folder, expected = reference
    db = tmp_path / "workers.db"
    env = {**os.environ, "QUOTES_DB": str(db)}
    done = subprocess.run([sys.executable, "-m", "quotes", "ingest", "-q", "--workers", "2", str(folder)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert snapshot(db) == expected


def test_a_dask_cluster_builds_the_same_directory(tmp_path, reference):
    from distributed import LocalCluster

    folder, expected = reference
    db = tmp_path / "cluster.db"
    env = {**os.environ, "QUOTES_DB": str(db)}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        done = subprocess.run(
            [sys.executable, "-m", "quotes", "ingest", "-q", "--cluster", cluster.scheduler_address, str(folder)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
        )
    assert done.returncode == 0, done.stderr
    assert snapshot(db) == expected


def test_an_unreachable_cluster_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_text('"We will win this," said Jane Roe.')
    result = runner.invoke(app, ["ingest", "--cluster", "tcp://127.0.0.1:9", str(tmp_path)])
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler" in result.output and "Traceback" not in result.output
