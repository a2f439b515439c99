#!/usr/bin/env python3
"""Entry-level figures of the directory built from the PolNeAR development set (issue 18).

An editor sees entries, not attr_acc: each expert and each institution is right or wrong as a
whole. This prints, beside the count of entries, the shares that are wrong in ways a script can
see (a person reading entries still has the last word):

- one-word experts (a surname alone, or a word that is no name at all);
- surname-only twins: one-word experts whose word is the surname of a fuller entry;
- purity: statements matched to a gold statement with a named speaker (overlap of at least half
  the shorter span, as score.py matches) whose entry's surname is not in the gold speaker, and
  the share of experts all of whose matched statements are right;
- short statements: three words or fewer;
- institutions that are places or groups (the NER reads the name alone as GPE, LOC or NORP) and
  fragments (no capitalised word, or a name that starts with a determiner or ends with a
  preposition or conjunction).

    python bench/entries.py                      # ingests the dev set into a temporary directory
    python bench/entries.py --db dev.db          # reads a directory already built from it
    python bench/entries.py --half tune          # the articles of one half (see bench/accuracy.py)
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import GOLD, half  # noqa: E402

EDGE_WORDS = {"the", "a", "an", "of", "and", "or", "for", "in", "at", "on", "to", "by", "with", "from"}


def ingest(db: Path) -> None:
    """The dev set ingested with the quotes command a user runs."""
    subprocess.run([sys.executable, "-m", "quotes", "ingest", "-q", "--db", str(db), str(GOLD)], check=True)


def gold_statements() -> dict[str, list[tuple[int, int, str | None]]]:
    """Every gold statement with a named (proper) speaker, by article id."""
    out: dict[str, list[tuple[int, int, str | None]]] = {}
    with GOLD.open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            out[doc["id"]] = [
                (q["start"], q["end"], q["speaker"] if q.get("speaker_form") == "proper" else None)
                for q in doc["quotes"]
            ]
    return out


def matched_speaker(gold: list[tuple[int, int, str | None]], start: int, end: int) -> tuple[bool, str | None]:
    """Whether a stored statement matches a gold one, and that one's speaker when it is a name."""
    for gs, ge, speaker in gold:
        overlap = min(end, ge) - max(start, gs)
        if overlap > 0 and overlap >= min(end - start, ge - gs) / 2:
            return True, speaker
    return False, None


def fragment(name: str) -> bool:
    """An institution name cut at the wrong place: no capitalised word, or edge words."""
    words = name.split()
    return (
        (not any(w[:1].isupper() for w in words))
        or words[0].lower() in {"the", "a", "an"}
        or words[-1].lower() in EDGE_WORDS
    )


def halves(con: sqlite3.Connection, which: str) -> set[str]:
    """The ids of the articles of one half (all of them for `all`)."""
    return {s for (s,) in con.execute("SELECT source_id FROM article") if which == "all" or half(s) == which}


def figures(db: Path, which: str) -> dict[str, float | int]:
    con = sqlite3.connect(db)
    gold = gold_statements()
    rows = con.execute(
        "SELECT q.person_id, p.name, q.start, q.end, q.text, a.source_id FROM quote q "
        "JOIN article a ON a.id = q.article_id LEFT JOIN person p ON p.id = q.person_id WHERE NOT q.rejected"
    )
    statements = [r for r in rows if which == "all" or half(r[5]) == which]
    people = {pid: name for pid, name, *_ in statements if pid is not None}
    full_surnames = {name.split()[-1].lower() for name in people.values() if len(name.split()) > 1}
    one_word = [n for n in people.values() if len(n.split()) == 1]
    verdicts: dict[int, list[bool]] = defaultdict(list)
    short = 0
    for pid, name, start, end, text, source in statements:
        short += len(text.split()) <= 3
        found, speaker = matched_speaker(gold.get(source, []), start, end)
        if pid is not None and found and speaker:
            verdicts[pid].append(name.split()[-1].lower() in speaker.lower())
    judged = [v for v in verdicts.values() if v]
    institutions = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT i.name FROM institution i JOIN quote q ON q.institution_id = i.id "
            "JOIN article a ON a.id = q.article_id WHERE NOT q.rejected AND (? = 'all' OR a.source_id IN "
            "(SELECT value FROM json_each(?)))",
            (which, json.dumps(sorted(halves(con, which)))),
        )
    ]
    import spacy

    from quotes.nlp import model_name

    nlp = spacy.load(model_name())
    places = sum(
        1
        for doc in nlp.pipe(institutions)
        if doc.ents
        and len(doc.ents) == 1
        and doc.ents[0].label_ in {"GPE", "LOC", "NORP"}
        and doc.ents[0].text == doc.text
    )
    return {
        "statements": len(statements),
        "experts": len(people),
        "one_word_experts": len(one_word),
        "surname_twins": sum(1 for n in one_word if n.lower() in full_surnames),
        "experts_judged": len(judged),
        "experts_pure": round(sum(all(v) for v in judged) / max(len(judged), 1), 3),
        "statements_judged": sum(len(v) for v in judged),
        "statements_wrong": sum(v.count(False) for v in judged),
        "short_statements": short,
        "institutions": len(institutions),
        "institutions_places_groups": places,
        "institutions_fragments": sum(map(fragment, institutions)),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="a directory built from the dev set (default: build one)")
    ap.add_argument("--half", choices=("all", "tune", "check"), default="all")
    args = ap.parse_args()
    if not GOLD.exists():
        sys.exit(f"bench/entries.py: the dev set is not at {GOLD}")
    with tempfile.TemporaryDirectory() as work:
        db = args.db or Path(work) / "dev.db"
        if args.db is None:
            ingest(db)
        for key, value in figures(db, args.half).items():
            print(f"{key:28} {value}")


if __name__ == "__main__":
    main()
