"""Each speaker's title and institution: read on characters around their mentions (`roles`),
then checked against the parse (a title must be a noun phrase; an institution no place, people or
person)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .resolve import HONORIFICS, fold
from .roles import Role, role_at

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as TokenSpan


def roles_of(
    text: str, speakers: set[str], people: set[str] = frozenset(), doc: "Doc | None" = None  # type: ignore[assignment]
) -> dict[str, Role]:
    """Each speaker's role from their first full mention that has one, else from the first mention
    by surname alone that has one ("Anna Farrow had the plans. ... Farrow, the chief planner, said").
    With the parse (`doc`), what the shapes read is checked against it (`_checked`).

    Mentions are found in the text itself, not among the NER's PERSON entities: the small
    pipeline tags many a name as an organisation or a place ("Marcus Hale, head of ...").
    An "institution" that ends in the surname of someone in the article (`people`, speakers
    included) is that person: "a Trump supporter", "chief strategist for Barack Obama".
    """
    names = [name.split() for name in people | speakers if len(name.split()) > 1]  # "Twitter" alone may be tagged PERSON
    surnames, known = {words[-1] for words in names}, {" ".join(words[-2:]) for words in names}
    roles: dict[str, Role] = {}
    seen = doc.text if doc is not None else ""  # Doc.text joins every token anew on each reading
    for speaker in speakers:
        mentions = [(m, True) for m in re.finditer(rf"(?<!\w){re.escape(speaker)}(?!\w)", text)]
        surname = speaker.split()[-1]
        if " " in speaker and surname.isalpha():
            mentions += [(m, False) for m in re.finditer(rf"(?<![\w.’'-]){re.escape(surname)}(?!\w)", text)
                         if not _inside_a_name(text, m.start())]
        for mention, full in mentions:
            role = role_at(text, mention.start(), mention.end(), full=full)
            if role.institution and _a_person(role.institution.split(), surnames, known):
                role = Role(role.title, None)
            if doc is not None:
                role = _checked(doc, seen, role, mention.start(), mention.end())
            if role.title or role.institution:
                roles[speaker] = role
                break
    return roles


#: Parts of speech a title's head can be without the title being words of another kind.
_NOUN_POS = {"NOUN", "PROPN"}
#: What the NER may call a phrase that is no institution: a place ("Sen. Roe of South Carolina"),
#: a people or party ("Republican Sen. Roe"), a person ("Bachmann's spokesman"), a time.
_NO_INSTITUTION = {"GPE", "LOC", "NORP", "PERSON", "DATE", "TIME"}


def _checked(doc: "Doc", seen: str, role: Role, start: int, end: int) -> Role:
    """A role read on characters around a mention, as the parse sees it. A title must be a noun
    phrase: the shapes `role_at` reads also take an aside ("Trump, meanwhile, said"), a
    description ("Christie, the brusque, ... governor") or a participle ("Bob, speaking publicly
    for the first time,") for one, and then read a clause, its "institution" with it ("X,
    speaking at a rally in Wilmington,"). An institution must be no place, people or person.
    A name is the same wherever it is written: an institution in a paragraph out of focus is
    checked where the parse saw the same words. A title the parse did not see as written (out of
    focus; rebuilt: "former director" of "former CIA director", "head" of "who heads") is kept."""
    title = _as_parsed(doc, seen, role.title, start, end) if role.title else None
    if title is not None and _no_title(title):
        return Role()
    institution = _as_parsed(doc, seen, role.institution, start, end, anywhere=True) if role.institution else None
    if institution is not None and _no_institution(institution):
        return Role(role.title, None)
    return role


def _as_parsed(doc: "Doc", seen: str, words: str, start: int, end: int, anywhere: bool = False) -> "TokenSpan | None":
    """The nearest copy of `words` around a mention at start:end, as the parse saw it (`seen` is
    the text it read), or with `anywhere` the first it saw in the article; None where it saw no
    such words."""
    pattern = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)")
    windows = [(max(0, start - 150), end + 300)] + [(0, len(seen))] * anywhere
    for lo, hi in windows:
        for found in pattern.finditer(seen, lo, hi):
            span = doc.char_span(found.start(), found.end(), alignment_mode="expand")
            if span is not None and any(token.pos_ for token in span if not token.is_space):
                return span
    return None


def _no_title(span: "TokenSpan") -> bool:
    """Whether a phrase is no one person's title: its head, the last word the phrase's own words do
    not govern ("senior" and "fellow" both hang on the name in "senior fellow Jane Roe"; the noun
    comes last), is no noun ("brusque") or a plural one ("top executives", "bipartisan whispers")."""
    heads = [token for token in span
             if not token.is_space and (token.head.i == token.i or not span.start <= token.head.i < span.end)]
    return bool(heads) and (heads[-1].pos_ not in _NOUN_POS or heads[-1].tag_ in ("NNS", "NNPS"))


def _no_institution(span: "TokenSpan") -> bool:
    """Whether a phrase names no institution: the NER saw every content word of it as a place, a
    people, a person or a time, or it ends in an adjective, the people or party a title is of
    ("Presumptive Democratic nominee Jane Roe", capitalised for opening the sentence)."""
    words = [token for token in span if not (token.is_stop or token.is_punct or token.is_space)]
    labels = {token.ent_type_ for token in words}
    return bool(labels) and labels <= _NO_INSTITUTION or bool(words) and words[-1].pos_ == "ADJ"


#: Words before a surname that make the phrase a person ("Mr. Clinton", "Speaker Paul Ryan",
#: "But Trump"), beside the honorifics resolve knows.
_BEFORE_SURNAME = HONORIFICS | {"speaker", "but", "and"}


def _a_person(words: list[str], surnames: set[str], known: set[str]) -> bool:
    """Whether an "institution" is someone in the article: their surname alone, their name, or a
    title and their surname ("White House" is no person though a "Jane House" is in the article)."""
    if not words or words[-1] not in surnames:
        return False
    return len(words) == 1 or " ".join(words[-2:]) in known or fold(words[-2].rstrip(".")) in _BEFORE_SURNAME


def _inside_a_name(text: str, start: int) -> bool:
    """Whether a surname at `start` follows a capitalised word: the end of a full name (maybe
    someone else's, "Mia Farrow") or an honorific, whose role a full mention has already read."""
    before = re.search(r"(\S+)[ \t\xa0]+$", text[max(0, start - 40) : start])
    return before is not None and before.group(1)[0].isupper()
