"""Curation from the browser: only with edit on, only with the token, only with the CSRF token;
each change made by `curate` and logged in `quotes history`. On SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from quotes.cli import app as cli
from quotes.errors import QuotesError
from quotes.web import create_app, editing

from .web_helpers import client, institution_id, person_id

TOKEN = "correct horse battery staple"


@pytest.fixture
def desk(filled, monkeypatch):
    monkeypatch.setattr(editing, "WRONG_TOKEN_SECONDS", 0.01)
    return client(filled, edit=True, token=TOKEN)


def logged_in(desk) -> str:
    """Log the client in; the CSRF token its forms carry."""
    page = desk.post("/login", data={"token": TOKEN, "back": "/"})
    assert page.status_code == 303 and editing.COOKIE in page.cookies
    return re.search(r'name="csrf" value="([0-9a-f]+)"', desk.get("/").text).group(1)


def count(engine, sql: str, **params) -> int:
    with engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def history(engine) -> list[dict]:
    """`quotes history --json` on the test's directory ($QUOTES_DB points at it)."""
    result = CliRunner().invoke(cli, ["history", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_edit_needs_a_token_to_start(monkeypatch):
    from quotes.web.server import token_for

    monkeypatch.delenv("QUOTES_TOKEN", raising=False)
    with pytest.raises(QuotesError, match="set QUOTES_TOKEN"):
        token_for(True)
    monkeypatch.setenv("QUOTES_TOKEN", "short")
    with pytest.raises(QuotesError, match="too short"):
        token_for(True)
    assert token_for(False) is None
    with pytest.raises(QuotesError):
        create_app(None, edit=True, token=None)  # type: ignore[arg-type]


def test_serve_with_edit_and_no_token_refuses_to_start(monkeypatch):
    monkeypatch.delenv("QUOTES_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--edit", "--port", "1"])
    assert result.exit_code == 1
    assert "--edit needs a token: set QUOTES_TOKEN" in result.output and "Traceback" not in result.output


def test_serve_on_a_port_in_use_says_so_and_exits(monkeypatch):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 1 and f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "Serving" not in result.output


def test_a_wrong_token_does_not_log_in(desk):
    page = desk.post("/login", data={"token": "guess", "back": "/"})
    assert page.status_code == 401 and "not the token" in page.text
    assert editing.COOKIE not in desk.cookies
    assert 'action="/edit/merge"' not in desk.get("/expert/1").text


def test_changes_are_refused_without_login_or_csrf(desk, filled):
    a, b = person_id(filled, "Tomasz Wielgosz"), person_id(filled, "Amara Okafor")
    merge = {"source_id": a, "target_id": b}
    assert desk.post("/edit/merge", data=merge).status_code == 401
    csrf = logged_in(desk)
    assert desk.post("/edit/merge", data=merge).status_code == 403  # no CSRF token
    assert desk.post("/edit/merge", data={**merge, "csrf": "0" * 64}).status_code == 403
    other_site = desk.post("/edit/merge", data={**merge, "csrf": csrf}, headers={"origin": "http://attacker.example"})
    assert other_site.status_code == 403 and "another site" in other_site.text
    assert count(filled, "SELECT count(*) FROM person WHERE id IN (:a, :b)", a=a, b=b) == 2
    assert count(filled, "SELECT count(*) FROM curation") == 0
    desk.cookies.clear()  # the real session out of the jar, whichever client (httpx or httpx2) keeps it
    desk.cookies.set(editing.COOKIE, "made-up-session")
    assert desk.post("/edit/merge", data={**merge, "csrf": csrf}).status_code == 401


def test_merge_folds_one_expert_into_another_and_logs_it(desk, filled):
    csrf = logged_in(desk)
    a, b = person_id(filled, "Tomasz Wielgosz"), person_id(filled, "Amara Okafor")
    done = desk.post("/edit/merge", data={"source_id": a, "target_id": b, "csrf": csrf},
                     headers={"origin": "http://127.0.0.1"})
    assert done.status_code == 303 and done.headers["location"] == f"/expert/{b}?done=merged"
    page = desk.get(done.headers["location"]).text
    assert "Merged." in page and "Also written: <bdi>Tomasz Wielgosz</bdi>" in page
    assert "2 statements" in page
    assert desk.get(f"/expert/{a}").status_code == 404
    assert [(h["action"], h["target_id"], h["detail"]["merged"]) for h in history(filled)] == [("merge", b, "Tomasz Wielgosz")]
    assert "Amara Okafor" in desk.get("/", params={"q": "wielgosz"}).text  # the old name finds the kept one


def test_rename_and_alias_an_expert(desk, filled):
    csrf = logged_in(desk)
    kortunov = person_id(filled, "Andrey Kortunov")
    assert desk.post("/edit/rename", data={"id": kortunov, "name": "Andrei Kortunov", "csrf": csrf}).status_code == 303
    assert desk.post("/edit/alias", data={"id": kortunov, "form": "A. V. Kortunov", "csrf": csrf}).status_code == 303
    page = desk.get(f"/expert/{kortunov}").text
    assert "<h1><bdi>Andrei Kortunov</bdi></h1>" in page and "A. V. Kortunov" in page and "Andrey Kortunov" in page
    assert [h["action"] for h in history(filled)] == ["alias", "rename"]


def test_split_moves_the_ticked_statements_to_a_new_expert(desk, filled):
    csrf = logged_in(desk)
    castellanos = person_id(filled, "Helen Castellanos")
    page = desk.get(f"/expert/{castellanos}").text
    ticked = re.findall(r'name="quote_id" value="(\d+)" form="split"', page)
    assert len(ticked) == 4
    done = desk.post("/edit/split", data={"id": castellanos, "name": "Helena Castellanos", "csrf": csrf,
                                          "quote_id": ticked[:2]})
    assert done.status_code == 303
    new = desk.get(done.headers["location"]).text
    assert "<h1><bdi>Helena Castellanos</bdi></h1>" in new and "2 statements" in new
    assert "2 statements" in desk.get(f"/expert/{castellanos}").text
    assert history(filled)[0]["action"] == "split"


def test_reject_then_undo_from_the_history(desk, filled):
    csrf = logged_in(desk)
    castellanos = person_id(filled, "Helen Castellanos")
    quote = count(filled, "SELECT min(id) FROM quote WHERE person_id = :p", p=castellanos)
    done = desk.post("/edit/reject", data={"quote_id": quote, "back": f"/expert/{castellanos}", "csrf": csrf})
    assert done.headers["location"] == f"/expert/{castellanos}?done=rejected&quote={quote}"
    notice = desk.get(done.headers["location"]).text
    assert f'id="q{quote}"' not in notice and "Statement rejected." in notice
    assert f'<input type="hidden" name="quote_id" value="{quote}">\n    <input type="hidden" name="undo" value="1">' in notice
    exported = csv.DictReader(io.StringIO(desk.get("/export.csv", params={"expert_id": castellanos}).text))
    assert str(quote) not in {row["quote_id"] for row in exported}
    undo = re.search(r'<form method="post" action="/edit/reject".*?</form>', desk.get("/history").text, re.S).group(0)
    assert f'value="{quote}"' in undo and 'name="undo" value="1"' in undo
    again = desk.post("/edit/reject", data={"quote_id": quote, "undo": "1", "back": "/history", "csrf": csrf})
    assert again.headers["location"] == "/history?done=accepted"
    assert f'id="q{quote}"' in desk.get(f"/expert/{castellanos}").text
    assert [h["action"] for h in history(filled)] == ["accept", "reject"]


def test_institutions_can_be_renamed_aliased_and_merged(desk, filled):
    csrf = logged_in(desk)
    monitors = institution_id(filled, "European Network of Election Monitoring Organizations")
    project = institution_id(filled, "Electoral Integrity Project")
    form = {"kind": "institution", "csrf": csrf}
    assert desk.post("/edit/alias", data={**form, "id": monitors, "form": "ENEMO"}).status_code == 303
    assert desk.get("/institution", params={"name": "enemo"}).headers["location"] == f"/institution/{monitors}"
    assert desk.post("/edit/rename", data={**form, "id": project, "name": "The Electoral Integrity Project"}).status_code == 303
    done = desk.post("/edit/merge", data={**form, "source_id": project, "target_id": monitors})
    assert done.headers["location"] == f"/institution/{monitors}?done=merged"
    page = desk.get(done.headers["location"]).text
    assert "Amara Okafor" in page and "Tomasz Wielgosz" in page and "ENEMO" in page
    assert [h["action"] for h in history(filled)] == ["merge", "rename", "alias"]


def test_a_change_curate_refuses_is_an_error_page(desk, filled):
    csrf = logged_in(desk)
    a = person_id(filled, "Amara Okafor")
    page = desk.post("/edit/merge", data={"source_id": a, "target_id": a, "csrf": csrf})
    assert page.status_code == 400 and "cannot merge an expert into itself" in page.text
    assert desk.post("/edit/merge", data={"source_id": "x", "target_id": a, "csrf": csrf}).status_code == 400
    assert desk.post("/edit/delete", data={"csrf": csrf}).status_code == 404
    assert count(filled, "SELECT count(*) FROM curation") == 0


def test_log_out_ends_the_session(desk, filled):
    csrf = logged_in(desk)
    session = desk.cookies[editing.COOKIE]
    assert desk.post("/logout", data={"csrf": csrf}).status_code == 303
    desk.cookies.set(editing.COOKIE, session)
    assert desk.post("/edit/reject", data={"quote_id": 1, "csrf": csrf}).status_code == 401


def test_the_login_form_only_returns_to_this_site(desk):
    page = desk.post("/login", data={"token": TOKEN, "back": "//attacker.example/"})
    assert page.headers["location"] == "/"


def test_an_expert_with_every_statement_rejected_still_lists(desk, filled):
    csrf = logged_in(desk)
    weitz = person_id(filled, "Richard Weitz")
    quote = count(filled, "SELECT min(id) FROM quote WHERE person_id = :p", p=weitz)
    assert desk.post("/edit/reject", data={"quote_id": quote, "csrf": csrf}).status_code == 303
    page = desk.get("/", params={"q": "weitz"})
    assert page.status_code == 200 and "0 statements" in page.text and "last quoted" not in page.text
    assert "0 statements" in desk.get(f"/expert/{weitz}").text
