"""Reported statements without quotation marks (kind `indirect`): what someone said, believed,
warned or estimated, as the writer reports it. Stage one finds the content and the phrase that
names its source; stage two is the one quotes use (`Article.speaker_of`: names in full, pronouns'
antecedents, descriptions, institutions).

Phenomena:
- a clause a reporting verb governs: "Weitz said (that) the alliance would not survive", "Tangen
  believes Beijing will wait", "the council estimates exports fell" (`REPORTING_LEMMAS`, from Levin's
  verb classes, a clause below the verb: "told the council" alone reports nothing);
- the content fronted: "The alliance will hold, Weitz said" (the same clause, before its verb);
- a noun phrase a reporting verb takes, with the verb: "denied every report of a split", "announced
  the release of the prisoners" (not the person addressed, "told reporters", nor a pronoun or a
  phrase too short to tell anything, "answered a question");
- "according to X": the rest of the sentence is X's;
- a noun of saying with its clause: "Weitz's warning that the alliance ..." (the owner speaks);
- no statement: a negated or conditional report ("Weitz did not say that ...", "if he says ..."),
  a report inside quotation marks (the quoted speaker's words), a question put to someone ("asked
  whether"), and content that holds a quote (that is a mixed statement, attributed as quotes are).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..find import Span
from .article import Article
from .decision import Attribution
from .lexicon import (
    COMMITMENT_LEMMAS,
    NON_REFERRING,
    OBJECT_SAID_LEMMAS,
    REPORTING_FORMS,
    REPORTING_LEMMAS,
    SPEECH_NOUNS,
)
from .syntax import according_to, entity_of, phrase_of, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Span as TokenSpan
    from spacy.tokens import Token

#: Confidence of an indirect statement: its source named by a name, or by anything else.
NAMED_CONFIDENCE = 0.8
OTHER_CONFIDENCE = 0.6
#: Fewest words of content: "he said so" reports nothing an editor can use.
MIN_CONTENT_WORDS = 3
#: Marks of a clause that is no report of what was said: a condition, a question put to someone.
_NOT_REPORTED_MARKS = frozenset("if whether unless".split())
#: Verbs whose clause is a question put, a statement of what was asked: "asked whether it would".
QUESTION_LEMMAS = frozenset("ask wonder question inquire".split())
#: Sources that are the writer's inference, not anyone's statement: "That said", "This means".
_NO_SOURCE = frozenset("that this these those which what".split())
_RELATIVES = frozenset("which that who".split())
#: The relations that stay inside a source phrase: its modifiers, a preposition's object, a
#: participle and its agent ("figures released by the board"); and how deep they are followed.
_INSIDE_SOURCE = frozenset("compound poss prep pobj acl agent nmod amod".split())
_ORGANISATION_DEPTH = 4


def indirect_statements(art: Article, quoted: Sequence[Span]) -> list[Attribution]:
    """Every reported statement of the article outside quotation marks, in the article's order;
    `quoted` are the quotes that are statements (direct or mixed): content that holds one is that
    mixed statement. A title or a scare quote inside the content ("is joining the ''Today'' show")
    leaves it reported."""
    found: dict[tuple[int, int], Attribution] = {}
    for source, cue, content in _reports(art):
        span = _content_span(art, content)
        if span is None or (span.start, span.end) in found or _holds_quote(quoted, span):
            continue
        attribution = _attributed(art, span, source, cue)
        if attribution is not None:
            found[(span.start, span.end)] = attribution
    return sorted(found.values(), key=lambda a: a.span.start)


def _reports(art: Article) -> Iterator[tuple["Token", str, list["Token"]]]:
    """(the phrase naming the source, the cue, the content's tokens) for each report in the parse."""
    for tok in art.tokens:
        if art.quoted[tok.i]:
            continue
        if tok.lower_ == "according" and (source := according_to(tok)) is not None:
            content = _framed_by(art, tok)
            if content:
                yield source, "according to", content
        elif tok.pos_ in ("VERB", "AUX") and not _not_reported(tok):
            content = _reported_content(tok)
            source = subject_of(tok) if content else None
            if source is not None:
                yield source, tok.text, content
        elif tok.pos_ == "NOUN" and tok.lower_ in SPEECH_NOUNS:
            clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and _with_that(c)), None)
            owner = next((c for c in tok.children if c.dep_ == "poss"), None)
            if clause is not None and owner is not None:
                yield owner, tok.text, list(clause.subtree)


def _not_reported(verb: "Token") -> bool:
    """A negated or conditional report is no statement: "did not say", "if he says"."""
    return any(c.dep_ == "neg" or c.dep_ == "mark" and c.lower_ in _NOT_REPORTED_MARKS for c in verb.children)


def _reported_content(verb: "Token") -> list["Token"]:
    """What a verb reports: the clause a reporting verb governs ("said the plan would fail",
    "Mourners say Ali's death tough", "asked whether it would"), the infinitive of a commitment or
    directive ("vowed to build", "urged the council to act"), the clause it is set inside ("The
    alliance, he said, will hold"), or the noun phrase it takes (`_what_was_said`). Empty where it
    reports nothing."""
    lemma = verb.lemma_.lower()
    reporting = lemma in REPORTING_LEMMAS or verb.lower_ in REPORTING_FORMS
    committing = lemma in COMMITMENT_LEMMAS
    for child in verb.children:
        if child.dep_ == "ccomp" and reporting and _reported_clause(child, lemma in QUESTION_LEMMAS):
            return list(child.subtree)
        if child.dep_ == "xcomp" and committing and _infinitive(child) and not _passive(verb):
            return list(child.subtree)
    if reporting and verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        aside = set(verb.subtree)
        return [t for t in verb.head.subtree if t not in aside]
    if lemma in OBJECT_SAID_LEMMAS:  # not "said the same", "showed little willingness"
        return _what_was_said(verb)
    return []


def _what_was_said(verb: "Token") -> list["Token"]:
    """A noun phrase said, with its verb: "announced his resignation", "denied the existence of an
    investigation", "predicted a long recession". Not the person spoken to ("told reporters") nor
    a pronoun ("denied it"): the verb and its object alone say what was reported."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.pos_ == "PRON" or obj.ent_type_ == "PERSON":
        return []
    if sum(1 for t in obj.subtree if t.is_alpha) < MIN_CONTENT_WORDS:
        return []  # "answered a question", "showed the West": too little said to file
    return [t for t in verb.subtree if verb.i <= t.i <= obj.right_edge.i]


def _reported_clause(clause: "Token", question: bool) -> bool:
    """A clause with a verb or a subject; a question ("whether it would") only under a verb that
    asks one ("asked whether", "wondered if"): "said whether" is no statement."""
    if not question and any(c.dep_ == "mark" and c.lower_ in _NOT_REPORTED_MARKS for c in clause.children):
        return False
    return clause.pos_ in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def _passive(verb: "Token") -> bool:
    """"Mourners were offered two kinds of stamps": the subject made no commitment."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _infinitive(verb: "Token") -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _with_that(clause: "Token") -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _framed_by(art: Article, according: "Token") -> list["Token"]:
    """What "according to X" frames: the rest of its sentence, on the side that holds more words."""
    sent = art.sent(according)
    phrase = list(according.subtree)
    lo, hi = phrase[0].i, phrase[-1].i
    before = [t for t in sent if t.i < lo]
    after = [t for t in sent if t.i > hi]
    return before if len(before) >= len(after) else after


def _content_span(art: Article, tokens: list["Token"]) -> Span | None:
    """The content's characters, without a leading "that" or conjunction and trailing punctuation
    (a question keeps its "whether");
    None where it is too short to tell an editor anything, or quoted."""
    words = sorted(tokens, key=lambda t: t.i)
    while words and (words[0].is_punct or words[0].is_space or words[0].dep_ == "cc"
                     or words[0].dep_ == "mark" and words[0].lower_ == "that"):  # "whether" stays: a question
        words.pop(0)
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()
    if sum(1 for t in words if t.is_alpha) < MIN_CONTENT_WORDS:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    paragraph = max(0, bisect.bisect_right([lo for lo, _ in art.paragraphs], start) - 1)
    return Span(start, end, start, end, paragraph)


def _holds_quote(quoted: Sequence[Span], span: Span) -> bool:
    """Content that holds or touches a quote is a mixed statement, attributed with the quotes."""
    return any(q.start < span.end and span.start < q.end for q in quoted)


def _attributed(art: Article, span: Span, source: "Token", cue: str) -> Attribution | None:
    """The statement by whom the source phrase names (stage two, as for quotes); None where the
    source is a demonstrative, the writer's own inference ("That said, ...", "This suggests ...")."""
    if source.lower_ in _RELATIVES and source.head.dep_ == "relcl":
        source = source.head.head  # "a report, which found that ...": the report found it
    elif source.lower_ in _NO_SOURCE:
        return None
    if source.lower_ in NON_REFERRING:
        return _reported(span, cue, OTHER_CONFIDENCE)
    form, person, institution, at = art.speaker_of(source)
    if form == "proper" and person:
        return _reported(span, cue, NAMED_CONFIDENCE, person, None, source.text, at)
    if form == "institution":
        return _reported(span, cue, NAMED_CONFIDENCE, None, institution, source.text, at)
    body = _organisation_in(art, source) if person is None else None
    if body is not None:  # "Executives for Mondelez say", "FBI statistics show": the organisation's
        return _reported(span, cue, OTHER_CONFIDENCE, None, body.text, source.text, body.start_char)
    return _reported(span, cue, OTHER_CONFIDENCE, person, None, phrase_of(source), at)


def _reported(span: Span, cue: str, confidence: float, speaker: str | None = None, institution: str | None = None,
              mention: str | None = None, at: int | None = None) -> Attribution:
    """An indirect statement as the one sieve of this module decides it."""
    return Attribution(span, "indirect", speaker, institution, mention, at, cue, "indirect", confidence, "indirect")


def _organisation_in(art: Article, noun: "Token") -> "TokenSpan | None":
    """The organisation named inside a source phrase that names no one, nearest its head first:
    before it ("FBI statistics", "Gannett newspapers"), after it ("executives for Mondelez", "a
    review by The New York Times of the pitch", "figures released by the Broadcasters Audience
    Research Board"). Not inside a relative clause or an aside, and only an organisation: in
    "Democratic voters say" no party speaks."""
    frontier, seen = [noun], 0
    while frontier and seen < _ORGANISATION_DEPTH:
        below = []
        for tok in frontier:
            for child in tok.children:
                if child.dep_ in _INSIDE_SOURCE and not art.quoted[child.i]:
                    ent = entity_of(art.doc, child)
                    if ent is not None and ent.label_ == "ORG" and not art.common_plural(ent) and not art.is_person(ent):
                        return ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
                    below.append(child)
        frontier, seen = below, seen + 1
    return None
