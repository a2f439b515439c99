"""The shapes of names, read off the words alone: a person's name ("Cecile Richards"), one the NER
filed as an organisation, a brand ("HuffPollster"), a name the NER ran into its verb in a
headline ("Jane Roe Explains Why"), a run of titles ending in a name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..resolve import HONORIFICS, fold
from .lexicon import BODY_NOUNS, NAME_WORD, NO_NAMES, ORG_WORDS, PLACE_START, SPEECH_VERB_FORMS

if TYPE_CHECKING:
    from spacy.tokens import Span as TokenSpan
    from spacy.tokens import Token


def before_speech_verb(ent: "TokenSpan") -> "TokenSpan":
    """A name cut before the speech verb the NER ran it into, in a headline where every word is
    capitalised ("Jane Roe Explains Why ..." tagged whole as a person): a name has no verb in it."""
    for k in range(1, len(ent)):
        if ent[k].text[:1].isupper() and verb_of_name(ent[k], ent[:k]):
            return ent[:k]
    return ent


def verb_of_name(tok: "Token", name: "TokenSpan") -> bool:
    """Whether a word after a name in title case is its verb, not more of the name: a speech
    verb's inflected form, or the word the parser makes the name the subject of ("Jane Roe
    Thanked Jon Doe For ...", which the NER tags whole as a person)."""
    return tok.lower_ in SPEECH_VERB_FORMS or tok.lower_.endswith(("ed", "s")) and any(
        t.dep_ == "nsubj" and t.head.i == tok.i for t in name)


def could_be_name(tok: "Token") -> bool:
    """Whether a word could be a one-word name at all: not in lower case ("the daily wrote",
    tagged a proper noun), not a participle opening its sentence ("Conceding that ...", which the
    NER may call a person), not a noun for an unnamed source or a body capitalised to open a
    sentence or a headline ("Source familiar with the ad says")."""
    if not tok.text[:1].isupper():
        return False
    if tok.tag_ == "VBG":  # not every word in -ing: "King says"
        return False
    return tok.pos_ != "NOUN" or tok.lower_ not in NO_NAMES


def describes_body(name: "Token", appos: "Token") -> bool:
    """Whether an appositive describes the name it is set beside as an institution ("Xinhua, the
    official news agency,"): a singular institution noun for head, starting right after the name's
    comma; the parser hangs a later phrase's appositive on a name too ("Gore was anchoring from
    Current TV, the liberal television network" makes Gore the network)."""
    if appos.dep_ != "appos" or appos.tag_ != "NN" or appos.lower_ not in BODY_NOUNS:
        return False
    doc = name.doc
    return name.i + 2 < len(doc) and doc[name.i + 1].text == "," and appos.left_edge.i == name.i + 2


def untagged_name(tok: "Token") -> bool:
    """Whether a proper noun may be a person's name the NER missed: it is in no entity, or is a
    one-word organisation that reads like a surname ("Humphrey said"), not like an organisation
    or a people ("Democrats")."""
    if tok.tag_ == "NNPS":
        return False
    if not tok.ent_type_:
        return True
    alone = tok.ent_iob_ == "B" and (tok.i + 1 == len(tok.doc) or tok.doc[tok.i + 1].ent_iob_ != "I")
    return tok.ent_type_ == "ORG" and alone and tok.text.istitle() and not ORG_WORDS.search(tok.text)


#: A brand's shape: a capital inside a word after a small letter ("HuffPollster", "PolitiFact") or
#: after two capitals ("AZCentral"), but not after a surname's prefix ("McCain", "DeSantis",
#: "MacArthur", "LaHood", "DiCaprio", "VanDyke"; "O'Neill" has no capital after a small letter).
BRAND = re.compile(r"(?!(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz)[A-Z])[A-Z][A-Za-z]*(?:[a-z][A-Z]|[A-Z]{2}[a-z])[A-Za-z]*")


#: A brand written solid with its article: "TheBlaze".
SOLID_THE = re.compile(r"The[A-Z][a-z]")


_ROLE_AFTER = re.compile(r",\s+(?:(?:a|an|the)\s+)?[a-z]")


def name_shaped(text: str) -> bool:
    """Two or three name-like words and no organisation word: "Cecile Richards"."""
    words = text.split()
    return 2 <= len(words) <= 3 and all(NAME_WORD.fullmatch(w) for w in words) and not ORG_WORDS.search(text)


def person_shaped(ent: "TokenSpan", text: str) -> bool:
    """Whether an entity the NER files as an organisation or place reads as a person's name: two
    or three name-like words ("Marcus Hale told reporters"), or any such name followed by a role
    ("Amara Okafor, director of ..."), with no organisation word in it."""
    words = ent.text.split()
    if not 2 <= len(words) <= 3 or not all(NAME_WORD.fullmatch(w) for w in words) or ORG_WORDS.search(ent.text):
        return False
    if words[0] in PLACE_START:  # "New Hampshire, a swing state,"
        return False
    return ent.label_ == "ORG" or bool(_ROLE_AFTER.match(text, ent.end_char))


def trailing_name(head: list["Token"]) -> list["Token"]:
    """The two or three name-like proper nouns that end a speaker phrase, before any parenthesis,
    where the NER tagged none of them: the person a run of titles leads to."""
    cut = next((i for i, t in enumerate(head) if t.text == "("), len(head))
    run: list["Token"] = []
    for tok in reversed(head[:cut]):
        if tok.pos_ != "PROPN" or tok.ent_type_ or not NAME_WORD.fullmatch(tok.text):
            break
        run.insert(0, tok)
    return run if 2 <= len(run) <= 3 and fold(run[0].text) not in HONORIFICS else []
