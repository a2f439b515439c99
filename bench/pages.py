#!/usr/bin/env python3
"""What `quotes` reads from the real saved news pages in ../shared/pages (issue 18, web pages).

For each page: the words of article text, the title, outlet and date read, and the quotes and
experts (distinct speakers) and institutions (distinct affiliations) `quotes.extract` finds; then
totals, and a junk count: entries a person read as no person / no institution, listed by hand in
bench/pages_junk.json (page -> experts and institutions). A new kind of page reading can make new junk: read the
entries (`--entries`) and add what is junk to that file before trusting the count.

    python bench/pages.py                     # the table and totals
    python bench/pages.py --entries           # each page's experts and institutions too
    python bench/pages.py --dump DIR          # each page's text as read, with its quotes, for reading
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT.parent / "shared" / "pages"
JUNK = Path(__file__).resolve().parent / "pages_junk.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=PAGES)
    parser.add_argument("--entries", action="store_true", help="print each page's experts and institutions")
    parser.add_argument("--dump", type=Path, help="write each page's text and quotes into this folder")
    args = parser.parse_args()
    if not args.pages.is_dir():
        print(f"{args.pages}: no such folder (the saved pages live in ../shared/pages)", file=sys.stderr)
        return 1
    from quotes.errors import ReadError
    from quotes.extract import extract
    from quotes.nlp import load_pipeline
    from quotes.read import read_file

    nlp = load_pipeline()
    junk = json.loads(JUNK.read_text(encoding="utf-8")) if JUNK.exists() else {}
    totals = {"words": 0, "quotes": 0, "experts": 0, "institutions": 0, "junk": 0, "titles": 0, "outlets": 0,
              "dates": 0}
    print(f"{'page':28} {'words':>5} {'q':>3} {'exp':>3} {'ins':>3} {'junk':>4}  date        outlet / title")
    for path in sorted(args.pages.glob("*.html")):
        (article,) = list(read_file(path))
        if isinstance(article, ReadError):
            print(f"{path.name:28} {article}")
            continue
        found = extract(article, nlp)
        experts = sorted({q.speaker for q in found.quotes if q.speaker})
        places = sorted({q.affiliation for q in found.quotes if q.affiliation})
        judged = junk.get(path.name, {})
        bad = [n for n in experts if n in judged.get("experts", [])] + [
            n for n in places if n in judged.get("institutions", [])]
        words = len(article.text.split())
        row = {"words": words, "quotes": len(found.quotes), "experts": len(experts), "institutions": len(places),
               "junk": len(bad), "titles": bool(article.title), "outlets": bool(article.outlet),
               "dates": bool(article.published)}
        for key, value in row.items():
            totals[key] += int(value)
        print(f"{path.name:28} {words:5} {len(found.quotes):3} {len(experts):3} {len(places):3} {len(bad):4}  "
              f"{article.published or '-':11} {article.outlet or '-'} / {article.title or '-'}")
        if args.entries:
            print(f"    experts: {experts}\n    institutions: {places}\n    junk: {bad}")
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            quotes = "\n".join(f"  [{q.kind}] {q.speaker} ({q.title}; {q.affiliation}): {q.text}" for q in found.quotes)
            (args.dump / f"{path.stem}.txt").write_text(
                f"TITLE: {article.title}\nOUTLET: {article.outlet}\nDATE: {article.published}\nURL: {article.url}\n\n"
                f"{article.text}\n\nQUOTES:\n{quotes}\n", encoding="utf-8")
    print("total: " + ", ".join(f"{key} {value}" for key, value in totals.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
