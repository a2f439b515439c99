#!/usr/bin/env python3
"""Accuracy on the PolNeAR development set, with the textacy baseline beside it in the same run.

Runs `quotes extract --jsonl` over ../shared/eval/polnear-dev.jsonl, runs textacy's
`direct_quotations` over the same texts with the same spaCy pipeline, and scores both with
../shared/eval/score.py for direct, mixed and indirect statements and for all kinds together
(textacy finds only direct quotes; it stands beside us on each). Direct and mixed are scored on our
predictions without the indirect ones (`quoted_only`); indirect and all kinds on all of them. The
two runs go in parallel (one core each).

Our figures are printed for the whole set and for its two halves, `tune` and `check`: an article
is in `tune` when the first byte of the SHA-1 of its id (UTF-8) is even, else in `check` (256 and
258 of the 514 articles). Develop on `tune`; a rule lands when it helps on `check` too. Pronouns
are judged against the referents people read (`--referents
../shared/eval/polnear-dev-referents.jsonl`, direct quotes only): `pronoun_ref_acc`, we name the
person the pronoun stands for; `pronoun_unnamed_ok`, we name no one where it stands for no named
person.

    python bench/accuracy.py                 # the whole set (about 3 minutes on 2 cores)
    python bench/accuracy.py --limit 100     # the first 100 articles
    python bench/accuracy.py --no-baseline   # only quotes
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
GOLD = EVAL / "polnear-dev.jsonl"
REFERENTS = EVAL / "polnear-dev-referents.jsonl"
METRICS = ("P", "R", "F1", "attr_acc", "named_e2e_recall", "pronoun_ref_acc", "pronoun_unnamed_ok")
#: Figures score.py gives only for direct quotes (the referents are of direct statements).
DIRECT_ONLY = ("pronoun_ref_acc", "pronoun_unnamed_ok")
HALVES = ("tune", "check")


def half(doc_id: str) -> str:
    """The half of the set an article is in, by a hash of its id that no edit of the set moves:
    `tune` when the first byte of sha1(id) is even, `check` when it is odd."""
    return HALVES[hashlib.sha1(doc_id.encode("utf-8")).digest()[0] % 2]


def split(gold: Path, work: Path) -> dict[str, Path]:
    """The gold set and its two halves, each a JSONL file (the halves written into `work`)."""
    out = {"all": gold} | {name: work / f"gold-{name}.jsonl" for name in HALVES}
    handles = {name: out[name].open("w", encoding="utf-8") for name in HALVES}
    with gold.open(encoding="utf-8") as lines:
        for line in lines:
            handles[half(json.loads(line)["id"])].write(line)
    for handle in handles.values():
        handle.close()
    return out


def run_quotes(gold: Path, out: Path, model: str | None) -> None:
    command = [sys.executable, "-m", "quotes", "extract", "--jsonl", str(gold)]
    if model:
        command += ["--model", model]
    with out.open("w", encoding="utf-8") as handle:
        subprocess.run(command, stdout=handle, check=True, cwd=ROOT)


def run_textacy(gold: Path, out: Path, model: str | None) -> int:
    """textacy's direct_quotations as a system: returns how many articles it gave up on."""
    import spacy
    from textacy.extract.triples import direct_quotations

    from quotes.nlp import model_name

    nlp = spacy.load(model_name(model))  # the pipeline as spaCy ships it, without our tokenizer rule
    gave_up = 0
    with gold.open(encoding="utf-8") as lines, out.open("w", encoding="utf-8") as handle:
        for line in lines:
            doc_json = json.loads(line)
            doc = nlp(doc_json["text"])
            quotes = []
            try:
                for triple in direct_quotations(doc):
                    content = triple.content
                    quotes.append({
                        "start": content[0].idx if isinstance(content, list) else content.start_char,
                        "end": (content[-1].idx + len(content[-1])) if isinstance(content, list) else content.end_char,
                        "speaker": " ".join(t.text for t in triple.speaker) or None,
                    })
            except ValueError:
                gave_up += 1  # unbalanced quotation marks: textacy drops the whole article
                quotes = []
            handle.write(json.dumps({"id": doc_json["id"], "quotes": quotes}) + "\n")
    return gave_up


def quoted_only(pred: Path, out: Path) -> Path:
    """Our predictions without the indirect statements: what direct and mixed are scored on, so
    that a reported statement found where the gold has none does not count against the quotes
    (score.py counts every unmatched prediction as a false positive of the kind it scores)."""
    with pred.open(encoding="utf-8") as lines, out.open("w", encoding="utf-8") as handle:
        for line in lines:
            doc = json.loads(line)
            doc["quotes"] = [q for q in doc["quotes"] if q.get("kind") != "indirect"]
            handle.write(json.dumps(doc) + "\n")
    return out


def score(gold: Path, pred: Path, kind: str | None) -> dict:
    command = [sys.executable, str(EVAL / "score.py"), str(gold), str(pred), "--json"]
    command += ["--kind", kind] if kind else []
    if REFERENTS.exists():
        command += ["--referents", str(REFERENTS)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def cell(figures: dict, metric: str, kind: str) -> str:
    """A figure as printed: "-" where score.py does not measure it for this kind or set."""
    if metric not in figures or metric in DIRECT_ONLY and kind != "direct":
        return "-"
    return str(figures[metric])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--no-baseline", action="store_true", help="skip the textacy baseline")
    parser.add_argument("--model", help="spaCy pipeline (default: as quotes picks it)")
    parser.add_argument("--keep", type=Path, help="folder to keep the prediction files in")
    args = parser.parse_args()
    if not GOLD.exists():
        print(f"skipped: the development set is not at {GOLD}", file=sys.stderr)
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="quotes-accuracy-"))
    work.mkdir(parents=True, exist_ok=True)
    gold = GOLD
    if args.limit:
        gold = work / "gold.jsonl"
        with GOLD.open(encoding="utf-8") as src:
            gold.write_text("".join(line for _, line in zip(range(args.limit), src)), encoding="utf-8")
    systems = {"quotes": work / "quotes.jsonl"}
    with ProcessPoolExecutor(max_workers=2) as pool:
        jobs = {"quotes": pool.submit(run_quotes, gold, systems["quotes"], args.model)}
        if not args.no_baseline:
            systems["textacy"] = work / "textacy.jsonl"
            jobs["textacy"] = pool.submit(run_textacy, gold, systems["textacy"], args.model)
        results = {name: job.result() for name, job in jobs.items()}
    articles = sum(1 for _ in gold.open(encoding="utf-8"))
    sets = split(gold, work)
    sizes = ", ".join(f"{name} {sum(1 for _ in sets[name].open(encoding='utf-8'))}" for name in HALVES)
    print(f"PolNeAR dev: {articles} articles ({sizes}: first byte of sha1(id) even -> tune), gold {gold}")
    if not REFERENTS.exists():
        print(f"no pronoun referents at {REFERENTS}: pronoun figures not measured")
    if "textacy" in results:
        print(f"textacy gave up on {results['textacy']} articles (unbalanced quotation marks)")
    quoted = quoted_only(systems["quotes"], work / "quotes-quoted.jsonl")
    for kind in ("direct", "mixed", "indirect", None):
        ours = quoted if kind in ("direct", "mixed") else systems["quotes"]
        print(f"\n--kind {kind}" if kind else "\nall kinds (no --kind)")
        print(f"{'system':16}" + "".join(f"{m:>20}" for m in METRICS))
        rows = [("quotes", sets["all"], ours)]
        rows += [(f"quotes {name}", sets[name], ours) for name in HALVES]
        rows += [(name, sets["all"], pred) for name, pred in systems.items() if name != "quotes"]
        judged = []
        for label, gold_set, pred in rows:
            figures = score(gold_set, pred, kind)
            print(f"{label:16}" + "".join(f"{cell(figures, m, kind):>20}" for m in METRICS))
            if kind == "direct" and "pronoun_ref_judged" in figures and label.startswith("quotes"):
                judged.append(f"{label} {figures['pronoun_ref_judged']} / {figures['pronoun_unnamed_judged']}")
        if judged:
            print("pronoun statements judged (a named referent / none): " + ", ".join(judged))
    print(f"\npredictions in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
