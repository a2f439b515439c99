#!/usr/bin/env python3
"""The crash battery: every dev article, and variants of each damaged as feeds and scrapers damage
text (`bench/damage.py`), through extraction with the real pipeline; every exception recorded.

Extraction runs step by step (`raw_extract`: read the visible text, find the spans, focus, parse,
`quotes_from_doc`, map offsets back), as `extract_many` does it but with no catch of its own, so an
exception surfaces here even where the library turns one article's failure into an error result.

    python bench/crashes.py                           # 514 articles x 15 variants (~40 min on one idle core)
    python bench/crashes.py --limit 50                # the first 50 articles
    python bench/crashes.py --start 300               # from the 301st article on (a second process)
    python bench/crashes.py --sample 12               # a fixed seeded sample of 12 articles (CI's)
    python bench/crashes.py --variants upper,cut      # only these variants
    python bench/crashes.py --jsonl crashes.jsonl     # each crash as a JSON line, traceback included
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.damage import VARIANTS, damaged  # noqa: E402
from quotes.errors import QuotesError  # noqa: E402
from quotes.extract import (  # noqa: E402
    ZONE_ARTICLES,
    Extraction,
    Prepared,
    _prepare,
    _restore,
    _with_names,
    _zone,
    focus,
    quotes_from_doc,
    unquoted,
    visible,
)
from quotes.find import find_spans  # noqa: E402
from quotes.nlp import ner_stands_alone  # noqa: E402
from quotes.read import Article  # noqa: E402

if TYPE_CHECKING:
    from spacy.language import Language

GOLD = ROOT.parent / "shared" / "eval" / "polnear-dev.jsonl"
#: Frames of a traceback kept for a crash: enough to see the site and what called it.
FRAMES = 4
#: The seed of `--sample`: the same articles on every machine and every run.
SAMPLE_SEED = 15


@dataclass(frozen=True)
class Crash:
    """One exception raised while extracting one variant of one article."""

    article: str
    variant: str
    type: str
    message: str
    site: str  # the innermost frame in our code: file:line function
    frames: list[str]


def raw_extract(article: Article, nlp: "Language") -> Extraction | QuotesError:
    """`extract` without any catch: the steps of `extract_many` for one article, in its order, so
    that whatever one of them raises reaches the caller as it was raised. An expected refusal (an
    article too long to parse) is returned, as the library returns it."""
    # `_prepare`'s own steps, not `_prepare`: it turns what they raise into a failed article
    visible_text, kept = visible(article.text)
    job = Prepared(article, visible_text, kept, find_spans(visible_text))
    if job.spans and len(job.text) > nlp.max_length:
        return _prepare(article, nlp.max_length).error or Extraction(article, [])
    if not job.spans:
        return Extraction(article, [])
    text = focus(job.text, job.spans)
    if "ner" in nlp.pipe_names and ner_stands_alone(nlp):
        others = [name for name in nlp.pipe_names if name != "ner"]
        doc = nlp(text, disable=["ner"])
        doc = _with_names(doc, nlp(unquoted(text, job.spans), disable=others))
    else:
        doc = nlp(text)
    quotes, defined = quotes_from_doc(doc, job.spans, job.text)
    if job.kept is not None:
        quotes = [_restore(q, article.text, job.kept) for q in quotes]
    return Extraction(article, quotes, defined)


def crash_of(article: Article, variant: str, exc: BaseException) -> Crash:
    """The record of an exception: its type, message, and the last frames of its traceback."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/quotes/" in f.filename and "/bench/" not in f.filename] or frames
    site = ours[-1]
    where = f"{Path(site.filename).name}:{site.lineno} {site.name}"
    shown = [f"{Path(f.filename).name}:{f.lineno} {f.name}: {f.line}" for f in frames[-FRAMES:]]
    return Crash(article.id, variant, type(exc).__name__, str(exc)[:300], where, shown)


def battery(articles: Iterable[Article], variants: Iterable[str]) -> Iterator[tuple[Article, str]]:
    """Each article in each variant, damaged deterministically (seeded by the article's id)."""
    variants = list(variants)
    for article in articles:
        for variant in variants:
            text = damaged(article.text, variant, seed=article.id)
            yield Article(text=text, id=article.id), variant


def run(articles: Iterable[Article], variants: Iterable[str], nlp: "Language") -> Iterator[tuple[str, Crash | None]]:
    """Each variant's name, with the crash it met or None. A chunk of extractions shares a memory
    zone, as in `extract_many`, so the strings thousands of damaged texts add are freed."""
    jobs = battery(articles, variants)
    while chunk := list(islice(jobs, ZONE_ARTICLES)):
        with _zone(nlp):
            for article, variant in chunk:
                try:
                    raw_extract(article, nlp)
                except Exception as exc:  # the battery's whole point: record it and go on
                    yield variant, crash_of(article, variant, exc)
                else:
                    yield variant, None


def dev_articles(
    path: Path = GOLD, *, start: int = 0, limit: int | None = None, sample: int | None = None
) -> list[Article]:
    """The dev set's articles (text and id only), or a seeded sample of `sample` of them, from the
    `start`-th on, `limit` of them: a long run splits into processes by `start` and `limit`."""
    with path.open(encoding="utf-8") as lines:
        articles = [Article(text=doc["text"], id=doc["id"]) for doc in map(json.loads, lines)]
    if sample is not None:
        articles = random.Random(SAMPLE_SEED).sample(articles, min(sample, len(articles)))
    return articles[start : start + limit if limit is not None else None]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="a JSONL file of articles (id, text)")
    parser.add_argument("--start", type=int, default=0, help="skip the first N articles (to split a run)")
    parser.add_argument("--limit", type=int, help="only the first N articles (after --start)")
    parser.add_argument("--sample", type=int, help="a fixed seeded sample of K articles")
    parser.add_argument("--variants", help=f"comma-separated, of: {','.join(VARIANTS)}")
    parser.add_argument("--jsonl", type=Path, help="write each crash here as a JSON line")
    parser.add_argument("--model", help="the spaCy pipeline (default: the installed en_core_web_sm)")
    args = parser.parse_args(argv)
    variants = args.variants.split(",") if args.variants else list(VARIANTS)
    unknown = [v for v in variants if v not in VARIANTS]
    if unknown:
        parser.error(f"unknown variant(s) {','.join(unknown)}; pick from {','.join(VARIANTS)}")
    if not args.gold.exists():
        print(f"no articles at {args.gold} (the dev set lives in ../shared/eval/)", file=sys.stderr)
        return 2

    from quotes.nlp import load_pipeline

    nlp = load_pipeline(args.model)
    articles = dev_articles(args.gold, start=args.start, limit=args.limit, sample=args.sample)
    runs, crashes, started = Counter(), [], time.perf_counter()
    out = args.jsonl.open("w", encoding="utf-8") if args.jsonl else None
    try:
        for n, (variant, crash) in enumerate(run(articles, variants, nlp), 1):
            runs[variant] += 1
            if crash is not None:
                crashes.append(crash)
                print(f"CRASH {crash.article} [{crash.variant}] {crash.type}: {crash.message[:120]} at {crash.site}",
                      file=sys.stderr, flush=True)
                if out:
                    out.write(json.dumps(asdict(crash), ensure_ascii=False) + "\n")
                    out.flush()
            if n % 500 == 0:
                print(f"... {n} extractions, {len(crashes)} crashes, {time.perf_counter() - started:.0f} s",
                      file=sys.stderr, flush=True)
    except KeyboardInterrupt:  # a long run stopped by hand still says what it covered
        print(f"interrupted after {sum(runs.values())} extractions (in article order, each in every variant)")
    finally:
        if out:
            out.close()
    report(articles, variants, runs, crashes, time.perf_counter() - started)
    return 1 if crashes else 0


def report(articles: list[Article], variants: list[str], runs: Counter, crashes: list[Crash], seconds: float) -> None:
    """Counts per variant and in total, then each distinct crash site with its count and one example."""
    by_variant = Counter(c.variant for c in crashes)
    done = min(runs[variant] for variant in variants)  # fewer than asked for if the run was stopped
    print(f"{done} of {len(articles)} articles x {len(variants)} variants = {sum(runs.values())} extractions "
          f"in {seconds:.0f} s")
    print(f"{'variant':<16}{'runs':>7}{'exceptions':>12}")
    for variant in variants:
        print(f"{variant:<16}{runs[variant]:>7}{by_variant[variant]:>12}")
    print(f"{'total':<16}{sum(runs.values()):>7}{len(crashes):>12}")
    sites = Counter((c.site, c.type) for c in crashes)
    if sites:
        print("\ndistinct crash sites:")
    for (site, kind), count in sites.most_common():
        example = next(c for c in crashes if (c.site, c.type) == (site, kind))
        print(f"  {count:>5} x {kind} at {site}: {example.message[:100]}  (e.g. {example.article} [{example.variant}])")
        for frame in example.frames:
            print(f"          {frame}")


if __name__ == "__main__":
    sys.exit(main())
