#!/usr/bin/env python3
"""How long whole processes take to start and answer, against the least they could take.

- `quotes search NAME` against `python -c "import sqlmodel, typer"`: query commands must not import
  spaCy; a search should start in the time it takes to open SQLite (target <= 2).
- `quotes extract` of one article against a bare process that loads the same spaCy pipeline and
  parses that article: a reporter checking one article should wait for the model, not for us
  (target <= 1.3).

Each pair runs alternately (A B A B), N times each, in fresh processes, the search against a
directory built from `fixtures/` (whose schema is current, so opening it does not migrate); it
prints the medians and their ratios.

    python bench/startup.py            # 15 runs of each search, 5 of each extract
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def clock(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--extract-runs", type=int, default=5)
    args = parser.parse_args()
    db = Path(tempfile.mkdtemp(prefix="quotes-startup-")) / "quotes.db"
    env = {**os.environ, "QUOTES_DB": str(db)}
    subprocess.run([sys.executable, "-m", "quotes", "ingest", "-q", "fixtures"], env=env, cwd=ROOT, check=True)
    search = [sys.executable, "-m", "quotes", "search", "weitz"]
    baseline = [sys.executable, "-c", "import sqlmodel, typer"]
    times: dict[str, list[float]] = {"search": [], "baseline": []}
    for _ in range(args.runs):
        times["baseline"].append(clock(baseline, env))
        times["search"].append(clock(search, env))
    base, ours = statistics.median(times["baseline"]), statistics.median(times["search"])
    print(f'python -c "import sqlmodel, typer"   median {base * 1000:7.1f} ms')
    print(f"quotes search weitz                median {ours * 1000:7.1f} ms")
    print(f"ratio {ours / base:.2f} (target <= 2)")
    extract_startup(env, args.extract_runs)
    return 0


BARE_PARSE = """
import sys
from quotes.nlp import model_name
import spacy
spacy.load(model_name(None))(open(sys.argv[1], encoding="utf-8").read())
"""


def extract_startup(env: dict[str, str], runs: int) -> None:
    """`quotes extract` of one fixture article against loading the pipeline and parsing it."""
    article = str(ROOT / "fixtures" / "kremlin_grain.txt")
    extract = [sys.executable, "-m", "quotes", "extract", "--jsonl", article]
    bare = [sys.executable, "-c", BARE_PARSE, article]
    times: dict[str, list[float]] = {"bare": [], "extract": []}
    for _ in range(runs):
        times["bare"].append(clock(bare, env))
        times["extract"].append(clock(extract, env))
    base, ours = statistics.median(times["bare"]), statistics.median(times["extract"])
    print(f"load the pipeline and parse one article  median {base * 1000:7.1f} ms")
    print(f"quotes extract --jsonl of that article   median {ours * 1000:7.1f} ms")
    print(f"ratio {ours / base:.2f} (target <= 1.3)")


if __name__ == "__main__":
    sys.exit(main())
