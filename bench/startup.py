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
    compare(('python -c "import sqlmodel, typer"', baseline), ("quotes search weitz", search), env, args.runs, 2)
    article = str(ROOT / "fixtures" / "kremlin_grain.txt")
    bare = [sys.executable, "-c", BARE_PARSE, article]
    extract = [sys.executable, "-m", "quotes", "extract", "--jsonl", article]
    compare(("load the pipeline and parse one article", bare), ("quotes extract --jsonl of that article", extract),
            env, args.extract_runs, 1.3)
    return 0


def compare(base: tuple[str, list[str]], ours: tuple[str, list[str]], env: dict[str, str], runs: int,
            target: float) -> None:
    """Two commands run alternately (A B A B), `runs` times each: their medians and ratio."""
    times: dict[str, list[float]] = {base[0]: [], ours[0]: []}
    for _ in range(runs):
        for label, command in (base, ours):
            times[label].append(clock(command, env))
    medians = {label: statistics.median(taken) for label, taken in times.items()}
    for label, median in medians.items():
        print(f"{label:42} median {median * 1000:7.1f} ms")
    print(f"ratio {medians[ours[0]] / medians[base[0]]:.2f} (target <= {target})")


BARE_PARSE = """
import sys
from quotes.nlp import model_name
import spacy
spacy.load(model_name(None))(open(sys.argv[1], encoding="utf-8").read())
"""


if __name__ == "__main__":
    sys.exit(main())
