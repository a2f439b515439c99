#!/usr/bin/env python3
"""A ledger of the attribution sieves on the PolNeAR development set: what each decides, how often
rightly, and what removing it costs.

Each dev article is parsed once; attribution (and the rest of extraction after the parse) is run
on that parse with the whole cascade, then once without each sieve in turn (`attribute(...,
sieves=...)`), and every run is scored with ../shared/eval/score.py, imported as a module.

  decides   statements of ours, direct or mixed, that the sieve's decision stands behind (found in
            gold, or not in gold at all: a false positive)
  found     of those, the ones that match a gold statement (score.py's matching: overlap of at least
            half of the shorter span, each used once, largest overlap first)
  judged    of those, the ones whose speaker can be judged: the gold speaker is a name, or a pronoun
            whose referent a person read (../shared/eval/polnear-dev-referents.jsonl)
  right     of those, the ones we attribute right (score.py's `speaker_ok`: our surname in the gold
            name or referent; for a pronoun that stands for no named person, naming no one)
  without   direct and mixed F1 and attr_acc without the sieve, as the change from the whole cascade

    python bench/ledger.py                 # the whole set (about 5 minutes on 2 cores)
    python bench/ledger.py --limit 100     # the first 100 articles
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
GOLD = EVAL / "polnear-dev.jsonl"
REFERENTS = EVAL / "polnear-dev-referents.jsonl"
KINDS = ("direct", "mixed")
FIGURES = ("F1", "attr_acc")

Predictions = dict[str, dict]


def load_scorer() -> ModuleType:
    """../shared/eval/score.py as a module (it is a script, not a package)."""
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(gold_path: Path, limit: int | None, model: str | None) -> tuple[dict[str, Predictions], dict[str, dict[str, str]]]:
    """Predictions of the whole cascade ("") and of the cascade without each sieve (by its name),
    and for the whole cascade the sieve that decided each quote: {id: {"start:end": sieve}}."""
    from quotes.attribution import SIEVES
    from quotes.errors import QuotesError
    from quotes.extract import parses, result_of
    from quotes.nlp import load_pipeline
    from quotes.read import Article, read_jsonl

    nlp = load_pipeline(model)
    with gold_path.open("rb") as lines:
        articles = [a for _, a in zip(range(limit or 10**9), read_jsonl(lines, str(gold_path))) if isinstance(a, Article)]
    cascades = {"": SIEVES} | {sieve.name: tuple(s for s in SIEVES if s is not sieve) for sieve in SIEVES}
    predictions: dict[str, Predictions] = {name: {} for name in cascades}
    deciders: dict[str, dict[str, str]] = {}
    for doc, job in parses(articles, nlp):
        for name, sieves in cascades.items():
            result = result_of(doc, job, sieves)
            quotes = [] if isinstance(result, QuotesError) else result.quotes
            predictions[name][job.article.id] = {"id": job.article.id, "quotes": [q.to_json() for q in quotes]}
            if not name:
                deciders[job.article.id] = {f"{q.start}:{q.end}": q.decided_by or "" for q in quotes}
    return predictions, deciders


def matches(score: ModuleType, gold_doc: dict, predicted: list[dict], kind: str) -> tuple[dict[int, dict], list[int]]:
    """score.py's matching for one article and kind: {our quote's index: the gold statement it
    matches}, and the indices of ours that are false positives (they overlap no gold statement)."""
    statements, other = score.statements(gold_doc, kind)
    candidates = []
    for i, ours in enumerate(predicted):
        for j, theirs in enumerate(statements):
            shared = score.overlap((ours["start"], ours["end"]), (theirs["start"], theirs["end"]))
            shortest = max(1, min(ours["end"] - ours["start"], theirs["end"] - theirs["start"]))
            if shared and shared / shortest >= 0.5:
                candidates.append((shared, i, j))
    used: dict[int, int] = {}
    taken: set[int] = set()
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used and j not in taken:
            used[i] = j
            taken.add(j)
    spans = [(s["start"], s["end"]) for s in statements + other]
    false = [i for i, ours in enumerate(predicted) if i not in used
             and not any(score.overlap((ours["start"], ours["end"]), span) for span in spans)]
    return {i: statements[j] for i, j in used.items()}, false


def right(score: ModuleType, ours: dict, theirs: dict, doc_id: str, referents: dict) -> bool | None:
    """Whether our speaker is right for a gold statement, or None where it cannot be judged."""
    if theirs["form"] == "proper" and theirs["speaker"]:
        return bool(score.speaker_ok(ours.get("speaker") or ours.get("affiliation"), theirs["speaker"]))
    key = (doc_id, theirs["start"], theirs["end"])
    if theirs["form"] == "pronoun" and key in referents:
        referent = referents[key]
        return bool(score.speaker_ok(ours.get("speaker"), referent)) if referent else not ours.get("speaker")
    return None


def ledger(score: ModuleType, gold: dict, whole: Predictions, deciders: dict[str, dict[str, str]],
           referents: dict) -> dict[str, Counter]:
    """For each sieve, its decides / found / judged / right counts over direct and mixed statements."""
    out: dict[str, Counter] = {}
    for doc_id, gold_doc in gold.items():
        predicted = whole.get(doc_id, {}).get("quotes", [])
        for kind in KINDS:
            found, false = matches(score, gold_doc, predicted, kind)
            for i, theirs in found.items():
                counts = out.setdefault(deciders[doc_id][f"{predicted[i]['start']}:{predicted[i]['end']}"], Counter())
                counts["decides"] += 1
                counts["found"] += 1
                verdict = right(score, predicted[i], theirs, doc_id, referents)
                counts["judged"] += verdict is not None
                counts["right"] += bool(verdict)
            if kind == KINDS[0]:  # a false positive is one whatever the kind scored
                for i in false:
                    out.setdefault(deciders[doc_id][f"{predicted[i]['start']}:{predicted[i]['end']}"], Counter())["decides"] += 1
    return out


def table(score: ModuleType, gold: dict, predictions: dict[str, Predictions], counts: dict[str, Counter]) -> list[str]:
    """The ledger as a Markdown table, sieves in cascade order."""
    from quotes.attribution import SIEVES

    figures = {name: {kind: score.score(gold, preds, kind) for kind in KINDS} for name, preds in predictions.items()}
    whole = figures[""]
    head = ["sieve", "decides", "found", "judged", "right"] + [f"{kind} {m}" for kind in KINDS for m in FIGURES]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    total = sum(counts.values(), Counter())
    rows.append("| all sieves | " + " | ".join(str(total[c]) for c in ("decides", "found", "judged", "right")) + " | "
                + " | ".join(f"{whole[kind][m]:.3f}" for kind in KINDS for m in FIGURES) + " |")
    for sieve in SIEVES:
        c = counts.get(sieve.name, Counter())
        share = f" ({c['right'] / c['judged']:.2f})" if c["judged"] else ""
        without = [f"{figures[sieve.name][kind][m] - whole[kind][m]:+.3f}" for kind in KINDS for m in FIGURES]
        cells = [sieve.name, str(c["decides"]), str(c["found"]), str(c["judged"]), f"{c['right']}{share}"] + without
        rows.append("| " + " | ".join(cells) + " |")
    undecided = counts.get("", Counter())
    if undecided:
        rows.append(f"| (no sieve: kept for its length) | {undecided['decides']} | {undecided['found']} | "
                    f"{undecided['judged']} | {undecided['right']} | | | | |")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--model", help="spaCy pipeline (default: as quotes picks it)")
    parser.add_argument("--keep", type=Path, help="write the whole cascade's predictions to this JSONL file")
    args = parser.parse_args()
    if not GOLD.exists():
        print(f"skipped: the development set is not at {GOLD}", file=sys.stderr)
        return 0
    score = load_scorer()
    started = time.perf_counter()
    predictions, deciders = run(GOLD, args.limit, args.model)
    gold = {doc_id: doc for doc_id, doc in score.load(GOLD).items() if doc_id in predictions[""]}
    referents = score.load_referents(REFERENTS) if REFERENTS.exists() else {}
    if args.keep:
        args.keep.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions[""].values()),
                             encoding="utf-8")
    counts = ledger(score, gold, predictions[""], deciders, referents)
    print(f"PolNeAR dev: {len(gold)} articles, {len(predictions) - 1} sieves, {time.perf_counter() - started:.0f} s")
    print("\n".join(table(score, gold, predictions, counts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
