import io
from pathlib import Path

from quotes.errors import ReadError
from quotes.read import read_paths, read_stdin

from .conftest import FIXTURES


def read(paths):
    return list(read_paths([str(p) for p in paths]))


def test_txt_title_is_first_line_followed_by_blank(tmp_path: Path):
    (tmp_path / "a.txt").write_text("The title\n\nBody text here.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("No title line\nstraight into text.", encoding="utf-8")
    a, b = read([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert a.title == "The title" and a.text.startswith("The title")
    assert b.title is None


def test_html_gives_text_title_date_url_and_outlet():
    (article,) = read([FIXTURES / "election_monitors.html"])
    assert article.title == "Observers question the count in the northern provinces"
    assert article.published == "2025-03-14"
    assert article.url == "https://harbourgazette.example/2025/03/observers-count"
    assert article.outlet == "The Harbour Gazette"
    assert "According to Tomasz Wielgosz" in article.text
    assert "Home" not in article.text.split("\n")[0]


def test_jsonl_fields_and_ids():
    first, second = read([FIXTURES / "wires.jsonl"])
    assert first.id == "wire-water-2025-06-02" and first.published == "2025-06-02"
    assert second.outlet == "Valley Wire"


def test_bad_inputs_are_errors_naming_file_and_line(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 binary")
    (tmp_path / "latin.txt").write_bytes("Café said «non»".encode("latin-1"))
    (tmp_path / "bad.jsonl").write_text('{"text": "fine"}\nnot json\n{"id": 3}\n{"text": 5}\n[1]\n', encoding="utf-8")
    results = read(sorted(tmp_path.iterdir()))
    messages = [str(r) for r in results if isinstance(r, ReadError)]
    assert any("bad.jsonl:2: not valid JSON" in m for m in messages)
    assert any("bad.jsonl:3: missing \"text\"" in m for m in messages)
    assert any("bad.jsonl:4: missing \"text\"" in m for m in messages)
    assert any("bad.jsonl:5: expected a JSON object" in m for m in messages)
    assert any("binary.txt: binary file" in m for m in messages)
    assert any("empty.txt: empty" in m for m in messages)
    assert any("latin.txt: not valid UTF-8" in m and "--encoding" in m for m in messages)
    assert [a.text for a in results if not isinstance(a, ReadError)] == ["fine"]


def test_encoding_option_reads_other_encodings(tmp_path: Path):
    (tmp_path / "latin.txt").write_bytes("Café said «non»".encode("latin-1"))
    (article,) = list(read_paths([str(tmp_path / "latin.txt")], encoding="latin-1"))
    assert article.text == "Café said «non»"


def test_missing_path_is_an_error():
    (error,) = read([Path("/no/such/file.txt")])
    assert isinstance(error, ReadError) and "no such file" in str(error)


def test_stdin_text_and_jsonl():
    (article,) = list(read_stdin(io.BytesIO(b"Plain text, \"a quote here\" he said.")))
    assert article.id == "<stdin>"
    docs = list(read_stdin(io.BytesIO(b'{"id": "a", "text": "one"}\n{"id": "b", "text": "two"}\n')))
    assert [d.id for d in docs] == ["a", "b"]


def test_same_text_same_hash():
    a, b = read([FIXTURES / "archive_marks.txt"] * 2)
    assert a.content_hash == b.content_hash
