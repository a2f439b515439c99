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


def test_json_nested_too_deeply_is_one_error_between_good_lines(tmp_path: Path):
    path = tmp_path / "deep.jsonl"
    good = b'{"text": "A good article."}\n'
    path.write_bytes(good + b"[" * 100_000 + b"]" * 100_000 + b"\n" + good)
    first, bad, last = read([path])
    assert isinstance(bad, ReadError) and "deep.jsonl:2" in str(bad) and "nested too deeply" in str(bad)
    assert first.text == last.text == "A good article."


def test_a_line_over_the_bound_is_skipped_unread_and_reported():
    from quotes.read import bounded_lines

    lines = list(bounded_lines(io.BytesIO(b"short\n" + b"x" * 1000 + b"\nafter\n"), "feed", limit=100))
    assert lines[0] == b"short\n" and lines[2] == b"after\n"
    assert isinstance(lines[1], ReadError) and "feed:2" in str(lines[1])


def test_a_stream_without_line_breaks_ends_its_reading():
    from quotes.read import bounded_lines

    lines = list(bounded_lines(io.BytesIO(b"z" * 100_000), "feed", limit=100))
    assert len(lines) == 1 and "without end" in str(lines[0])


def test_a_file_far_larger_than_an_article_is_refused_before_it_is_read_whole(tmp_path: Path):
    from quotes.read import MAX_ARTICLE_BYTES

    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_ARTICLE_BYTES + 1)  # sparse: costs no disk
    (tmp_path / "ok.txt").write_text("Fine.")
    found = read([big, tmp_path / "ok.txt"])
    assert isinstance(found[0], ReadError) and "larger than 20 MB" in str(found[0])
    assert found[1].text == "Fine."


def test_jsonl_on_stdin_streams_articles_as_their_lines_arrive():
    import os
    import threading

    read_end, write_end = os.pipe()
    writer = os.fdopen(write_end, "wb", buffering=0)
    writer.write(b'{"text": "first article"}\n')
    articles = read_stdin(os.fdopen(read_end, "rb"))
    got: list = []
    reader = threading.Thread(target=lambda: got.append(next(articles)))
    reader.start()
    reader.join(timeout=10)
    assert got and got[0].text == "first article"  # read while the feed is still open
    writer.write(b'{"text": "second"}\n')
    writer.close()
    assert [a.text for a in articles] == ["second"]


def test_plain_text_on_stdin_without_end_is_refused_at_the_bound():
    from quotes.read import MAX_ARTICLE_BYTES

    class Endless(io.RawIOBase):
        def readable(self):
            return True

        def readinto(self, buffer):
            buffer[:] = b"y\n" * (len(buffer) // 2) + b"y" * (len(buffer) % 2)
            return len(buffer)

    (error,) = list(read_stdin(io.BufferedReader(Endless())))
    assert isinstance(error, ReadError) and f"larger than {MAX_ARTICLE_BYTES // 2**20} MB" in str(error)


def test_what_cannot_be_read_is_named_not_skipped_in_silence(tmp_path: Path):
    """As a user who may not read some folders (root reads everything: the check runs as root
    without the capabilities that override file permissions, through util-linux's setpriv)."""
    import os
    import subprocess
    import sys
    import tempfile

    from .conftest import ROOT

    base = Path(tempfile.mkdtemp(prefix="quotes-perm-"))
    base.chmod(0o755)
    (base / "good.txt").write_text("A readable article.")
    (base / "private").mkdir()
    (base / "private" / "secret.txt").write_text("Unreadable.")
    (base / "private").chmod(0o000)
    script = ("import sys; from quotes.read import read_paths\n"
              "for item in read_paths(sys.argv[1:]): print(type(item).__name__, str(getattr(item, 'id', item)))")
    unprivileged = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    done = subprocess.run([*unprivileged, sys.executable, "-c", script, str(base), str(base / "private" / "secret.txt")],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    (base / "private").chmod(0o700)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"Article {base / 'good.txt'}"
    assert any(line.startswith("ReadError") and "private" in line and "cannot read" in line for line in lines[1:2])
    assert lines[2].startswith("ReadError") and "secret.txt" in lines[2] and "cannot read" in lines[2]
    assert len(lines) == 3
