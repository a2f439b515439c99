"""Database URLs as they may be shown: the password hidden, wherever the URL came from.

A shared directory's URL carries a password (`postgresql+psycopg://user:pw@host/db`, or
`?password=pw`), and a URL is printed by `db path`, `db status`, every connection error and any
message a driver builds from it. So every URL shown goes through `redact`, and every message
the CLI prints goes through `scrub`, which redacts any URL in it, in case a library quoted one.
"""

from __future__ import annotations

import re

HIDDEN = "***"
#: Query parameters that carry a secret (libpq's names for them).
SECRET_PARAMETERS = frozenset({"password", "passwd", "pass", "pwd", "sslpassword", "sslkey_password"})
_USERINFO = re.compile(r"(://[^/?#@]*?:)[^/?#]*@")
_PARAMETER = re.compile(r"([?&](?:" + "|".join(sorted(SECRET_PARAMETERS)) + r")=)[^&#]*", re.IGNORECASE)
_URL = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>]+?)([.,:;)]*(?=[\s'\"<>]|$))")
#: libpq's key=value form (`host=h password=pw`), as a driver may echo a connection string.
_SETTING = re.compile(r"\b((?:" + "|".join(sorted(SECRET_PARAMETERS)) + r")\s*=\s*)(?!\*\*\*)[^\s&'\"]+", re.IGNORECASE)


def redact(url: str) -> str:
    """The URL with its password, in the user part or in the query, replaced by ***."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # not a URL SQLAlchemy reads (a bad port): hide the parts by their shape
        return _PARAMETER.sub(r"\1" + HIDDEN, _USERINFO.sub(r"\1" + HIDDEN + "@", url))
    query = {key: HIDDEN if key.lower() in SECRET_PARAMETERS else value for key, value in parsed.query.items()}
    return parsed.set(query=query).render_as_string(hide_password=True)


def scrub(message: str) -> str:
    """The message with every URL in it redacted, and any `password=...` setting hidden: what
    a library quotes of the URL it was given (SQLAlchemy quotes one it cannot parse, whole)."""
    message = _URL.sub(lambda m: redact(m.group(1)) + m.group(2), message)
    return _SETTING.sub(r"\1" + HIDDEN, message)
