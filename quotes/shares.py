"""An archive on a Dask cluster with a PostgreSQL directory: workers that read and store for themselves.

The ingesting process plans: it cuts the inputs into shares (a few whole files, or a byte range
of a large JSONL file cut at line starts) and sends each worker a share's description, never its
articles. A worker reads its share from storage every worker reaches (a shared folder, or a URL
fsspec reads), and runs on it the very `ingest_articles` a local run uses: skip what the directory
holds (one query a batch), extract, store each article in its own transaction, remember failures.
It sends back one small `Outcome` per article, for the progress display and the summary.

A worker that dies mid-share has its share run again elsewhere (the scheduler does it); what it
had stored is skipped by hash on the second run, and the unique keys keep anything from being
stored twice. An article stored by an attempt that died is counted as already known.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from .errors import DatabaseError, QuotesError, ReadError
from .failures import failed_articles
from .ingest import Outcome, ingest_articles
from .kinds import ALL_KINDS
from .read import JSONL_SUFFIXES, SUFFIXES, Article, expand, open_binary, read_file, read_lines_between
from .redact import redact
from .workers import connect

if TYPE_CHECKING:
    from distributed import Future

#: The most bytes of input in one share: about 60 dev articles, some seconds of a worker's time.
SHARE_BYTES = 256 * 1024
#: Shares are cut smaller for a small input, so that each worker gets several (an even finish).
SHARES_PER_WORKER = 8
#: The most files in one share (a folder of many small files).
SHARE_FILES = 256
#: How much of a large JSONL file the planner reads at a time, looking for line starts.
_BLOCK = 1024 * 1024


@dataclass(frozen=True)
class Share:
    """One worker's piece of an ingest: whole files, a byte range of one JSONL file (`end` set),
    or the articles that failed before (`failed`, read from the directory itself)."""

    files: tuple[tuple[str, str], ...] = ()  # (the name ids are made of, where a worker opens it)
    start: int = 0
    end: int | None = None
    first_line: int = 1
    failed: bool = False

    def __str__(self) -> str:
        if self.failed:
            return "the articles that failed before"
        if self.end is not None:
            return f"{self.files[0][0]} (bytes {self.start}-{self.end}, from line {self.first_line})"
        names = [where for where, _ in self.files]
        return names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more files"


@dataclass(frozen=True)
class _File:
    where: str
    location: str
    size: int


def plan(paths: Iterable[str], *, workers: int = 1, retry_failed: bool = False) -> Iterator[Share | ReadError]:
    """The shares of an ingest of `paths`, or a `ReadError` for each input that cannot be looked at.

    Shares are at most `SHARE_BYTES`, and smaller for a small input so each worker gets
    `SHARES_PER_WORKER`; a JSONL file larger than a share is cut at line starts."""
    if retry_failed:
        yield Share(failed=True)
    files: list[_File] = []
    for found in _find(paths):
        if isinstance(found, ReadError):
            yield found
        else:
            files.append(found)
    total = sum(f.size for f in files)
    size = max(1, min(SHARE_BYTES, total // (SHARES_PER_WORKER * max(1, workers))))
    group: list[_File] = []
    for file in files:
        if file.size > size and PurePosixPath(file.where).suffix.lower() in JSONL_SUFFIXES:
            yield from _ranges(file, size)
            continue
        group.append(file)
        if sum(f.size for f in group) >= size or len(group) >= SHARE_FILES:
            yield _whole(group)
            group = []
    if group:
        yield _whole(group)


def _whole(group: list[_File]) -> Share:
    return Share(tuple((f.where, f.location) for f in group))


def _find(paths: Iterable[str]) -> Iterator[_File | ReadError]:
    """Every input file with its size: local files and folders as `expand` finds them (named as
    given, opened by absolute path), and URLs through fsspec."""
    for name in paths:
        if name == "-":
            raise QuotesError("--cluster workers cannot read standard input: save it to a file they can reach, "
                              "or ingest it without --cluster")
        if "://" in name:
            yield from _find_url(name)
            continue
        for item in expand([name]):
            if isinstance(item, ReadError):
                yield item
                continue
            try:
                yield _File(str(item), str(Path(item).resolve()), os.stat(item).st_size)
            except OSError as exc:
                yield ReadError(f"{item}: cannot read ({exc.strerror or exc})")


def _find_url(url: str) -> Iterator[_File | ReadError]:
    """The article files at a URL (a file, or every file under a folder, sorted)."""
    import fsspec

    try:
        fs, root = fsspec.core.url_to_fs(url)
        if fs.isdir(root):
            found = sorted(p for p in fs.find(root) if PurePosixPath(p).suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in PurePosixPath(p).relative_to(root).parts))
        elif fs.isfile(root):
            found = [root]
        else:
            yield ReadError(f"{url}: no such file or folder")
            return
        for path in found:
            location = fs.unstrip_protocol(path)
            yield _File(location, location, fs.size(path))
    except Exception as exc:  # fsspec backends raise their own errors: an unknown protocol, a refused bucket
        yield ReadError(f"{url}: cannot read ({type(exc).__name__}: {exc})")


def _ranges(file: _File, size: int) -> Iterator[Share]:
    """A large JSONL file cut into shares of about `size` bytes, each cut just after a line break,
    with the number of each share's first line (ids of lines without one are `file:line`)."""
    start, first, line, pos, cut = 0, 1, 1, 0, size
    try:
        with open_binary(file.location) as handle:
            while block := handle.read(_BLOCK):
                done = 0
                while cut < pos + len(block):
                    brk = block.find(b"\n", max(done, cut - pos))
                    if brk < 0:
                        break
                    line += block.count(b"\n", done, brk + 1)
                    done = brk + 1
                    yield Share(((file.where, file.location),), start, pos + done, first)
                    start, first, cut = pos + done, line, pos + done + size
                line += block.count(b"\n", done)
                pos += len(block)
    except OSError:  # the rest goes to a worker as it is: the worker reads it, or reports why not
        yield Share(((file.where, file.location),), start, max(file.size, start + 1), first)
        return
    if start < pos:
        yield Share(((file.where, file.location),), start, pos, first)


def read_share(share: Share, engine: Engine, *, encoding: str | None = None) -> Iterator[Article | ReadError]:
    """A share's articles, read by the same readers (and with the same bounds) as a local run."""
    if share.failed:
        yield from failed_articles(engine)
    elif share.end is not None:
        where, location = share.files[0]
        yield from read_lines_between(location, share.start, share.end, first=share.first_line, where=where,
                                      encoding=encoding)
    else:
        for where, location in share.files:
            yield from read_file(location, encoding=encoding, where=where)


_engines: dict[str, Engine] = {}


def _reach(url: str) -> Engine:
    """The directory's engine in this worker (one per process), checked with a query: a worker
    that cannot reach the database says so in one line rather than failing article by article."""
    from .db import open_db

    try:
        if url not in _engines:
            _engines[url] = open_db(url, upgrade=False)
        engine = _engines[url]
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except (SQLAlchemyError, DatabaseError) as exc:
        shown = redact(url)
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        if isinstance(exc, DatabaseError):  # open_db's own line names the directory: keep what it says of why
            reason = reason.rsplit(": ", 1)[-1] if ": " in reason else reason
        raise DatabaseError(f"worker {socket.gethostname()} cannot reach the directory at {shown}: {reason}") from None
    return engine


def ingest_share(
    share: Share, url: str, model: str | None = None, encoding: str | None = None, kinds: frozenset[str] = ALL_KINDS
) -> list[Outcome]:
    """On a worker: read, skip known, extract, store and remember one share, as a local run does."""
    from .nlp import load_pipeline

    engine = _reach(url)
    items = read_share(share, engine, encoding=encoding)
    return list(ingest_articles(engine, items, nlp=load_pipeline(model), kinds=kinds))


def ingest_on_cluster(
    engine: Engine,
    paths: Iterable[str],
    *,
    address: str,
    model: str | None = None,
    encoding: str | None = None,
    retry_failed: bool = False,
    retries: int = 2,
    on: list[str] | None = None,
    kinds: frozenset[str] = ALL_KINDS,
) -> Iterator[Outcome]:
    """Ingest `paths` on the Dask cluster at `address`, each worker storing into `engine`'s
    PostgreSQL database; yield every article's outcome as its share comes back.

    A share that fails as a whole (its worker died more than the scheduler allows, or could not
    reach the database, past `retries`) is one failed outcome naming it; the others go on. `on`
    keeps the shares to some of the workers (their addresses), as a benchmark compares."""
    from distributed import as_completed

    paths = list(paths)
    if "-" in paths:
        list(_find(["-"]))  # refuses, in one line, before the scheduler is asked anything
    url = engine.url.render_as_string(hide_password=False)
    with connect(address) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        futures: dict[Future, Share] = {}
        for share in plan(paths, workers=workers, retry_failed=retry_failed):
            if isinstance(share, ReadError):
                yield Outcome("failed", str(share).split(":", 1)[0], error=str(share))
                continue
            future = client.submit(ingest_share, share, url, model, encoding, kinds, retries=retries, pure=False, workers=on)
            futures[future] = share
        for future in as_completed(futures):
            share = futures.pop(future)
            try:
                outcomes = future.result()
            except Exception as exc:
                yield Outcome("failed", str(share), error=f"{share}: not ingested ({_reason(exc)})")
                continue
            finally:
                future.release()
            yield from outcomes


def _reason(exc: BaseException) -> str:
    """Why a share failed, in a few words: our own errors' message, else the error's type and first line."""
    if isinstance(exc, QuotesError):
        return str(exc)
    first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    return f"{type(exc).__name__}{': ' + first if first else ''}"
