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
