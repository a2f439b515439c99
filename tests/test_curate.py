"""Editors' curation through the CLI, and that ingesting more articles keeps it."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.db import open_db
from quotes.extract import Extraction, Quote
from quotes.read import Article
from quotes.store import store

pytestmark = pytest.mark.usefixtures("database")  # every test on SQLite and on PostgreSQL


runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, list(args))
    return result


def said(article_id: str, *quotes: tuple[str, str, str | None]) -> None:
    """Store an article whose quotes are (text, speaker, institution), as ingest would."""
    text = " ".join(q[0] for q in quotes) + f" ({article_id})"
    found, at = [], 0
    for words, speaker, institution in quotes:
        found.append(Quote(at, at + len(words), words, speaker, "fellow" if institution else None, institution,
                           "direct", "said", 0.9))
        at += len(words) + 1
    store(open_db(), Extraction(Article(text=text, id=article_id), found))


def experts() -> dict[str, dict]:
    return {e["name"]: e for e in json.loads(run("experts", "--json").output)}


def exported() -> list[dict]:
    return list(csv.DictReader(io.StringIO(run("export", "--min-words", "0").output)))  # one-word statements too


def test_merge_keeps_resolving_the_merged_name_in_new_articles():
    said("a", ("Rivers rise.", "Jane Roe", "Acme Institute"))
    said("b", ("Seas rise.", "Jane Rowe", "Other Council"))  # not merged: no shared institution
    pair = json.loads(run("experts", "--similar", "--json").output)
    assert [(p["a"], p["b"]) for p in pair] == [("Jane Roe", "Jane Rowe")]
    ids = {name: e["id"] for name, e in experts().items()}
    assert run("merge", str(ids["Jane Rowe"]), str(ids["Jane Roe"])).exit_code == 0
    said("c", ("Lakes rise.", "Jane Rowe", None))
    assert list(experts()) == ["Jane Roe"] and experts()["Jane Roe"]["quotes"] == 3
    assert json.loads(run("search", "Jane Rowe", "--json").output)[0]["name"] == "Jane Roe"
    assert json.loads(run("experts", "--similar", "--json").output) == []


def test_spellings_at_one_institution_merge_and_a_shared_surname_does_not():
    said("a", ("One.", "Andrey Kortunov", "Russian Council"), ("Two.", "Bill Clinton", "Foundation"))
    said("b", ("Three.", "Andrei Kortunov", "Russian Council"), ("Four.", "Hillary Clinton", "Foundation"))
    assert sorted(experts()) == ["Andrey Kortunov", "Bill Clinton", "Hillary Clinton"]


def test_rejected_statement_stays_out_when_another_article_repeats_it():
    said("a", ("The plan is dead on arrival.", "Jane Roe", None), ("Fine words.", "Jane Roe", None))
    quote_id = next(r["quote_id"] for r in exported() if r["quote"].startswith("The plan"))
    assert run("reject", quote_id).exit_code == 0
    said("b", ("The plan is dead on arrival.", "Jane Roe", None))
    assert [r["quote"] for r in exported()] == ["Fine words."]
    assert run("reject", quote_id, "--undo").exit_code == 0
    rows = exported()
    assert {r["quote"]: r["articles"] for r in rows} == {"The plan is dead on arrival.": "2", "Fine words.": "1"}


def test_rename_alias_and_split():
    said("a", ("Alpha.", "Jon Smyth", "Acme Institute"), ("Beta.", "Jon Smyth", "Acme Institute"))
    smyth = experts()["Jon Smyth"]["id"]
    assert run("rename", str(smyth), "John Smyth").exit_code == 0
    said("b", ("Gamma.", "John Smyth", None))
    assert experts()["John Smyth"]["quotes"] == 3
    assert run("alias", "add", str(smyth), "J. S. Smyth").exit_code == 0
    assert json.loads(run("search", "J. S. Smyth", "--json").output)[0]["match"] == "alias"
    beta = next(r["quote_id"] for r in exported() if r["quote"] == "Beta.")
    assert run("split", str(smyth), beta, "--name", "Joan Smyth").exit_code == 0
    assert {n: e["quotes"] for n, e in experts().items()} == {"John Smyth": 2, "Joan Smyth": 1}
    said("c", ("Delta.", "Joan Smyth", None))
    assert experts()["Joan Smyth"]["quotes"] == 2
    actions = [h["action"] for h in json.loads(run("history", "--json").output)]
    assert actions == ["split", "alias", "rename"]


def test_institution_alias_and_merge():
    said("a", ("Alpha.", "Jane Roe", "NATO Defense College"))
    said("b", ("Beta.", "Karl Berg", "Nato Defence College"))
    places = {p["name"]: p["id"] for p in json.loads(run("institutions", "--json").output)}
    assert run("merge", "--institution", str(places["Nato Defence College"]), str(places["NATO Defense College"])).exit_code == 0
    assert run("alias", "add", "--institution", str(places["NATO Defense College"]), "NDC").exit_code == 0
    listed = json.loads(run("institution", "NDC", "--json", "--min-words", "0").output)
    assert sorted(q["expert"] for q in listed["quotes"]) == ["Jane Roe", "Karl Berg"]
    said("c", ("Gamma.", "Ola Nor", "Nato Defence College"))
    assert len(json.loads(run("institution", "the NATO Defense College", "--json", "--min-words", "0").output)["quotes"]) == 3


def test_bad_curations_are_one_line_errors():
    said("a", ("Alpha.", "Jane Roe", None), ("Beta.", "Karl Berg", None))
    ids = {name: e["id"] for name, e in experts().items()}
    for args, message in [
        (("merge", "1", "1"), "into itself"),
        (("merge", "1", "999"), "no expert with id 999"),
        (("rename", str(ids["Jane Roe"]), "Karl Berg"), "merge instead"),
        (("split", str(ids["Jane Roe"]), "999", "--name", "New Person"), "are not all"),
        (("alias", "add", str(ids["Jane Roe"]), "Karl Berg"), "already names"),
        (("reject", "999"), "no quote with id 999"),
    ]:
        result = run(*args)
        assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output, (args, result.output)


def test_middle_initials_do_not_split_an_expert():
    said("a", ("One.", "Donald J. Trump", None), ("Two.", "George W. Bush", None))
    said("b", ("Three.", "Donald Trump", None), ("Four.", "George P. Bush", None))
    assert {n: e["quotes"] for n, e in experts().items()} == {"Donald J. Trump": 2, "George W. Bush": 1, "George P. Bush": 1}


def test_nearly_the_same_words_are_one_statement_in_exports():
    said("a", ("The river will crest on Friday night, well above the levees.", "Jane Roe", None))
    said("b", ("The river will crest on Friday night, well above the old levees.", "Jane Roe", None))
    said("c", ("Nobody expected the river to rise so fast.", "Jane Roe", None))
    rows = exported()
    assert sorted(r["articles"] for r in rows) == ["1", "2"]
