"""CSV and JSON of every listing: what `quotes export` writes for the same filter.

The rows come from `directory.quotes(..., statements=True, order="stored")` and are written by
`export.write_csv` / `write_json`, exactly as the CLI's export does, so a cell a spreadsheet would
run as a formula is neutralised the same way. The file is written whole (to a spooled temporary
file) before the first byte is sent: an error midway is an error page, not half a CSV.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO, Any

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from .. import directory
from ..export import write_csv, write_json
from .forms import BadRequest, Filters, number, text

#: Up to this many bytes of an export stay in memory; a bigger one spills to a temporary file.
SPOOL_BYTES = 8 * 1024 * 1024
CHUNK = 64 * 1024


def where(session: Session, params: Any) -> dict[str, Any]:
    """The listing's filter as `directory.quotes` arguments: an expert by id or, as the CLI's
    --expert, every expert a name search finds; an institution by id or name; dates, kind, words;
    `min_words` as the CLI's --min-words (one-word scare quotes left out unless asked)."""
    filters = Filters.read(params)
    name, words = text(params, "expert", limit=200), text(params, "q", limit=200)
    person_ids = [number(params, "expert_id")] if params.get("expert_id") else None
    if name:
        person_ids = [e.id for e in directory.search(session, name)]
        if not person_ids:
            raise BadRequest(f"no expert matches {name!r}")
    institution_id = filters.institution_id
    if params.get("institution"):
        institution_id = directory.find_institution(session, text(params, "institution", limit=200)).id
    words_at_least = number(params, "min_words")
    return {"person_ids": person_ids, "institution_id": institution_id, "matching": words or None,
            "min_words": directory.LISTED_MIN_WORDS if words_at_least is None else words_at_least,
            **filters.library()}


def _written(engine: Any, params: Any, fmt: str, excel: bool) -> tuple[IO[str], int]:
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, mode="w+", encoding="utf-8", newline="")
    try:
        with Session(engine) as s:
            if excel:
                out.write("\ufeff")
            rows = directory.quotes(s, **where(s, params), statements=True, order="stored")
            count = (write_json if fmt == "json" else write_csv)(rows, out)
        out.seek(0)
    except BaseException:
        out.close()
        raise
    return out, count


def _chunks(out: IO[str]) -> Iterator[bytes]:
    try:
        while chunk := out.read(CHUNK):
            yield chunk.encode("utf-8")
    finally:
        out.close()


async def _download(request: Request, fmt: str) -> Response:
    excel = request.query_params.get("excel") == "1"
    out, count = await run_in_threadpool(_written, request.app.state.engine, request.query_params, fmt, excel)
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson; charset=utf-8"
    name = "quotes.csv" if fmt == "csv" else "quotes.jsonl"
    return StreamingResponse(_chunks(out), media_type=media, headers={
        "content-disposition": f'attachment; filename="{name}"', "x-quotes-rows": str(count)})


async def csv_export(request: Request) -> Response:
    return await _download(request, "csv")


async def json_export(request: Request) -> Response:
    return await _download(request, "json")


routes = [Route("/export.csv", csv_export), Route("/export.json", json_export)]
