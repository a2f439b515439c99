"""Sieves of reported speech (stage one): a quote inside a clause that reports it, by the subject of
the verb it hangs from or the owner of the speech noun it is the content of.

Phenomena: `Trump mocked Rubio for "having a tough night"` (the governing verb's subject, speech
verb or not); past a pronoun that names no one ("make sure everything is ..."); reported questions
("questioning whether ..."); `Trump's claim that Obama "founded ISIS"`, "his promise to be
"neutral"", "the contention of Hillary Clinton that ..."; scare quotes under a verb that reports
nothing (`crossing a "red line"`: no statement)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..find import Span
from .article import Article
from .decision import SIEVE_CONFIDENCE, Attribution
from .lexicon import NON_REFERRING, SPEECH_NOUNS
from .speech_verbs import governors_of
from .syntax import phrase_of, subject_of
from .terms import GOVERNED_PHRASE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Token


#: The fewest words a quote needs to be a statement by the subject of a verb that is no speech verb.
GOVERNED_MIN_WORDS = 2


def by_governor(art: Article, span: Span) -> Attribution | None:
    """A quote inside reported speech belongs to the subject of the verb it hangs from, speech
    verb or not: `Trump mocked Rubio for "having a tough night"`; past a pronoun that names no
    one ("everything", "something", "they"), to the verb above it. A short noun phrase in marks
    under a verb that reports nothing ("crossing a "red line"") is a scare quote, not a statement."""
    words = art.doc.char_span(span.inner_start, span.inner_end, alignment_mode="expand")
    if words is None or len([t for t in words if t.is_alpha]) < GOVERNED_MIN_WORDS:
        return None
    phrase = len(words) < GOVERNED_PHRASE_WORDS and not any(t.pos_ in ("VERB", "AUX") for t in words)
    for verb in governors_of(art, span):
        if verb.pos_ not in ("VERB", "AUX") or _asked_about(verb):
            continue
        subject = subject_of(verb)
        if subject is None or art.quoted[subject.i] or subject.lower_ in NON_REFERRING:
            continue
        form, person, institution, at = art.speaker_of(subject)
        if form == "common" and subject.pos_ == "PRON":
            continue  # "make sure everything is "on the up and up"": no speaker; whoever is above says it
        if form == "common" or not (person or institution) or phrase and not _names_person(subject, form):
            return None
        sieve = form if form in ("pronoun", "description") else "governor"
        return Attribution(span, "", person, institution, phrase_of(subject), at, verb.text, sieve,
                           min(SIEVE_CONFIDENCE[sieve], SIEVE_CONFIDENCE["governor"]))
    return None


def _asked_about(verb: "Token") -> bool:
    """Whether a verb heads a reported question ("Roe is questioning whether Doe would have come
    "if it were held in a mosque""): its subject is who the question is about; the words are the
    asker's, further up."""
    return verb.dep_ in ("ccomp", "xcomp") and any(c.dep_ == "mark" and c.lower_ == "whether" for c in verb.children)


#: How the content of a speech noun hangs from it: "claim that ...", "warning: ...", "words of ...".
_CONTENT_DEPS = frozenset(("acl", "ccomp", "appos", "prep"))


def by_owner(art: Article, span: Span) -> Attribution | None:
    """A quote inside what a named person claimed, promised or called for ("Pence blamed the media
    for Trump's claim that Obama "founded ISIS"", "his promise to be "neutral"") is the owner's
    words, whoever the speech verb above reports: the noun names whose they are. One word in marks
    is enough, as the owner is explicit."""
    words = art.doc.char_span(span.inner_start, span.inner_end, alignment_mode="expand")
    if words is None:
        return None
    return _owned_speech(art, span, [words.root, *governors_of(art, span)])


def _owned_speech(art: Article, span: Span, governors: list["Token"]) -> Attribution | None:
    """A quote inside a speech noun with a named owner ("Donald Trump's accusation that Clinton is
    playing the "woman's card"") is the owner's, whoever is the subject of the clause in between;
    a quote that only qualifies the noun (Trump's "divisive" comments) is not what they said."""
    for below, noun in zip(governors, governors[1:]):
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in SPEECH_NOUNS or not _content_of(below):
            continue
        owner = _speech_owner(noun)
        if owner is None or art.quoted[owner.i]:
            return None
        form, person, _, at = art.speaker_of(owner)
        if owner.lower_ in _POSSESSIVE_PRONOUNS:
            form, person = "pronoun", art.antecedent(owner.idx, _POSSESSIVE_PRONOUNS[owner.lower_])
        if form not in ("proper", "pronoun") or not person:
            return None
        return Attribution(span, "", person, None, owner.text, at, noun.text, "governor", SIEVE_CONFIDENCE["governor"])
    return None


_POSSESSIVE_PRONOUNS = {"his": "m", "her": "f"}


def _content_of(below: "Token") -> bool:
    """Whether a word hangs from a speech noun as what was said: a clause ("claim that ..."), a
    preposition ("call for ...") but not "as", which is the verb's verdict on the noun ("dismissed
    Trump's remarks as "nonsense""), or an apposition set off by punctuation ("his warning: ...";
    without it the parser has run two phrases together)."""
    if below.dep_ == "prep":
        return below.lower_ != "as"
    if below.dep_ == "appos":
        first = below.left_edge.i
        return first > 0 and below.doc[first - 1].is_punct and below.doc[first - 1].text in ",:;—–-"
    return below.dep_ in _CONTENT_DEPS


def _speech_owner(noun: "Token") -> "Token | None":
    """Whose a speech noun is: a possessive name or pronoun ("Trump's claim", "his promise") or a
    name after "of" ("the contention of Hillary Clinton that ...")."""
    for child in noun.children:
        if child.dep_ == "poss" and (child.pos_ == "PROPN" or child.lower_ in _POSSESSIVE_PRONOUNS):
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "PROPN" and obj.ent_type_ == "PERSON":
                return obj
    return None


def _names_person(subject: "Token", form: str) -> bool:
    """Whether a subject is a person by name or pronoun ("Trump likened the refugees to a "vicious
    snake""), the speaker a short phrase in marks under any verb must have to be their words."""
    return form == "pronoun" or form == "proper" and subject.ent_type_ == "PERSON"
