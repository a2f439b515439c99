"""Reading articles from files, folders and standard input.

Every reader yields `Article`s or `ReadError`s, one per file (or JSONL line), so one bad input
costs only itself and the caller decides what to print. Text is kept exactly as read: quote
offsets point into it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path, PurePosixPath
from typing import IO

from .errors import ReadError

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
#: The most one article may take (a text or HTML file, a JSONL line, standard input as text). An
#: article is a few kilobytes, and the pipeline parses at most a million characters; a file far
#: larger is not an article, and reading it whole would cost gigabytes of memory before that showed.
MAX_ARTICLE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Article:
    """One article: its text as read, and what is known of where it came from."""

    text: str
    id: str  # the input's own id (JSONL `id`), else the file path and line
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    source: str | None = None  # the file it came from
    content_hash: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", content_hash(self.text))


def content_hash(text: str) -> str:
    """The identity of an article's text: the same text ingested twice is one article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _decode(data: bytes, where: str, encoding: str | None) -> str:
    if b"\x00" in data[:8192] and encoding is None:
        raise ReadError(f"{where}: binary file, not text")
    try:
        text = data.decode(encoding or "utf-8-sig")
    except (UnicodeDecodeError, LookupError) as exc:
        if isinstance(exc, LookupError):
            raise ReadError(f"{where}: unknown encoding {encoding!r}") from None
        raise ReadError(
            f"{where}: not valid {encoding or 'UTF-8'} (byte {exc.start}); pass --encoding, e.g. --encoding cp1252"
        ) from None
    return text.replace("\x00", "")


def _require_text(text: str, where: str) -> None:
    if not text.strip():
        raise ReadError(f"{where}: empty, no article text")


def read_text(data: bytes, where: str, *, encoding: str | None = None) -> Article:
    """A plain-text article; its first line is the title when a blank line follows it."""
    text = _decode(data, where, encoding)
    _require_text(text, where)
    lines = text.lstrip("\ufeff").split("\n", 2)
    title = lines[0].strip() if len(lines) > 2 and not lines[1].strip() and lines[0].strip() else None
    return Article(text=text, id=where, title=title, source=where)


def read_html(data: bytes, where: str, *, encoding: str | None = None) -> Article:
    """The article in a web page, with its title, date, URL and outlet where the page has them
    (`quotes.html.read_page` says how they are read)."""
    from .html import read_page

    html = _decode(data, where, encoding)
    _require_text(html, where)
    try:
        page = read_page(html)
    except Exception as exc:  # trafilatura and lxml raise whatever lxml raises on a broken page
        raise ReadError(f"{where}: unreadable HTML ({type(exc).__name__})") from None
    if not page.text.strip():
        raise ReadError(f"{where}: no article text found in the HTML")
    return Article(
        text=page.text,
        id=where,
        title=page.title,
        url=page.url,
        outlet=page.outlet,
        published=page.published,
        source=where,
    )


def _optional_str(record: dict, key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and key == "id":
        return str(value)
    if not isinstance(value, str):
        raise ReadError(f"{where}: {key!r} must be a string, not {type(value).__name__}")
    return value


class _DuplicateKey(Exception):
    """A JSON object names a key twice."""


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object as a dict, refusing a key given twice: json takes the last silently, so
    `{"text": "shown", ..., "text": "stored"}` would store what a reviewer of the file never saw."""
    record: dict[str, object] = {}
    for key, value in pairs:
        if key in record:
            raise _DuplicateKey(key)
        record[key] = value
    return record


def read_jsonl(
    lines: Iterable[bytes | ReadError], where: str, *, encoding: str | None = None, first: int = 1
) -> Iterator[Article | ReadError]:
    """One article per line: `text`, and optionally `id`, `title`, `url`, `published`, `outlet`.

    `first` is the number of the first line (a share of a file that starts further in)."""
    for number, raw in enumerate(lines, start=first):
        at = f"{where}:{number}"
        if isinstance(raw, ReadError):
            yield raw
            continue
        try:
            line = _decode(raw, at, encoding)
            if not line.strip():
                continue
            try:
                record = json.loads(line, object_pairs_hook=_unique_keys)
            except json.JSONDecodeError as exc:
                raise ReadError(f"{at}: not valid JSON ({exc.msg})") from None
            except RecursionError:
                raise ReadError(f"{at}: not an article (JSON nested too deeply)") from None
            except _DuplicateKey as exc:
                raise ReadError(f"{at}: the key {exc.args[0]!r} appears twice; keep one") from None
            if not isinstance(record, dict):
                raise ReadError(f"{at}: expected a JSON object, got {type(record).__name__}")
            text = record.get("text")
            if not isinstance(text, str):
                raise ReadError(f"{at}: missing \"text\" string")
            _require_text(text, at)
            yield Article(
                text=text,
                id=_optional_str(record, "id", at) or at,
                title=_optional_str(record, "title", at),
                url=_optional_str(record, "url", at),
                outlet=_optional_str(record, "outlet", at),
                published=_optional_str(record, "published", at),
                source=where,
            )
        except ReadError as exc:
            yield exc


def bounded_lines(
    stream: IO[bytes], where: str, limit: int = MAX_ARTICLE_BYTES, *, first: int = 1
) -> Iterator[bytes | ReadError]:
    """The lines of a stream, each read with a bound: a line longer than `limit` is skipped (read
    through in pieces, never held whole) and reported as a `ReadError`; one that never ends (a
    stream with no line breaks) ends the reading of that stream. `first` numbers the first line."""
    number = first - 1
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        for _ in range(16):
            rest = stream.readline(limit)
            if not rest or rest.endswith(b"\n"):
                break
        else:
            yield ReadError(f"{where}:{number}: a line without end, not an article; the rest is not read")
            return
        yield ReadError(f"{where}:{number}: line longer than {limit // 2**20} MB, not an article")


def _too_large(where: str, limit: int = MAX_ARTICLE_BYTES) -> ReadError:
    return ReadError(f"{where}: larger than {limit // 2**20} MB, not an article (split it, or make it JSONL)")


def _read_bounded(stream: IO[bytes], where: str, head: bytes = b"") -> bytes:
    """The rest of a stream after `head` (what was read of it already), one article at the most."""
    data = head + stream.read(max(0, MAX_ARTICLE_BYTES + 1 - len(head)))
    if len(data) > MAX_ARTICLE_BYTES:
        raise _too_large(where)
    return data


def open_binary(location: str | Path) -> IO[bytes]:
    """A file opened for reading bytes: a local path, or any URL fsspec reads (`s3://...`,
    `file://...`), so that cluster workers read their shares wherever the archive lives."""
    if "://" in str(location):
        import fsspec

        return fsspec.open(str(location), "rb").open()
    return Path(location).open("rb")


def read_file(
    path: Path | str, *, encoding: str | None = None, where: str | None = None
) -> Iterator[Article | ReadError]:
    """The articles of one file, chosen by its suffix (plain text when it has none we know).

    `where` names the file in ids and messages (by default, as given): a cluster worker opens
    the absolute path but names the file as the command line did, so ids match a local run."""
    where = where or str(path)
    suffix = PurePosixPath(str(path)).suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with open_binary(path) as handle:
                yield from read_jsonl(bounded_lines(handle, where), where, encoding=encoding)
            return
        with open_binary(path) as handle:
            data = _read_bounded(handle, where)
    except OSError as exc:
        yield ReadError(f"{where}: cannot read ({exc.strerror or exc})")
        return
    except ReadError as exc:
        yield exc
        return
    try:
        if suffix in HTML_SUFFIXES:
            yield read_html(data, where, encoding=encoding)
        else:
            yield read_text(data, where, encoding=encoding)
    except ReadError as exc:
        yield exc


def read_lines_between(
    path: Path | str, start: int, end: int, *, first: int, where: str, encoding: str | None = None
) -> Iterator[Article | ReadError]:
    """The articles of the JSONL lines that start in bytes [start, end) of a file: one share of a
    large file. `start` is a line start (the planner cut there); `first` is that line's number."""
    try:
        with open_binary(path) as handle:
            handle.seek(start)
            yield from read_jsonl(_lines_until(handle, end, where, first), where, encoding=encoding, first=first)
    except OSError as exc:
        yield ReadError(f"{where} (bytes {start}-{end}): cannot read ({exc.strerror or exc})")


def _lines_until(handle: IO[bytes], end: int, where: str, first: int) -> Iterator[bytes | ReadError]:
    for line in bounded_lines(handle, where, first=first):
        yield line
        if handle.tell() >= end:
            return


def expand(paths: Iterable[str], *, follow_links: bool = False) -> Iterator[Path | str | ReadError]:
    """Files named or found under folders (recursively, by known suffix, sorted); "-" is stdin.

    A link inside a folder that leads outside it (`passwd.txt -> /etc/passwd`) is reported and
    skipped, unless `follow_links`: whoever hands us a folder of downloads vouches for its files,
    not for what they point to. A file named on the command line is read wherever it is. What
    cannot be looked at (a file in a folder we may not enter, a subfolder we may not read) is a
    `ReadError` naming it, never a silent gap."""
    for name in paths:
        if name == "-":
            yield "-"
            continue
        path = Path(name)
        try:
            is_dir, is_file = path.is_dir(), path.is_file()
        except OSError as exc:
            yield ReadError(f"{name}: cannot read ({exc.strerror or exc})")
            continue
        if is_dir:
            yield from _folder(path, follow_links)
        elif is_file:
            yield path
        else:
            yield ReadError(f"{name}: no such file or folder")


def _folder(root: Path, follow_links: bool) -> Iterator[Path | ReadError]:
    """The article files under `root`, sorted, hidden ones left out; links as `expand` says."""
    inside = root.resolve()
    found: list[tuple[Path, Path | ReadError]] = []
    seen: set[Path] = set()

    def outside(path: Path) -> bool:
        return not follow_links and not path.resolve().is_relative_to(inside)

    def skipped(path: Path) -> tuple[Path, ReadError]:
        return path, ReadError(f"{path}: skipped, a link to {path.resolve()} outside {root} (--follow-links reads it)")

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename)
        found.append((where, ReadError(f"{where}: cannot read ({exc.strerror or exc})")))

    for folder, dirs, files in os.walk(root, followlinks=True, onerror=unreadable):
        here = Path(folder)
        if here.resolve() in seen:  # a link back up the tree: each folder once
            dirs.clear()
            continue
        seen.add(here.resolve())
        found.extend(skipped(here / d) for d in dirs if not d.startswith(".") and outside(here / d))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not outside(here / d))
        for name in files:
            path = here / name
            if name.startswith(".") or path.suffix.lower() not in SUFFIXES:
                continue
            if outside(path):
                found.append(skipped(path))
            elif path.is_file():
                found.append((path, path))
    for _, item in sorted(found, key=lambda pair: pair[0]):
        yield item


def read_stdin(stream: IO[bytes] | None = None, *, encoding: str | None = None) -> Iterator[Article | ReadError]:
    """Standard input: JSONL when its first character is "{", read line by line as the lines come
    (a feed without end streams through); else one plain-text article, read with a bound."""
    stream = stream or sys.stdin.buffer
    where = "<stdin>"
    lines = bounded_lines(stream, where)
    head: list[bytes | ReadError] = []
    for line in lines:
        head.append(line)
        if isinstance(line, ReadError) or line.strip():
            break
    first = head[-1] if head else b""
    if isinstance(first, bytes) and first.lstrip()[:1] == b"{":
        yield from read_jsonl(chain(head, lines), where, encoding=encoding)
        return
    if isinstance(first, ReadError):
        yield _too_large(where)
        return
    try:
        yield read_text(_read_bounded(stream, where, b"".join(head)), where, encoding=encoding)
    except ReadError as exc:
        yield exc


def count_articles(paths: Iterable[str], *, follow_links: bool = False) -> int | None:
    """How many articles `read_paths` will give, counted cheaply (files, and the lines of JSONL
    files) for a progress bar; None where it cannot be known (standard input)."""
    total = 0
    for item in expand(paths, follow_links=follow_links):
        if item == "-":
            return None
        if isinstance(item, Path) and item.suffix.lower() in JSONL_SUFFIXES:
            try:
                with item.open("rb") as handle:
                    total += sum(1 for line in bounded_lines(handle, str(item)) if not isinstance(line, bytes) or line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def read_paths(
    paths: Iterable[str], *, encoding: str | None = None, follow_links: bool = False
) -> Iterator[Article | ReadError]:
    """Every article under `paths`, in order, with a `ReadError` in place of each one that failed."""
    for item in expand(paths, follow_links=follow_links):
        if isinstance(item, ReadError):
            yield item
        elif item == "-":
            yield from read_stdin(encoding=encoding)
        else:
            yield from read_file(item, encoding=encoding)
