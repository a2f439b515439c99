"""Article text is hostile: the corpus in fixtures/hostile/ through every read command.

Its articles carry rich markup (`[/bold]`, which crashed the listings, and `[link=...]`, which
became a live link), raw escape sequences (clear screen, blink, colours, OSC 8 hyperlinks, a bell,
a right-to-left override) and cells that start like spreadsheet formulas, in their quotes and in
every metadata field a JSONL line sets verbatim. Editors' renames and aliases carry more. Every
command must print it all as text: no traceback, no escape reaching the terminal, the markup
shown as written, the JSON equal to what is stored, and no CSV cell a spreadsheet evaluates.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata

import pytest
from typer.testing import CliRunner

from quotes.cli import app

from .conftest import FIXTURES

pytestmark = pytest.mark.usefixtures("database")  # every test on SQLite and on PostgreSQL

HOSTILE = FIXTURES / "hostile"
runner = CliRunner()
#: What must never reach a terminal from stored text: the corpus's escapes, raw.
OBEYED = ("\x1b[2J", "\x1b[5m", "\x1b[31m", "\x1b]8", "\x07", "\u202e")
#: What a spreadsheet strips before it looks for a formula sign (see quotes/export.py).
SKIPPED = " \t\r\n\u00a0\u200b\u200c\u200d\u2060\ufeff\u3000"


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """The hostile corpus ingested, an expert and an institution renamed to markup by an editor,
    and an alias of escapes; the ids of what the tests look up."""
    monkeypatch.setenv("COLUMNS", "2000")  # no cell wraps, so a literal is found whole
    result = run("ingest", str(HOSTILE))
    assert result.exit_code == 0, result.output
    experts = {e["name"]: e["id"] for e in json.loads(run("experts", "--json").output)}
    places = {i["name"]: i["id"] for i in json.loads(run("institutions", "--json").output)}
    haddad, eastport = experts["Noor Haddad"], places["University of Eastport"]
    assert run("rename", str(haddad), "Noor [/bold] Haddad").exit_code == 0
    assert run("rename", "--institution", str(eastport), "University [/bold] of [link=http://evil.example]East[/link]").exit_code == 0
    assert run("alias", "add", str(haddad), "N. \x1b[2JHaddad").exit_code == 0
    return {"haddad": haddad, "eastport": eastport}


def commands(ids: dict[str, int]) -> list[list[str]]:
    """Every read command, as a table and as JSON, over the corpus."""
    return [
        ["search", "okafor"], ["search", "okafor", "--quotes"], ["search", "lindqvist", "--quotes"],
        ["search", "haddad", "--quotes"], ["search", "marchetti", "--quotes", "--json"],
        ["institution", "Institute for Fiscal Prudence"], ["institution", "Nordic Water Institute", "--json"],
        ["institution", "Grid Safety Board"], ["institution", "University [/bold] of [link=http://evil.example]East[/link]"],
        ["find", "numbers"], ["find", "river"], ["find", "power"], ["find", "vote", "--json"],
        ["find", "figures", "--expert", "okafor"], ["find", "river", "--institution", "Nordic Water Institute"],
        ["experts"], ["experts", "--json"], ["experts", "--similar"], ["institutions"], ["institutions", "--json"],
        ["history"], ["history", "--json"], ["db", "status"], ["db", "status", "--json"],
        ["export"], ["export", "--json"],
    ]


def assert_inert(output: str, *, colour: bool) -> None:
    assert "Traceback" not in output and "MarkupError" not in output
    for escape in OBEYED:
        assert escape not in output
    if not colour:
        assert "\x1b" not in output and "\x9b" not in output


@pytest.mark.parametrize("colour", [False, True], ids=["pipe", "terminal"])
def test_every_read_command_prints_hostile_text_as_text(hostile, colour, monkeypatch):
    """On a pipe and on a colour terminal (FORCE_COLOR: rich then writes styles and links), every
    command succeeds, shows the markup as written and the escapes written out."""
    if colour:
        monkeypatch.setenv("FORCE_COLOR", "1")
    shown = ""
    for args in commands(hostile):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
        assert_inert(result.output, colour=colour)
        shown += result.output
    for literal in ("[/bold]", "[link=http://evil.example]nobody[/link]", "[red]twice[/red]",
                    "Noor [/bold] Haddad", "[bold red]The Markup Times"):
        assert literal in shown, literal
    assert "\\x1b[2J" in shown and "\\u202e" in shown  # written out, so an editor sees it is there


def test_json_carries_the_stored_text_exactly(hostile):
    found = json.loads(run("find", "river", "--json").output)
    assert "\x1b[2J" in found[0]["text"] and "\x1b]8;;http://evil.example" in found[0]["text"]
    early = json.loads(run("find", "evacuate", "--json").output)
    assert "\u202e" in early[0]["text"] and "\x07" in early[0]["text"]
    history = json.loads(run("history", "--json").output)
    assert {"form": "N. \x1b[2JHaddad"} in [h["detail"] for h in history]
    lines = [json.loads(line) for line in run("export", "--json").output.splitlines()]
    assert any(row["outlet"] == "Esc\x1b[31mRed" for row in lines)


def evaluates(cell: str) -> bool:
    """Whether a spreadsheet would read the cell as a formula (the test's own rule, not the code's)."""
    rest = cell.lstrip(SKIPPED)
    return bool(rest) and unicodedata.normalize("NFKC", rest[0]) in "=+-@\u2212"


def test_no_cell_of_the_csv_export_is_a_formula(hostile):
    result = run("export")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.output)))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if evaluates(cell)]
    for cell in ('\'=HYPERLINK("http://evil.example","x")', "'\n=2+2", "'\u00a0=1+1", "'\u200b=3+3",
                 "' \u00a0\u200b+4+4", "'\uff20cmd", "'\uff1dSUM(1,2) was next, and \uff0b3 after it,",
                 "'-5+5 tonnes moved, \uff0d6 left,", "'@SUM(1,2) or worse,"):
        assert cell in cells, cell
    assert not any("\x1b" in cell for cell in cells)  # an export printed to a terminal is a terminal's


@pytest.mark.parametrize("colour", [False, True], ids=["pipe", "terminal"])
def test_extract_shows_hostile_quotes_as_text(colour, monkeypatch):
    monkeypatch.setenv("COLUMNS", "2000")
    if colour:
        monkeypatch.setenv("FORCE_COLOR", "1")
    for path in sorted(HOSTILE.iterdir()):
        table = run("extract", str(path))
        assert table.exit_code == 0, table.output
        assert_inert(table.output, colour=colour)
        lines = run("extract", "--jsonl", str(path))
        assert lines.exit_code == 0 and "\x1b" not in lines.output and "\u202e" not in lines.output
    shown = run("extract", str(HOSTILE / "night_shift.txt")).output
    assert "[/bold] nobody warned us," in shown and "Night shift \\x1b[2J\\x1b[31m alert" in shown


def test_messages_echo_hostile_input_as_text(hostile):
    """Errors quote what the user typed or the article had: one line, nothing obeyed."""
    for args in (["search", "[/bold]\x1b[2J nobody"], ["institution", "[link=http://evil.example]x\x1b]8;;"],
                 ["find", "zzzz", "--expert", "\x1b[31m[/bold]"], ["ingest", "\x1b[2Jmissing\n.txt"],
                 ["rename", "9999", "x\x1b[2J"], ["export", "--since", "\x1b[2J2025"]):
        result = run(*args)
        assert result.exit_code != 0, args
        assert_inert(result.output, colour=False)
        lines = result.output.splitlines()
        assert lines[0].startswith("Error: ") and len(lines) == (2 if args[0] == "ingest" else 1), (args, lines)


def test_ingest_progress_on_a_terminal_shows_article_ids_as_text(tmp_path):
    """The progress line names each article (a JSONL id here holds markup and an escape); on a real
    terminal (a pty), rich must show it as written, not parse it."""
    import os
    import pty
    import subprocess
    import sys

    controller, terminal = pty.openpty()
    env = {**os.environ, "QUOTES_DB": str(tmp_path / "quotes.db"), "COLUMNS": "200"}
    process = subprocess.Popen([sys.executable, "-m", "quotes", "ingest", str(HOSTILE / "hostile.jsonl")], env=env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the command is done
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    assert process.wait(120) == 0, shown
    assert b"MarkupError" not in shown and b"Traceback" not in shown
    assert b"\x1b[2J" not in shown and b"\x1b]8" not in shown
    assert b"5 new" in shown
