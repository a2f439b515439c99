"""Reading what the browser sends: filters, ids and return paths, checked before any query.

A bad value is a `BadRequest` (a QuotesError) that the error page shows in one line; nothing the
browser sends reaches SQL except as a bound parameter of a library call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from ..display import KIND_LABELS
from ..errors import QuotesError

#: The stored kinds of a statement and how a page names them.
KINDS = KIND_LABELS
PAGE_SIZE = 50


class BadRequest(QuotesError):
    """A query string or form the desk cannot read; the message says which field."""


def text(params: Any, name: str, *, limit: int = 300) -> str:
    """A text field, stripped; too long is refused rather than cut."""
    value = (params.get(name) or "").strip()
    if len(value) > limit:
        raise BadRequest(f"{name} is too long (at most {limit} characters)")
    return value


def number(params: Any, name: str, *, required: bool = False) -> int | None:
    """A positive whole number (an id, an offset), or None when the field is empty."""
    value = (params.get(name) or "").strip()
    if not value:
        if required:
            raise BadRequest(f"{name} is missing")
        return None
    if not value.isdigit() or len(value) > 12:
        raise BadRequest(f"{name} must be a whole number, not {value[:40]!r}")
    return int(value)


def day(params: Any, name: str) -> str | None:
    """A date like 2025-03-14, or None."""
    value = (params.get(name) or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadRequest(f"{name}: {value[:40]!r} is not a date like 2025-03-14") from None


def local_path(value: str | None, default: str = "/") -> str:
    """A path on this site to go back to after a form; anything else (another host) is the default."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return default


@dataclass
class Filters:
    """The filters every listing takes: dates, kind and (on an expert's page) an institution."""

    since: str | None = None
    until: str | None = None
    kind: str | None = None
    institution_id: int | None = None
    offset: int = 0

    @classmethod
    def read(cls, params: Any) -> Filters:
        kind = (params.get("kind") or "").strip() or None
        if kind is not None and kind not in KINDS:
            raise BadRequest(f"kind must be one of: {', '.join(KINDS)}")
        since, until = day(params, "since"), day(params, "until")
        if since and until and until < since:
            raise BadRequest("until is before since")
        return cls(since, until, kind, number(params, "institution_id"), number(params, "offset") or 0)

    def library(self) -> dict[str, Any]:
        """As keyword arguments of `directory.quotes`."""
        return {"since": self.since, "until": self.until, "kinds": [self.kind] if self.kind else None}

    def query(self, **extra: Any) -> str:
        """The filters (and `extra`) as a query string, empty values left out, for links."""
        values = {"since": self.since, "until": self.until, "kind": self.kind,
                  "institution_id": self.institution_id, **extra}
        return urlencode({k: v for k, v in values.items() if v not in (None, "", 0)})

    @property
    def active(self) -> bool:
        return any((self.since, self.until, self.kind, self.institution_id))
