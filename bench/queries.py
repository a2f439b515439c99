#!/usr/bin/env python3
"""Query speed of the expert directory at 10k and 1M quotes, and the memory of a large export.

Builds synthetic directories (cached) and times, at each size, what editors do:

- name search: `directory.search(session, name)` with surnames, full names, misspellings
  and honorifics drawn from the directory;
- institution listing, first page: `find_institution` ("the ..." or other case) and
  `list(quotes(session, institution_id=..., limit=50))`;
- full-text find: `list(quotes(session, matching=word, limit=50))` with words taken from quotes;
- CSV export: `write_csv(quotes(session, limit=100_000, statements=True, order="stored"), <os.devnull>)`
  (what `quotes export` runs), timed per row, and its
  peak memory measured in a fresh child process at 10k and 100k rows (see `export_memory`).

It prints the median and 95th percentile (nearest rank) of each, then a table with the ratio of
the medians (1M / 10k) beside the target: 100x the data costs at most 3x the time for lookups,
and an export's memory stays flat as its row count grows tenfold.

    .venv/bin/python bench/queries.py                    # both sizes; builds them the first time
    .venv/bin/python bench/queries.py --sizes 10k --repeat 50
    .venv/bin/python bench/queries.py --workdir /var/tmp/qb --rebuild

Sizes: 10k quotes have 1k experts and 200 institutions; 1M quotes have 100k experts and 20k
institutions. Both keep 10 quotes an expert and 5 experts an institution, as a directory grown by
ingesting articles does (every expert was quoted at least once); a 10k directory with 100k experts
would be 90% people nobody quoted. One article holds 10 quotes. Directories are built with
`open_db` (real migrations, indexes and FTS triggers), filled with executemany through the engine's
own connection in one transaction (the FTS index rebuilt once rather than by the insert trigger row
by row; see `build`), and cached in --workdir (default: <tmp>/bq) until --rebuild.

Timings are warm and in-process (the connection and SQLite's page cache are reused; a new
Session per call), on whatever machine runs it: compare the ratios, not the milliseconds. The
lookups at the two sizes run call by call in turn, so that both see the same minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy.engine import Engine
from sqlmodel import Session

from quotes import directory
from quotes.db import HEAD, open_db, schema_sql
from quotes.export import write_csv
from quotes.resolve import fold, institution_key, name_stems, person_key

#: Bump when the generator changes, so cached directories are rebuilt.
GENERATOR = "2"
SEED = 20261129
QUOTES_PER_ARTICLE = 10
EXPORT_ROWS = 100_000
PAGE = 50
#: Untimed calls (with inputs of their own) before each lookup is timed.
WARMUP = 3
TARGET_RATIO = 3.0
#: "Flat" export memory: 10x the rows may cost at most this much more peak memory.
FLAT_MEMORY_RATIO = 1.5


@dataclass(frozen=True)
class Scale:
    label: str
    quotes: int
    experts: int
    institutions: int

    @property
    def articles(self) -> int:
        return self.quotes // QUOTES_PER_ARTICLE


SCALES = {
    "10k": Scale("10k", 10_000, 1_000, 200),
    "100k": Scale("100k", 100_000, 10_000, 2_000),
    "1M": Scale("1M", 1_000_000, 100_000, 20_000),
}

# --- words and names --------------------------------------------------------------------------

COMMON = """the of and to a in that is it for we be on this not are with as have they but at
was will what there all by do can if about would an more from our their has so one people very
think which been when going just need been out up some could there were very much other these
than them time because also into only how said new any like those now should its make see year
years way well most even first over country government state public policy security war economy
market markets trade growth risk risks change climate energy prices price inflation rates bank
central banks crisis health care system data research study evidence report law court rights
election voters campaign party parties leaders leader president minister talks deal sanctions
military forces defence alliance nato russia china europe america region regional local global
national international support pressure decision decisions problem problems question questions
future past months weeks days long short term clear likely unlikely significant serious real
really important difficult different whole part number level levels increase decline cost costs
money budget tax taxes jobs workers companies industry technology digital social political
economic financial strategic nuclear border migration refugees police crime schools students
university science scientists water food supply demand oil gas power infrastructure housing""".split()

LOANWORDS = """café naïve résumé déjà vu façade coöperation élite régime détente rôle protégé
façades entrepôt soufflé fiancé doppelgänger über señor mañana piñata""".split()

SYLLABLES = """ka lo mi ne ra tu ve sa do ri pa le mo na ti ko ru be de fa gi ho ja li
ma no pe qui se ta vo zu bra cre dri fro gla plo tri stu ar el in or un an en on""".split()

FIRST_NAMES = """James Mary John Patricia Robert Jennifer Michael Linda David Elizabeth William
Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony
Betty Mark Margaret Paul Sandra Steven Ashley Andrew Kimberly Joshua Emily Kenneth Donna Kevin
Michelle Brian Carol George Amanda Timothy Melissa Ronald Deborah Edward Stephanie Jason Rebecca
Andrei Olga Dmitri Natalia Sergei Irina Mikhail Yelena Fyodor Anastasia Wei Li Hiroshi Yuki
Mohammed Fatima Ahmed Aisha Omar Layla Raj Priya Arjun Ananya Kwame Amara Chidi Ngozi
José María Zoë Søren Andréy François Björn Łukasz Małgorzata Jürgen Inés Renée Håkon Çağla
Zoltán Dóra Ştefan Ioana Núria Joël Gaël Ana João Amélie Émile Ségolène Øystein Ólafur""".split()

SURNAMES = """Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore
Jackson Martin Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott
Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner Torres Parker
Collins Edwards Stewart Morris Murphy Cook Rogers Weitz Kortunov Ivanov Petrov Smirnov Kuznetsov
Popov Sokolov Lebedev Kozlov Novikov Morozov Volkov Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou
Tanaka Suzuki Takahashi Watanabe Khan Ali Hussain Rahman Patel Sharma Singh Gupta Okafor Mensah
Mbeki Diallo Müller García Fernández López Martínez González Sánchez Pérez Rodríguez Gómez Díaz
Schäfer Köhler Böhm Jäger Weiß Lefèvre Lévêque Gauthier Bérubé Dvořák Novák Wójcik Kowalczyk
Łukaszewicz Nuñez Peña Ibáñez Çelik Öztürk Yılmaz Şahin Åberg Ångström Sørensen Kjærgaard
Hernández Jiménez Álvarez Castillo Ortiz Ruiz Navarro Romero Rossi Russo Ferrari Esposito Bianchi
Romano Colombo Ricci Marino Greco Bruno Gallo Conti""".split()

PLACES = """London Paris Berlin Moscow Beijing Tokyo Delhi Cairo Lagos Nairobi Toronto Chicago Boston
Geneva Brussels Vienna Warsaw Prague Budapest Madrid Lisbon Rome Milan Oslo Stockholm Helsinki
Copenhagen Dublin Edinburgh Oxford Cambridge Princeton Stanford Harvard Yale Columbia Sydney
Melbourne Auckland Singapore Seoul Jakarta Manila Bangkok Istanbul Ankara Tehran Riyadh Doha Dubai
Jerusalem Beirut Amman Kyiv Minsk Riga Vilnius Tallinn Bucharest Sofia Athens Belgrade Zagreb
Zürich Kraków Montréal Québec Bogotá Brasília Córdoba Reykjavík Malmö Göteborg Düsseldorf
Köln München Saint-Étienne Nîmes""".split()

FIELDS = """Strategic Studies|International Affairs|Security Policy|Economic Research|Public Health|
Climate Policy|Energy Studies|Defence Studies|Foreign Relations|Human Rights|Migration Studies|
Financial Stability|Trade Policy|Digital Governance|Nuclear Security|Development Economics|
Urban Studies|Labour Economics|Monetary Policy|Peace Research|Conflict Resolution|Arms Control|
Democracy Studies|European Affairs|Asian Studies|African Studies|Middle East Studies|
Russian Studies|Technology Policy|Cyber Security|Food Security|Water Policy|Ocean Governance|
Global Health|Social Policy|Education Policy|Housing Policy|Transport Research|Space Policy|
Artificial Intelligence|Public Finance|Tax Policy|Competition Law|Constitutional Law|
Media Research|Population Studies|Regional Integration|Maritime Security|Intelligence Studies|
Disaster Risk""".replace("\n", "").split("|")

INSTITUTION_PATTERNS = (
    "{place} Institute for {field}", "{place} Centre for {field}", "University of {place}",
    "{place} School of {field}", "Institute of {field} at {place}", "{place} Council on {field}",
    "{place} Forum for {field}", "Ministry of {field} of {place}", "{place} Foundation for {field}",
    "{place} Observatory of {field}", "{place} Academy of {field}", "Department of {field}, University of {place}",
)

TITLES = (
    "senior fellow", "professor of {field}", "director of the {field} programme", "research associate",
    "chief economist", "spokeswoman", "spokesman", "analyst", "head of {field}", "lecturer in {field}",
    "senior non-resident associate fellow", "president", "deputy director", "former minister",
)

OUTLETS = (
    ("Reuters", "reuters.com"), ("Associated Press", "apnews.com"), ("BBC News", "bbc.co.uk"),
    ("The Guardian", "theguardian.com"), ("Le Monde", "lemonde.fr"), ("Der Spiegel", "spiegel.de"),
    ("El País", "elpais.com"), ("The New York Times", "nytimes.com"), ("Al Jazeera", "aljazeera.com"),
    ("Financial Times", "ft.com"), ("The Washington Post", "washingtonpost.com"), ("NHK", "nhk.or.jp"),
    ("Deutsche Welle", "dw.com"), ("France 24", "france24.com"), ("Politico Europe", "politico.eu"),
    ("The Moscow Times", "themoscowtimes.com"), ("South China Morning Post", "scmp.com"),
    ("The Hindu", "thehindu.com"), ("Nikkei Asia", "asia.nikkei.com"), ("Bloomberg", "bloomberg.com"),
)

CUES = ("said", "told", "added", "argued", "warned", "wrote", "explained", "noted", "according to")
SIEVES = ("adjacent", "governor", "lead_in", "trailing", "pronoun", "colon")
KINDS = ("direct", "direct", "direct", "mixed", "indirect")


def vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    """English-like words, most frequent first: common words, loanwords, then invented ones."""
    words = list(dict.fromkeys(COMMON))
    seen = set(words)
    for word in LOANWORDS:
        if word not in seen:
            words.append(word)
            seen.add(word)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            words.append(word)
            seen.add(word)
    return words


def zipf_weights(n: int, s: float) -> list[float]:
    """Cumulative Zipf weights for ranks 1..n (for `random.choices(cum_weights=...)`)."""
    total, cumulative = 0.0, []
    for rank in range(1, n + 1):
        total += 1.0 / rank**s
        cumulative.append(total)
    return cumulative


def surnames(rng: random.Random, size: int) -> list[str]:
    """Real surnames first, then invented ones ("Velarkov"), so most surnames are rare."""
    names = list(dict.fromkeys(SURNAMES))
    seen = set(names)
    endings = ("ov", "ova", "son", "sen", "ez", "ski", "er", "ini", "escu", "ian", "é", "ă", "berg", "stein")
    while len(names) < size:
        name = ("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3))) + rng.choice(endings)).capitalize()
        if name not in seen:
            names.append(name)
            seen.add(name)
    return names


def person_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """`count` distinct (display name, person_key) pairs."""
    pool = surnames(rng, max(len(SURNAMES), count // 3))
    cumulative = zipf_weights(len(pool), 0.6)
    out: list[tuple[str, str]] = []
    keys: set[str] = set()
    while len(out) < count:
        first = rng.choice(FIRST_NAMES)
        last = rng.choices(pool, cum_weights=cumulative)[0]
        if rng.random() < 0.05:
            last = f"{last}-{rng.choice(pool)}"
        name = f"{first} {chr(rng.randint(65, 90))}. {last}" if rng.random() < 0.3 else f"{first} {last}"
        key = person_key(name)
        if key not in keys:
            keys.add(key)
            out.append((name, key))
    return out


def acronym(name: str) -> str:
    return "".join(w[0] for w in name.replace(",", "").split() if w[0].isupper())


def institution_names(rng: random.Random, count: int) -> list[tuple[str, str, str | None]]:
    """`count` distinct (name, institution_key, acronym or None)."""
    out: list[tuple[str, str, str | None]] = []
    keys: set[str] = set()
    while len(out) < count:
        name = rng.choice(INSTITUTION_PATTERNS).format(place=rng.choice(PLACES), field=rng.choice(FIELDS))
        key = institution_key(name)
        if key not in keys:
            keys.add(key)
            out.append((name, key, acronym(name) if rng.random() < 0.3 else None))
    return out


# --- building a directory ---------------------------------------------------------------------


@dataclass
class Generator:
    """The random draws of one directory: `rng` for names, `np_rng` for the bulk of the text."""

    rng: random.Random
    np_rng: np.random.Generator
    forms: np.ndarray  # the vocabulary, most frequent first
    folded: np.ndarray  # fold() of each word
    cumulative: np.ndarray  # Zipf weights, cumulative
    start: date = date(2014, 1, 1)
    days: int = 12 * 365

    def word_ids(self, count: int) -> np.ndarray:
        return np.searchsorted(self.cumulative, self.np_rng.random(count) * self.cumulative[-1], side="right")

    def day(self) -> str:
        return (self.start + timedelta(days=self.rng.randrange(self.days))).isoformat()


def generator(scale: Scale) -> Generator:
    rng = random.Random(f"{SEED}-{scale.label}")
    words = vocabulary(rng)
    return Generator(
        rng, np.random.default_rng([SEED, scale.quotes]), np.array(words, dtype=object),
        np.array([fold(w) for w in words], dtype=object), np.array(zipf_weights(len(words), 1.05)),
    )


def _pragmas_for_build(con: Any) -> None:
    """Fast and unsafe while building (a crash leaves only the `.partial` file)."""
    con.execute("PRAGMA foreign_keys=OFF")  # rows are consistent by construction
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-262144")  # 256 MiB
    con.execute("PRAGMA temp_store=MEMORY")


def _insert_people(con: Any, gen: Generator, scale: Scale) -> list[str]:
    people = person_names(gen.rng, scale.experts)
    created = "2026-01-01T00:00:00+00:00"
    con.executemany(
        "INSERT INTO person (id, name, key, created_at) VALUES (?, ?, ?, ?)",
        ((i, name, key, created) for i, (name, key) in enumerate(people, start=1)),
    )
    con.executemany(  # the name-word index that `quotes.store.index_name` keeps for ingest
        "INSERT OR IGNORE INTO name_word (word, person_id) VALUES (?, ?)",
        ((word, i) for i, (_, key) in enumerate(people, start=1) for word in set(key.split())),
    )
    con.executemany(  # and the stems it files each name word under
        "INSERT OR IGNORE INTO name_stem (stem, word) VALUES (?, ?)",
        ((stem, word) for word in {w for _, key in people for w in key.split()} for stem in name_stems(word)),
    )
    return [name for name, _ in people]


def _insert_institutions(con: Any, gen: Generator, scale: Scale) -> list[str]:
    insts = institution_names(gen.rng, scale.institutions)
    con.executemany(
        "INSERT INTO institution (id, name, key, acronym) VALUES (?, ?, ?, ?)",
        ((i, name, key, acro) for i, (name, key, acro) in enumerate(insts, start=1)),
    )
    aliases: dict[str, tuple[str, int]] = {}
    for i, (_, _, acro) in enumerate(insts, start=1):
        if acro and fold(acro) not in aliases:
            aliases[fold(acro)] = (acro, i)
    con.executemany(
        "INSERT INTO alias (kind, key, form, institution_id, origin) VALUES ('institution', ?, ?, ?, 'text')",
        ((key, form, inst) for key, (form, inst) in aliases.items()),
    )
    return [name for name, _, _ in insts]


@dataclass
class Roles:
    """Each expert's institution (1-based id, or None) and title."""

    institution: list[int | None] = field(default_factory=list)
    title: list[str] = field(default_factory=list)


def _roles(gen: Generator, scale: Scale) -> Roles:
    """A main role per expert; institutions skewed (a few big ones, a long tail)."""
    cumulative = zipf_weights(scale.institutions, 0.6)
    ids = list(range(1, scale.institutions + 1))
    gen.rng.shuffle(ids)
    roles = Roles()
    for _ in range(scale.experts):
        inst = gen.rng.choices(ids, cum_weights=cumulative)[0] if gen.rng.random() < 0.95 else None
        roles.institution.append(inst)
        roles.title.append(gen.rng.choice(TITLES).format(field=gen.rng.choice(FIELDS)))
    return roles


def _insert_affiliations(con: Any, gen: Generator, scale: Scale, roles: Roles) -> None:
    """The main role of each expert, and a former one for a fifth of them."""
    rows = []
    for pid in range(1, scale.experts + 1):
        first, last = sorted((gen.day(), gen.day()))
        article = gen.rng.randint(1, scale.articles)
        rows.append((pid, roles.institution[pid - 1], roles.title[pid - 1], first, last, article))
        if gen.rng.random() < 0.2:
            other = gen.rng.randint(1, scale.institutions)
            if other != roles.institution[pid - 1]:
                rows.append((pid, other, "former " + gen.rng.choice(TITLES[:5]).format(field="policy"), first, first, article))
    con.executemany(
        "INSERT INTO affiliation (person_id, institution_id, title, first_seen, last_seen, article_id)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )


def _speakers(gen: Generator, scale: Scale) -> np.ndarray:
    """The expert of each quote (0: an institution speaks): everyone once, the rest skewed."""
    experts = gen.np_rng.permutation(np.arange(1, scale.experts + 1))
    cumulative = np.array(zipf_weights(scale.experts, 0.7))
    rest = experts[np.searchsorted(cumulative, gen.np_rng.random(scale.quotes - scale.experts) * cumulative[-1],
                                   side="right")]
    rest[gen.np_rng.random(len(rest)) < 0.1] = 0
    return gen.np_rng.permutation(np.concatenate([experts, rest]))


class Words:
    """A stream of drawn words, read off a sentence at a time, with their folded forms."""

    def __init__(self, gen: Generator, count: int) -> None:
        ids = gen.word_ids(count)
        self.forms: list[str] = gen.forms[ids].tolist()
        self.folded: list[str] = gen.folded[ids].tolist()
        self.at = 0

    def sentence(self, length: int) -> tuple[str, str]:
        """A sentence of `length` words and its fold()."""
        i, self.at = self.at, self.at + length
        return " ".join(self.forms[i : self.at]).capitalize(), " ".join(self.folded[i : self.at])


@dataclass
class Context:
    """What every chunk of articles needs: who speaks, with what role."""

    scale: Scale
    people: list[str]
    insts: list[str]
    roles: Roles
    speakers: np.ndarray


def _chunk(gen: Generator, ctx: Context, first: int, count: int) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Articles `first`..`first + count - 1` and their quotes, as rows.

    A quote's text is one to three sentences of Zipf-drawn words (so FTS sees natural term
    statistics); its `text_key` is joined from fold() of each word, which equals fold() of the text
    (checked on a sample in `_check_keys`). An article's text holds its quotes at `start`:`end`.
    """
    n = count * QUOTES_PER_ARTICLE
    r = gen.np_rng
    sentences = r.choice(np.array([1, 1, 1, 2, 2, 3]), size=n).tolist()
    lengths = r.integers(6, 23, size=sum(sentences)).tolist()
    leads = r.integers(4, 12, size=n).tolist()
    titles = r.integers(6, 14, size=count).tolist()
    words = Words(gen, sum(lengths) + sum(leads) + sum(titles))
    cues, kinds, sieves = r.integers(len(CUES), size=n).tolist(), r.integers(len(KINDS), size=n).tolist(), \
        r.integers(len(SIEVES), size=n).tolist()
    confidence = np.round(r.uniform(0.5, 1.0, size=n), 2).tolist()
    rolls, named = r.random(n).tolist(), (r.random(n) < 0.5).tolist()
    other_inst = r.integers(1, ctx.scale.institutions + 1, size=n).tolist()
    outlets, days = r.integers(len(OUTLETS), size=count).tolist(), r.integers(gen.days, size=count).tolist()
    speakers = ctx.speakers[(first - 1) * QUOTES_PER_ARTICLE : (first - 1 + count) * QUOTES_PER_ARTICLE].tolist()
    articles, quotes = [], []
    q = s = 0
    for a in range(count):
        aid = first + a
        outlet, domain = OUTLETS[outlets[a]]
        published = (gen.start + timedelta(days=days[a])).isoformat()
        title = words.sentence(titles[a])[0]
        parts: list[str] = []
        offset = 0
        for _ in range(QUOTES_PER_ARTICLE):
            texts, keys = zip(*(words.sentence(lengths[s + k]) for k in range(sentences[q])))
            s += sentences[q]
            text, key = ". ".join(texts) + ".", " ".join(keys)
            if rolls[q] < 0.002:  # the odd hostile cell, for export's formula guard
                text = ("=" if rolls[q] < 0.001 else "-") + text
            pid = speakers[q]
            if pid:
                inst = ctx.roles.institution[pid - 1] if named[q] else None
                speaker, role = ctx.people[pid - 1], ctx.roles.title[pid - 1]
            else:
                inst = other_inst[q]
                speaker, role = ctx.insts[inst - 1], None
            lead = words.sentence(leads[q])[0] + '. "'
            start = offset + len(lead)
            parts.append(f'{lead}{text}," {CUES[cues[q]]} {speaker}. ')
            offset += len(parts[-1])
            quotes.append((aid, pid or None, inst, start, start + len(text), text, speaker, role, KINDS[kinds[q]],
                           CUES[cues[q]], SIEVES[sieves[q]], confidence[q], key, rolls[q] > 0.99))
            q += 1
        body = "".join(parts)
        slug = "-".join(title.lower().split()[:6])
        articles.append((aid, hashlib.sha256(body.encode()).hexdigest(), f"{domain}:{aid}", title,
                         f"https://www.{domain}/{published[:4]}/{slug}-{aid}", outlet, published, body,
                         published + "T12:00:00+00:00"))
    return articles, quotes


def _check_keys(quotes: list[tuple[Any, ...]]) -> None:
    for row in quotes[:: max(1, len(quotes) // 200)]:
        if row[12] != fold(row[5]):
            raise AssertionError(f"text_key {row[12]!r} is not fold({row[5]!r})")


ARTICLE_INSERT = ("INSERT INTO article (id, content_hash, source_id, title, url, outlet, published, text, ingested_at)"
                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
QUOTE_INSERT = ('INSERT INTO quote (article_id, person_id, institution_id, start, "end", text, speaker, title, kind,'
                " cue, sieve, confidence, text_key, rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _insert_articles_and_quotes(con: Any, gen: Generator, ctx: Context, chunk: int = 5_000) -> None:
    for first in range(1, ctx.scale.articles + 1, chunk):
        articles, quotes = _chunk(gen, ctx, first, min(chunk, ctx.scale.articles - first + 1))
        _check_keys(quotes)
        con.executemany(ARTICLE_INSERT, articles)
        con.executemany(QUOTE_INSERT, quotes)


def build(path: Path, scale: Scale) -> None:
    """A directory of `scale` at `path`: migrated by `open_db`, then filled in one transaction.

    The schema's FTS insert trigger is set aside while quotes go in and the index is rebuilt
    once (as migration 0002 does), about 3x faster than a trigger call per row; the trigger is
    put back with its own SQL and the schema is checked to be what `open_db` made.
    """
    partial = path.with_name(path.name + ".partial")
    for stale in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        stale.unlink(missing_ok=True)
    engine = open_db(partial)
    schema = schema_sql(engine)
    engine.dispose()  # only the connection below stays open, so the journal mode can change
    raw = engine.raw_connection()
    con = raw.driver_connection
    con.isolation_level = None
    _pragmas_for_build(con)
    gen = generator(scale)
    con.execute("BEGIN")
    people = _insert_people(con, gen, scale)
    insts = _insert_institutions(con, gen, scale)
    roles = _roles(gen, scale)
    trigger = con.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'quote_fts_insert'").fetchone()[0]
    con.execute("DROP TRIGGER quote_fts_insert")
    _insert_articles_and_quotes(con, gen, Context(scale, people, insts, roles, _speakers(gen, scale)))
    con.execute("INSERT INTO quote_fts(quote_fts) VALUES ('rebuild')")
    con.execute(trigger)
    _insert_affiliations(con, gen, scale, roles)
    con.execute("COMMIT")
    con.execute("PRAGMA journal_mode=WAL")  # as open_db leaves it
    raw.close()
    engine.dispose()
    if schema_sql(engine) != schema:
        raise AssertionError("the built directory's schema differs from open_db's")
    engine.dispose()
    os.replace(partial, path)


def directory_path(workdir: Path, scale: Scale) -> Path:
    return workdir / f"quotes-{scale.label}-g{GENERATOR}-s{HEAD}.db"


def ensure_built(workdir: Path, scale: Scale, rebuild: bool) -> tuple[Path, float | None]:
    """The cached directory for `scale` (built now if missing or --rebuild) and the build time."""
    path = directory_path(workdir, scale)
    if path.exists() and not rebuild:
        return path, None
    workdir.mkdir(parents=True, exist_ok=True)
    for old in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        old.unlink(missing_ok=True)
    began = time.perf_counter()
    build(path, scale)
    return path, time.perf_counter() - began


# --- query inputs drawn from the data ---------------------------------------------------------


def misspell(rng: random.Random, word: str) -> str:
    """One slip: two letters swapped, one dropped or one doubled."""
    if len(word) < 4:
        return word + word[-1]
    i = rng.randrange(1, len(word) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


@dataclass
class Inputs:
    names: list[str]
    institutions: list[str]
    words: list[str]


def sample_rows(engine: Engine, sql: str, table: str, count: int, rng: random.Random) -> list[tuple[Any, ...]]:
    """`count` random rows of `sql` (which selects by `id = ?`), ids drawn from the table's range."""
    with engine.connect() as conn:
        top = conn.exec_driver_sql(f"SELECT max(id) FROM {table}").scalar() or 0
        rows = []
        while len(rows) < count:
            row = conn.exec_driver_sql(sql, (rng.randint(1, top),)).first()
            if row is not None:
                rows.append(tuple(row))
        return rows


def draw_inputs(engine: Engine, count: int, seed: int) -> Inputs:
    """Names, institutions and words that exist in this directory, in the ways editors type them."""
    rng = random.Random(seed)
    names = []
    for i, (name,) in enumerate(sample_rows(engine, "SELECT name FROM person WHERE id = ?", "person", count, rng)):
        words = name.split()
        kind = i % 4
        if kind == 0:
            names.append(words[-1])  # surname, as typed: "Müller"
        elif kind == 1:
            names.append(fold(name))  # full name, no accents, lower case
        elif kind == 2:
            names.append(" ".join([*words[:-1], misspell(rng, words[-1])]))  # misspelt surname
        else:
            names.append("Dr. " + name.upper())
    insts = [
        ("the " + name if i % 2 == 0 else name.lower())
        for i, (name,) in enumerate(
            sample_rows(engine, "SELECT DISTINCT i.name FROM institution i JOIN affiliation a ON a.institution_id = i.id "
                        "WHERE i.id = ?", "institution", count, rng)
        )
    ]
    common = set(COMMON[:120])
    found: list[str] = []
    for (text,) in sample_rows(engine, "SELECT text FROM quote WHERE id = ?", "quote", count * 3, rng):
        candidates = [w for w in fold(text).split() if len(w) >= 4 and w not in common]
        if candidates:
            found.append(rng.choice(candidates))
        if len(found) == count:
            break
    return Inputs(names, insts, found)


# --- timing -----------------------------------------------------------------------------------


def percentile(samples: Sequence[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


@dataclass
class Result:
    seconds: list[float]
    rows: list[int]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def p95_ms(self) -> float:
        return percentile(self.seconds, 0.95) * 1000

    @property
    def mean_rows(self) -> float:
        return statistics.fmean(self.rows)


def timed(engine: Engine, op: Callable[[Session, Any], int], inputs: Sequence[Any], warmup: Sequence[Any]) -> Result:
    """Each input once, after the `warmup` calls (untimed), in a new Session each time."""
    return timed_together(op, [(engine, [*warmup, *inputs])], warmup=len(warmup))[0]


def timed_together(
    op: Callable[[Session, Any], int], cases: Sequence[tuple[Engine, Sequence[Any]]], *, warmup: int = WARMUP
) -> list[Result]:
    """`timed` for several directories at once, call by call in turn (the first `warmup` inputs of
    each untimed): a slow minute on a shared machine then weighs on every size alike, and the
    ratio of their medians, which is what is judged, is not the ratio of two different minutes."""
    for engine, inputs in cases:
        for arg in inputs[:warmup]:
            with Session(engine) as s:
                op(s, arg)
    results = [Result([], []) for _ in cases]
    for k in range(warmup, max(len(inputs) for _, inputs in cases)):
        for (engine, inputs), result in zip(cases, results):
            if k < len(inputs):
                with Session(engine) as s:
                    began = time.perf_counter()
                    rows = op(s, inputs[k])
                    result.seconds.append(time.perf_counter() - began)
                result.rows.append(rows)
    return results


def op_search(s: Session, name: str) -> int:
    return len(directory.search(s, name))


def op_listing(s: Session, name: str) -> int:
    inst = directory.find_institution(s, name)
    return len(list(directory.quotes(s, institution_id=inst.id, limit=PAGE)))


def op_find(s: Session, word: str) -> int:
    return len(list(directory.quotes(s, matching=word, limit=PAGE)))


def export(s: Session, rows: int) -> int:
    with open(os.devnull, "w", encoding="utf-8", newline="") as sink:
        return write_csv(directory.quotes(s, limit=rows, statements=True, order="stored"), sink)


def fts_matches(engine: Engine, words: Sequence[str]) -> float:
    """How many quotes each full-text word matches, on average (what bm25 must rank)."""
    with engine.connect() as conn:
        counts = [
            conn.exec_driver_sql("SELECT count(*) FROM quote_fts WHERE quote_fts MATCH ?", (f'"{w}"',)).scalar()
            for w in words
        ]
    return statistics.fmean(counts)


# --- export memory, in a fresh process --------------------------------------------------------


def _status_kib(field_name: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    raise KeyError(field_name)


def export_memory(db: str, rows: int, method: str) -> tuple[int, float]:
    """Run in a child process: export `rows` and return (rows written, peak growth in MiB).

    "rss": the process's resident-set high-water mark (VmHWM, reset through /proc/self/clear_refs
    just before the export) minus its resident set before it, so SQLite's own memory counts too.
    "tracemalloc": the peak of Python's allocations during the export (SQLite's are not seen).
    The engine, session and first query are warmed before the baseline is taken.
    """
    engine = open_db(db)
    with Session(engine) as s:
        export(s, 10)  # imports, connection, statement compiled
        if method == "tracemalloc":
            tracemalloc.start()
            written = export(s, rows)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            return written, peak / 2**20
        before = _status_kib("VmRSS")
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")  # reset VmHWM to the current RSS (Linux 4.0 and later)
        written = export(s, rows)
        return written, (_status_kib("VmHWM") - before) / 1024


def in_child(db: Path, rows: int, method: str) -> tuple[int, float]:
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        return pool.submit(export_memory, str(db), rows, method).result()


# --- one size, then the comparison ------------------------------------------------------------


@dataclass
class SizeReport:
    scale: Scale
    build_s: float | None
    search: Result
    listing: Result
    find: Result
    find_matches: float
    export: Result
    memory: dict[tuple[int, str], tuple[int, float]]

    @property
    def export_rows(self) -> int:
        return self.export.rows[0]

    @property
    def export_us_per_row(self) -> float:
        return statistics.median(self.export.seconds) / self.export_rows * 1e6


@dataclass
class Directory:
    scale: Scale
    path: Path
    build_s: float | None
    engine: Engine
    inputs: Inputs


def prepare(workdir: Path, scale: Scale, repeat: int, rebuild: bool) -> Directory:
    path, build_s = ensure_built(workdir, scale, rebuild)
    engine = open_db(path)
    return Directory(scale, path, build_s, engine, draw_inputs(engine, repeat + WARMUP, SEED))


def measure(directories: Sequence[Directory], export_repeat: int) -> list[SizeReport]:
    """The lookups run at every size together (`timed_together`); exports and their memory, size by size."""
    lookups = {
        field: timed_together(op, [(d.engine, getattr(d.inputs, field)) for d in directories])
        for field, op in (("names", op_search), ("institutions", op_listing), ("words", op_find))
    }
    reports = []
    for n, d in enumerate(directories):
        scale, path = d.scale, d.path
        print(f"\n== {scale.label}: {scale.quotes:,} quotes, {scale.experts:,} experts, {scale.institutions:,} "
              f"institutions, {scale.articles:,} articles ({path}, {path.stat().st_size / 2**20:,.0f} MiB)")
        print(f"   build: {'cached' if d.build_s is None else f'{d.build_s:.1f} s'}")
        matches = fts_matches(d.engine, d.inputs.words[WARMUP:])
        rows = min(EXPORT_ROWS, scale.quotes)
        exported = timed(d.engine, export, [rows] * export_repeat, [1_000])
        d.engine.dispose()
        memory = {}
        for count in sorted({min(10_000, scale.quotes), rows}):
            for method in ("rss", "tracemalloc"):
                memory[(count, method)] = in_child(path, count, method)
        report = SizeReport(scale, d.build_s, lookups["names"][n], lookups["institutions"][n], lookups["words"][n],
                            matches, exported, memory)
        print_size(report)
        reports.append(report)
    return reports


def print_size(r: SizeReport) -> None:
    line = "   {:<34} median {:>9.1f} ms   p95 {:>9.1f} ms   {}"
    print(line.format("name search", r.search.median_ms, r.search.p95_ms,
                      f"{r.search.mean_rows:.1f} experts found on average"))
    print(line.format("institution listing (first page)", r.listing.median_ms, r.listing.p95_ms,
                      f"{r.listing.mean_rows:.1f} rows on average"))
    print(line.format("full-text find (first page)", r.find.median_ms, r.find.p95_ms,
                      f"{r.find.mean_rows:.1f} rows; each word matches {r.find_matches:,.0f} quotes on average"))
    print(line.format(f"CSV export, {r.export_rows:,} rows", r.export.median_ms, r.export.p95_ms,
                      f"{r.export_us_per_row:.1f} µs a row, {len(r.export.seconds)} runs"))
    for (_, method), (written, mib) in sorted(r.memory.items()):
        label = "RSS high-water growth" if method == "rss" else "tracemalloc peak (Python heap)"
        print(f"   export memory, {written:>7,} rows: {mib:7.1f} MiB  {label}")


def verdict(ratio: float, target: float) -> str:
    return "pass" if ratio <= target else "MISS"


def print_comparison(small: SizeReport, large: SizeReport) -> None:
    head = f"{'operation':<34} {'10k med':>9} {'10k p95':>9} {'1M med':>9} {'1M p95':>9} {'ratio':>7}  {'target':<8} result"
    print(f"\n== {large.scale.label} vs {small.scale.label} ({large.scale.quotes // small.scale.quotes}x the data); "
          "times in ms\n" + head + "\n" + "-" * len(head))
    for name, a, b in (
        ("name search", small.search, large.search),
        ("institution listing (first page)", small.listing, large.listing),
        ("full-text find (first page)", small.find, large.find),
    ):
        ratio = b.median_ms / a.median_ms
        print(f"{name:<34} {a.median_ms:>9.1f} {a.p95_ms:>9.1f} {b.median_ms:>9.1f} {b.p95_ms:>9.1f} "
              f"{ratio:>6.1f}x  <= {TARGET_RATIO:.0f}x    {verdict(ratio, TARGET_RATIO)}")
    per_row = large.export_us_per_row / small.export_us_per_row
    print(f"{'CSV export, µs a row':<34} {small.export_us_per_row:>9.1f} {'':>9} {large.export_us_per_row:>9.1f} "
          f"{'':>9} {per_row:>6.1f}x  <= {TARGET_RATIO:.0f}x    {verdict(per_row, TARGET_RATIO)}")
    print(f"{'  (whole export, ms)':<34} {small.export.median_ms:>9.1f} {small.export.p95_ms:>9.1f} "
          f"{large.export.median_ms:>9.1f} {large.export.p95_ms:>9.1f}   ({small.export_rows:,} vs "
          f"{large.export_rows:,} rows)")
    counts = sorted({count for count, _ in large.memory})
    for method, label in (("rss", "RSS growth"), ("tracemalloc", "tracemalloc peak")):
        few, many = large.memory[(counts[0], method)][1], large.memory[(counts[-1], method)][1]
        ratio = many / few if few > 0 else float("inf")
        name = f"export memory, {label} (MiB)"
        print(f"{name:<34} {few:>9.1f} {'':>9} {many:>9.1f} {'':>9} {ratio:>6.1f}x  <= {FLAT_MEMORY_RATIO}x  "
              f"{verdict(ratio, FLAT_MEMORY_RATIO)}")
    print(f"  (export memory compares {counts[0]:,} with {counts[-1]:,} rows, both from the "
          f"{large.scale.label} directory, each in a fresh process)")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,1M", help=f"comma-separated, of: {', '.join(SCALES)} (default 10k,1M)")
    parser.add_argument("--repeat", type=int, default=30, help="timed calls per lookup (default 30)")
    parser.add_argument("--export-repeat", type=int, default=3, help="timed exports per size (default 3)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "bq",
                        help="where the built directories are cached (default <tmp>/bq)")
    parser.add_argument("--rebuild", action="store_true", help="build the directories again")
    args = parser.parse_args(argv)
    args.sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in args.sizes if s not in SCALES]
    if unknown:
        parser.error(f"unknown size {unknown[0]!r}; use: {', '.join(SCALES)}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    began = time.perf_counter()
    print(f"quotes directory query benchmark: Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"{args.repeat} calls per lookup, {args.export_repeat} exports per size")
    directories = [prepare(args.workdir, SCALES[s], args.repeat, args.rebuild) for s in args.sizes]
    reports = measure(directories, args.export_repeat)
    if len(reports) >= 2:
        print_comparison(reports[0], reports[-1])
    print(f"\ntotal {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
