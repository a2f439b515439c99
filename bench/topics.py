#!/usr/bin/env python3
"""How well `quotes experts --about` ranks experts on the topic set of bench/topics.json.

For each topic it runs `topics.about(session, query, how=...)` on a directory that holds the dev set
and the fixtures, and scores the ranked experts against the judged ones (by name key): precision at 5
and 10 (an expert judged 1 or 2 counts as relevant) and nDCG@10 with gains 2^grade - 1. It prints the
mean of each over the topics, per way of ranking: lexical alone, and semantic and fused when the
`quotes[semantic]` extra is installed and the directory holds embeddings.

    .venv/bin/quotes ingest -q --db /work/topics-dev.db ../shared/eval/polnear-dev.jsonl
    .venv/bin/quotes ingest -q --db /work/topics-dev.db fixtures/
    .venv/bin/python bench/topics.py --db /work/topics-dev.db [--per-topic]
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from quotes import models, topics
from quotes.db import open_db

TOPICS = Path(__file__).resolve().parent / "topics.json"


def precision(ranked: Sequence[str], judged: dict[str, int], k: int) -> float:
    return sum(1 for key in ranked[:k] if judged.get(key, 0) > 0) / k


def ndcg(ranked: Sequence[str], judged: dict[str, int], k: int = 10) -> float:
    gain = sum((2 ** judged.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked[:k]))
    ideal = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(sorted(judged.values(), reverse=True)[:k]))
    return gain / ideal if ideal else 0.0


def ranked_keys(session: Session, query: str, how: str) -> list[str]:
    experts = topics.about(session, query, limit=10, how=how)
    keys = {pid: key for pid, key in session.execute(
        select(models.Person.id, models.Person.key).where(models.Person.id.in_([e.id for e in experts])))}
    return [keys[e.id] for e in experts]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="A directory holding the dev set and the fixtures.")
    parser.add_argument("--per-topic", action="store_true", help="Print each topic's figures too.")
    parser.add_argument("--how", nargs="*", default=None, help="Ways to rank (default: all available).")
    args = parser.parse_args(argv)
    topic_set = json.loads(TOPICS.read_text(encoding="utf-8"))["topics"]
    engine = open_db(args.db)
    with Session(engine) as session:
        ways = args.how or ["lexical", *(["semantic", "fused"] if topics.semantic_ready(session) else [])]
    print(f"{len(topic_set)} topics, {args.db}")
    print(f"{'ranking':10} {'P@5':>6} {'P@10':>6} {'nDCG@10':>8} {'median ms':>10}")
    for how in ways:
        p5, p10, gains, times = [], [], [], []
        for topic in topic_set:
            with Session(engine) as session:
                start = time.perf_counter()
                ranked = ranked_keys(session, topic["query"], how)
                times.append(time.perf_counter() - start)
            judged = topic["experts"]
            p5.append(precision(ranked, judged, 5))
            p10.append(precision(ranked, judged, 10))
            gains.append(ndcg(ranked, judged))
            if args.per_topic:
                print(f"  {how:8} {topic['id']:20} P@5 {p5[-1]:.2f} nDCG@10 {gains[-1]:.2f}  {ranked[:5]}")
        print(f"{how:10} {statistics.mean(p5):6.3f} {statistics.mean(p10):6.3f} {statistics.mean(gains):8.3f} "
              f"{statistics.median(times) * 1000:10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
