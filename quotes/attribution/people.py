"""Who in the article is a person, a group or an institution, and which words are a person's name.

Phenomena: names the NER tags as organisations or places ("Marcus Hale told"), surnames it
tags as anything ("Okonkwo said", tagged ORG), full names it cuts to the surname ("Fergus
Mulligan said" with only Mulligan tagged), names of institutions it tags as people ("Xinhua, the
official news agency, wrote"), an organisation's short form ("Corvane said" after "Corvane
Energy"), brands ("HuffPollster"), groups ("the Clintons", "Aides say"), words before a name
that are no part of it (a headline's last word, "Tycoon Jon Roe"), courtesy titles ("Mrs.")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..find import Span
from ..resolve import HONORIFICS, TITLE_GENDER, People, fold, person_key, title_gender, written_as_name
from .lexicon import (
    HONORIFIC_BEFORE,
    INSTITUTION_LABELS,
    NAME_OPENERS,
    NAME_WORD,
    ORG_WORDS,
    PLACE_START,
    ROLE_NOUNS,
    STOPS,
    TITLE_NOUNS,
)
from .names import BRAND, SOLID_THE, before_speech_verb, could_be_name, describes_body, person_shaped
from .parse import ArticleParse
from .syntax import entity_of, word_count

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as TokenSpan


class ArticlePeople(ArticleParse):
    """Who in the article is a person, a group or an institution, and which words are their names."""

    def __init__(self, doc: "Doc", spans: Sequence[Span]):
        super().__init__(doc, spans)
        self.people = People()
        self.bodies = self._bodies()
        self.full_keys = {key for ent in self.ents if ent.label_ == "PERSON" and word_count(ent) > 1 if (key := person_key(ent.text))}
        for ent in self.ents:
            if ent.label_ in INSTITUTION_LABELS and person_shaped(ent, self.text) and not self.quoted[ent.start]:
                self.people.add(self.name_span(ent).text, ent.start_char)
        self._learn_split_names()
        in_names = self._person_words()
        self.bodies |= self._short_forms(in_names) | self._brands(in_names)

    def name_span(self, ent: "TokenSpan") -> "TokenSpan":
        """The words of an entity that are the person's name (`before_speech_verb`), without the
        words before it that are not (`_not_of_name`): a headline's last word across a line break
        ("It's All Your Fault\\nJon Roe apologised"), a label or epithet ("Tycoon Jon Roe")."""
        ent = before_speech_verb(ent)
        while len(ent) > 1 and self._not_of_name(ent[0], ent[1:]):
            ent = ent[1:]
        return ent

    def _not_of_name(self, word: "Token", rest: "TokenSpan") -> bool:
        """Whether the first word of a name is no part of it, the rest being the name: a line
        break after it; a word before a full name the article gives without it elsewhere, which is
        not a given name ("Tycoon Jon Roe" beside "Jon Roe"; not "Earl Ray Roe"); a noun the article
        writes with "the" or in lower case before the surname of another person it names in full
        ("unleashed Gorgon Roe", "the Gorgon", beside "Jon Roe": an epithet, not a namesake); a
        gerund opening a sentence ("Injecting Clinton into the race ...")."""
        if "\n" in self.text[word.idx : rest[0].idx + len(rest[0].text)]:
            return True
        if word.tag_ == "VBG" and fold(word.text) not in NAME_OPENERS:
            return True  # a gerund the NER took in: "Entrusting Donald Trump with the codes ..."
        if not word.text[:1].isupper() or len(word.text) < 2 or word.text.endswith(".") or not rest.text[:1].isupper():
            return False  # "Pierre de Vos", "Anwar al-Awlaki": the rest is no name without the first word
        if fold(word.text) in NAME_OPENERS:  # "Earl Ray Roe", "De Blasio"
            return False
        if word_count(rest) > 1:
            return person_key(rest.text) in self.full_keys
        if not any(key.rpartition(" ")[2] == fold(rest.text) for key in self.full_keys - {person_key(word.text + " " + rest.text)}):
            return False
        return self.common_word(word)

    def _bodies(self) -> set[str]:
        """Names the article shows to be an institution's, wherever they stand: the NER tags a
        one-word outlet or company as a person as often as not ("Xinhua wrote"), and a pronoun
        after it would then resolve to it. A name with a description set beside it whose head is
        an institution noun ("Xinhua, the official news agency,") is one (`describes_body`); the
        short forms of an organisation's name and brands are added once the people are known."""
        out = set()
        for tok in self.tokens:
            if tok.pos_ != "PROPN" or self.quoted[tok.i]:
                continue
            if any(describes_body(tok, c) for c in tok.children):
                out.add(self._name_at(tok))
        return out

    def _brands(self, in_names: set[str]) -> set[str]:
        """Words shaped like a brand (`BRAND`: "HuffPollster", "AZCentral"), which no person's
        name is, unless the article gives a person that name in full ("Jim VandeHei"; `in_names`
        is `_person_words`)."""
        out = set()
        for tok in self.tokens:
            if not self.quoted[tok.i] and BRAND.fullmatch(tok.text) and fold(tok.text) not in in_names:
                out.add(tok.text)
                if SOLID_THE.match(tok.text):  # "TheBlaze" is "The Blaze" too
                    out.add(tok.text[3:])
        return out

    def _short_forms(self, in_names: set[str]) -> set[str]:
        """The first word of an organisation's full name, which the article goes on to use alone
        ("Corvane Energy" ... "Corvane said", "the Pew Research Center" ... "Pew found"), as a
        bare surname stands for a person's full name. Not a word of a person's full name the
        article gives, tagged or learnt (`People`): with "Donald Trump" and "Trump University",
        "Trump said" is the man (`in_names` is `_person_words`)."""
        out = set()
        for ent in self.ents:
            words = ent[1:] if ent[0].lower_ == "the" else ent
            if ent.label_ != "ORG" or len(words) < 2 or not ORG_WORDS.search(words[1:].text):
                continue
            first = words[0]
            if first.pos_ == "PROPN" and NAME_WORD.fullmatch(first.text) and first.text not in PLACE_START \
                    and fold(first.text) not in in_names:
                out.add(first.text)
        return out

    def _name_at(self, tok: "Token") -> str:
        """The whole name a proper noun heads: its entity, or it with the proper nouns compounded on."""
        ent = entity_of(self.doc, tok)
        if ent is not None:
            return ent.text
        return self.compound_name(tok)[1]

    def compound_name(self, tok: "Token") -> tuple[list["Token"], str]:
        """The words of the name a token heads, the proper nouns compounded onto it and it ("Jon
        Roe" of "Roe"), and the text they cover."""
        words = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [tok]
        return words, self.text[words[0].idx : tok.idx + len(tok.text)]

    def proper_name(self, surface: str, at: int) -> tuple[str, str | None, str | None, int]:
        """(form, person, institution, offset) of capitalised words the NER left untagged: a person,
        unless an organisation word makes them an institution ("the Finnish Foreign Ministry said")
        and no person of that name is known."""
        full = self.resolve(surface, at)
        if full in (None, surface) and (ORG_WORDS.search(surface) or surface in self.bodies):
            return "institution", None, surface, at
        return "proper", full or surface, None, at

    def _person_words(self) -> set[str]:
        """The folded words of every person's name the article gives in full, tagged or learnt
        (`People`), and of every name after a courtesy title ("Mr. Trump")."""
        words = {fold(t.text) for ent in self.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}
        words.update(word for key in self.people.full for word in key.split())
        words.update(fold(tok.text) for title, tok in zip(self.tokens, self.tokens[1:])
                     if title.lower_.rstrip(".") in HONORIFICS)
        return words

    def _learn_split_names(self) -> None:
        """A full name the NER cut to its surname ("Fergus Mulligan said" with only Mulligan a
        PERSON, "Edmund Farrow grew up" untagged): a capitalised given name compounded onto a one-word
        name, no title and no word the article writes in lower case, makes the two a full name."""
        for tok in self.tokens:
            if tok.pos_ != "PROPN" or not tok.i or self.quoted[tok.i] or tok.ent_type_ in INSTITUTION_LABELS:
                continue
            if tok.ent_type_ == "PERSON":
                ent = entity_of(self.doc, tok)
                if ent is None or len(ent) != 1:
                    continue
            elif tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            given = self.doc[tok.i - 1]
            if given.dep_ != "compound" or given.head.i != tok.i or given.ent_type_ in INSTITUTION_LABELS:
                continue
            if given.ent_type_ and given.ent_iob_ == "B" and given.ent_type_ == "PERSON" or self.quoted[given.i]:
                continue  # a name the NER already has in full
            words = (given.text, tok.text)
            if not all(NAME_WORD.fullmatch(w) for w in words) or ORG_WORDS.search(" ".join(words)):
                continue
            title = {given.lower_, given.lower_.removesuffix("s")} & (HONORIFICS | TITLE_NOUNS)  # "Senators Rubio"
            if given.lower_ in self.lowercase or given.is_stop or title:  # "Meanwhile Rihanna said"
                continue
            self.people.add(self.text[given.idx : tok.idx + len(tok.text)], given.idx)

    def name_like(self, tok: "Token", words: list["Token"]) -> bool:
        """Whether an untagged proper-noun subject the article never names in full reads as a
        person's name rather than a body or a brand ("Congress", "Twitter", "DES MOINES"): mixed
        case, never written in lower case nor as the head of a phrase with "the" ("the Congress";
        "the Trump campaign" does not count) in the article, and no title in it."""
        if not tok.text[:1].isupper() or tok.text.isupper():
            return False
        if any(fold(w.text) in HONORIFICS for w in words) or not written_as_name(self.text[words[0].idx : tok.idx + len(tok.text)]):
            return False
        return not self.common_word(tok)

    def common_word(self, tok: "Token") -> bool:
        """Whether the article writes a word as a common noun: in lower case, or as the head of a
        phrase with "the" ("the Congress", "the Gorgon"; "the Trump campaign" does not count)."""
        return tok.lower_ in self.lowercase or any(
            t.text == tok.text and t.dep_ != "compound" and any(c.lower_ == "the" for c in t.lefts) for t in self.tokens)

    def common_plural(self, ent: "TokenSpan") -> bool:
        """An entity that is one plural common noun, no organisation's name: the recogniser tags
        "Farmers said", "Economists warn" at a sentence's start as an organisation. A surname the
        tagger takes for a plural ("Sanders", of someone the article names in full) stays a name."""
        return len(ent) == 1 and ent[0].tag_ == "NNS" and ent.label_ != "PERSON" and not self.known_surname(ent[0])

    def is_person(self, ent: "TokenSpan") -> bool:
        """A person's name: the NER's PERSON, a name it filed as an organisation or place, or the
        bare surname of a person named in full ("Okonkwo said", "Okonkwo's been saying", tagged ORG).
        Not a name the article shows to be an institution's (`bodies`), whatever the NER says."""
        if ent.text in self.bodies or len(ent) == 1 and not could_be_name(ent[0]):
            return False
        if ent.label_ == "PERSON":
            return True
        if ent.label_ not in INSTITUTION_LABELS:
            return False
        if person_shaped(ent, self.text):
            return True
        return word_count(ent) == 1 and ent.text[:1].isupper() and person_key(ent.text) in self.people.by_surname \
            and self.resolve(ent.text, ent.start_char) is not None

    def group(self, tok: "Token") -> bool:
        """Whether a one-word name the NER calls a person, or leaves untagged, names a group: a
        plural the article writes in the singular too ("the Clintons" beside "Clinton", "Latinos"
        beside "Latino voters"), or the subject of a plural verb ("Politicos call this", "Aides
        say"). Not the tagger's plural alone: it tags a bare "Sanders" so. Never the surname of
        a person the article names in full, nor a name the NER files as an organisation or people
        ("Democrats said" speaks for the party). A plural role noun is a group, whatever the NER
        says ("Aides said")."""
        if not tok.text.endswith("s") or not tok.text[:1].isupper() or fold(tok.text) in self.people.by_surname:
            return False
        if tok.lower_ in ROLE_NOUNS:  # "Aides said", "Officials warned" opening a sentence: unnamed people
            return True
        if tok.ent_type_ in INSTITUTION_LABELS:
            return False
        if tok.text[:-1] in self.words:
            return True
        if tok.dep_ != "nsubj" or any(c.dep_ == "conj" for c in tok.children):
            return False
        verb = tok.head
        return verb.tag_ == "VBP" or any(c.dep_ == "aux" and c.tag_ == "VBP" for c in verb.children)

    def resolve(self, surface: str, at: int) -> str | None:
        """The full name a mention at `at` stands for (`People.resolve`), told by the courtesy title
        before it, if any, which of a family sharing the surname it is ("Mrs. Clinton")."""
        return self.people.resolve(surface, at, self.title(surface, at))

    def title(self, surface: str, at: int) -> str | None:
        """The gender a courtesy title on a mention at `at` states, before it or in it ("Mrs.")."""
        before = HONORIFIC_BEFORE.search(self.text[max(0, at - 5) : at])
        return TITLE_GENDER[before.group(1).lower()] if before else title_gender(surface)

    def unknown_capitalised(self, token: "Token") -> bool:
        """A capitalised noun with no determiner that the article never writes in lower case, and
        not a plural capitalised only for opening a sentence ("Diplomats described"), is a name the tagger
        took for a common noun (`"...," Sanders remarked`)."""
        if token.pos_ != "NOUN" or not token.text[:1].isupper() or token.lower_ in self.lowercase:
            return False
        opens = token.is_sent_start or token.i and (self.doc[token.i - 1].is_space or self.doc[token.i - 1].text in STOPS)
        return (token.tag_ == "NN" or not opens) and not any(t.dep_ in ("det", "poss") for t in token.lefts)

    def known_surname(self, token: "Token") -> bool:
        """A capitalised word with no determiner that is the surname of someone the article named
        in full ("Swers said", tagged a plural noun): the tagger's guess does not outweigh the name."""
        if not token.text[:1].isupper() or any(t.dep_ in ("det", "poss") for t in token.lefts):
            return False
        return person_key(token.text) in self.people.by_surname and self.resolve(token.text, token.idx) is not None
