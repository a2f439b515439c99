#!/usr/bin/env python3
"""Where extraction's time goes: CPU seconds of each stage, beside the stock pipeline and textacy.

Runs, over the first N texts of ../shared/eval/polnear-dev.jsonl, each step `extract_many` takes
(finding marks and focusing, tokenizing, each pipeline component on the text it reads, attribution)
one at a time, and the stock `spacy.load` pipeline component by component, and textacy's own pass;
then storing the extractions into a fresh SQLite directory (d), which is what ingest adds.
CPU time of this process, so other work on the machine disturbs it little.

    python bench/profile_extract.py --limit 200
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GOLD = ROOT.parent / "shared" / "eval" / "polnear-dev.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=200, help="the first N articles (default 200)")
    args = parser.parse_args()
    if not GOLD.exists():
        print(f"skipped: the development set is not at {GOLD}", file=sys.stderr)
        return 0

    import spacy
    from textacy.extract.triples import direct_quotations

    from quotes.db import open_db
    from quotes.extract import Extraction, _with_names, focus, quotes_from_doc, unquoted
    from quotes.find import find_spans
    from quotes.nlp import load_pipeline, model_name
    from quotes.read import Article
    from quotes.store import store

    with GOLD.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines][: args.limit]
    words = sum(len(t.split()) for t in texts)
    nlp, stock = load_pipeline(), spacy.load(model_name())
    for warm in (nlp, stock):
        list(warm.pipe(texts[:8]))
    cpu: Counter[str] = Counter()

    def clock(label: str, run):  # type: ignore[no-untyped-def]
        start = time.process_time()
        out = run()
        cpu[label] += time.process_time() - start
        return out

    def components(prefix: str, pipeline, docs: list, skip: tuple[str, ...] = ()) -> list:  # type: ignore[no-untyped-def]
        for name, component in pipeline.pipeline:
            if name not in skip:
                # a component made of a plain function (nlp.paragraph_breaks) has no pipe of its own
                run = getattr(component, "pipe", None) or (lambda d, c=component: map(c, d))
                docs = clock(f"{prefix} {name}", lambda r=run, d=docs: list(r(d)))
        return docs

    # (a) the stock pipeline, and textacy's pass after it (b)
    docs = clock("a tokenizer", lambda: list(stock.tokenizer.pipe(texts)))
    docs = components("a", stock, docs)

    def textacy_pass() -> None:
        for doc in docs:
            try:
                list(direct_quotations(doc))
            except ValueError:
                pass

    clock("b textacy pass", textacy_pass)
    # (c) our extraction, step by step
    spans = clock("c find + focus", lambda: [find_spans(t) for t in texts])
    jobs = [(t, s) for t, s in zip(texts, spans) if s]
    focused = clock("c find + focus", lambda: [focus(t, s) for t, s in jobs])
    parsed = clock("c tokenizer (parse)", lambda: list(nlp.tokenizer.pipe(focused)))
    parsed = components("c", nlp, parsed, skip=("ner",))
    elided = clock("c find + focus", lambda: [unquoted(f, s) for f, (_, s) in zip(focused, jobs)])
    named = clock("c tokenizer (ner)", lambda: list(nlp.tokenizer.pipe(elided)))
    named = clock("c ner", lambda: list(nlp.get_pipe("ner").pipe(named)))
    merged = clock("c entities merged", lambda: [_with_names(d, n) for d, n in zip(parsed, named)])
    found = clock("c attribution", lambda: [quotes_from_doc(d, s, t) for d, (t, s) in zip(merged, jobs)])
    # (d) what ingest adds: storing each article's extraction, one transaction each
    extractions = [Extraction(Article(text=t, id=str(i)), quotes, defined)
                   for i, ((t, _), (quotes, defined)) in enumerate(zip(jobs, found))]
    with tempfile.TemporaryDirectory() as folder:
        engine = open_db(Path(folder) / "profile.db")
        clock("d store", lambda: [store(engine, extraction) for extraction in extractions])
        engine.dispose()

    total = {stage: sum(v for k, v in cpu.items() if k.startswith(stage + " ")) for stage in "abcd"}
    total["b"] += total["a"]
    print(f"{len(texts)} articles, {words:,} words; CPU seconds\n")
    for label, seconds in cpu.items():
        print(f"  {label:28} {seconds:7.2f}   {seconds / total['a']:6.1%} of (a)")
    print(f"\n  (a) stock pipeline {total['a']:.2f}   (b) textacy {total['b']:.2f}   (c) quotes {total['c']:.2f}")
    print(f"  c/a {total['a'] / total['c']:.2f}   c/b {total['b'] / total['c']:.2f}")
    ner = cpu["c ner"] + cpu["c tokenizer (ner)"]
    print(f"  the NER alone, on what it must read, bounds c/b at {total['b'] / ner:.2f} if all else were free")
    print(f"  storing {sum(len(q) for q, _ in found):,} quotes: {total['d']:.2f}, {total['d'] / total['c']:.1%} of (c);"
          f" d/c at most {total['c'] / (total['c'] + total['d']):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
