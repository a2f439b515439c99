#!/usr/bin/env python3
"""Page times of the web desk (`quotes serve`) at 10k and 1M quotes.

Uses the synthetic directories `bench/queries.py` builds and caches (same --workdir), and times
each page as a browser asks for it: a GET through the real app (routing, library calls, template
rendering, security headers) with Starlette's TestClient, in-process, so no network noise. Inputs
are drawn from each directory: names as editors type them, the first letters of a surname (the
as-you-type request), and experts, institutions and articles drawn by quote (a statement picked at
random, then its expert, institution or article: a page is asked for as often as its people are
quoted), and words taken from quotes.

It prints the median and 95th percentile (nearest rank) of each page at each size, then the ratio
of the medians (1M / 10k) beside the target: 100x the data costs at most 3x the time. The last
row, a static file, is the fixed cost of a request in this harness: it is in every page's time
(and pulls every ratio towards 1), so compare a page's time less that with `bench/queries.py`'s
figures for the library call under it. Each request's CPU time (the process's, all its threads)
is printed beside its wall time, and its ratio too: on a shared machine wall time also counts
the waits for a core. Sizes are
timed call by call in turn, so both see the same minutes of a shared machine.

    .venv/bin/python bench/serve.py --workdir /var/tmp/qb           # 10k and 1M (built if missing)
    .venv/bin/python bench/serve.py --sizes 10k --repeat 10
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import queries  # noqa: E402  (bench/queries.py: the directories, the inputs, the timing helpers)
from sqlalchemy.engine import Engine  # noqa: E402

from quotes.db import open_db  # noqa: E402
from quotes.web import create_app  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette prefers httpx2 for its TestClient
    from starlette.testclient import TestClient  # noqa: E402

TARGET_RATIO = 3.0
SEED = 20261202


def _by_quote(engine: Engine, column: str, count: int, rng: random.Random) -> list[int]:
    """`count` ids of `column` (person_id, institution_id, article_id) of quotes drawn at random."""
    rows = queries.sample_rows(engine, f"SELECT {column} FROM quote WHERE id = ? AND {column} IS NOT NULL",
                               "quote", count, rng)
    return [row[0] for row in rows]


def paths(engine: Engine, count: int) -> dict[str, list[str]]:
    """The URLs each page is timed with, `count` + WARMUP of each, drawn from this directory."""
    n = count + queries.WARMUP
    rng = random.Random(SEED)
    drawn = queries.draw_inputs(engine, n, SEED)
    experts = _by_quote(engine, "person_id", n, rng)
    institutions = _by_quote(engine, "institution_id", n, rng)
    articles = _by_quote(engine, "article_id", n, rng)
    since = [f"{rng.randint(2014, 2025)}-{rng.randint(1, 12):02d}-01" for _ in range(n)]
    return {
        "search": [f"/?q={name}" for name in drawn.names],
        "search as you type": [f"/search/results?q={name.split()[-1][:4]}" for name in drawn.names],
        "expert": [f"/expert/{pid}" for pid in experts],
        "expert, since a date": [f"/expert/{pid}?since={day}" for pid, day in zip(experts, since)],
        "institution": [f"/institution/{iid}" for iid in institutions],
        "find": [f"/find?q={word}" for word in drawn.words],
        "article": [f"/article/{aid}" for aid in articles],
        "expert's CSV": [f"/export.csv?expert_id={pid}" for pid in experts],
        # what any request costs here before a query: routing, middleware, TestClient's threads
        "no query (static CSS)": ["/static/desk.css"] * n,
    }


def get(client: TestClient) -> Callable[[object, str], int]:
    """GET the path and check it answered; the page's size in bytes."""
    def op(_unused: object, path: str) -> int:
        response = client.get(path)
        if response.status_code != 200:
            raise AssertionError(f"{path}: {response.status_code} {response.text[:300]}")
        return len(response.content)
    return op


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,1M", help="comma-separated, of: " + ", ".join(queries.SCALES))
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page and size (default 30)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "bq",
                        help="where bench/queries.py caches its directories (default <tmp>/bq)")
    args = parser.parse_args(argv)
    sizes = [queries.SCALES[s.strip()] for s in args.sizes.split(",") if s.strip()]
    print(f"quotes serve page benchmark: Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"{args.repeat} requests per page and size, in-process TestClient")
    began = time.perf_counter()
    engines: list[Engine] = []
    clients: list[TestClient] = []
    urls: list[dict[str, list[str]]] = []
    for scale in sizes:
        path, built = queries.ensure_built(args.workdir, scale, rebuild=False)
        print(f"{scale.label}: {path}" + (f" (built in {built:.0f} s)" if built else ""))
        engine = open_db(path)
        engines.append(engine)
        clients.append(TestClient(create_app(engine), base_url="http://127.0.0.1", raise_server_exceptions=True))
        urls.append(paths(engine, args.repeat))
    results: dict[str, tuple[list[queries.Result], list[queries.Result]]] = {}
    for page in urls[0]:
        wall, cpu = results[page] = _interleaved(clients, [found[page] for found in urls])
        cells = "   ".join(f"{s.label}: median {r.median_ms:7.1f} ms  p95 {r.p95_ms:7.1f} ms  cpu {c.median_ms:6.1f} ms  "
                           f"{r.mean_rows / 1024:5.1f} KiB" for s, r, c in zip(sizes, wall, cpu))
        print(f"  {page:<22} {cells}", flush=True)
    if len(sizes) >= 2:
        _compare(sizes[0], sizes[-1], results)
    for engine in engines:
        engine.dispose()
    print(f"\ntotal {time.perf_counter() - began:.0f} s")
    return 0


def _compare(small: queries.Scale, large: queries.Scale,
             results: dict[str, tuple[list[queries.Result], list[queries.Result]]]) -> None:
    """The table judged: wall-time medians and p95, and the ratio of the medians in wall and in
    CPU time (the process's, all threads: what a page costs, whatever else the machine runs)."""
    head = (f"{'page':<22} {small.label + ' med':>9} {small.label + ' p95':>9} {large.label + ' med':>9} "
            f"{large.label + ' p95':>9} {'ratio':>7} {'cpu ratio':>9}  {'target':<7} result (wall, cpu)")
    print(f"\n== {large.label} vs {small.label} ({large.quotes // small.quotes}x the data); wall times in ms\n"
          + head + "\n" + "-" * len(head))
    for page, (wall, cpu) in results.items():
        a, b = wall[0], wall[-1]
        ratio, cpu_ratio = b.median_ms / a.median_ms, cpu[-1].median_ms / max(cpu[0].median_ms, 1e-6)
        print(f"{page:<22} {a.median_ms:>9.1f} {a.p95_ms:>9.1f} {b.median_ms:>9.1f} {b.p95_ms:>9.1f} "
              f"{ratio:>6.1f}x {cpu_ratio:>8.1f}x  <= {TARGET_RATIO:.0f}x   "
              f"{queries.verdict(ratio, TARGET_RATIO)}, {queries.verdict(cpu_ratio, TARGET_RATIO)}")


def _interleaved(clients: list[TestClient], inputs: list[list[str]]) -> tuple[list[queries.Result], list[queries.Result]]:
    """The sizes request by request in turn (as queries.timed_together does for its lookups):
    wall time and the process's CPU time of each request."""
    for client, found in zip(clients, inputs):
        for path in found[: queries.WARMUP]:
            get(client)(None, path)
    wall = [queries.Result([], []) for _ in clients]
    cpu = [queries.Result([], []) for _ in clients]
    for k in range(queries.WARMUP, max(len(found) for found in inputs)):
        for n, (client, found) in enumerate(zip(clients, inputs)):
            if k < len(found):
                began, began_cpu = time.perf_counter(), time.process_time()
                size = get(client)(None, found[k])
                wall[n].seconds.append(time.perf_counter() - began)
                cpu[n].seconds.append(time.process_time() - began_cpu)
                wall[n].rows.append(size)
                cpu[n].rows.append(size)
    return wall, cpu


if __name__ == "__main__":
    sys.exit(main())
