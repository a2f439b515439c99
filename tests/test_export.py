import csv
import io

from quotes.directory import QuoteRow
from quotes.export import COLUMNS, export_file, neutralise, write_csv


def row(text="plain", expert="Jane Roe"):
    return QuoteRow(1, text, 2, expert, "fellow", 3, "Acme", 4, "Title", "http://x", "2025-01-01", "Out", "direct", "said", 0.9)


def test_formula_starts_are_neutralised():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert neutralise(start + "1+1") == "'" + start + "1+1"
    assert neutralise("plain") == "plain" and neutralise(5) == 5


def test_formula_starts_after_what_a_spreadsheet_strips_are_neutralised():
    """OWASP: strip what the spreadsheet strips, then look; full-width signs are signs too."""
    for value in ("\n=1+1", " =1+1", "\u00a0=1+1", "\u200b=1+1", "\ufeff+1", " \u3000\u2060@SUM(1)", "\uff1d1+1",
                  "\uff0b1", "\uff0d1", "\uff20SUM(1)", "\ufe661+1", "\u22121+1", "\n\n \u200b\u00a0-1"):
        assert neutralise(value) == "'" + value, repr(value)
    for value in ("1+1", "a=b", " plain", "\u200b", "", "'=1"):
        assert neutralise(value) == value, repr(value)


def test_csv_writes_control_characters_out():
    out = io.StringIO()
    write_csv([row("red \x1b[31mtext\x1b[0m", "Jane\x07 Roe")], out)
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()
    assert "red \\x1b[31mtext" in out.getvalue() and "Jane\\x07 Roe" in out.getvalue()


def test_csv_has_labels_beside_ids_and_no_formulas():
    out = io.StringIO()
    assert write_csv([row("=HYPERLINK(\"http://evil\")", "@Jane")], out) == 1
    header, values = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(header) == COLUMNS
    record = dict(zip(header, values))
    assert record["quote"].startswith("'=") and record["expert"] == "'@Jane"
    assert record["expert_id"] == "2" and record["institution"] == "Acme"


def test_excel_export_has_a_bom_and_is_written_whole(tmp_path):
    path = tmp_path / "out.csv"
    assert export_file([row("Zoë said «non»")], path, excel=True) == 1
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "Zoë".encode() in data
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_failed_export_leaves_no_file(tmp_path):
    def rows():
        yield row()
        raise RuntimeError("database went away")

    path = tmp_path / "out.csv"
    try:
        export_file(rows(), path)
    except RuntimeError:
        pass
    assert list(tmp_path.iterdir()) == []


def test_libreoffice_evaluates_no_cell_of_an_export(tmp_path):
    """Open a hostile export in a real spreadsheet (LibreOffice, headless) and look for formulas."""
    import html
    import os
    import re
    import shutil
    import subprocess

    import pytest

    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing: .ci/run installs libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) is not installed here; .ci/run installs it")
    hostile = ["=1+1", "+2+3", "-4+5", "@SUM(1,2)", "\t=6+7", "\r=8+9", '=HYPERLINK("http://evil.example","x")',
               "\n=10+11", " =12+13", "\u00a0=14+15", "\u200b=16+17", "\uff1d18+19", "\uff0b20+21"]
    path = tmp_path / "export.csv"
    export_file([row(text, text) for text in hostile], path, excel=True)
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--infilter=CSV:44,34,76",
         "--convert-to", "fods", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=120,
    )
    sheet = (tmp_path / "export.fods").read_text(encoding="utf-8")
    assert "table:formula" not in sheet
    cells = re.findall(r'<table:table-cell office:value-type="(\w+)"[^>]*>\s*<text:p>([^<]*)</text:p>', sheet)
    texts = {html.unescape(value) for kind, value in cells if kind == "string"}
    assert {"'=1+1", "'@SUM(1,2)", "'-4+5", "'+2+3"} <= texts
    assert "quote_id" in texts  # the byte-order mark was read as such, not as text
    unsafe = row("=1+1", "=1+1")
    raw = tmp_path / "raw.csv"
    raw.write_text("quote\r\n" + unsafe.text + "\r\n", encoding="utf-8")  # the same cell, not neutralised
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "fods",
         "--outdir", str(tmp_path), str(raw)],
        check=True, capture_output=True, timeout=120,
    )
    assert "table:formula" in (tmp_path / "raw.fods").read_text(encoding="utf-8")  # so the check above can fail
