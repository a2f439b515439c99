"""One article that breaks extraction costs that article alone, in every mode, and is kept for a retry.

The fault is injected for real: a script patches the extraction of articles holding a marker word
before the command runs, in this process (one process), in the forked workers (`--workers`), and
in each Dask worker through the worker's own preload (`--cluster`).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from .conftest import quotes_process
from .test_ingest import corpus

MARKER = "EXPLODE"
INJECT = f'''
import quotes.extract as extract


def _faulty(doc, spans, text=None, _real=extract.quotes_from_doc, **options):
    if "{MARKER}" in (text if text is not None else doc.text):
        raise RuntimeError("injected fault")
    return _real(doc, spans, text, **options)


if not getattr(extract.quotes_from_doc, "injected", False):  # a Dask preload may run twice
    _faulty.injected = True
    extract.quotes_from_doc = _faulty
'''


@pytest.fixture
def batch(tmp_path: Path) -> tuple[Path, Path]:
    """Five good articles and, in the middle of them, one that breaks; and the fault's script."""
    folder = tmp_path / "in"
    corpus(folder, 5)
    bad = folder / "article_002b.txt"
    bad.write_text(f'Day {MARKER}\n\n"This one breaks the extractor, and only this one," said Ana Ruiz.\n')
    inject = tmp_path / "inject.py"
    inject.write_text(INJECT)
    return folder, inject


def quotes_cli(inject: Path, *args: str, db: Path, faulty: bool = True) -> subprocess.CompletedProcess:
    """`quotes ARGS` as a process, with the fault injected first unless `faulty` is False."""
    return quotes_process(*args, db=db, prelude=inject if faulty else None)


def stored_sources(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return sorted(Path(row[0]).name for row in conn.execute("SELECT source_id FROM article"))


def assert_one_failure(done: subprocess.CompletedProcess, db: Path) -> None:
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, done.stderr
    assert "article_002b.txt" in errors[0] and "RuntimeError: injected fault" in errors[0]
    assert "Traceback" not in done.stderr
    assert stored_sources(db) == [f"article_{n:03d}.txt" for n in range(5)]
    assert "5 new, 0 already known, 1 failed" in done.stderr


def assert_retried(inject: Path, db: Path) -> None:
    """The failure is in db status; once the fault is gone, --retry-failed stores it and forgets it."""
    status = json.loads(quotes_cli(inject, "db", "status", "--json", db=db, faulty=False).stdout)
    assert status["failed articles"] == 1
    assert status["failed"][0]["id"].endswith("article_002b.txt")
    again = quotes_cli(inject, "ingest", "--retry-failed", db=db, faulty=False)
    assert again.returncode == 0, again.stderr
    assert "1 new" in again.stderr
    assert "article_002b.txt" in stored_sources(db)
    status = json.loads(quotes_cli(inject, "db", "status", "--json", db=db, faulty=False).stdout)
    assert status["failed articles"] == 0 and status["failed"] == []


def test_one_process_ingest_stores_every_other_article(batch, tmp_path):
    folder, inject = batch
    db = tmp_path / "one.db"
    assert_one_failure(quotes_cli(inject, "ingest", str(folder), db=db), db)
    assert_retried(inject, db)


def test_worker_processes_store_every_other_article(batch, tmp_path):
    folder, inject = batch
    db = tmp_path / "workers.db"
    assert_one_failure(quotes_cli(inject, "ingest", "--workers", "2", str(folder), db=db), db)


def test_a_dask_cluster_stores_every_other_article(batch, tmp_path):
    from distributed import LocalCluster

    folder, inject = batch
    db = tmp_path / "cluster.db"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      preload=[str(inject)]) as cluster:
        done = quotes_cli(inject, "ingest", "--cluster", cluster.scheduler_address, str(folder), db=db)
    assert_one_failure(done, db)


def test_extract_prints_every_other_article(batch, tmp_path):
    folder, inject = batch
    done = quotes_cli(inject, "extract", "--jsonl", str(folder), db=tmp_path / "unused.db")
    assert done.returncode == 1
    printed = [Path(json.loads(line)["id"]).name for line in done.stdout.splitlines()]
    assert printed == [f"article_{n:03d}.txt" for n in range(5)]
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "article_002b.txt" in errors[0] and "injected fault" in errors[0]


def test_debug_prints_the_traceback_of_the_failed_article(batch, tmp_path):
    folder, inject = batch
    done = quotes_cli(inject, "--debug", "extract", "--jsonl", str(folder / "article_002b.txt"),
                      db=tmp_path / "unused.db")
    assert done.returncode == 1
    assert "Traceback" in done.stderr and "_faulty" in done.stderr


def test_a_failed_article_is_retried_by_a_plain_rerun_too(batch, tmp_path):
    folder, inject = batch
    db = tmp_path / "rerun.db"
    assert_one_failure(quotes_cli(inject, "ingest", str(folder), db=db), db)
    again = quotes_cli(inject, "ingest", str(folder), db=db, faulty=False)
    assert again.returncode == 0, again.stderr
    assert "1 new, 5 already known, 0 failed" in again.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM failed_article").fetchone() == (0,)
