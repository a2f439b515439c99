"""The kinds of statement, a module of its own so that what only names them (a command's
`--kind` option, a listing's filter) imports no part of extraction."""

from __future__ import annotations

#: Quoted words wholly (`direct`) or in part (`mixed`) in marks, and reported speech outside them
#: (`indirect`, a paraphrase: never verbatim).
KINDS = ("direct", "mixed", "indirect")
#: The kinds in quotation marks: extracting only these parses only what quotes need.
QUOTED_KINDS = frozenset({"direct", "mixed"})
ALL_KINDS = frozenset(KINDS)
