"""Commands that read the directory: search, listings, full-text find, export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..display import KIND_LABELS, echo_json, note, print_json, print_quotes, print_table, roles_text
from ..inputs import shown
from .common import (
    MIN_WORDS,
    DbOption,
    ExpertOption,
    InstitutionOption,
    JsonOption,
    KindOption,
    LimitOption,
    MinWordsOption,
    SinceOption,
    app,
    fail,
    session,
)


@app.command()
def search(
    name: Annotated[str, typer.Argument(metavar="NAME", help="A name or part of one: any case, accents, small misspellings.")],
    quotes: Annotated[bool, typer.Option("--quotes", metavar="", help="List each expert's statements too, each labelled with its kind.")] = False,
    kind: KindOption = None,
    min_words: MinWordsOption = MIN_WORDS,
    limit: LimitOption = 20,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Find experts by name, with their titles, institutions and quote counts."""
    from ..directory import quotes as quotes_of
    from ..directory import search as run

    with session(db) as s:
        found = run(s, name, limit=limit)
        if not found:
            raise fail(f"no expert matches {shown(name)}")
        listed = {e.id: list(quotes_of(s, person_ids=[e.id], kinds=_listed(kind), min_words=min_words)) for e in found} if quotes else {}
    if as_json:
        payload = [{**e.to_dict(), **({"quotes": [q.to_dict() for q in listed[e.id]]} if quotes else {})} for e in found]
        echo_json(payload)
        return
    print_table(["id", "expert", "roles", "statements", "match"], ([e.id, e.name, roles_text(e), e.quotes, e.match] for e in found))
    for expert in found if quotes else []:
        print_quotes(listed[expert.id], title=expert.name)


@app.command()
def institution(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The institution's name, with or without 'the', or its acronym.")],
    kind: KindOption = None,
    min_words: MinWordsOption = MIN_WORDS,
    limit: LimitOption = 1000,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Every statement by people affiliated with an institution, each labelled with its kind."""
    from ..directory import find_institution, quotes

    with session(db) as s:
        found = find_institution(s, name)
        rows = list(quotes(s, institution_id=found.id, kinds=_listed(kind), limit=limit, min_words=min_words))
        label = found.name + (f" ({found.acronym})" if found.acronym else "")
    if as_json:
        echo_json({"institution": label, "quotes": [q.to_dict() for q in rows]})
        return
    print_quotes(rows, title=f"{label}: {len(rows)} statements")


@app.command()
def find(
    words: Annotated[str, typer.Argument(metavar="WORDS", help="Words to find in what experts said.")],
    expert: ExpertOption = None,
    institution: InstitutionOption = None,
    since: SinceOption = None,
    kind: KindOption = None,
    raw: Annotated[bool, typer.Option("--raw", metavar="", help="Pass the words to the engine's full-text syntax as they are.")] = False,
    min_words: MinWordsOption = MIN_WORDS,
    limit: LimitOption = 50,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Full-text search in what experts said, best match first."""
    from ..directory import filters, quotes

    with session(db) as s:
        rows = list(quotes(s, **filters(s, expert=expert, institution=institution, since=since), matching=words, raw=raw,
                           kinds=_listed(kind), limit=limit, min_words=min_words))
    if as_json:
        print_json(rows)
        return
    print_quotes(rows, title=f"{len(rows)} statements matching {shown(words)}")


@app.command()
def experts(
    sort: Annotated[str, typer.Option("--sort", metavar="KEY", help="quotes, name or recent.")] = "quotes",
    similar: Annotated[bool, typer.Option("--similar", metavar="", help="List pairs that may be one person, to merge.")] = False,
    about: Annotated[str | None, typer.Option("--about", metavar="TOPIC", help="Experts who spoke to this topic, best first.")] = None,
    since: Annotated[str | None, typer.Option("--since", metavar="DATE", help="With --about: only articles published on or after YYYY-MM-DD.")] = None,
    institution: Annotated[str | None, typer.Option("--institution", metavar="NAME", help="With --about: only this institution's people.")] = None,
    kind: KindOption = None,
    limit: LimitOption = 100,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The experts in the directory, with their statements (how many reported); with --about, those who spoke to a topic."""
    from ..directory import experts as run
    from ..twins import similar as pairs

    if about is not None:
        _experts_about(about, since, institution, kind, limit, as_json, db)
        return
    if similar:
        with session(db) as s:
            found = pairs(s)[:limit]
        if as_json:
            print_json(found)
        else:
            print_table(["id", "expert", "id", "possibly the same as", "score", "why"],
                        ([p.a_id, p.a, p.b_id, p.b, p.score, p.why] for p in found))
        return
    with session(db) as s:
        rows = run(s, sort=sort, limit=limit, kinds=_listed(kind))
    if as_json:
        print_json(rows)
        return
    print_table(["id", "expert", "roles", "statements", "reported"],
                ([e.id, e.name, roles_text(e), e.quotes, e.reported] for e in rows))


def _experts_about(topic: str, since: str | None, institution: str | None, kind: frozenset[str] | None, limit: int,
                   as_json: bool, db: str | None) -> None:
    """`experts --about`: each expert with their role and best statements (sentence, article, date)."""
    from ..directory import filters
    from ..topics import about

    with session(db) as s:
        where = filters(s, institution=institution, since=since)
        found = about(s, topic, since=since, institution_id=where["institution_id"], kinds=_listed(kind),
                      limit=limit)
    if as_json:
        print_json(found)
        return
    rows = ([e.id if n == 0 else "", e.name if n == 0 else "", ", ".join(p for p in (e.title, e.institution) if p)
             if n == 0 else "", KIND_LABELS.get(st.kind, st.kind), st.sentence, st.article_title or "",
             (st.published or "")[:10]]
            for e in found for n, st in enumerate(e.statements))
    print_table(["id", "expert", "role", "kind", "what they said", "article", "published"], rows,
                title=f"{len(found)} experts about {topic!r}")


@app.command()
def institutions(
    sort: Annotated[str, typer.Option("--sort", metavar="KEY", help="quotes, experts or name.")] = "quotes",
    kind: KindOption = None,
    limit: LimitOption = 100,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The institutions in the directory, with their experts and statements (how many reported)."""
    from ..directory import institutions as run

    with session(db) as s:
        rows = run(s, sort=sort, limit=limit, kinds=_listed(kind))
    if as_json:
        print_json(rows)
        return
    print_table(["id", "institution", "acronym", "experts", "statements", "reported"],
                ([i.id, i.name, i.acronym, i.experts, i.quotes, i.reported] for i in rows))


@app.command()
def export(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="File to write. Default: standard output.", dir_okay=False)
    ] = None,
    expert: ExpertOption = None,
    institution: InstitutionOption = None,
    since: SinceOption = None,
    kind: KindOption = None,
    min_words: MinWordsOption = MIN_WORDS,
    excel: Annotated[bool, typer.Option("--excel", metavar="", help="UTF-8 with a byte-order mark, for Excel.")] = False,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="JSON lines instead of CSV.")] = False,
    db: DbOption = None,
) -> None:
    """Export quotes as CSV for editors: one row per statement, with ids beside labels.

    A statement that several articles carry is one row; `articles` says how many, `sources` which.
    `kind` says what each is; a reported statement's `quote` cell starts "reported: ".
    """
    from ..directory import filters, quotes
    from ..export import export_file, write_csv, write_json

    with session(db) as s:
        rows = quotes(s, **filters(s, expert=expert, institution=institution, since=since), statements=True, order="stored",
                      kinds=_listed(kind), min_words=min_words)
        if output is None:
            if excel:
                sys.stdout.buffer.write("\ufeff".encode())
                sys.stdout.flush()
            count = (write_json if as_json else write_csv)(rows, sys.stdout)
        else:
            try:
                count = export_file(rows, output, excel=excel, fmt="json" if as_json else "csv")
            except OSError as exc:
                raise fail(f"cannot write {output}: {exc.strerror or exc}") from None
            note(f"{count} quotes written to {output}")


def _listed(kind: frozenset[str] | None) -> list[str] | None:
    """The --kind filter as the directory takes it: None lists every kind."""
    return sorted(kind) if kind else None
