"""Sieves of the speech-verb family (stage one, quote -> mention): the subject of a speech verb near
the quote, or of the one it hangs from.

Phenomena: "Weitz said" before or after the quote, in any tense and in any clause; "according to
X"; a quote inside reported speech, reported by the outermost speech verb (`Trump said Clinton
described it as "the gold standard"`), but not past a subordinate clause with its own speaker
("After Roe said ..., Doe wrote") nor past a coordinated clause with its own subject; a verb whose
subject names no one giving way to one that does; "shot back", "went on"; subjects the parser lost:
a name opening the sentence ("Flynn, the president of ..., said"), a name before a parenthesis
("Rep. Jane Roe (D-Ore.) said"), a name before a relative clause ("Levine, who ..., said"), the
subject of the clause a participle goes on from ("Roe shared the news, writing, ..."); a short
quote under a naming verb from no one named (`what they describe as "unilateral sanctions"`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..find import Span
from .article import Article
from .decision import SIEVE_CONFIDENCE, Attribution
from .lexicon import CUE_LEMMAS, NAMING_VERBS, NON_REFERRING, RETORT_VERBS, STOPS
from .syntax import according_to, entity_of, phrase_of, second_clause_subject, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Span as TokenSpan
    from spacy.tokens import Token


NAMED_TERM_MAX_WORDS = 3


def _cue_verbs(art: Article, sents: list["TokenSpan"], span: Span, outermost: bool = False) -> list["Token"]:
    """Speech verbs near the quote: those it hangs from first (nearest up the tree, or the
    `outermost` first), then the rest by distance."""
    verbs = []
    for sent in sents:
        for tok in sent:
            if art.quoted[tok.i]:
                continue
            if tok.lemma_.lower() in CUE_LEMMAS and tok.pos_ in ("VERB", "AUX") or _retort(tok) or _goes_on(tok):
                verbs.append(tok)
            elif tok.lower_ == "according":
                verbs.append(tok)
    up = governors_of(art, span)
    # `in a clip that Judge Roe called "vile," Doe expressed a wish to "..."`: a relative clause's
    # verb reports what the clause holds, not a quote outside it that a named person's clause holds
    if any(c.dep_ == "nsubj" and c.ent_type_ == "PERSON" for g in up if g.pos_ == "VERB" for c in g.children):
        verbs = [v for v in verbs if v.dep_ != "relcl" or v in up]
    if outermost:
        up = _inside_subordinate(up)
        up.reverse()
        # "CNN, Cruz said, called it "highly significant"": a speech verb set in the clause as an aside
        # reports the whole of it, outermost of all
        up = [c for g in up for c in g.children if c.dep_ == "parataxis" and c in verbs] + up
    return sorted(verbs, key=lambda t: (_rank(t, up), min(abs(t.idx - span.start), abs(t.idx - span.end))))


def _rank(verb: "Token", up: list["Token"]) -> float:
    """Where a speech verb stands among the quote's governors `up`. "According to X" set on a
    clause that holds the quote frames it ("According to Roe, it seems the "deal" was about a
    post Doe wrote" is Roe's account): after every speech verb the quote hangs from, but before
    a verb elsewhere in the sentence, however near, which reports something else."""
    if verb in up:
        return up.index(verb)
    if verb.lower_ == "according" and verb.head in up:
        return len(up) - 0.5
    return len(up)


def _inside_subordinate(up: list["Token"]) -> list["Token"]:
    """The governors of a quote up to a subordinate clause of its own speaker, where one holds it:
    in `After Roe said students might do better at "lesser schools," Doe wrote ...` or `Doe praised
    the police after Roe blamed the shootings on "bias"` the words are reported by the clause's
    speech verb with its own subject; the verb the clause hangs from (after, though, when ...)
    reports something else, and is no outer reporter of them."""
    for k, tok in enumerate(up):
        if tok.dep_ == "advcl" and _finite(tok) and any(c.dep_ == "mark" for c in tok.children) \
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) \
                and any(_reports(t, up[i - 1] if i else None) for i, t in enumerate(up[: k + 1])):
            return up[: k + 1]
    return up


def _finite(verb: "Token") -> bool:
    """Whether a verb heads a finite clause ("though Doe has said"), not an infinitive with a
    subject ("for Doe to resign"), which is part of what the clause above it says."""
    return any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))])


def _reports(verb: "Token", below: "Token | None") -> bool:
    """Whether a speech verb reports what hangs below it: not what its subject undertook to do
    ("agreed to make a payment of "..."") nor, negated, what they did not say ("though Doe has
    not said the inquiry is "reopened"" echoes someone else's word)."""
    return verb.lemma_.lower() in CUE_LEMMAS and verb.pos_ in ("VERB", "AUX") and (below is None or below.dep_ != "xcomp") \
        and not any(c.dep_ == "neg" for c in verb.children)


def _retort(tok: "Token") -> bool:
    """Whether a verb and its particle say a reply ("shot back", "hit back")."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() in RETORT_VERBS and any(
        c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in tok.children)


def _goes_on(tok: "Token") -> bool:
    """Whether a verb and its particle say that someone went on speaking ("She went on: ..."),
    with nothing after them that they go on to (not "went on to say", "went on television")."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in tok.children) \
        and not any(c.dep_ in ("xcomp", "prep", "dobj", "advcl") for c in tok.children)


def governors_of(art: Article, span: Span) -> list["Token"]:
    """The tokens above the quote in the parse, nearest first, up to a clause coordinated with its
    own subject: in "Cruz said he'd make sand glow, and Trump vowed to "bomb the hell"" the quote
    is Trump's, and `vowed` is coordinated with, not governed by, `said`."""
    words = art.doc.char_span(span.inner_start, span.inner_end, alignment_mode="expand")
    if words is None:
        return []
    out: list["Token"] = []
    below = words.root
    for tok in words.root.ancestors:
        own_subject = any(c.dep_ == "nsubj" for c in below.children) or second_clause_subject(below) is not None
        if below.dep_ == "conj" and not art.quoted[below.i] and own_subject \
                and not any(c.dep_ == "mark" for c in below.children):  # "says X and that she ..." goes on
            break
        if not art.quoted[tok.i]:
            out.append(tok)
        below = tok
    return out


def by_cue(art: Article, sents: list["TokenSpan"], span: Span, embedded: bool = False) -> Attribution | None:
    """The nearest speech verb with a subject decides; for a quote `embedded` in reported speech,
    the outermost one it hangs from (in "Trump said Clinton described it as "the gold standard""
    the words are reported by Trump). A verb whose subject names no one ("a majority") gives way
    to one that does in the same sentences: `Mr. Obama said, a majority have come to believe "..."`
    reports what Mr. Obama said."""
    unnamed, named_term = None, False
    for verb in _cue_verbs(art, sents, span, embedded):
        subject = (according_to(verb) if verb.lower_ == "according"
                   else subject_of(verb) or _fronted(art, verb) or _name_before(art, verb) or _participle_host(art, verb))
        if subject is not None and art.quoted[subject.i]:
            subject = _beside_quote(art, span, subject)
        if verb.lower_ != "according" and (subject is None or subject.pos_ == "ADP"):
            subject = _relative_before(art, verb)  # in "Of Carson, Levine, who ..., said" "Of" is no subject
        if subject is None or art.quoted[subject.i] or subject.lower_ in NON_REFERRING:
            continue
        form, person, institution, at = art.speaker_of(subject)
        cue = "according to" if verb.lower_ == "according" else verb.text
        if form == "proper" and person:
            return Attribution(span, "", person, None, subject.text, at, cue, "cue", SIEVE_CONFIDENCE["cue"])
        if form == "institution":
            return Attribution(span, "", None, institution, subject.text, at, cue, "cue", 0.9)
        if form in ("pronoun", "description"):
            return Attribution(span, "", person, None, phrase_of(subject), at, cue, form, SIEVE_CONFIDENCE[form])
        if verb.lemma_.lower() in NAMING_VERBS and len(re.findall(r"\w+", span.inner(art.text))) <= NAMED_TERM_MAX_WORDS:
            named_term = named_term or unnamed is None  # `describe it as "front running" and say`: a term
            continue
        unnamed = unnamed or Attribution(span, "", None, None, phrase_of(subject), at, cue, "cue", 0.5)
    return None if named_term else unnamed


def _beside_quote(art: Article, span: Span, subject: "Token") -> "Token | None":
    """The name right after a quote that the parser hung on it as an appositive, having taken the
    quote for the speech verb's subject: in `"Fine work," Roe, the council's chair since 2009 and
    a former mayor, said when Doe asked` the words are Roe's, not the asker's."""
    for child in subject.children:
        if child.dep_ == "appos" and child.idx >= span.end and not art.quoted[child.i] \
                and all(t.is_punct or t.is_space for t in art.doc[art.token_at(span.end) : child.left_edge.i]) \
                and all(t.is_punct or t.is_space or t.dep_ == "compound" for t in art.doc[child.left_edge.i : child.i]):
            return child
    return None


def _fronted(art: Article, verb: "Token") -> "Token | None":
    """The name opening the sentence of a speech verb the parser left without a subject
    ("Flynn, the president of Common Cause, said that ..." with Flynn hung on the sentence
    before): taken only when nothing between them is a verb."""
    sent = art.sent(verb)
    lo = max(sent.start_char, art.text.rfind("\n", 0, verb.idx) + 1)
    start = art.token_at(lo)
    if start >= verb.i:
        return None
    first = art.doc[start]
    if first.pos_ != "PROPN" or not first.ent_type_ or art.quoted[first.i]:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in art.doc[first.i : verb.i]):
        return None
    ent = entity_of(art.doc, first)
    return ent.root if ent is not None and ent.end <= verb.i else None


def _name_before(art: Article, verb: "Token") -> "Token | None":
    """The person named right before a speech verb the parser left without a subject, past a
    parenthesis ("Rep. Jane Roe (D-Ore.) said ..." with the name hung elsewhere)."""
    i = verb.i - 1
    if i >= 0 and art.doc[i].text == ")":
        while i >= 0 and art.doc[i].text != "(" and verb.i - i < 8:
            i -= 1
        i -= 1
    if i < 0 or art.quoted[i]:
        return None
    ent = entity_of(art.doc, art.doc[i])
    return ent.root if ent is not None and ent.end == i + 1 and art.is_person(ent) else None


def _relative_before(art: Article, verb: "Token") -> "Token | None":
    """The name a relative clause set off by commas stands after, right before a speech verb the
    parser left without a subject ("Levine, who has given money to Rubio, said"): the parser
    takes the name for the subject of the relative clause, or of nothing."""
    if verb.i < 4 or art.doc[verb.i - 1].text != ",":
        return None
    sent = art.sent(verb)
    for i in range(verb.i - 2, max(sent.start, verb.i - 25), -1):
        tok = art.doc[i]
        if tok.text in STOPS or art.quoted[i]:
            return None
        if tok.lower_ in ("who", "whose") and art.doc[i - 1].text == ",":
            j = i - 2
            if j > sent.start and art.doc[j].pos_ == "ADV" and art.doc[j - 1].text == ",":
                j -= 2  # "Jane Roe, meanwhile, who ..."
            name = art.doc[j]
            ent = entity_of(art.doc, name)
            if ent is not None and ent.end == j + 1 and art.is_person(ent) or art.known_surname(name):
                return name
            return None
    return None


def _participle_host(art: Article, verb: "Token") -> "Token | None":
    """The subject of the clause a participle after a comma goes on from ("Jane Roe shared the
    news, writing, '...'"), where the parser hung the participle elsewhere."""
    if verb.tag_ != "VBG" or verb.i == 0 or art.doc[verb.i - 1].text != ",":
        return None
    for tok in reversed(art.doc[art.sent(verb).start : verb.i - 1]):
        if tok.pos_ == "VERB" and not art.quoted[tok.i]:
            return subject_of(tok)
    return None
