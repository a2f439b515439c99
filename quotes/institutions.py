"""What an institution is: a name cut at its boundaries, never a generic noun, a party, a place or
a person.

Attribution and roles read an institution from a phrase ("the company said", "a prominent
Republican National Committee member", "Sen. Roe of Texas", "Clinton's Latino outreach"), and the
directory files every one it is given as an entry an editor will list. What is no entry:

- a generic noun with no name in it ("the newspaper said", "the editorial board", "the team"):
  the statement stays the institution's that the cascade could not name, with no entry;
- words around the name: adjectives before it, nouns after it ("prominent Republican National
  Committee" is the Republican National Committee, "nationalist Global Times tabloid" the Global
  Times);
- a party or its members named as such ("Republican", "Democrats", "GOP"): a side, not a body;
- a person: a name after an honorific ("President Obama"), a given name and a surname ("Hillary
  Clinton"), a person's possessive over one word ("Clinton's Latino"); but a person's body keeps its
  noun ("Trump campaign", "Obama administration");
- a place: a country or a US state (ISO 3166, from pycountry), a people named after one
  ("Mexican", "Chinese", "Americans"); a place after the name is cut off ("Rice University in
  Houston"). Other places the parse reads so for the institutions of roles (`speaker_roles._no_institution`).

Extraction keeps what the article says (`quotes extract --jsonl` still gives "Republican" for "a New
Hampshire Republican said"); `store` asks this before it makes an entry of it.
"""

from __future__ import annotations

import re
from functools import cache

from .attribution.full_names import GIVEN_NAMES
from .attribution.lexicon import INSTITUTION_NOUNS, ORG_WORDS
from .resolve import HONORIFICS, fold, institution_name

#: Parties and their members, in the forms news names them alone.
PARTIES = frozenset(
    """republican republicans democrat democrats democratic gop libertarian libertarians labour tory tories
    conservative conservatives liberal liberals green greens progressive progressives independent independents""".split()
)
_WORD = re.compile(r"\S+")
#: Words that point at a body the text named before, opening a sentence ("This group said"): no name.
_POINTING = frozenset("this that these those its their his her our".split())


def _named(word: str) -> bool:
    """A word of a name: capitalised, or a number ("Local 32BJ")."""
    return word[:1].isupper() or word[:1].isdigit()


def institution_named(phrase: str | None) -> str | None:
    """The institution `phrase` names, cut at its boundaries, or None where it names none."""
    if not phrase:
        return None
    words = _WORD.findall(institution_name(phrase))
    while words and (not _named(words[0]) or words[0].lower() in _POINTING):
        words = words[1:]
    whole = words
    while words and not _named(words[-1]):
        words = words[:-1]
    if not words:
        return None
    if len(words) == 1 and not words[0].isupper() and whole[len(words):] and whole[-1].lower() in INSTITUTION_NOUNS:
        words = whole  # "Trump campaign", "Obama administration": the noun is the body, the name whose
    name = _PLACE_AFTER.sub("", " ".join(words))
    if fold(name) in PARTIES or _a_person(words) or _PERSONS_THING.fullmatch(name) or _a_place(name):
        return None
    return institution_name(name)


#: A place after an institution's name: "Council on Foreign Relations in Washington".
_PLACE_AFTER = re.compile(r"(?<=\S)\s+in\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s*){1,3}$")
#: Names news gives places that ISO 3166 does not.
_MORE_PLACES = frozenset({"america", "britain", "great britain", "england", "scotland", "wales", "europe", "asia", "africa",
                          "russia", "u s", "usa", "u s a", "u k", "uk"})  # folded: "U.S." is "u s"
#: The endings of a people's name made from its country's: "Mexic-an", "Chin-ese", "Russi-ans".
_PEOPLE_ENDING = re.compile(r"(?:ians?|ans?|ese|ish|is?|s)$")


@cache
def _places() -> frozenset[str]:
    """Countries (every ISO 3166 name) and US states, folded."""
    import pycountry

    names = {getattr(c, attr) for c in pycountry.countries for attr in ("name", "common_name", "official_name")
             if hasattr(c, attr)}
    names |= {sub.name for sub in pycountry.subdivisions.get(country_code="US")}
    return frozenset(fold(name) for name in names) | _MORE_PLACES


def _a_place(name: str) -> bool:
    """A country, a US state, or one word naming a people after its country."""
    folded = fold(name)
    if folded in _places():
        return True
    stem = _PEOPLE_ENDING.sub("", folded)
    return " " not in folded and stem != folded and len(stem) >= 4 and any(place.startswith(stem[:5]) for place in _places()
                                                          if place[:1] == stem[:1])


#: A person's possessive over one word: "Clinton's Latino" (outreach), no body.
_PERSONS_THING = re.compile(r"[A-Z][\w-]*['’]s\s+[A-Z][\w-]*")


def _a_person(words: list[str]) -> bool:
    """A person's name, with no word of an organisation in it: an honorific before one or two words
    ("President Obama", "Mr. Yanukovych's former party", "New Hampshire Sen. Kelly Ayotte"; not
    "General Motors", "Justice Department"), or a given name and a surname ("Hillary Clinton")."""
    if ORG_WORDS.search(" ".join(words)) is not None or any(w.lower() in INSTITUTION_NOUNS for w in words):
        return False
    titled = [k for k, w in enumerate(words) if fold(w.rstrip(".")) in HONORIFICS]
    if titled and 1 <= len(words) - 1 - titled[-1] <= 2 and not words[titled[-1] + 1].isupper():
        return True
    return 2 <= len(words) <= 3 and fold(words[0]) in GIVEN_NAMES and all(w[:1].isupper() for w in words)
