"""Sieves of verbless frames (stage one): a speaker named without a speech verb.

Phenomena: "For X,", "According to X,", "In the words of X,"; `X:` before the quote, the clause's
subject, not the person addressed ("Roe sent a warning to Doe:"); a dash and a signature before a
colon ("Pollsters agree - Carl Bialik:") or after the quote (`"..." - Tobias Wren, treasurer`); the
subject of the clause a quote ends after a comma; a colon at the end of the sentence before; the
source a sentence cites for words no one else in it said (`"about $12 an hour," according to
calculations by Jane Roe`), but not over someone who said them (`Roe said "...", according to the
Courier` stays Roe's)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..find import Span
from .after_quote import phrase_speaker
from .article import Article
from .decision import SIEVE_CONFIDENCE, Attribution, restated
from .lexicon import CUE_LEMMAS, INSTITUTION_LABELS, NAME_WORD, NON_REFERRING, ORG_WORDS, REPORTED_DOCUMENTS, STOPS
from .speech_verbs import by_cue
from .syntax import according_to, entity_of, phrase_of, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Span as TokenSpan
    from spacy.tokens import Token


#: The words that open a verbless frame before a comma: "For X,", "According to X,", "In the words of X,".
_FRAME_OPENERS = re.compile(
    r"^\s*(?:(?:and|but|yet|so|meanwhile|still|however)\s*,?\s*)?(?:for|according to|in the words of|in|to|as|per|says?|said)\b",
    re.I,
)


def by_frame(art: Article, sents: list["TokenSpan"], span: Span) -> Attribution | None:
    if not sents:
        return None
    lo = sents[0].start_char
    prefix = art.text[lo : span.start]
    stripped = prefix.rstrip()
    if stripped.endswith(":") and not art.quoted[max(0, sents[0].start)]:
        signed = _SIGNED_COLON.search(stripped)
        if signed:  # `Pollsters agree - Carl Bialik: "..."`: the name after the dash, not the clause
            name = signed.group(1)
            at = lo + signed.start(1)
            person, inst, _ = art.named_in(at, at + len(name))
            inst = inst or (name if name in art.bodies else None)
            return Attribution(span, "", person or (None if inst else name), inst, name, at, ":", "frame",
                               SIEVE_CONFIDENCE["frame"])
        by_subject = by_root_subject(art, sents[0], span, ":", "frame", ran_on=True)
        if by_subject:
            return by_subject
        person, inst, at = art.named_in(lo, span.start, last=True)
        if person or inst:
            return Attribution(span, "", person, inst, None, at, ":", "frame", SIEVE_CONFIDENCE["frame"])
    if stripped.endswith(",") and _FRAME_OPENERS.match(prefix):
        person, inst, at = art.named_in(lo, span.start)
        if not person:
            person, at = _frame_name(art, lo + _FRAME_OPENERS.match(prefix).end(), span.start) or (None, at)
            inst = None if person else inst
        if person or inst:
            cue = _FRAME_OPENERS.match(prefix).group().strip()
            return Attribution(span, "", person, inst, None, at, cue, "frame", SIEVE_CONFIDENCE["frame"])
    if stripped.endswith(","):  # "Clinton shared her anxiety with an audience, "..."": the clause's subject
        by_subject = by_root_subject(art, sents[0], span, ",", "frame")
        if by_subject:
            return by_subject
    after = _SIGN_OFF.match(art.text, span.end, span.end + 12)
    if after:  # `"..." - Tobias Wren, treasurer of ...`: a name right after the dash
        hi = art.text.find("\n", after.end())  # the dash may open a paragraph of its own
        hi = len(art.text) if hi < 0 else hi
        first = art.token_at(after.end())
        words = [tok for tok in art.doc[first : first + 14] if tok.idx < hi]
        found = phrase_speaker(art, words[: next((i for i, t in enumerate(words) if t.text in STOPS), len(words))])
        if found and found[0] == "proper" and found[3] == words[0].idx:
            return Attribution(span, "", found[1], None, found[4], found[3], "—", "frame", SIEVE_CONFIDENCE["frame"])
    return None


#: A name right after a frame's opener, before the comma or the "of"/"at" that gives the role.
_FRAME_NAME = re.compile(r"\s*((?:[A-Z][\w’'-]*\.?\s+){0,2}[A-Z][\w’'-]*)\s*(?:,|\s(?:of|at|from)\s)")


def _frame_name(art: Article, lo: int, hi: int) -> tuple[str, int] | None:
    """The person a frame names whom the NER does not tag as one ("For Annika Strand, "...""): the
    capitalised words right after the opener, a full name or the surname of one the article gave,
    neither an institution the NER knows nor a name with an organisation word."""
    found = _FRAME_NAME.match(art.text, lo, hi)
    if not found:
        return None
    name, at = found.group(1), found.start(1)
    start, end = art.token_at(at), art.token_at(found.end(1))
    if any(art.quoted[i] or art.doc[i].ent_type_ in INSTITUTION_LABELS and not art.is_person(entity_of(art.doc, art.doc[i]))
           for i in range(start, end)) or ORG_WORDS.search(name):
        return None
    full = art.resolve(name, at)
    if full is None and len(name.split()) >= 2 and all(NAME_WORD.fullmatch(w) for w in name.split()):
        art.people.add(name, at)
        full = art.resolve(name, at)
    return (full, at) if full else None


#: A headline or clause, a dash, then a capitalised name and the colon that opens a quote.
_SIGNED_COLON = re.compile(r"\s[—–-]+\s*((?:[A-Z][\w.’'-]*\s?){1,4}):$")


#: A dash after a quote, on its line or opening the next one, before the name that signs it.
_SIGN_OFF = re.compile(r"[ \t\xa0,.]*(?:\n[\s]*)?[—–-]+[ \t\xa0]*")


def by_root_subject(art: Article, sent: "TokenSpan", span: Span, cue: str, sieve: str,
                     ran_on: bool = False) -> Attribution | None:
    """The speaker a sentence is about: the named subject of its main verb ("Trump swiped at Ryan
    in a series of tweets:" is Trump's, not Ryan's). Where the parser `ran_on` from the clause
    before a colon into the quote after it, the main verb is that clause's (`_clause_before`), and
    its subject must name someone: a description ("this finding") is too often no one's."""
    root = sent.root if not art.quoted[sent.root.i] else _clause_before(art, sent, span) if ran_on else None
    subject = subject_of(root) if root is not None and root.pos_ in ("VERB", "AUX") else None
    if subject is None or art.quoted[subject.i] or subject.lower_ in NON_REFERRING:
        return None
    form, person, institution, at = art.speaker_of(subject)
    if not (person or institution) or form == "common" or form == "description" and root.i != sent.root.i:
        return None
    if form == "description" and root.lemma_.lower() not in CUE_LEMMAS and art.named_in(root.idx, span.start)[0]:
        return None  # "The timing of the surge doesn't surprise Jane Roe:": the named person, not "the timing"
    return Attribution(span, "", person, institution, phrase_of(subject), at, cue, sieve, SIEVE_CONFIDENCE[sieve])


#: How the clause before a colon hangs from a quote the parser ran it into: as a clause of its own,
#: not as one that qualifies a word of it ("Why she's protesting:" is no clause about the quote).
_RUN_ON_DEPS = frozenset(("ccomp", "conj", "parataxis", "dep"))


def _clause_before(art: Article, sent: "TokenSpan", span: Span) -> "Token | None":
    """The verb of the clause that introduces a quote after a colon, where the parser ran that
    clause into the quote and made the quote's own verb the sentence's root (`Roe sent a warning to
    Doe: "It's time ..."` with "sent" hung below the quoted "'s"): of the verbs before the quote
    the one highest in the tree, hung from a quoted word as a clause. Left to the names alone, the
    quote would go to the last one before the colon, as often the one addressed."""
    verbs = [t for t in sent if t.idx < span.start and not art.quoted[t.i] and t.pos_ in ("VERB", "AUX")]
    top = min(verbs, key=lambda t: (sum(1 for _ in t.ancestors), t.i), default=None)
    return top if top is not None and art.quoted[top.head.i] and top.dep_ in _RUN_ON_DEPS else None


def by_colon(art: Article, span: Span) -> Attribution | None:
    """`X put it this way:` at the end of the sentence or paragraph before the quote."""
    before = art.text[: span.start].rstrip()
    if not before.endswith(":"):
        return None
    sent = art.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if sent is None:
        return None
    sentence = art.sent(sent[0])
    result = by_cue(art, [sentence], span)
    if result and (result.speaker or result.institution):
        return restated(result, span, "colon", SIEVE_CONFIDENCE["colon"])
    person, inst, at = art.named_in(sentence.start_char, sentence.end_char, last=True)
    if person or inst:
        return Attribution(span, "", person, inst, None, at, ":", "colon", SIEVE_CONFIDENCE["colon"])
    return None


def vouched_for(art: Article, found: Attribution) -> Attribution | None:
    """The source a sentence cites with "according to", for words no one else in it is found to
    have said: `A living wage is "about $12 an hour," according to calculations by Jane Roe` or
    `According to emails released by the Courier, the office was "drowning in complaints"`.
    Where someone said them (`Roe said "...", according to the Courier`), they stay Roe's words:
    the Courier is how they reached the article, and an editor looks for them under Roe. Only a
    source that names someone counts: a person, an institution, or a document made or brought to
    light by one ("a City Hall press report", "a recording obtained by the Gazette")."""
    if found.speaker or found.institution:
        return None
    at = art.token(found.span.inner_start)
    for tok in art.sent(at):
        if tok.lower_ != "according" or art.quoted[tok.i]:
            continue
        source = according_to(tok)
        if source is None or art.quoted[source.i]:
            continue
        named = _source_named(art, source)
        if named is not None:
            person, institution, mention, offset = named
            return Attribution(found.span, "", person, institution, mention, offset, "according to", "frame",
                               min(found.confidence, SIEVE_CONFIDENCE["frame"]))
    return None


def _source_named(art: Article, noun: "Token") -> tuple[str | None, str | None, str, int] | None:
    """(person, institution, mention, offset) of the one "according to" cites, if it names
    someone: itself, or for a document, whoever made it or brought it to light ("by"/"from")."""
    named = [noun]
    if noun.pos_ == "NOUN" and noun.lemma_.lower() in REPORTED_DOCUMENTS:
        named += [t for t in noun.lefts if t.dep_ == "compound" and t.ent_type_]  # "a Courier account"
        named += [c for t in noun.subtree if t.dep_ in ("agent", "prep") and t.lower_ in ("by", "from")
                  for c in t.children if c.dep_ == "pobj"]  # "emails published by", "a letter from"
    for token in named:
        form, person, institution, offset = art.speaker_of(token)
        if form == "proper" and person or form == "institution" and institution:
            return person, institution, phrase_of(token), offset
    return None
