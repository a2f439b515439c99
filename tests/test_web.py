"""The desk's read pages through Starlette's TestClient, on SQLite and PostgreSQL.

One directory per engine for the module (the fixtures and two more articles, ingested for real);
these tests only read it.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from quotes.cli import app as cli
from quotes.db import open_db

from .conftest import _postgres_database
from .web_helpers import RLO, client, fill, institution_id, person_id


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, nlp) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("desk")
    if request.param == "sqlite":
        found = str(folder / "desk.db")
        databases = None
    else:
        databases = _postgres_database("web")
        found = next(databases)
    engine = open_db(found)
    fill(engine, nlp, folder)
    engine.dispose()
    yield found
    if databases is not None:
        next(databases, None)


@pytest.fixture(scope="module")
def engine(url: str):
    engine = open_db(url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def web(engine):
    return client(engine)


def statements(page: str) -> list[str]:
    """The quoted words of each statement on a page, in order."""
    return [html.unescape(re.sub(r"<[^>]+>", "", m)) for m in re.findall(r'<mark class="quote">(.*?)</mark>', page, re.S)]


def test_search_lists_each_expert_with_roles_count_and_last_quoted_date(web, engine):
    page = web.get("/", params={"q": "berg"})
    assert page.status_code == 200
    berg = person_id(engine, "Jonas Berg")
    assert f'href="/expert/{berg}"' in page.text
    assert "economist" in page.text and f'href="/institution/{institution_id(engine, "Harbour Bank")}"' in page.text
    assert "4 statements" in page.text and "last quoted 2025-12-01" in page.text


@pytest.mark.parametrize("typed, found", [
    ("kort", "Andrey Kortunov"),  # part of a name
    ("Kortunoff", "Andrey Kortunov"),  # misspelt
    ("maria lopez", "María López"),  # without accents
    ("Andrei Kortunov", "Andrey Kortunov"),  # another transliteration
])
def test_search_finds_names_as_quotes_search_does(web, typed, found):
    page = web.get("/", params={"q": typed})
    assert found in page.text


def test_search_results_alone_for_the_as_you_type_script(web):
    part = web.get("/search/results", params={"q": "castel"})
    assert part.status_code == 200 and "<html" not in part.text
    assert "Helen Castellanos" in part.text and "University of the Valley" in part.text
    assert web.get("/search/results", params={"q": ""}).text == ""


def test_search_says_when_nobody_matches(web):
    assert "No expert matches" in web.get("/", params={"q": "zzyzx qwerty"}).text


def test_expert_page_shows_roles_over_time_and_statements_newest_first(web, engine):
    page = web.get(f"/expert/{person_id(engine, 'Jonas Berg')}")
    assert page.status_code == 200
    roles = re.search(r'<table class="roles">(.*?)</table>', page.text, re.S).group(1)
    assert "economist" in roles and "Harbour Bank" in roles
    assert re.search(r"<td>\d{4}-\d\d-\d\d</td><td>\d{4}-\d\d-\d\d</td>", roles)  # first and last seen
    dates = re.findall(r"· (\d{4}-\d\d-\d\d|undated)\n", page.text)
    assert dates == ["2025-12-01"] * 3 + ["2024-02-13"]
    assert page.text.count('<span class="kind kind-mixed">mixed</span>') == 2
    assert page.text.count('<span class="kind kind-direct">quote</span>') == 2
    assert "Northern Wire" in page.text and "Harbour Bank sees a slow year" in page.text
    # each quote in its sentence: the words before it and after it, up to the sentence's end
    assert "The levy would be &#34;<mark class=\"quote\">a tax on the people" in page.text
    assert "&#34;, said Jonas Berg, an economist at the Harbour Bank, on Tuesday.</bdi>" in page.text


def test_expert_filters_by_date_kind_and_institution(web, engine):
    berg = person_id(engine, "Jonas Berg")
    assert len(statements(web.get(f"/expert/{berg}", params={"since": "2025-01-01"}).text)) == 3
    assert statements(web.get(f"/expert/{berg}", params={"until": "2024-02-13"}).text) == [
        "Growth will stay slow until the harbour reopens,"]
    assert len(statements(web.get(f"/expert/{berg}", params={"until": "2024-02-12"}).text)) == 0
    bank = institution_id(engine, "Harbour Bank")
    assert len(statements(web.get(f"/expert/{berg}", params={"institution_id": bank}).text)) == 4
    assert len(statements(web.get(f"/expert/{berg}", params={"institution_id": institution_id(engine, "Kremlin")}).text)) == 0
    mixed = web.get(f"/expert/{berg}", params={"kind": "mixed"}).text
    assert statements(mixed) == ["a tax on the people who can least afford it", "no plan for the winter"]
    assert '<span class="kind kind-mixed">mixed</span>' in mixed
    direct = statements(web.get(f"/expert/{berg}", params={"kind": "direct"}).text)
    assert direct == ["Sanctions on the grain trade will not end this winter,", "Growth will stay slow until the harbour reopens,"]


@pytest.mark.parametrize("query, message", [
    ({"since": "last week"}, "is not a date like"),
    ({"kind": "rumour"}, "kind must be one of"),
    ({"since": "2025-02-01", "until": "2025-01-01"}, "until is before since"),
    ({"institution_id": "1 OR 1=1"}, "must be a whole number"),
])
def test_a_bad_filter_is_an_error_page_that_says_which(web, engine, query, message):
    page = web.get(f"/expert/{person_id(engine, 'Jonas Berg')}", params=query)
    assert page.status_code == 400 and message in page.text and "Traceback" not in page.text


def test_institution_page_lists_experts_statements_and_acronym(web, engine):
    cdlp = institution_id(engine, "Centre for Digital Learning Policy")
    page = web.get(f"/institution/{cdlp}")
    assert page.status_code == 200
    assert '<span class="acronym">(<bdi>CDLP</bdi>)</span>' in page.text
    assert "Lena Fischer" in page.text and statements(page.text)
    assert web.get("/institution", params={"name": "cdlp"}).headers["location"] == f"/institution/{cdlp}"
    assert web.get("/institution", params={"name": "the centre for digital learning policy"}).status_code == 303
    missing = web.get("/institution", params={"name": "Ministry of Silly Walks"})
    assert missing.status_code == 404 and "no institution named" in missing.text


def test_institution_filters_by_date_and_kind(web, engine):
    bank = institution_id(engine, "Harbour Bank")
    everything = statements(web.get(f"/institution/{bank}").text)
    assert "a tax on the people who can least afford it" in everything
    mixed = statements(web.get(f"/institution/{bank}", params={"kind": "mixed"}).text)
    assert set(mixed) == {"a tax on the people who can least afford it", "no plan for the winter"}
    assert statements(web.get(f"/institution/{bank}", params={"since": "2025-12-02"}).text) == []


def test_find_highlights_the_words_and_escapes_the_query(web):
    page = web.get("/find", params={"q": "sanctions"})
    assert page.status_code == 200
    assert '<strong class="hit">Sanctions</strong>' in page.text
    hostile = web.get("/find", params={"q": '"><script>alert(1)</script>'})
    assert hostile.status_code == 200 and "<script>alert(1)" not in hostile.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile.text


def test_find_filters_by_date(web):
    assert statements(web.get("/find", params={"q": "sanctions", "since": "2025-12-01"}).text) == [
        "Sanctions on the grain trade will not end this winter,"]


def test_article_page_marks_its_quotes_and_links_the_source(web, engine):
    with engine.connect() as conn:
        article = conn.execute(text("SELECT id FROM article WHERE title = 'Council weighs a new levy'")).scalar_one()
    page = web.get(f"/article/{article}")
    assert page.status_code == 200
    assert page.text.count('<mark id="q') == 3 and 'href="https://wire.example/levy"' in page.text
    assert "Jonas Berg" in page.text and "Valley Wire" in page.text


def _export(url: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["export", "--db", url, *args])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")  # .stdout turns the CSV's \r\n into \n


@pytest.mark.parametrize("web_query, cli_args", [
    ({"expert": "berg"}, ["--expert", "berg"]),
    ({"institution": "CDLP"}, ["--institution", "CDLP"]),
    ({"since": "2025-06-01"}, ["--since", "2025-06-01"]),
    ({}, []),
])
def test_csv_and_json_are_what_quotes_export_writes(web, url, web_query, cli_args):
    got = web.get("/export.csv", params=web_query)
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    assert "attachment" in got.headers["content-disposition"]
    assert got.text == _export(url, *cli_args)
    assert web.get("/export.json", params=web_query).text == _export(url, *cli_args, "--json")


def test_csv_of_an_expert_page_with_filters(web, engine, url):
    berg = person_id(engine, "Jonas Berg")
    assert web.get("/export.csv", params={"expert_id": berg}).text == _export(url, "--expert", "Jonas Berg")
    rows = list(csv.DictReader(io.StringIO(web.get("/export.csv", params={"expert_id": berg, "until": "2024-12-31"}).text)))
    assert [(r["published"], r["expert"]) for r in rows] == [("2024-02-13", "Jonas Berg")]
    kinds = [json.loads(line)["kind"] for line in
             web.get("/export.json", params={"expert": "jonas berg", "kind": "mixed"}).text.splitlines()]
    assert kinds == ["mixed", "mixed"]


def test_csv_is_formula_safe(web):
    rows = list(csv.DictReader(io.StringIO(web.get("/export.csv", params={"expert": "maria lopez", "min_words": 0}).text)))
    formula = [r["quote"] for r in rows if "HYPERLINK" in r["quote"]]
    assert formula == ["'=HYPERLINK("]


def test_a_hostile_article_shows_as_text(web, engine):
    lopez = person_id(engine, "María López")
    for path in (f"/expert/{lopez}", "/find?q=grid+weather", "/?q=lopez"):
        page = web.get(path)
        assert page.status_code == 200
        assert "<script>alert" not in page.text and "<img src=x" not in page.text
        assert "javascript:" not in page.text.replace("javascript:alert", "") or 'href="javascript:' not in page.text
        assert 'href="javascript:' not in page.text
    expert = web.get(f"/expert/{lopez}").text
    assert "&lt;script&gt;alert(&#39;quote&#39;)&lt;/script&gt; The grid will hold" in expert
    assert "&lt;img src=x onerror=alert(1)&gt;" in expert
    # a right-to-left override would show "txt.exe" as "exe.txt": pages drop it, and every untrusted
    # text sits in a <bdi>, so right-to-left names cannot turn the rest of the line around
    assert RLO not in expert
    assert re.search(r"<bdi class=\"sentence\">[^<]*<mark class=\"quote\">We have redro\u202c in the control", expert)
    assert "<bdi>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Grid txt.exe</bdi>" in expert
    with engine.connect() as conn:
        article = conn.execute(text("SELECT id FROM article WHERE url LIKE 'javascript:%'")).scalar_one()
    page = web.get(f"/article/{article}").text
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert RLO not in title and "&lt;script&gt;" in title and RLO not in page
    assert 'href="javascript:' not in page and "<script>alert" not in page


def test_every_response_carries_a_strict_content_security_policy(web, engine):
    for path in ("/", f"/expert/{person_id(engine, 'María López')}", "/nowhere", "/static/desk.css", "/export.csv"):
        policy = web.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'none'" in policy and "unsafe-inline" not in policy
    page = web.get("/").text
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/search.js" defer>']
    assert "style=" not in page and "<style" not in page


def test_unknown_pages_and_ids_get_the_error_page(web):
    for path in ("/nowhere", "/expert/999999", "/institution/999999", "/article/999999"):
        page = web.get(path)
        assert page.status_code == 404 and "<h1>Not found</h1>" in page.text


def test_a_broken_database_is_an_error_page_not_a_traceback(tmp_path):
    broken = open_db(tmp_path / "broken.db")
    with broken.begin() as conn:
        conn.execute(text("DROP TABLE name_word"))
    page = client(broken).get("/", params={"q": "weitz"})
    assert page.status_code == 500 and "Something went wrong on our side (OperationalError)" in page.text
    assert "Traceback" not in page.text and "name_word" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_without_edit_nothing_can_change_the_directory(web, engine):
    berg = person_id(engine, "Jonas Berg")
    assert "/edit/" not in web.get(f"/expert/{berg}").text and "Log in" not in web.get("/").text
    for path in ("/edit/merge", "/edit/rename", "/edit/reject", "/login"):
        assert web.post(path, data={"source_id": berg, "target_id": 1, "id": berg, "name": "X"}).status_code in (404, 405)
    assert web.get("/login").status_code == 404
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM curation")).scalar() == 0


def test_a_host_header_of_another_site_is_refused(engine):
    from quotes.web.app import hosts_for

    desk = client(engine, hosts=hosts_for("127.0.0.1"))
    assert desk.get("/").status_code == 200
    assert desk.get("/", headers={"host": "attacker.example"}).status_code == 400


def test_pages_read_while_an_ingest_holds_a_write_transaction(web, engine):
    """A writer mid-transaction (as ingest stores an article) neither blocks nor shows half its work."""
    berg = person_id(engine, "Jonas Berg")
    writer = open_db(str(engine.url.render_as_string(hide_password=False)))
    with writer.connect() as conn:
        conn.begin()
        conn.execute(text("UPDATE person SET name = 'Jonas Halfway' WHERE id = :id"), {"id": berg})
        page = web.get(f"/expert/{berg}")
        assert page.status_code == 200 and "Jonas Berg" in page.text and "Halfway" not in page.text
        assert web.get("/export.csv", params={"expert_id": berg}).status_code == 200
        conn.rollback()
    writer.dispose()


def test_long_listings_come_in_pages(web, engine, monkeypatch):
    from quotes.web import forms

    monkeypatch.setattr(forms, "PAGE_SIZE", 3)
    berg = f"/expert/{person_id(engine, 'Jonas Berg')}"
    first = web.get(berg, params={"since": "2020-01-01"}).text
    assert len(statements(first)) == 3 and "← newer" not in first
    older = re.search(r'<a href="([^"]+)">older →</a>', first).group(1).replace("&amp;", "&")
    assert older == f"{berg}?since=2020-01-01&offset=3"
    second = web.get(older).text
    assert statements(second) == ["Growth will stay slow until the harbour reopens,"]
    assert "older →" not in second and f'<a href="{berg}?since=2020-01-01">← newer</a>' in second
    assert len(statements(web.get("/find", params={"q": "winter"}).text)) == 3


def test_csv_of_an_institution_page_and_of_a_find(web, engine, url):
    cdlp = institution_id(engine, "Centre for Digital Learning Policy")
    assert web.get("/export.csv", params={"institution_id": cdlp}).text == _export(url, "--institution", "CDLP")
    found = list(csv.DictReader(io.StringIO(web.get("/export.csv", params={"q": "winter"}).text)))
    assert found and all("winter" in row["quote"].lower() for row in found)
    page = statements(web.get("/find", params={"q": "winter"}).text)
    assert sorted(row["quote"] for row in found) == sorted(page)
