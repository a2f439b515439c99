"""A Dask cluster with a PostgreSQL directory: workers read their shares, extract and store them.

Everything runs for real: a PostgreSQL database per test, a LocalCluster of worker processes,
files on disk, and faults injected into the workers through their preload scripts.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from quotes.read import read_file
from quotes.shares import Share, plan, read_share

from .conftest import ROOT, _postgres_database
from .conftest import quotes_process as quotes
from .test_failures import INJECT, MARKER
from .test_ingest import corpus, snapshot, table
from .test_ingest import reference as reference  # noqa: F401 (the fixture, shared)


@pytest.fixture
def pg(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh PostgreSQL database (its URL), dropped after the test."""
    yield from _postgres_database(request.node.name[:20].lower().replace("[", "_").replace("]", ""))


def cluster(**options):
    from distributed import LocalCluster

    return LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, **options)


def errors(done: subprocess.CompletedProcess) -> list[str]:
    return [line for line in done.stderr.splitlines() if line.startswith("Error:")]


def as_jsonl(folder: Path, target: Path, ids: bool = False) -> Path:
    """The corpus's articles as one JSONL file (without ids: each is named by its line)."""
    lines = []
    for path in sorted(folder.glob("*.txt")):
        record = {"text": path.read_text(encoding="utf-8")}
        if ids:
            record["id"] = path.name
        lines.append(json.dumps(record))
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def test_a_large_jsonl_file_is_cut_at_line_starts_and_read_as_a_local_run_reads_it(tmp_path):
    folder = tmp_path / "in"
    corpus(folder, 48)
    big = as_jsonl(folder, tmp_path / "big.jsonl")
    with big.open("a") as handle:  # a blank line, a broken one, a long one: errors keep their line numbers
        handle.write("\n{]\n" + json.dumps({"text": "word " * 3_000 + '"A long one at last," said Bo Chen.'}) + "\n")
    shares = [s for s in plan([str(big)], workers=2) if isinstance(s, Share)]
    data = big.read_bytes()
    assert len(shares) >= 8
    assert [s.start for s in shares] == [0] + [s.end for s in shares[:-1]]  # contiguous, in order
    assert shares[-1].end == len(data)
    assert all(data[s.start - 1:s.start] == b"\n" for s in shares[1:])  # each starts a line
    assert [s.first_line for s in shares] == [data[:s.start].count(b"\n") + 1 for s in shares]
    whole = [(getattr(a, "id", None), str(a)) for a in read_file(big)]
    split = [(getattr(a, "id", None), str(a)) for s in shares for a in read_share(s, None)]  # type: ignore[arg-type]
    assert split == whole
    assert any("big.jsonl:50: not valid JSON" in text for _, text in whole)


def test_small_files_go_several_to_a_share_and_each_worker_gets_several(tmp_path):
    corpus(tmp_path / "in", 24)
    shares = list(plan([str(tmp_path / "in")], workers=2))
    assert all(isinstance(s, Share) and s.end is None for s in shares)
    assert len(shares) >= 4 and max(len(s.files) for s in shares) >= 2
    assert [where for s in shares for where, _ in s.files] == [str(p) for p in sorted((tmp_path / "in").glob("*.txt"))]


def test_workers_build_the_directory_one_process_builds_and_the_ingesting_process_extracts_nothing(
        tmp_path, reference, pg):
    folder, expected = reference
    script = tmp_path / "drive.py"
    script.write_text(
        "import sys\n"
        "from quotes.db import open_db\nfrom quotes.ingest import Summary, ingest\nfrom quotes.nlp import _load\n"
        "summary = Summary()\n"
        "for outcome in ingest(open_db(sys.argv[1]), [sys.argv[2]], cluster=sys.argv[3]):\n"
        "    summary.add(outcome)\n"
        "print(summary.new, summary.known, summary.failed, _load.cache_info().currsize, 'spacy' in sys.modules)\n")
    with cluster() as dask:
        done = subprocess.run([sys.executable, str(script), pg, str(folder), dask.scheduler_address],
                              cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        assert done.stdout.split() == ["24", "0", "0", "0", "False"]  # no pipeline loaded here, not even spaCy
        assert snapshot(pg) == expected
        again = quotes("ingest", "--cluster", dask.scheduler_address, str(folder), db=pg)
    assert again.returncode == 0, again.stderr
    assert "0 new, 24 already known, 0 failed" in again.stderr
    assert snapshot(pg) == expected


KILL = '''
import os
import quotes.ingest as ingest
import quotes.shares as shares

MARK = {marker!r}
state = {{"stored": 0}}


def _reading(share, engine, *, encoding=None, _real=shares.read_share):
    state["stored"] = 0
    return _real(share, engine, encoding=encoding)


def _store(engine, extraction, _real=ingest.store):
    if state["stored"] == 1 and not os.path.exists(MARK):  # one article of this share stored, the next not
        with open(MARK, "w") as handle:
            handle.write(extraction.article.id)
        os._exit(1)
    state["stored"] += 1
    return _real(engine, extraction)


if not getattr(shares.read_share, "wrapped", False):
    _reading.wrapped = True
    shares.read_share, ingest.store = _reading, _store
'''


def test_a_worker_killed_mid_share_has_its_share_run_again_and_nothing_is_stored_twice(tmp_path, reference, pg):
    folder, expected = reference
    marker = tmp_path / "killed"
    kill = tmp_path / "kill.py"
    kill.write_text(KILL.format(marker=str(marker)))
    with cluster(preload=[str(kill)]) as dask:
        done = quotes("ingest", "--cluster", dask.scheduler_address, str(folder), db=pg)
    assert marker.exists(), "no worker was killed"
    assert done.returncode == 0, done.stderr
    assert errors(done) == []
    new, known = (int(n) for n in re.search(r"(\d+) new, (\d+) already known, 0 failed", done.stderr).groups())
    assert new + known == 24 and known >= 1  # the article stored before the kill is known to the second run
    assert snapshot(pg) == expected
    assert table(pg, "SELECT count(*), count(DISTINCT content_hash) FROM article") == [(24, 24)]
    assert table(pg, "SELECT count(*) FROM failed_article") == [(0,)]


def test_an_article_that_breaks_costs_itself_alone_and_is_retried_on_the_cluster(tmp_path, pg):
    folder = tmp_path / "in"
    corpus(folder, 5)
    (folder / "article_002b.txt").write_text(f'Day {MARKER}\n\n"This one breaks the extractor," said Ana Ruiz.\n')
    inject = tmp_path / "inject.py"
    inject.write_text(INJECT)
    with cluster(preload=[str(inject)]) as dask:
        done = quotes("ingest", "--cluster", dask.scheduler_address, str(folder), db=pg)
    assert done.returncode == 1
    assert len(errors(done)) == 1 and "article_002b.txt" in errors(done)[0] and "injected fault" in errors(done)[0]
    assert "5 new, 0 already known, 1 failed" in done.stderr and "Traceback" not in done.stderr
    assert table(pg, "SELECT source_id FROM failed_article") == [(str(folder / "article_002b.txt"),)]
    with cluster() as dask:  # the bug fixed: the failed article is read from the directory by a worker
        again = quotes("ingest", "--retry-failed", "--cluster", dask.scheduler_address, db=pg)
    assert again.returncode == 0, again.stderr
    assert "1 new, 0 already known, 0 failed" in again.stderr
    assert table(pg, "SELECT count(*) FROM failed_article") == [(0,)]
    assert len(table(pg, "SELECT id FROM article")) == 6


def test_a_worker_that_cannot_reach_the_database_costs_its_shares_one_line_each(tmp_path, pg):
    corpus(tmp_path / "in", 4)
    name = pg.rsplit("/", 1)[1]
    from sqlalchemy import create_engine, text

    from quotes.db import open_db

    open_db(pg).dispose()  # migrated, then no more connections than the ingesting process's own
    admin = create_engine(pg, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" CONNECTION LIMIT 1'))
    admin.dispose()
    with cluster() as dask:
        done = quotes("ingest", "--cluster", dask.scheduler_address, str(tmp_path / "in"), db=pg)
    shares = list(plan([str(tmp_path / "in")], workers=2))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert len(errors(done)) == len(shares) >= 2
    assert all("not ingested (worker " in line and "cannot reach the directory" in line and ":quotes@" not in line
               and "***" in line for line in errors(done)), errors(done)
    assert f"0 new, 0 already known, {len(shares)} failed" in done.stderr


def test_an_input_that_cannot_be_read_is_one_line_and_the_rest_goes_on(tmp_path, pg):
    corpus(tmp_path / "in", 3)
    with cluster() as dask:
        done = quotes("ingest", "--cluster", dask.scheduler_address, str(tmp_path / "in"),
                      str(tmp_path / "missing.jsonl"), f"file://{tmp_path}/gone/", db=pg)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert len(errors(done)) == 2, done.stderr
    assert any("missing.jsonl: no such file or folder" in line for line in errors(done))
    assert any("/gone/: no such file or folder" in line for line in errors(done))
    assert "3 new, 0 already known, 2 failed" in done.stderr
    assert len(table(pg, "SELECT id FROM article")) == 3


def test_a_url_input_is_read_by_the_workers_through_fsspec(tmp_path, pg):
    corpus(tmp_path / "in", 3)
    big = as_jsonl(tmp_path / "in", tmp_path / "in.jsonl", ids=True)
    with cluster() as dask:
        done = quotes("ingest", "--cluster", dask.scheduler_address, f"file://{big}", db=pg)
    assert done.returncode == 0, done.stderr
    assert sorted(r[0] for r in table(pg, "SELECT source_id FROM article")) == [f"article_{n:03d}.txt" for n in range(3)]


def test_unreachable_scheduler_and_stdin_are_one_line_each_with_postgresql(tmp_path, pg):
    corpus(tmp_path / "in", 1)
    done = quotes("ingest", "--cluster", "tcp://127.0.0.1:9", str(tmp_path / "in"), db=pg)
    assert done.returncode == 1 and errors(done) and "cannot reach the Dask scheduler" in errors(done)[0]
    assert "Traceback" not in done.stderr
    done = quotes("ingest", "--cluster", "tcp://127.0.0.1:9", "-", db=pg)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert errors(done) == ["Error: --cluster workers cannot read standard input: save it to a file they can reach, "
                            "or ingest it without --cluster"]


def scaling_out() -> list[str]:
    """The commands of the README's "Scaling out" block, as written."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Scaling out", 1)[1]
    block = section.split("```bash\n", 1)[1].split("```", 1)[0]
    return [line.split("  #")[0].strip() for line in block.splitlines() if line.strip() and not line.startswith("#")]


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_readme_scaling_out_section_builds_the_directory_one_process_builds(tmp_path, pg):
    """The scheduler, the workers and the ingest run as the README writes them (on a free port, as
    other runs may hold 8786; the database is the test's own, where the README makes one as root)."""
    commands = scaling_out()
    port = str(free_port())
    cluster_lines = [c for c in commands if c.startswith(".venv/bin/dask ")]
    ingest = next(c for c in commands if c.startswith(".venv/bin/quotes ingest") and "--cluster" in c)
    assert len(cluster_lines) == 2 and all(c.endswith("&") for c in cluster_lines)
    exported = dict(c.removeprefix("export ").split("=", 1) for c in commands if c.startswith("export "))
    env = {**os.environ, **exported, "QUOTES_DB": pg}  # the README's database is made as root: the test's own here
    started = [subprocess.Popen(c.rstrip("&").replace("8786", port), shell=True, cwd=ROOT, env=env, start_new_session=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for c in cluster_lines]
    try:
        from distributed import Client

        with Client(f"tcp://127.0.0.1:{port}", timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        done = subprocess.run(ingest.replace("8786", port), shell=True, cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=600)
    finally:
        for process in started:
            os.killpg(process.pid, 15)
            process.wait(timeout=60)
    assert done.returncode == 0, done.stderr
    inputs = ingest.split("ingest ", 1)[1].split(" --cluster")[0].split()
    assert any(Path(name).is_dir() for name in inputs) and any(name.endswith(".jsonl") for name in inputs)
    cut = [s for s in plan([str(ROOT / name) for name in inputs], workers=2) if isinstance(s, Share) and s.end is not None]
    assert len(cut) >= 2  # the JSONL file went out as byte ranges
    single = tmp_path / "single.db"
    alone = subprocess.run([sys.executable, "-m", "quotes", "ingest", "-q", *inputs], cwd=ROOT,
                           env={**os.environ, "QUOTES_DB": str(single)}, capture_output=True, text=True, timeout=600)
    assert alone.returncode == 0, alone.stderr
    expected = snapshot(single)
    assert len(expected["articles"]) >= 10 and expected["quotes"]
    assert snapshot(pg) == expected
    search = quotes("search", "castellanos", "--json", db=pg)
    assert "Castellanos" in search.stdout
