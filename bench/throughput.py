#!/usr/bin/env python3
"""Ingest throughput, as ratios against baselines measured in the same run.

Over the texts of ../shared/eval/polnear-dev.jsonl, in words per second of article text:
  (a) the full spaCy pipeline over every text (`nlp.pipe`), as `spacy.load` gives it
  (a+) the same with our indexed attribute ruler and lemma memo (quotes/ruler.py), to show what they alone save
  (b) the textacy baseline: the full (stock) pipeline, then `direct_quotations`
  (c) `quotes` extraction, one process, every kind (reported speech on)
  (cq) `quotes` extraction of quotes only (`--kinds direct,mixed`: today's faster path)
  (c2) `quotes` extraction on 2 worker processes
  (c3) `quotes` extraction on a 2-worker Dask LocalCluster (started before the clock)
  (d) `quotes ingest` into a fresh SQLite file, one process
  (r) re-ingesting the same articles into that file (all known: a hash, no NLP)
and prints c/a (target >= 1.25 with reported speech on), cq/a, c/b (>= 2.5), d/c (>= 0.9), c2/c (>= 1.7) and r/d time (<= 1/20).
(a), (a+), (b), (c) and (d) run interleaved, chunk by chunk of 32 articles in rotating order, so that a
slow minute on this shared machine weighs on all of them alike.
It also times whole processes as a user runs them, A B A B: `quotes extract --jsonl` (every kind,
and `--kinds direct,mixed`) against a bare `nlp.pipe` process over the same texts, start-up and
all (`--whole`; always outside --single).
With --memory it also compares the peak resident memory of ingesting N articles and 10 x N
distinct articles in fresh processes (target: within 1.2x).

    python bench/throughput.py              # every dev article (about 10 minutes on 2 cores)
    python bench/throughput.py --limit 150  # a quicker run
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOLD = ROOT.parent / "shared" / "eval" / "polnear-dev.jsonl"


def load(limit: int | None) -> list[dict]:
    with GOLD.open(encoding="utf-8") as lines:
        docs = [json.loads(line) for line in lines]
    return docs[:limit] if limit else docs


def timed(label: str, words: int, run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    print(f"{label:42} {seconds:8.1f} s {words / seconds:10,.0f} words/s", flush=True)
    return seconds


def interleaved(
    stages: dict[str, Callable[[list[int]], object]], count: int, chunk: int = 32
) -> tuple[dict[str, float], dict[str, float]]:
    """Wall and CPU seconds each stage takes over all `count` items, run chunk by chunk, rotating
    which goes first. CPU time (this process's) is what other work on the machine disturbs least."""
    wall, cpu = dict.fromkeys(stages, 0.0), dict.fromkeys(stages, 0.0)
    names = list(stages)
    for turn, lo in enumerate(range(0, count, chunk)):
        part = list(range(lo, min(lo + chunk, count)))
        for name in names[turn % len(names):] + names[: turn % len(names)]:
            start, start_cpu = time.perf_counter(), time.process_time()
            stages[name](part)
            wall[name] += time.perf_counter() - start
            cpu[name] += time.process_time() - start_cpu
    return wall, cpu


def report(label: str, words: int, seconds: float, cpu: float | None = None) -> None:
    also = f"   (CPU {cpu:7.1f} s {words / cpu:8,.0f} words/s)" if cpu else ""
    print(f"{label:42} {seconds:8.1f} s {words / seconds:10,.0f} words/s{also}", flush=True)


def peak_rss_of_ingest(path: Path, db: Path) -> int:
    """Peak resident memory (KiB) of a fresh `quotes ingest` process.

    Read from VmHWM, which starts afresh at exec; ru_maxrss would carry over this big parent's.
    """
    env = {**os.environ, "QUOTES_DB": str(db)}
    code = (
        "import runpy, sys; sys.argv = ['quotes', 'ingest', '-q', sys.argv[1]];\n"
        "try: runpy.run_module('quotes', run_name='__main__')\n"
        "except SystemExit: pass\n"
        "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], env=env, capture_output=True, text=True, check=True)
    return int(done.stdout.strip().splitlines()[-1])


def memory(docs: list[dict], work: Path, count: int) -> None:
    base = docs[:count]
    once, tenfold = work / "once.jsonl", work / "tenfold.jsonl"
    once.write_text("".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in base))
    with tenfold.open("w") as out:
        for copy in range(10):  # distinct texts, so none is skipped as known
            for d in base:
                out.write(json.dumps({"id": f"{d['id']}#{copy}", "text": f"{d['text']}\n\n(copy {copy})"}) + "\n")
    first = peak_rss_of_ingest(once, work / "m1.db")
    ten = peak_rss_of_ingest(tenfold, work / "m10.db")
    print(f"peak RSS ingesting {count} articles: {first / 1024:.0f} MiB; {10 * count}: {ten / 1024:.0f} MiB; "
          f"ratio {ten / first:.2f} (target <= 1.2)")


def whole_processes(docs: list[dict], work: Path, rounds: int = 2) -> dict[str, float]:
    """Wall seconds of whole processes over the same texts, A B A B (the best of `rounds` each):
    (A) `spacy.load` and `nlp.pipe` over every text, nothing else; (W) `quotes extract --jsonl`;
    (WQ) the same with `--kinds direct,mixed`."""
    from quotes.nlp import model_name

    path = work / "whole.jsonl"
    path.write_text("".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in docs), encoding="utf-8")
    bare = ("import json, sys, spacy; nlp = spacy.load(sys.argv[1]);\n"
            "texts = [json.loads(l)['text'] for l in open(sys.argv[2], encoding='utf-8')]\n"
            "for doc in nlp.pipe(texts): pass")
    commands = {
        "A": [sys.executable, "-c", bare, model_name(), str(path)],
        "W": [sys.executable, "-m", "quotes", "extract", "--jsonl", str(path)],
        "WQ": [sys.executable, "-m", "quotes", "extract", "--jsonl", "--kinds", "direct,mixed", str(path)],
    }
    best = dict.fromkeys(commands, float("inf"))
    for _ in range(rounds):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True, cwd=ROOT)
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def print_whole(docs: list[dict], work: Path) -> None:
    whole = whole_processes(docs, work)
    print(f"\nwhole processes (best of 2, A B A B): bare nlp.pipe {whole['A']:.1f} s, quotes extract {whole['W']:.1f} s, "
          f"--kinds direct,mixed {whole['WQ']:.1f} s")
    print(f"  A/W  {whole['A'] / whole['W']:5.2f}   (every kind; target >= 1.25)")
    print(f"  A/WQ {whole['A'] / whole['WQ']:5.2f}   (quotes only)")


def cluster_run(articles: list, words: int) -> float:
    """Extraction on a 2-worker Dask LocalCluster started before the clock; like (c2), the time
    includes each worker loading the pipeline."""
    from distributed import LocalCluster

    from quotes.workers import extract_on_cluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        return timed("(c3) quotes extraction, 2-worker Dask cluster", words,
                     lambda: list(extract_on_cluster(articles, address=address)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--single", action="store_true", help="only the interleaved one-process stages a, a+, b, c")
    parser.add_argument("--whole", action="store_true", help="with --single: the whole-process ratios too")
    parser.add_argument("--memory", type=int, metavar="N", help="also compare peak memory of N and 10 x N articles")
    args = parser.parse_args()
    if not GOLD.exists():
        print(f"skipped: the development set is not at {GOLD}", file=sys.stderr)
        return 0

    import spacy
    from sqlmodel import Session
    from textacy.extract.triples import direct_quotations

    from quotes.db import open_db
    from quotes.extract import extract_many
    from quotes.ingest import ingest_articles
    from quotes.kinds import QUOTED_KINDS
    from quotes.nlp import load_pipeline, model_name
    from quotes.read import Article
    from quotes.workers import extract_parallel

    docs = load(args.limit)
    articles = [Article(text=d["text"], id=d["id"]) for d in docs]
    texts = [d["text"] for d in docs]
    words = sum(len(t.split()) for t in texts)
    nlp = load_pipeline()
    stock = spacy.load(model_name())
    print(f"{len(texts)} articles, {words:,} words; pipeline {nlp.meta['name']} {nlp.meta['version']}; "
          f"{os.cpu_count()} cores\n")
    for warm in (nlp, stock):  # first calls allocate; no stage should pay for that
        list(warm.pipe(texts[:8]))

    def textacy_baseline(part: list[int]) -> None:
        for doc in stock.pipe(texts[i] for i in part):
            try:
                list(direct_quotations(doc))
            except ValueError:
                pass  # unbalanced marks: textacy gives up on the article

    work = Path(tempfile.mkdtemp(prefix="quotes-throughput-"))
    engine = open_db(work / "ingest.db")
    stages = {
        "a": lambda part: list(stock.pipe(texts[i] for i in part)),
        "a+": lambda part: list(nlp.pipe(texts[i] for i in part)),
        "b": textacy_baseline,
        "c": lambda part: list(extract_many((articles[i] for i in part), nlp)),
        "cq": lambda part: list(extract_many((articles[i] for i in part), nlp, kinds=QUOTED_KINDS)),
    }
    if not args.single:  # the ingest too, into one file that grows chunk by chunk
        stages["d"] = lambda part: list(ingest_articles(engine, (articles[i] for i in part), nlp=nlp))
    times, cpu = interleaved(stages, len(texts))
    a, b, c = times["a"], times["b"], times["c"]
    report("(a) full spaCy pipeline (stock)", words, a, cpu["a"])
    report("(a+) full pipeline, indexed ruler + lemma memo", words, times["a+"], cpu["a+"])
    report("(b) textacy direct_quotations", words, b, cpu["b"])
    report("(c) quotes extraction, 1 process", words, c, cpu["c"])
    report("(cq) quotes only (direct, mixed), 1 process", words, times["cq"], cpu["cq"])
    if args.single:
        print(f"\n  a+/a {a / times['a+']:5.2f}  c/a {a / c:5.2f}  cq/a {a / times['cq']:5.2f}  c/b {b / c:5.2f}   "
              f"(CPU time: {cpu['a'] / cpu['a+']:.2f}, {cpu['a'] / cpu['c']:.2f}, {cpu['a'] / cpu['cq']:.2f}, "
              f"{cpu['b'] / cpu['c']:.2f}); target c/a >= 1.25")
        if args.whole:
            print_whole(docs, work)
        return 0
    c2 = timed("(c2) quotes extraction, 2 worker processes", words, lambda: list(extract_parallel(articles, workers=2)))
    c3 = cluster_run(articles, words)
    d = times["d"]
    report("(d) quotes ingest into SQLite, 1 process", words, d, cpu["d"])
    r = timed("(r) re-ingest, all known", words, lambda: list(ingest_articles(engine, articles, nlp=nlp)))
    with Session(engine) as session:
        from quotes.directory import counts

        print(f"\ndirectory after ingest: {counts(session)}")
    print("\nratios (speed; higher is faster)")
    print(f"  a+/a {a / times['a+']:5.2f}   (the indexed ruler and lemma memo alone; CPU time: {cpu['a'] / cpu['a+']:.2f})")
    print(f"  c/a  {a / c:5.2f}   target >= 1.25, every kind   (CPU time: {cpu['a'] / cpu['c']:.2f})")
    print(f"  cq/a {a / times['cq']:5.2f}   quotes only   (CPU time: {cpu['a'] / cpu['cq']:.2f})")
    print(f"  c/b  {b / c:5.2f}   target >= 2.5   (CPU time: {cpu['b'] / cpu['c']:.2f})")
    print(f"  d/c  {c / d:5.2f}   target >= 0.9")
    print(f"  c2/c {c / c2:5.2f}   target >= 1.7")
    print(f"  c3/c {c / c3:5.2f}   (Dask LocalCluster, 2 workers)")
    print(f"  re-ingest time / first ingest time  {r / d:6.3f}   target <= 0.05")
    print_whole(docs, work)
    if args.memory:
        memory(docs, work, args.memory)
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
