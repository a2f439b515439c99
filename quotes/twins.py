"""Experts who may be one person under two entries, ranked for an editor to merge or not
(`quotes experts --similar`).

Ingest already makes one entry of what one article says of one person (`resolve.People`, the
full name for a surname) and of names that agree but for a middle initial. Across articles it
cannot be sure, and these are the habits of news copy that leave one person under two entries:

- a surname alone, where an article never gave the full name: "Obama" beside "Barack Obama";
- a middle name or initial, or a suffix, added or dropped: "Paul Ryan" / "Paul D. Ryan",
  "Hillary Clinton" / "Hillary Rodham Clinton";
- a formal and a familiar given name, from the `nicknames` dataset: "Bob Corker" / "Robert
  Corker", "Joe Biden" / "Joseph R. Biden Jr";
- an initial for the given name: "J. Smith" / "John Smith"; a given name put before another
  ("Vargas Llosa" / "Mario Vargas Llosa"), or a title run into the name ("Chairperson Donna Brazile");
- a name's first word alone: a surname written first ("Shen Xincheng" / "Shen"), or a rare given
  name ("Marco" / "Marco Rubio"; not a common one the lexicon knows, "Bob", which is as often another's);
- a transliteration or a spelling (`resolve.same_person`; of a given name: "Rence" / "Reince
  Priebus"): "Andrei" / "Andrey Volkonsky".

Two entries whose given names differ and are no nickname of each other are two people ("Bill" and
"Hillary Clinton") and never offered. The score is how sure the names alone are, raised where the
two share an institution or a title word; a surname alone is shared out among the full names that
end with it, by how often each is quoted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cache

from rapidfuzz import fuzz
from sqlmodel import Session, func, select

from . import models
from .attribution.full_names import GIVEN_NAMES
from .resolve import PARTICLES, SUFFIXES, same_person

#: How sure each kind of twin is on the names alone.
SURE = {"middle name": 0.9, "given name added": 0.85, "nickname": 0.85, "initial": 0.8, "spelling": 0.75,
        "surname only": 0.7, "first word alone": 0.7}
#: What sharing an institution, or a word of a title, adds.
SHARED_INSTITUTION = 0.1
SHARED_TITLE = 0.05
#: How alike two given names of one surname must be to be one spelt two ways (rapidfuzz ratio).
SPELT_ALIKE = 80


@dataclass
class Similar:
    """Two experts whose names may be one person's, for an editor to merge or not."""

    a: str
    a_id: int
    b: str
    b_id: int
    score: float
    why: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class _Entry:
    id: int
    name: str
    given: tuple[str, ...]  # the words before the surname, folded
    surname: str
    institutions: frozenset[int]
    title_words: frozenset[str]
    quotes: int

    @property
    def key(self) -> str:
        return " ".join((*self.given, self.surname))


@cache
def _nicknames() -> object:
    from nicknames import NickNamer

    return NickNamer()


def _familiar(a: str, b: str) -> bool:
    """Whether one given name is a nickname of the other, or both of one formal name."""
    namer = _nicknames()
    return (b in namer.nicknames_of(a) or a in namer.nicknames_of(b)  # type: ignore[attr-defined]
            or bool(namer.canonicals_of(a) & (namer.canonicals_of(b) | {b})))  # type: ignore[attr-defined]


def _middles_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Middle names that can be one person's: one side has none, or each is the other or its initial."""
    if not a or not b:
        return True
    return len(a) == len(b) and all(x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))
                                    for x, y in zip(a, b))


def kind_of_twin(a: _Entry, b: _Entry) -> str | None:
    """Why two entries of one surname may be one person, or None where their given names say two."""
    if not a.given or not b.given:
        return "surname only" if a.given or b.given else None
    if a.given[-len(b.given) :] == b.given or b.given[-len(a.given) :] == a.given:
        return "given name added"  # "Vargas Llosa" / "Mario Vargas Llosa", "Chairperson Donna Brazile"
    first_a, first_b = a.given[0], b.given[0]
    if not _middles_agree(a.given[1:], b.given[1:]):
        return None
    if first_a == first_b:
        return "middle name"
    if (len(first_a) == 1 and first_b.startswith(first_a)) or (len(first_b) == 1 and first_a.startswith(first_b)):
        return "initial"
    if _familiar(first_a, first_b):
        return "nickname"
    if min(len(first_a), len(first_b)) >= 4 and fuzz.ratio(first_a, first_b) >= SPELT_ALIKE:
        return "spelling"  # "Rence" / "Reince Priebus"
    if same_person(a.key, b.key):
        return "spelling"  # a transliteration: "Yuri" / "Yury Petrenko"
    return None


def _score(a: _Entry, b: _Entry, kind: str, quoted: int) -> float:
    """SURE for the kind, raised by what the two share; a surname alone is shared among the full
    names ending with it by how often each is quoted (`quoted`: all their quotes), since the most
    quoted Clinton is the likeliest "Clinton"."""
    full = a if a.given else b
    score = SURE[kind] * (full.quotes / quoted if kind == "surname only" else 1)
    if a.institutions & b.institutions:
        score += SHARED_INSTITUTION
    if a.title_words & b.title_words:
        score += SHARED_TITLE
    return round(min(score, 1.0), 3)


def _entries(session: Session) -> list[_Entry]:
    """Every expert with a statement, with what the ranking weighs."""
    institutions: dict[int, set[int]] = defaultdict(set)
    titles: dict[int, set[str]] = defaultdict(set)
    for pid, iid, title in session.execute(
        select(models.Affiliation.person_id, models.Affiliation.institution_id, models.Affiliation.title)
    ):
        if iid is not None:
            institutions[pid].add(iid)
        titles[pid] |= {w for w in (title or "").lower().replace(".", " ").split() if len(w) > 2}
    counts = dict(session.execute(
        select(models.Quote.person_id, func.count()).where(models.Quote.rejected.is_(False))
        .group_by(models.Quote.person_id)
    ).all())
    out = []
    for pid, name, key in session.execute(select(models.Person.id, models.Person.name, models.Person.key)):
        words = [w for w in key.split() if w not in SUFFIXES] or key.split()
        if pid not in counts or not words:
            continue
        cut = len(words) - 1
        while cut > 0 and words[cut - 1] in PARTICLES:  # "de Blasio": the particle is the surname's
            cut -= 1
        out.append(_Entry(pid, name, tuple(words[:cut]), " ".join(words[cut:]), frozenset(institutions[pid]),
                          frozenset(titles[pid]), counts[pid]))
    return out


def _pairs(entries: list[_Entry]) -> Iterable[tuple[_Entry, _Entry, str, int]]:
    """Candidate pairs: within a surname, by the given names; across surnames spelt alike, within
    blocks of the same initials (so a directory of 100k experts is not compared pair by pair)."""
    by_surname: dict[str, list[_Entry]] = defaultdict(list)
    for entry in entries:
        by_surname[entry.surname].append(entry)
    for members in by_surname.values():
        full = sum(m.quotes for m in members if m.given)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                kind = kind_of_twin(a, b)
                if kind is not None:
                    yield a, b, kind, full
    blocks: dict[tuple[str, str], list[_Entry]] = defaultdict(list)
    for entry in entries:
        if entry.given:
            blocks[(entry.given[0][0], entry.surname[0])].append(entry)
    for members in blocks.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if a.surname != b.surname and same_person(a.key, b.key):
                    yield a, b, "spelling", 1
    # a surname written first ("Shen Xincheng", later "Shen"), or a rare given name used alone
    # ("Marco"): the one word is a two-word name's first; a common given name alone ("Bob") is
    # as often someone else's
    alone = {e.surname: e for e in entries if not e.given}
    for entry in entries:
        if len(entry.given) == 1 and entry.given[0] in alone and entry.given[0] not in GIVEN_NAMES:
            yield entry, alone[entry.given[0]], "first word alone", 1


def similar(session: Session) -> list[Similar]:
    """Pairs of experts that may be one person, surest first, the most quoted first among equals."""
    ranked = []
    for a, b, kind, quoted in _pairs(_entries(session)):
        first, second = sorted((a, b), key=lambda e: (-len(e.given), -e.quotes, e.name))
        score = _score(a, b, kind, quoted)
        ranked.append((score, a.quotes + b.quotes, Similar(first.name, first.id, second.name, second.id, score, kind)))
    ranked.sort(key=lambda r: (-r[0], -r[1], r[2].a, r[2].b))
    return [pair for _, _, pair in ranked]
