"""Identity resolution over fixtures/identities/: one person or institution named many ways.

The corpus (twelve .txt articles and two dated ones in dated.jsonl) names the same people and
institutions in different forms: "José Ortega" / "Jose Ortega" / "Dr. Ortega" / "Ortega's";
"Anne-Marie Duval" / "Anne Marie Duval"; the transliteration pair "Andrey" / "Andrei Volkonsky" at
one institute (one person) and "Yuri Petrenko", a historian, / "Yury Petrenko", a football coach
(two people, offered as possibly the same); two Chens quoted in one article; "the Institute for
Fiscal Research (IFR)", "Institute for Fiscal Research", "IFR"; a director who changes jobs; and one
article syndicated under another title with a paragraph added.

Every command runs against one database ingested once for this module, passed with `--db`.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from quotes.cli import app

from .conftest import FIXTURES, _postgres_database

CORPUS = FIXTURES / "identities"

# ---------------------------------------------------------------------------------------------
# The truth. One display name per person: the first full form seen (in ingest order, files sorted).
# ---------------------------------------------------------------------------------------------

ARTICLES = 14  # 12 .txt + 2 lines of dated.jsonl

# expert -> number of quotes (one row per quote per article; syndicated copies count twice here)
EXPERT_QUOTES = {
    "José Ortega": 8,  # 01 (2), 02 (1), 05 (2), 07 as "Jose Ortega" (2), 09 (1)
    "Anne-Marie Duval": 2,  # 01, 07 as "Anne Marie Duval"
    "Andrey Volkonsky": 4,  # 02 (2), 09 as "Andrei Volkonsky" (2)
    "Yuri Petrenko": 1,  # 05, historian
    "Yury Petrenko": 2,  # 06, football coach
    "Laura Chen": 3,  # 04 (2: full name, then "Chen said"), 05 (1)
    "Michael Chen": 5,  # 03 (1), 04 (2: full name, then "Chen said"), 08 (1), 12 (1)
    "Mark Olsen": 10,  # 03, 08, 10 ("economist at IFR"), 11, 12: two each
    "Helga Brandt": 4,  # dated.jsonl: two as former director, two as director
}
EXPERTS = set(EXPERT_QUOTES)
TOTAL_QUOTES = sum(EXPERT_QUOTES.values())  # 39

# expert -> reported statements (kind indirect, no quotation marks), read by hand. Every other
# reported statement has a source the directory makes no entry of ("Doctors warn", "The basin
# authority says", "Farmers said", "economists warned"): no one new, no institution.
REPORTED = {
    "José Ortega": 5,  # 01 (2: "Dr. Ortega said ...", "..., he said"), 02, 05, 07 ("He said the storms ...")
    "Michael Chen": 2,  # 03 ("He said borrowing costs ..."), 04 ("He said the effect ...")
    "Yury Petrenko": 1,  # 06 ("Petrenko said the squad ...")
    "Mark Olsen": 7,  # 08 (2), 10 (2), 11 ("Institute for Fiscal Research economist Mark Olsen said"), 12 (2)
}
#: What the directory lists for each expert: quotes and reported statements.
EXPERT_STATEMENTS = {name: n + REPORTED.get(name, 0) for name, n in EXPERT_QUOTES.items()}
#: Of the reported statements, those 12_deficit_syndicated.txt repeats from 08_budget_gap.txt.
SYNDICATED_REPORTED = 2

# institution -> (acronym, experts, statements): its experts' quotes and reported statements
INSTITUTIONS = {
    "Meridian University": (None, 1, 8 + 5),
    "Southern Basin Authority": (None, 1, 2),
    "Institute of Northern Studies": (None, 1, 4),
    "Institute for Fiscal Research": ("IFR", 1, 10 + 7),
    "Harbour Bank": (None, 1, 5 + 2),
    "Northfield Medical School": (None, 1, 3),
    "Carpathian State University": (None, 1, 1),
    "Riverside Athletic Club": (None, 1, 2 + 1),
    "Nordic Energy Agency": (None, 1, 2),
    "Baltic Grid Observatory": (None, 1, 2),
}

# expert -> {(title, institution)}
ROLES = {
    "José Ortega": {("professor of hydrology", "Meridian University")},
    "Anne-Marie Duval": {("chief engineer", "Southern Basin Authority")},
    "Andrey Volkonsky": {("senior researcher", "Institute of Northern Studies")},
    "Yuri Petrenko": {("historian", "Carpathian State University")},
    "Yury Petrenko": {("head coach", "Riverside Athletic Club")},
    "Laura Chen": {("virologist", "Northfield Medical School")},
    "Michael Chen": {("chief economist", "Harbour Bank")},
    "Mark Olsen": {("economist", "Institute for Fiscal Research")},
    "Helga Brandt": {("former director", "Nordic Energy Agency"), ("director", "Baltic Grid Observatory")},
}

# The job changer: role -> (first_seen, last_seen), from the `published` dates in dated.jsonl.
JOB_CHANGER = "Helga Brandt"
JOB_DATES = {
    ("former director", "Nordic Energy Agency"): ("2024-02-13", "2024-02-13"),
    ("director", "Baltic Grid Observatory"): ("2025-09-29", "2025-09-29"),
}

MERGED = {"Andrey Volkonsky": ["Andrei Volkonsky"], "José Ortega": ["Jose Ortega"], "Anne-Marie Duval": ["Anne Marie Duval"]}
POSSIBLY_SAME = ("Yuri Petrenko", "Yury Petrenko")

# The article quoting both Chens, in text order: "Chen said" is the latest full name mentioned,
# and so is the "He said the effect ..." that follows Michael Chen's quote.
CHEN_ARTICLE = "Early flu season strains clinics and payrolls"
CHEN_ARTICLE_SPEAKERS = ["Laura Chen", "Laura Chen", "Michael Chen", "Michael Chen", "Michael Chen"]

IFR_NAMES = ["IFR", "the Institute for Fiscal Research", "institute for fiscal research", "Institute for Fiscal Research"]
ORTEGA_QUERIES = ["Jose Ortega", "jose ortega", "Ortega", "Ortga", "José Ortega"]

# 08_budget_gap.txt and 12_deficit_syndicated.txt carry the same three statements.
SYNDICATED = {
    "The forecast assumed a year of strong growth, and that year did not arrive": "Mark Olsen",
    "Markets will forgive one bad year, but they will want to see a plan for the second": "Michael Chen",
    "Closing the gap in one budget would mean cutting just when the economy is weakest": "Mark Olsen",
}
SYNDICATED_TITLES = {"Budget gap wider than forecast, economists warn", "Deficit set to overshoot as tax receipts fall short"}
EXPORT_ROWS = TOTAL_QUOTES - len(SYNDICATED)  # one row per statement: 36

# ---------------------------------------------------------------------------------------------

runner = CliRunner()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One database with the corpus ingested, shared by every test here; on each engine."""
    if request.param == "sqlite":
        urls: Iterator[str] = iter([str(tmp_path_factory.mktemp("identities") / "quotes.db")])
    else:
        urls = _postgres_database("identities")
    for url in urls:
        result = runner.invoke(app, ["ingest", str(CORPUS), "--db", url])
        assert result.exit_code == 0, result.output
        assert f"{ARTICLES} new, 0 already known, 0 failed" in result.output, result.output
        yield url


def run(db: str, *args: str):
    result = runner.invoke(app, [*args, "--db", db])
    return result


def as_json(db: str, *args: str):
    result = run(db, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def experts(db: str) -> dict[str, dict]:
    rows = as_json(db, "experts", "--limit", "1000")
    names = [e["name"] for e in rows]
    assert len(names) == len(set(names)), f"one name, several experts: {sorted(names)}"
    return {e["name"]: e for e in rows}


def export_rows(db: str, *options: str) -> list[dict[str, str]]:
    result = run(db, "export", *options)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def statement(text: str) -> str:
    """A quote's words without the trailing comma or full stop the extractor keeps."""
    return text.strip().rstrip(",.")


# --- tests --------------------------------------------------------------------------------------


def test_corpus_is_what_the_truth_describes():
    files = sorted(p.name for p in CORPUS.iterdir())
    assert len([f for f in files if f.endswith(".txt")]) == 12 and "dated.jsonl" in files
    for path in CORPUS.glob("*.txt"):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] and lines[1] == "", path.name
        assert 150 <= len(path.read_text(encoding="utf-8").split()) <= 300, path.name
    for line in (CORPUS / "dated.jsonl").read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        assert {"id", "title", "published", "outlet", "text"} <= set(article)


def test_exact_expert_names(db):
    assert set(experts(db)) == EXPERTS


def test_exact_institution_names_without_leading_the(db):
    rows = as_json(db, "institutions", "--limit", "1000")
    names = [i["name"] for i in rows]
    assert sorted(names) == sorted(INSTITUTIONS)
    assert not [n for n in names if n.lower().startswith("the ")]


def test_institution_acronyms_and_counts(db):
    rows = {i["name"]: i for i in as_json(db, "institutions", "--limit", "1000")}
    got = {name: (i["acronym"], i["experts"], i["quotes"]) for name, i in rows.items()}
    assert got == INSTITUTIONS


def test_expert_quote_counts(db):
    listed = experts(db)
    assert {name: e["quotes"] for name, e in listed.items()} == EXPERT_STATEMENTS
    assert {name: e["reported"] for name, e in listed.items()} == {name: REPORTED.get(name, 0) for name in EXPERTS}


def test_experts_by_kind_count_only_that_kind(db):
    quoted = {e["name"]: e["quotes"] for e in as_json(db, "experts", "--kind", "direct,mixed")}
    assert quoted == EXPERT_QUOTES
    reported = {e["name"]: e["quotes"] for e in as_json(db, "experts", "--kind", "indirect")}
    assert reported == REPORTED  # experts with no reported statement are not listed
    institutions = {i["name"]: i["quotes"] for i in as_json(db, "institutions", "--kind", "indirect")}
    assert institutions == {"Meridian University": 5, "Institute for Fiscal Research": 7, "Harbour Bank": 2,
                            "Riverside Athletic Club": 1}


def test_reported_statements_are_labelled_in_every_listing(db):
    found = as_json(db, "search", "Petrenko", "--quotes", "--kind", "indirect")
    coach = next(e for e in found if e["name"] == "Yury Petrenko")
    assert [(q["kind"], q["text"]) for q in coach["quotes"]] == [
        ("indirect", "the squad would rest on Sunday and return to training on Tuesday")]
    table = run(db, "search", "Yury Petrenko", "--quotes")
    assert table.exit_code == 0 and "reported" in table.output and "quote" in table.output
    rows = export_rows(db)
    indirect = [r for r in rows if r["kind"] == "indirect"]
    assert indirect and all(r["quote"].startswith("reported: ") for r in indirect)
    assert not [r for r in rows if r["kind"] != "indirect" and r["quote"].startswith("reported: ")]
    by_experts = [r for r in indirect if r["expert"]]
    assert len(by_experts) == sum(REPORTED.values()) - SYNDICATED_REPORTED


def test_expert_roles(db):
    got = {name: {(r["title"], r["institution"]) for r in e["roles"]} for name, e in experts(db).items()}
    assert got == ROLES


def test_name_variants_merge_into_one_expert(db):
    """"Andrei"/"Andrey" at the same institute, "Jose"/"José", "Anne Marie"/"Anne-Marie": one expert each."""
    listed = experts(db)
    for canonical, variants in MERGED.items():
        assert canonical in listed
        for variant in variants:
            assert variant not in listed, f"{variant!r} stayed apart from {canonical!r}"
            found = as_json(db, "search", variant)
            assert [e["name"] for e in found][:1] == [canonical], (variant, found)
            assert found[0]["id"] == listed[canonical]["id"]
    volkonsky = [n for n in listed if "Volkonsk" in n]
    assert volkonsky == ["Andrey Volkonsky"]
    assert listed["Andrey Volkonsky"]["quotes"] == EXPERT_STATEMENTS["Andrey Volkonsky"]


def test_transliteration_without_shared_institution_stays_two_but_is_offered(db):
    listed = experts(db)
    a, b = POSSIBLY_SAME
    assert a in listed and b in listed and listed[a]["id"] != listed[b]["id"]
    assert {(r["title"], r["institution"]) for r in listed[a]["roles"]} == ROLES[a]
    assert {(r["title"], r["institution"]) for r in listed[b]["roles"]} == ROLES[b]
    pairs = as_json(db, "experts", "--similar")
    assert isinstance(pairs, list)
    offered = [p for p in pairs if {p["a"], p["b"]} == {a, b}]
    assert len(offered) == 1, pairs
    assert isinstance(offered[0]["score"], (int, float))
    # merged pairs are one expert now, so they cannot be offered as a pair
    for p in pairs:
        assert p["a"] != p["b"]
        assert {p["a"], p["b"]} <= EXPERTS


def test_two_chens_are_two_experts_with_their_own_quotes(db):
    listed = experts(db)
    assert listed["Laura Chen"]["id"] != listed["Michael Chen"]["id"]
    assert listed["Laura Chen"]["quotes"] == EXPERT_STATEMENTS["Laura Chen"]
    assert listed["Michael Chen"]["quotes"] == EXPERT_STATEMENTS["Michael Chen"]
    in_article = [r for r in export_rows(db) if r["article_title"] == CHEN_ARTICLE and r["expert"]]
    in_article.sort(key=lambda r: int(r["quote_id"]))
    assert [r["expert"] for r in in_article] == CHEN_ARTICLE_SPEAKERS
    assert [r["institution"] for r in in_article] == ["Northfield Medical School"] * 2 + ["Harbour Bank"] * 3
    chens = {e["name"] for e in as_json(db, "search", "Chen")}
    assert chens == {"Laura Chen", "Michael Chen"}


def test_institution_by_acronym_name_and_case_give_the_same_quotes(db):
    answers = {}
    for name in IFR_NAMES:
        result = run(db, "institution", name, "--json")
        assert result.exit_code == 0, (name, result.output)
        data = json.loads(result.output)
        assert "Institute for Fiscal Research" in data["institution"], (name, data["institution"])
        answers[name] = sorted(q["id"] for q in data["quotes"])
        assert {q["expert"] for q in data["quotes"]} == {"Mark Olsen"}
    first = answers[IFR_NAMES[0]]
    assert len(first) == EXPERT_STATEMENTS["Mark Olsen"]
    assert all(ids == first for ids in answers.values()), answers


def test_job_changer_has_both_roles_with_dates(db):
    brandt = experts(db)[JOB_CHANGER]
    roles = {(r["title"], r["institution"]): (r["first_seen"], r["last_seen"]) for r in brandt["roles"]}
    assert set(roles) == set(JOB_DATES)
    for role, (first, last) in JOB_DATES.items():
        assert str(roles[role][0]).startswith(first) and str(roles[role][1]).startswith(last), (role, roles[role])
    assert all(r["institution_id"] for r in brandt["roles"])
    assert len({r["institution_id"] for r in brandt["roles"]}) == 2


@pytest.mark.parametrize("query", ORTEGA_QUERIES)
def test_search_finds_ortega_however_written(db, query):
    found = as_json(db, "search", query)
    assert [e["name"] for e in found] == ["José Ortega"], (query, found)
    assert found[0]["quotes"] == EXPERT_STATEMENTS["José Ortega"]


def test_export_lists_syndicated_statements_once_with_article_count(db):
    rows = export_rows(db, "--kind", "direct,mixed")
    assert "articles" in rows[0] and "sources" in rows[0]
    assert len(rows) == EXPORT_ROWS
    by_text = Counter(statement(r["quote"]) for r in rows)
    for text, speaker in SYNDICATED.items():
        assert by_text[text] == 1, (text, by_text[text])
        row = next(r for r in rows if statement(r["quote"]) == text)
        assert row["expert"] == speaker
        assert row["articles"] == "2", row
        assert row["article_title"] in SYNDICATED_TITLES
        assert row["sources"], row
    others = [r for r in rows if statement(r["quote"]) not in SYNDICATED]
    assert others and all(r["articles"] == "1" for r in others)


def test_export_counts_each_experts_statements(db):
    per_expert = Counter(r["expert"] for r in export_rows(db, "--kind", "direct,mixed"))
    syndicated = Counter(SYNDICATED.values())
    assert dict(per_expert) == {name: n - syndicated.get(name, 0) for name, n in EXPERT_QUOTES.items()}
