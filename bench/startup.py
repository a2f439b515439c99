#!/usr/bin/env python3
"""How long a whole `quotes search NAME` process takes, against `python -c "import sqlmodel, typer"`.

Query commands must not import spaCy: a search should start in the time it takes to open SQLite.
Both commands run alternately, N times each, in fresh processes against a directory built from
`fixtures/` (whose schema is current, so opening it does not migrate); it prints the medians and
their ratio (target <= 2).

    python bench/startup.py            # 15 runs of each
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
