#!/usr/bin/env python3
"""Ingest on a Dask cluster into PostgreSQL (workers read and store for themselves), measured.

Over ../shared/eval/polnear-dev.jsonl (read from there; with --limit, its first N lines are written
to a temporary file), with a PostgreSQL server on loopback ($QUOTES_BENCH_POSTGRES, else
$QUOTES_TEST_POSTGRES, an admin URL: every database is created for one run and dropped after it):

  (1) 2 workers against 1 worker of the same LocalCluster (processes, 1 thread each), articles/s
      (target >= 1.8x);
  (2) the ingesting process's CPU per article as a share of the workers' CPU per article, and from
      it how many workers one ingesting process could keep busy (aim: more than 100);
  (3) storing already-extracted articles (extracted once, before any clock) with 4 writer
      processes against 1, each into a fresh database (target >= 2.5x), checked for failures
      (a deadlock PostgreSQL could not break would be one) and for duplicates;
  (4) the 2-worker cluster against `ingest(..., workers=2)` (what `quotes ingest --workers 2`
      runs), the pipeline loaded beforehand in both (target >= 0.9x).

Runs alternate A B A B, and each is printed: the machine may be shared, so one figure alone says little.
Where Linux shares CPU between sessions (sched_autogroup, printed first), every process this bench
starts shares one session's part of a busy machine, so 2 workers cannot get more CPU than 1 did;
--own-sessions starts each cluster worker (a scheduler and `dask worker`s) and each writer in a
session of its own, as on machines of their own, for (1) and (3).

    python bench/cluster.py                              # every dev article
    python bench/cluster.py --limit 96                   # a quicker run
    python bench/cluster.py --limit 96 --own-sessions    # (1), (2), (3) as on separate machines
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOLD = ROOT.parent / "shared" / "eval" / "polnear-dev.jsonl"
ADMIN = os.environ.get("QUOTES_BENCH_POSTGRES") or os.environ.get(
    "QUOTES_TEST_POSTGRES", "postgresql+psycopg://quotes:quotes@127.0.0.1:5432/postgres")


@contextmanager
def database() -> Iterator[str]:
    """A fresh, migrated PostgreSQL database for one run (its URL), dropped after it."""
    from sqlalchemy import create_engine, text

    from quotes.db import open_db

    admin = create_engine(ADMIN, isolation_level="AUTOCOMMIT")
    name = f"quotes_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = ADMIN.rsplit("/", 1)[0] + "/" + name
    try:
        open_db(url).dispose()
        yield url
    finally:
        _drop(admin, name)
        admin.dispose()


def _drop(admin, name: str) -> None:  # type: ignore[no-untyped-def]
    """Drop a bench database, waiting out an autovacuum worker in it (a superuser's process,
    which WITH (FORCE) may not end for us)."""
    from sqlalchemy import text
    from sqlalchemy.exc import ProgrammingError

    for attempt in range(20):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except ProgrammingError:
            if attempt == 19:
                raise
            time.sleep(0.5)


def rows(url: str, sql: str) -> list[tuple]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def run_ingest(url: str, path: Path, count: int, **options: object) -> tuple[float, float]:
    """Ingest `path` into the database at `url` (on a cluster when `address` is among the
    options, as `ingest` does with PostgreSQL); wall seconds and this process's CPU seconds.
    Every article must come out new: a failure or a known one would make the figure a lie."""
    from quotes.db import open_db
    from quotes.ingest import Summary, ingest
    from quotes.shares import ingest_on_cluster

    engine = open_db(url)
    summary = Summary()
    start, start_cpu = time.perf_counter(), time.process_time()
    run = ingest_on_cluster if "address" in options else ingest
    for outcome in run(engine, [str(path)], **options):  # type: ignore[arg-type, operator]
        summary.add(outcome)
    wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    engine.dispose()
    assert (summary.new, summary.failed) == (count, 0), (summary, summary.errors[:3])
    return wall, cpu


#: The workers' environment, as the README's "Scaling out" starts them: Dask's statistical profiler
#: off (it samples each worker's stack 100 times a second, taking the GIL from the extraction).
WORKER_ENV = {**os.environ, "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"}


@contextmanager
def local_cluster() -> Iterator[str]:
    """A 2-worker LocalCluster (processes, 1 thread each) in a process of its own, its scheduler's
    address: a LocalCluster's scheduler runs in the process that makes it, and its CPU must not be
    counted as the ingesting process's."""
    import subprocess

    code = ("import sys\nfrom distributed import LocalCluster\n"
            "if __name__ == '__main__':\n"
            "    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:\n"
            "        print(c.scheduler_address, flush=True)\n"
            "        sys.stdin.read()\n")
    process = subprocess.Popen([sys.executable, "-c", code], env=WORKER_ENV, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    try:
        yield process.stdout.readline().strip()  # type: ignore[union-attr]
    finally:
        process.stdin.close()  # type: ignore[union-attr]
        process.wait(timeout=120)


@contextmanager
def cluster_in_sessions() -> Iterator[str]:
    """A scheduler and 2 workers (1 thread each), each process in a session of its own, as on
    machines of their own: with sched_autogroup on, Linux shares CPU between sessions, so every
    process of one session (a LocalCluster and its workers) shares one session's part of the CPU."""
    import socket
    import subprocess

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dask = str(Path(sys.executable).parent / "dask")
    address = f"tcp://127.0.0.1:{port}"
    commands = [[dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]] + [
        [dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard"] for _ in range(2)]
    started = [subprocess.Popen(c, env=WORKER_ENV, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
               for c in commands]
    try:
        yield address
    finally:
        for process in reversed(started):
            process.terminate()
            process.wait(timeout=120)


def autogroup() -> str:
    """Whether Linux shares CPU between sessions rather than between processes."""
    try:
        return Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip()
    except OSError:
        return "unknown"


def worker_cpu(client) -> float:  # type: ignore[no-untyped-def]
    """The CPU seconds every worker process has used so far, summed."""
    return sum(client.run(time.process_time).values())


def clusters(path: Path, count: int, rounds: int, model: str, sessions: bool = False
             ) -> tuple[list[float], list[float], list[tuple]]:
    """(1), (2) and the cluster side of (4): 1 and 2 workers of one cluster, alternating."""
    from distributed import Client

    from quotes.nlp import load_pipeline
    from quotes.workers import connect

    ones, twos, shares = [], [], []
    with (cluster_in_sessions() if sessions else local_cluster()) as address, Client(address, timeout="60s") as client:
        client.wait_for_workers(2, timeout=180)
        client.run(load_pipeline, model)  # loaded before any clock, as a long-running cluster has it
        # and warmed on these articles once, unmeasured, as (4)'s `--workers 2` children are: they are
        # forked from this process, which extracted these very articles for (3); a cold worker pays
        # its caches' filling (names, lexicons, spaCy's strings) in the first runs it does
        with database() as url:
            wall, _ = run_ingest(url, path, count, address=address, model=model)
        print(f"  warm-up run, unmeasured: {wall:.1f} s", flush=True)
        addresses = sorted(client.scheduler_info()["workers"])
        start = time.process_time()
        with connect(address) as probe:  # what every run pays once, however large
            probe.scheduler_info()
        opening = time.process_time() - start
        print(f"  connecting to the scheduler costs the ingesting process {opening * 1000:.0f} ms CPU, once a run",
              flush=True)
        for turn in range(rounds):
            # 1 worker is a restriction to one; 2 workers is no restriction, as `quotes ingest --cluster`
            # runs: a restricted task is placed when it is submitted, where an unrestricted one is
            # queued until a worker is free, and only that balances the shares' uneven lengths.
            for label, on in (("1 worker", addresses[:1]), ("2 workers", None)):
                with database() as url:
                    before = worker_cpu(client)
                    wall, cpu = run_ingest(url, path, count, address=address, model=model, on=on)
                    spent = worker_cpu(client) - before
                print(f"  round {turn + 1} cluster, {label:9} {wall:7.1f} s {count / wall:6.2f} articles/s   "
                      f"ingesting process CPU {cpu * 1000 / count:6.2f} ms/article, workers' {spent * 1000 / count:7.1f} "
                      f"ms/article", flush=True)
                (ones if on else twos).append(wall)
                if not on:
                    shares.append((cpu / spent, (cpu - opening) / spent))
    return ones, twos, shares


def locals_(path: Path, count: int, rounds: int, model: str) -> list[float]:
    """The other side of (4): `ingest(..., workers=2)`, the pipeline already loaded in this process
    (the forked workers start with it, as they do after `quotes ingest` has loaded it)."""
    from quotes.nlp import load_pipeline

    load_pipeline(model)
    walls = []
    for turn in range(rounds):
        with database() as url:
            wall, _ = run_ingest(url, path, count, workers=2, model=model)
        print(f"  round {turn + 1} --workers 2         {wall:7.1f} s {count / wall:6.2f} articles/s", flush=True)
        walls.append(wall)
    return walls


def _writer(url: str, extractions: list, go, ready, failed, cpu, session: bool) -> None:  # type: ignore[no-untyped-def]
    from quotes.db import open_db

    if session:
        os.setsid()
    from quotes.store import store

    engine = open_db(url, upgrade=False)
    with engine.connect():
        pass  # connected before the clock
    ready.release()
    go.wait()
    start = time.process_time()
    for extraction in extractions:
        try:
            store(engine, extraction)
        except Exception as exc:  # counted: a deadlock not broken, a duplicate refused
            with failed.get_lock():
                failed.value += 1
            print(f"    store failed: {type(exc).__name__}: {exc}"[:300], flush=True)
    with cpu.get_lock():
        cpu.value += time.process_time() - start


def cpu_ticks() -> tuple[int, int]:
    """The whole machine's busy and total CPU ticks so far (Linux /proc/stat; zeros elsewhere):
    their change over a run says how many cores it kept busy, the database server's included."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return 0, 0
    idle = fields[3] + fields[4]  # idle and waiting on the disk
    return sum(fields) - idle, sum(fields)


def store_with(writers: int, extractions: list, sessions: bool = False) -> tuple[float, str, float]:
    """Wall seconds to store `extractions` with `writers` processes (article i to writer i mod n)
    into a fresh database; and the writers' CPU and the directory's counts, to compare runs (the
    CPU says whether one writer waits on the database or works: only waiting leaves room for 4),
    and how many of the machine's cores were busy meanwhile."""
    context = multiprocessing.get_context("fork")
    with database() as url:
        go, ready, failed, cpu = context.Event(), context.Semaphore(0), context.Value("i", 0), context.Value("d", 0.0)
        processes = [context.Process(target=_writer, args=(url, extractions[n::writers], go, ready, failed, cpu, sessions))
                     for n in range(writers)]
        for process in processes:
            process.start()
        for _ in processes:
            ready.acquire()
        start, ticks = time.perf_counter(), cpu_ticks()
        go.set()
        for process in processes:
            process.join()
        wall, after = time.perf_counter() - start, cpu_ticks()
        busy = (after[0] - ticks[0]) / max(1, after[1] - ticks[1]) * (os.cpu_count() or 1)
        assert failed.value == 0, f"{failed.value} articles not stored"
        counts = rows(url, "SELECT (SELECT count(*) FROM article), (SELECT count(DISTINCT content_hash) FROM article), "
                           "(SELECT count(*) FROM quote), (SELECT count(*) FROM person), "
                           "(SELECT count(DISTINCT key) FROM person), (SELECT count(*) FROM institution)")[0]
    articles, distinct, quotes, people, keys, institutions = counts
    return wall, (f"writers' CPU {cpu.value * 1000 / len(extractions):5.1f} ms/article; articles {articles} ({distinct} distinct), quotes {quotes}, people {people} ({keys} distinct keys), "
                  f"institutions {institutions}"), busy


def writers(path: Path, rounds: int, model: str, sessions: bool = False) -> tuple[list[float], list[float], list[float]]:
    """(3): the articles extracted once, then stored by 1 and by 4 writers, alternating."""
    from quotes.extract import Extraction, extract_many
    from quotes.nlp import load_pipeline
    from quotes.read import read_file

    articles = [a for a in read_file(path) if not isinstance(a, Exception)]
    extractions = [r for _, r in extract_many(articles, load_pipeline(model)) if isinstance(r, Extraction)]
    assert len(extractions) == len(articles)
    quotes = sum(len(e.quotes) for e in extractions)
    print(f"  extracted {len(extractions)} articles, {quotes} quotes (out of the clock)", flush=True)
    ones, fours, busy_one = [], [], []
    for turn in range(rounds):
        for n in (1, 4):
            wall, counts, busy = store_with(n, extractions, sessions)
            print(f"  round {turn + 1} {n} writer{'s' if n > 1 else ' '} {wall:7.2f} s "
                  f"{len(extractions) / wall:7.1f} articles/s, {busy:.2f} cores busy   {counts}", flush=True)
            (ones if n == 1 else fours).append(wall)
            if n == 1:
                busy_one.append(busy)
    return ones, fours, busy_one


def ratio(label: str, slow: list[float], fast: list[float], target: str) -> None:
    each = ", ".join(f"{s / f:.2f}" for s, f in zip(slow, fast))
    print(f"{label:58} {sum(slow) / sum(fast):5.2f}x  (per round: {each}; target {target})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N dev articles")
    parser.add_argument("--rounds", type=int, default=2, help="A B rounds of each comparison (default 2)")
    parser.add_argument("--own-sessions", action="store_true",
                        help="(1) and (3) with each worker and writer in a session of its own, as on machines of "
                             "their own (where Linux shares CPU by session); (4) is then left out")
    options = parser.parse_args()
    from quotes.nlp import model_name

    model = model_name(None)
    with tempfile.TemporaryDirectory() as folder:
        path = GOLD
        if options.limit:
            path = Path(folder) / "dev-subset.jsonl"
            with GOLD.open("rb") as source:
                path.write_bytes(b"".join(line for _, line in zip(range(options.limit), source)))
        count = sum(1 for line in path.open("rb") if line.strip())
        print(f"{count} articles of {GOLD.name}, {path.stat().st_size / 1e6:.1f} MB; load average "
              f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs; sched_autogroup "
              f"{autogroup()}; {'each worker and writer in its own session' if options.own_sessions else 'one session'}",
              flush=True)
        print("(3) storing extracted articles, 1 writer against 4:", flush=True)
        one_writer, four_writers, busy_one = writers(path, options.rounds, model, options.own_sessions)
        print("(1, 2) one cluster, 1 worker against 2:", flush=True)
        one, two, shares = clusters(path, count, options.rounds, model, options.own_sessions)
        local = []
        if not options.own_sessions:
            print("(4) --workers 2, against the 2-worker cluster above:", flush=True)
            local = locals_(path, count, options.rounds, model)
    print(f"load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    ratio("(1) 2 workers / 1 worker, articles/s", one, two, ">= 1.8")
    for label, of in (("", 0), (", past connecting", 1)):
        share = sum(s[of] for s in shares) / len(shares)
        print(f"{'(2) ingesting process CPU / workers CPU, per article' + label:58} {share:.4f}  (per round: "
              f"{', '.join(f'{s[of]:.4f}' for s in shares)}): one ingesting process keeps ~{1 / share:,.0f} workers "
              "busy (aim > 100)")
    ratio("(3) 4 writers / 1 writer, stored articles/s", one_writer, four_writers, ">= 2.5")
    # One writer and its PostgreSQL backend take turns (the writer waits on each answer), so it keeps
    # about one core busy; more writers can at best fill every core: this is the most (3) can be here.
    busy = sum(busy_one) / len(busy_one)
    print(f"{'(3) ... 1 writer kept cores busy (the machine, server too)':58} {busy:5.2f}  so {os.cpu_count()} cores "
          f"allow at most {(os.cpu_count() or 1) / busy:.2f}x")
    if local:
        ratio("(4) 2-worker cluster / --workers 2, articles/s", local, two, ">= 0.9")


if __name__ == "__main__":
    main()
