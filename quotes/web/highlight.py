"""What a page does to untrusted text beyond escaping: find's highlights, bidi, links.

Jinja escapes every value; these only decide which pieces to mark, which characters could turn a
line of the page around (bidi controls, in a title or attribute where <bdi> cannot isolate them),
and which article URLs may become links.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup

from ..resolve import fold

_WORD = re.compile(r"\w+", re.UNICODE)
#: Explicit direction marks, embeddings, overrides and isolates (Unicode bidi controls).
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: The two overrides (LRO, RLO) force a direction on the text after them: in news text they are a
#: spoof ("txt.exe" shown as "exe.txt"), never needed for Arabic or Hebrew, so pages drop them.
BIDI_OVERRIDES = re.compile("[\u202d\u202e]")
_SUFFIXES = ("ing", "es", "ed", "s")


def _stem(word: str) -> str:
    """A rough English stem, so "sanction" marks "sanctions" as PostgreSQL's search finds it."""
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def pieces(text: str, words: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, is a match) for find's highlights: a word matches when it begins
    with the stem of a searched word, in any case and accents."""
    stems = {_stem(fold(w)) for w in _WORD.findall(words)} - {""}
    out: list[tuple[str, bool]] = []
    at = 0
    for m in _WORD.finditer(text):
        if any(fold(m.group()).startswith(s) for s in stems):
            if m.start() > at:
                out.append((text[at : m.start()], False))
            out.append((m.group(), True))
            at = m.end()
    if at < len(text):
        out.append((text[at:], False))
    return out


def plain(value: object) -> str:
    """Text without bidi controls, for <title> and attributes (the body isolates with <bdi>)."""
    return BIDI_CONTROLS.sub("", "" if value is None else str(value))


def shown(value: object) -> object:
    """Every value a template prints (Jinja's finalize): strings lose bidi overrides; the rest of
    the text keeps its own direction inside the <bdi> the template puts it in."""
    if isinstance(value, Markup):  # a macro's output, its pieces already through here
        return value
    return BIDI_OVERRIDES.sub("", value) if isinstance(value, str) else value


def safe_url(url: str | None) -> str | None:
    """The article's URL if it is a web address; a `javascript:` or `data:` one is not linked."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None
