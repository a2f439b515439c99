"""The article as the sieves read it, and stage two of attribution, mention -> speaker: what a
subject token or a speaker phrase names.

Phenomena: a name (resolved to the full name the article gives), a pronoun (its antecedent), a
definite description ("the senator": the person it points back to), an institution ("the
campaign", "a Pentagon statement", "a spokesman for the Kremlin", "Cruz's campaign"), a person's
writing ("Roe's email notes"), a name set beside a description ("a spokesman, John Smith,"), an
unnamed source ("an aide", "the person": no one)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import (
    AUTHORED_DOCUMENTS,
    INSTITUTION_LABELS,
    INSTITUTION_NOUNS,
    ISSUED_FINDINGS,
    ISSUED_VOICES,
    NOT_SPEAKERS,
    OWNED_VOICES,
    PERSON_PRONOUNS,
    ROLE_NOUNS,
)
from .mentions import ArticleMentions, noun_gender
from .names import could_be_name
from .syntax import entity_of, set_off

if TYPE_CHECKING:
    from spacy.tokens import Span as TokenSpan
    from spacy.tokens import Token


class Article(ArticleMentions):
    """The article as the sieves read it: what a subject or a speaker phrase names (stage two,
    mention -> speaker)."""

    def speaker_of(self, token: "Token") -> tuple[str, str | None, str | None, int]:
        """What a subject token names: (form, person, institution, offset of the mention)."""
        if self.group(token):  # "Aides say", "Politicos call this": no one we can name
            return "common", None, None, token.idx
        ent = entity_of(self.doc, token)
        if ent is not None and self.common_plural(ent):
            ent = None  # "Farmers said", "Economists warn"
        if ent is None or ent.label_ not in INSTITUTION_LABELS | {"PERSON"}:  # "One of its executives"
            ent = self.appositive(token) or ent
        elif not self.is_person(ent) and (named := self.appositive(token)) is not None and self.is_person(named):
            ent = named  # "Institute for Fiscal Research economist Mark Olsen said": he speaks
        if ent is not None and self.is_person(ent):
            ent = self.name_span(ent)
            return "proper", self.resolve(ent.text, ent.start_char) or ent.text, None, ent.start_char
        if ent is not None and (ent.label_ in INSTITUTION_LABELS or ent.text in self.bodies):
            return "institution", None, ent.text, ent.start_char
        lower = token.lower_
        if lower in PERSON_PRONOUNS:
            return "pronoun", self.antecedent(token.idx, PERSON_PRONOUNS[lower]), None, token.idx
        if not could_be_name(token):  # "the daily wrote", "Source familiar with the ad says"
            return self.describe(token)
        if token.pos_ == "PROPN" or self.unknown_capitalised(token) or self.known_surname(token):
            words, surface = self.compound_name(token)
            return self.proper_name(surface, words[0].idx)
        return self.describe(token)

    def appositive(self, token: "Token") -> "TokenSpan | None":
        """The name set beside a described subject, which is who speaks: "a spokesman, John Smith,
        said", "the bank's parent, the Royal Bank of Scotland Group, said". Of several names set
        beside it that the parser took for conjuncts ("biographers, Jane and Jon Roe,"), the fullest."""
        for child in token.children:
            if child.dep_ == "appos":
                named = self._named(child)
                if named is not None:
                    return named
            elif child.dep_ == "conj" and set_off(token, child):
                conjuncts = [child] + [t for t in child.subtree if t.dep_ == "conj" and t.i > child.i]
                named_all = [n for n in map(self._named, conjuncts) if n is not None]
                if named_all:
                    return max(named_all, key=len)
        return None

    def _named(self, token: "Token") -> "TokenSpan | None":
        """The person's or organisation's name a token is part of, if any."""
        named = entity_of(self.doc, token)
        return named if named is not None and (named.label_ in ("PERSON", "ORG") or self.is_person(named)) else None

    def describe(self, noun: "Token") -> tuple[str, str | None, str | None, int]:
        """A common-noun speaker: "the campaign" is an institution, "the senator" the latest
        compatible named person (a definite description points back), "an aide" no one we know."""
        issuer = self.issuer(noun)
        if issuer is not None:  # "a Pentagon statement", "a spokesman for the Kremlin": the institution speaks
            return "institution", None, issuer.text, issuer.start_char
        author = self.author(noun)
        if author is not None:
            return self.speaker_of(author)
        owner = next((t for t in noun.lefts if t.dep_ == "poss" and t.pos_ == "PROPN"), None)
        if owner is not None and noun.pos_ == "NOUN" and noun.lower_ in INSTITUTION_NOUNS | OWNED_VOICES:
            first = owner.left_edge.idx  # "Cruz's campaign", "Lazar's defense counsel": speaks for Cruz, Lazar
            return "institution", None, self.text[first : noun.idx + len(noun.text)], first
        dets = [t.lower_ for t in noun.lefts if t.dep_ in ("det", "poss")]
        if noun.pos_ == "NOUN" and noun.lower_ in ROLE_NOUNS:
            # "a Coca-Cola spokesman", "an official of the ministry"; "the RNC member" too: the
            # organisation is surer than a guess at which named person the description points back to
            employer = self.employer(noun)
            if employer is not None:
                return "institution", None, employer.text, employer.start_char
        if noun.pos_ != "NOUN" or noun.tag_ != "NN" or dets[:1] not in (["the"], ["this"]):
            return "common", None, None, noun.idx
        lower = noun.lower_
        if lower in INSTITUTION_NOUNS:
            first = min([t.idx for t in noun.lefts] + [noun.idx])
            return "institution", None, self.text[first : noun.idx + len(noun.text)], first
        if lower in NOT_SPEAKERS:
            return "common", None, None, noun.idx
        return "description", self.antecedent(noun.idx, noun_gender(lower)), None, noun.idx

    def author(self, noun: "Token") -> "Token | None":
        """The person whose writing speaks for them, named as its owner or before it: "Roe's
        email to her donors notes", "the Roe ad claims" quote Roe as surely as "Roe wrote"
        would. Only a person's name: "the Pentagon statement" is the institution's (`issuer`)."""
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in AUTHORED_DOCUMENTS:
            return None
        for tok in noun.lefts:
            if tok.dep_ not in ("poss", "compound") or self.quoted[tok.i]:
                continue
            ent = entity_of(self.doc, tok)
            if ent is not None and self.is_person(ent) or ent is None and self.known_surname(tok):
                return tok
        return None

    def employer(self, noun: "Token") -> "TokenSpan | None":
        """The organisation an unnamed spokesperson or official speaks for: a name before the
        noun ("a Dow spokeswoman", "White House officials", "a Clinton campaign aide") or after
        it ("a spokesman for the ministry", "an official at Acme")."""
        before = [t for t in noun.lefts if t.dep_ in ("compound", "amod", "nmod")]
        if before:
            first = min(t.left_edge.i for t in before)
            words = self.doc[first : noun.i]
            if any(t.ent_type_ in INSTITUTION_LABELS | {"PERSON"} or t.pos_ == "PROPN" for t in words):
                return words
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at", "with", "inside", "from"):
                for obj in prep.children:
                    ent = entity_of(self.doc, obj) if obj.dep_ == "pobj" else None
                    if ent is not None and ent.label_ in INSTITUTION_LABELS | {"PERSON"}:
                        return ent
        return None

    def issuer(self, noun: "Token") -> "TokenSpan | None":
        """The institution a statement, a spokesperson or a study speaks for, named in the noun
        phrase: "a Pentagon statement", "a statement from the Defence Ministry", "a spokesman for the
        Kremlin", "a study by the Institute for Statecraft"."""
        if noun.pos_ != "NOUN" or noun.lower_ not in ISSUED_VOICES | ISSUED_FINDINGS:
            return None
        names = [t for t in noun.lefts if t.dep_ == "compound"]
        names += [g for t in noun.rights if t.dep_ == "prep" and t.lower_ in ("for", "from", "of", "at", "by")
                  for g in t.children if g.dep_ == "pobj"]
        for tok in names:
            ent = entity_of(self.doc, tok)
            if ent is not None and ent.label_ in INSTITUTION_LABELS and not self.is_person(ent):
                return ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
        return None

    def named_in(self, lo: int, hi: int, last: bool = False) -> tuple[str | None, str | None, int | None]:
        """The person (or else institution) the NER finds in text[lo:hi]."""
        found: list[tuple[str | None, str | None, int]] = []
        for ent in self.ents:
            if ent.start_char >= lo and ent.end_char <= hi and not self.quoted[ent.start]:
                if self.is_person(ent):
                    found.append((self.resolve(ent.text, ent.start_char) or ent.text, None, ent.start_char))
                elif ent.label_ in ("ORG",) or ent.text in self.bodies:
                    found.append((None, ent.text, ent.start_char))
        people = [f for f in found if f[0]]
        pick = people or found
        if not pick:
            return None, None, None
        return pick[-1] if last else pick[0]
