"""Who is a person: a speaker the article names by one word only is a person on evidence, never on
the word alone.

After the cascade, and after `full_names.completed` has given every one-word speaker it could its
full name, what is left as one word is an outlet ("Politico reveals", "Forbes says"), a company
("Pfizer called on"), a platform ("On Twitter, she responded"), a title ("Justice vows", "Trump's
potential VP"), a headline's noun, or a person the article names by one word ("the base chief known
as Bob", "Ms. Gao", "Band member Flea"). The word is a person where the article vouches for it:

- a courtesy title or a title before it somewhere ("Ms. Gao", "Judge Berman", "President Obama");
- a given name the lexicon knows ("Bob", "Melanie"), or one written before it ("Rachel Maddow");
- a role set after it ("Husted, Ohio Secretary of State").

It is no person where nothing vouches for it and something says otherwise: it is itself a title
or an honorific; the NER reads it alone as an organisation, a product, a work, a place or a group;
a noun of media or business stands before it ("the gossip site Gawker", "Pharmaceutical giant
Pfizer"); a web address follows it ("Gawker.com"); or, where nothing else tells (the NER reads no
person in it either), no one is called so: it is no surname of the census ("As Vulture put it",
"Mashable announced"). Then the statement keeps no speaker; where the word itself was the mention
(not a pronoun standing for it) and it is a body (an outlet, a company), it is kept as the
institution that spoke ("Politico reveals", "Pfizer called on"). A speaker of
several words is an organisation, and kept as the institution that spoke, where a word of one is in
it and nothing of a person's: no given name first, no person the NER reads ("United Auto Workers").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from ..resolve import TITLE_WORDS, fold, person_key
from .decision import Attribution
from .full_names import GIVEN_NAMES, written_inside
from .lexicon import INSTITUTION_NOUNS, ORG_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: The NER's labels for what is no person.
NOT_PERSON_LABELS = frozenset("ORG PRODUCT WORK_OF_ART GPE NORP FAC LOC EVENT LAW".split())
#: Nouns of media and business set before a name: what follows is an outlet, a product or a firm.
_MEDIUM = (
    r"site|website|blog|magazine|newspaper|paper|outlet|network|channel|podcast|app|platform|"
    r"service|company|firm|giant|maker|brand|publication|tabloid|studio"
)
#: What is published in an outlet ("a new article in Politico").
_PIECES = r"article|story|report|piece|op-ed|column|editorial|interview|essay|review"
#: Verbs of writing on a platform ("wrote on Twitter").
_WRITING = r"wrote|writes|posted|posts|said|says|tweeted|shared|announced|responded|replied|reported"


def _vouched(word: str, doc: "Doc", text: str) -> bool:
    """Whether the article says `word` names a person: a given name, one before it ("Rachel
    Maddow", which `full_names` leaves where it is part of a show's name), a title before it ("Ms. Gao",
    "Reps. Cummings") where the two are no organisation's name ("General Electric"), or a role set
    after it as an apposition ("Husted, Ohio Secretary of State"; not "Patriot, Mr. Clarke's firm",
    where the courtesy title begins someone else's name)."""
    if fold(word) in GIVEN_NAMES:
        return True
    escaped = re.escape(word)
    organisations = {ent.text for ent in doc.ents if ent.label_ in NOT_PERSON_LABELS}
    for m in re.finditer(rf"([\w.]+)\s+{escaped}\b", text):
        before = fold(m.group(1).rstrip("."))
        if m.group(1)[:1].isupper() and before in GIVEN_NAMES:  # "Rachel Maddow", even in "The Rachel Maddow Show"
            return True
        if (before in TITLE_WORDS or before.rstrip("s") in TITLE_WORDS) and m.group(0) not in organisations:
            return True
    for m in re.finditer(rf"\b{escaped},\s+((?:[\w’'-]+\s+){{0,3}}[\w’'-]+)", text):
        for w in m.group(1).split():
            if fold(w) in _COURTESY:
                break
            if fold(w) in TITLE_WORDS and fold(w) not in _MODIFIERS:
                return True
    return False


#: Courtesy titles: set after a comma, they begin another person's name, not an apposition.
_COURTESY = frozenset("mr mrs ms miss mx dr sir dame lord lady".split())
#: Words of titles that alone say nothing of a person ("first", as in "which first came to").
_MODIFIERS = frozenset("first united national state federal royal grand high".split())


def _read_as_person(word: str, doc: "Doc") -> bool:
    """Whether the NER reads `word` as a person anywhere in the article."""
    return any(ent.label_ == "PERSON" and ent.text in (word, word + "'s", word + "’s") for ent in doc.ents)


def _ner_label(word: str, doc: "Doc") -> str | None:
    """The label the NER gives `word` read alone as an entity, where it never reads it as a person."""
    labels = {ent.label_ for ent in doc.ents if ent.text in (word, word + "'s", word + "’s")}
    return None if "PERSON" in labels else next(iter(sorted(labels & NOT_PERSON_LABELS)), None)


def _no_name(word: str) -> bool:
    """A title, an honorific or an acronym ("Justice", "VP") is no one's name, nor is a month or a
    weekday that is no given name ("July", "Tuesday"; not "June")."""
    return fold(word) in TITLE_WORDS or (word.isupper() and len(word) <= 4) or fold(word) in _CALENDAR


#: Months and weekdays (the calendar module's English names) that no one is called by.
_CALENDAR = frozenset(fold(name) for name in (*calendar.month_name, *calendar.day_name) if name) - GIVEN_NAMES


def _denied(word: str, doc: "Doc", text: str) -> str | None:
    """What in the article says `word` is no person, if anything does: "platform", one writes on
    ("On Twitter, she ...", "another Twitter user"); "body", the NER, a noun of media or business
    before it, a web address, an outlet one publishes in ("an article in Politico"); "noun", a
    capital it has only where a sentence opens, beside the word in lower case ("Weeds, crabgrass")."""
    escaped = re.escape(word)
    if re.search(rf"(?:^|\n|[.!?]\s+)On\s+{escaped},|\b(?:{_WRITING})\s+(?:\w+\s+)?on\s+{escaped}\b", text):
        return "platform"
    if re.search(rf"\b{escaped}\s+(?:user|users|account|feed|handle)\b", text):
        return "platform"
    if _ner_label(word, doc) is not None:
        return "body"
    if re.search(rf"\b(?:{_MEDIUM})\s+{escaped}\b|\b{escaped}\.com\b", text, re.IGNORECASE):
        return "body"
    if re.search(rf"\b(?:{_PIECES})\s+(?:in|on)\s+{escaped}\b", text):
        return "body"
    if fold(word) not in written_inside(text) and re.search(rf"\b{escaped.lower()}\b", text):
        return "noun"
    return None


@cache
def _surnames() -> frozenset[str]:
    """The surnames of the 1990 US Census (88,799, borne by 90% of the people it counted; the data
    of the `names` package), in lower case and without apostrophes ("odonnell")."""
    from importlib.resources import files

    text = files("names").joinpath("dist.all.last").read_text(encoding="ascii")
    return frozenset(line.split(maxsplit=1)[0].lower() for line in text.splitlines() if line.strip())


def known_surname(word: str) -> bool:
    """Whether people are called `word` (or each part of "Reed-Veal"): a census surname. Words of
    other lands' names are missing from it ("Obama", "Lindqvist"), so it decides only where nothing
    in the article vouches for the word, denies it, or reads a person in it: "Vulture" is no one's."""
    surnames, parts = _surnames(), fold(word).split()  # fold spaces "O’Donnell" and "Reed-Veal"
    return bool(parts) and ("".join(parts) in surnames or all(part in surnames for part in parts))


def _an_organisation(name: str, doc: "Doc") -> bool:
    """Whether a speaker of several words is an organisation's name: a word of one in it ("Russian
    Network RT", "United Auto Workers", "Team Trump"), and nothing of a person's (no given name
    first, no person the NER reads in it)."""
    words = name.split()
    if fold(words[0]) in GIVEN_NAMES:
        return False
    if ORG_WORDS.search(name) is None and not any(w.lower() in _BODY_WORDS for w in words if w[:1].isupper()):
        return False
    return not any(ent.label_ == "PERSON" and ent.text == name for ent in doc.ents)


#: Capitalised words that make a name an organisation's, beside ORG_WORDS: bodies and their members.
_BODY_WORDS = INSTITUTION_NOUNS | frozenset("workers steelworkers teamsters employees".split())


def no_person(word: str, doc: "Doc", text: str) -> str | None:
    """Why the one word `word` names no person in this article, or None where it may (see the
    module): "title", "platform", "body", "noun" or "unknown" (no one is called so)."""
    if _no_name(word):
        return "title"
    if _vouched(word, doc, text):
        return None
    if denied := _denied(word, doc, text):
        return denied
    # the NER's "person" on one word is no evidence either way (it reads "Politico" so), and a name
    # from beyond the census may be one ("Lindqvist said"): the census tells only where it is silent
    return None if _read_as_person(word, doc) or known_surname(word) else "unknown"


def persons_only(attributions: list[Attribution], doc: "Doc", text: str) -> list[Attribution]:
    """The attributions with each one-word speaker that is no person taken off (see the module):
    an outlet or a company that spoke in its own name stays as the institution that spoke, and so
    does an organisation named by several words."""
    out = []
    for attr in attributions:
        words = person_key(attr.speaker).split() if attr.speaker else []
        if len(words) > 1 and attr.speaker is not None and _an_organisation(attr.speaker, doc):
            attr = replace(attr, speaker=None, institution=attr.speaker)
        if len(words) == 1 and attr.speaker is not None:
            word = attr.speaker.split()[-1]
            denied = no_person(word, doc, text)
            if denied is not None:
                # a word no one is called by, the subject itself ("As Vulture put it"): a body that spoke
                spoke = denied in ("body", "unknown") and attr.mention is not None and word in attr.mention
                # as written, with a title word that is part of the name ("General Electric" says)
                attr = replace(attr, speaker=None, institution=attr.speaker if spoke else attr.institution)
        out.append(attr)
    return out
