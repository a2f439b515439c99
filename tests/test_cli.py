"""Every command through Typer's CliRunner, against a temporary database."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from quotes.cli import app

from .conftest import ARTICLES, FIXTURES

pytestmark = pytest.mark.usefixtures("database")  # every test on SQLite and on PostgreSQL


runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def ingested():
    result = run("ingest", *ARTICLES)
    assert result.exit_code == 0, result.output
    return result


def test_ingest_summarises_and_is_idempotent():
    first = ingested()
    assert "7 new, 0 already known, 0 failed" in first.output
    second = run("ingest", *ARTICLES)
    assert second.exit_code == 0
    assert "0 new, 7 already known, 0 failed; 0 quotes, 0 reported" in second.output


def test_ingest_reports_bad_files_keeps_the_rest_and_exits_nonzero(tmp_path):
    (tmp_path / "good.txt").write_text('"We will not give up on this city," said Jane Roe, mayor of Springfield.')
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00garbage")
    (tmp_path / "broken.jsonl").write_text('{"text": 1}\n')
    result = run("ingest", str(tmp_path), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert "bad.txt: binary file" in result.output
    assert "broken.jsonl:1: missing \"text\"" in result.output
    assert "missing.txt: no such file" in result.output
    assert "1 new" in result.output and "Traceback" not in result.output
    assert json.loads(run("search", "Jane Roe", "--json").output)[0]["name"] == "Jane Roe"


def test_ingest_from_stdin():
    result = run("ingest", "-", input='"The river is rising fast," said Maria Lopez, a hydrologist.')
    assert result.exit_code == 0, result.output
    assert "1 new" in result.output


def test_extract_jsonl_shape():
    result = run("extract", "--jsonl", str(FIXTURES / "wires.jsonl"))
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["id"] for line in lines] == ["wire-water-2025-06-02", "wire-ai-2025-07-19"]
    text = json.loads((FIXTURES / "wires.jsonl").read_text().splitlines()[0])["text"]
    for q in lines[0]["quotes"]:
        assert list(q) == ["start", "end", "text", "speaker", "title", "affiliation", "kind", "cue", "confidence"]
        assert text[q["start"] : q["end"]] == q["text"]


def test_extract_kinds_chooses_what_is_found():
    wires = str(FIXTURES / "wires.jsonl")
    every = [q for line in run("extract", "--jsonl", wires).output.splitlines() for q in json.loads(line)["quotes"]]
    quoted = [q for line in run("extract", "--jsonl", "--kinds", "direct,mixed", wires).output.splitlines()
              for q in json.loads(line)["quotes"]]
    assert {q["kind"] for q in every} == {"direct", "indirect"}  # "Okonkwo said the meeting was overdue"
    assert quoted == [q for q in every if q["kind"] != "indirect"]
    reported = run("extract", "--jsonl", "--kinds", "indirect", wires)
    assert {q["kind"] for line in reported.output.splitlines() for q in json.loads(line)["quotes"]} == {"indirect"}


@pytest.mark.parametrize("command", ["extract", "search", "find", "export", "institution"])
def test_an_unknown_kind_is_a_usage_error(command):
    ingested()
    args = {"extract": [str(FIXTURES / "wires.jsonl")], "search": ["weitz"], "find": ["ice"], "export": [],
            "institution": ["NATO Defense College"]}[command]
    result = run(command, *args, "--kind", "direct,quoted")
    said = " ".join(result.output.replace("│", " ").split())  # the message as one line, out of its box
    assert result.exit_code == 2 and "quoted is no kind; the kinds are direct, mixed, indirect" in said, said
    assert "Traceback" not in result.output


def test_read_commands_list_the_kinds_asked_for():
    ingested()
    hale = json.loads(run("search", "hale", "--quotes", "--json", "--kind", "indirect").output)[0]
    assert [(q["kind"], q["text"]) for q in hale["quotes"]] == [
        ("indirect", "premiums for ice-class vessels had risen by a third since 2021")]
    found = json.loads(run("find", "ice", "--json", "--kind", "direct,mixed").output)
    assert found and all(q["kind"] != "indirect" for q in found)
    rows = list(csv.DictReader(io.StringIO(run("export", "--kind", "indirect").output)))
    assert rows and all(r["kind"] == "indirect" and r["quote"].startswith("reported: ") for r in rows)
    listing = run("search", "hale", "--quotes")
    assert listing.exit_code == 0 and "reported" in listing.output and "quote" in listing.output


def test_extract_table():
    result = run("extract", str(FIXTURES / "china_russia_sanctions.txt"))
    assert result.exit_code == 0 and "Weitz" in result.output


def test_search_table_json_and_quotes():
    ingested()
    table = run("search", "weitz")
    assert table.exit_code == 0 and "Richard Weitz" in table.output and "NATO Defense College" in table.output
    found = json.loads(run("search", "Andrei Kortunov", "--json", "--quotes").output)
    assert found[0]["name"] == "Andrey Kortunov"
    assert found[0]["quotes"][0]["text"].startswith("the Russia-China axis offers")


def test_search_without_match_exits_nonzero():
    ingested()
    result = run("search", "Nobody Atall")
    assert result.exit_code == 1 and "no expert matches" in result.output


def test_institution_command():
    ingested()
    result = run("institution", "the NATO Defense College", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["institution"] == "NATO Defense College"
    assert [q["expert"] for q in data["quotes"]] == ["Richard Weitz"]
    missing = run("institution", "Ministry of Silly Walks")
    assert missing.exit_code == 1 and "no institution named" in missing.output


def test_experts_and_institutions_commands():
    ingested()
    listed = json.loads(run("experts", "--json", "--sort", "name").output)
    assert "Richard Weitz" in [e["name"] for e in listed]
    bad = run("experts", "--sort", "shoe size")
    assert bad.exit_code == 1 and "cannot sort experts" in bad.output
    places = json.loads(run("institutions", "--json").output)
    assert "NATO Defense College" in [p["name"] for p in places]
    assert run("institutions").exit_code == 0 and run("experts").exit_code == 0


def test_export_csv_filters_and_excel(tmp_path):
    ingested()
    result = run("export", "--expert", "weitz")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["expert"] for r in rows] == ["Richard Weitz"]
    assert rows[0]["institution"] == "NATO Defense College" and rows[0]["expert_id"]
    target = tmp_path / "out.csv"
    assert run("export", "--excel", "-o", str(target), "--institution", "NATO Defense College").exit_code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    since = list(csv.DictReader(io.StringIO(run("export", "--since", "2025-07-01").output)))
    assert since and all(r["published"] >= "2025-07-01" for r in since)
    bad = run("export", "--since", "yesterday")
    assert bad.exit_code != 0 and "not a date" in bad.output


def test_bad_database_path_is_one_line():
    result = run("experts", "--db", "/proc/no/such/dir/q.db")
    assert result.exit_code == 1
    assert result.output.startswith("Error:") and "Traceback" not in result.output


def test_find_command(database):
    ingested()
    result = run("find", "grandchildren", "--json")
    assert result.exit_code == 0
    assert [q["expert"] for q in json.loads(result.output)] == ["Helen Castellanos"]
    if not database.startswith("postgresql"):  # PostgreSQL's web-search syntax forgives any input
        bad = run("find", "axis OR (", "--raw")
        assert bad.exit_code == 1 and "bad full-text query" in bad.output


def test_db_status_path_and_backup(tmp_path, database):
    ingested()
    status = json.loads(run("db", "status", "--json").output)
    assert status["articles"] == 7 and status["schema"]
    copy = tmp_path / "copy.db"
    if database.startswith("postgresql"):
        assert status["integrity"] == "not checked (SQLite only)"
        result = run("db", "backup", str(copy))
        assert result.exit_code == 1 and "use pg_dump" in result.output
        return
    assert status["integrity"] == "ok"
    assert run("db", "backup", str(copy)).exit_code == 0
    again = run("db", "backup", str(copy))
    assert again.exit_code == 1 and "exists already" in again.output
    assert json.loads(run("db", "status", "--json", "--db", str(copy)).output)["quotes"] == status["quotes"]
    assert run("db", "path").output.strip().endswith("quotes.db")


BUDGET = (
    "Budget fight in Springfield\n\n"
    'The mayor, Jane Roe, said on Monday that the plan was "a fantasy that will bankrupt the city" and would fail. '
    'Roe called the numbers "bold" in an interview.\n\n'
    '"We will not sign it," Roe said.\n'
)


def test_a_mixed_quote_is_listed_and_exported_as_its_sentence_and_one_word_ones_only_when_asked(tmp_path):
    (tmp_path / "budget.txt").write_text(BUDGET)
    assert run("ingest", str(tmp_path / "budget.txt")).exit_code == 0
    listed = [q["text"] for q in json.loads(run("search", "roe", "--quotes", "--json").output)[0]["quotes"]]
    assert "bold" not in listed and len(listed) == 2  # a one-word scare quote is no listing's
    every = json.loads(run("search", "roe", "--quotes", "--json", "--min-words", "0").output)[0]["quotes"]
    assert "bold" in [q["text"] for q in every]
    table = runner.invoke(app, ["search", "roe", "--quotes"], env={"COLUMNS": "300"}).output
    assert 'said on Monday that the plan was "a fantasy that will bankrupt the city" and would fail.' in table
    rows = list(csv.DictReader(io.StringIO(run("export").output)))
    mixed = next(r for r in rows if r["kind"] == "mixed")
    assert mixed["quote"] == "a fantasy that will bankrupt the city"
    assert mixed["sentence"].startswith("The mayor, Jane Roe, said on Monday") and mixed["sentence"].endswith("would fail.")
    assert "bold" not in [r["quote"] for r in rows]
    assert run("find", "numbers", "--min-words", "-1").exit_code != 0
