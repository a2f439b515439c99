"""What the dependency parse says of a token, with the small parser's usual mistakes undone:
the subject of a verb (through conjunctions, participles and passives), a passive's agent, the
entity a token is in, the object of "according to"."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as TokenSpan


def entity_of(doc: "Doc", token: "Token") -> "TokenSpan | None":
    """The entity the token is in, found from the token's own IOB tags: `doc.ents` builds a span
    for every entity of the document on each call (a fifth of attribution's time)."""
    if not token.ent_type_:
        return None
    from spacy.tokens import Span as TokenSpan

    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return TokenSpan(doc, start, end, label=token.ent_type_)


def subject_of(verb: "Token") -> "Token | None":
    """The subject of a cue verb, following conjunctions to the verb that owns it. Of two subjects
    (the parser hangs a stray dateline or time stamp on the verb as one) the nearest counts. A
    passive verb's agent is its subject; a verb climbed to is the host of a participle or infinitive,
    whose own subject, passive or not, is the participle's ("Roe was booed by the crowd after telling
    them ...": Roe tells)."""
    agent = _agent(verb)
    if agent is not None:
        return agent
    named = _name_as_compound(verb)
    if named is not None:
        return named
    climbed_conj = climbed = False
    for _ in range(3):
        second = second_clause_subject(verb)
        if second is not None:
            return second
        for child in sorted(verb.children, key=lambda t: abs(t.i - verb.i)):
            if child.dep_ == "nsubjpass" and climbed_conj:
                return None  # "the move was made by Y and said": the parser's conjunct; neither said it
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.lower_ in ("who", "that") and verb.dep_ == "relcl":
                    return verb.head  # "Mr. Ekovich, who noted ..."
                return child
            if child.dep_ == "agent" and not climbed:
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return grandchild
        if verb.dep_ == "acl" and verb.head.pos_ == "PROPN":
            return verb.head  # "footage of Jane Roe asking, ..."
        if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.tag_ in ("VBD", "VBN") and verb.head.pos_ == "NOUN":
            return verb.head  # "Two analysts, Jane Roe and Jon Doe, found that ...": a past tense read as a participle
        climbed_conj, climbed = climbed_conj or verb.dep_ == "conj" and not climbed, True
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            verb = verb.head
        elif verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "Trump inflamed tensions by saying"
            verb = verb.head.head
        elif verb.dep_ == "acl" and verb.head.dep_ in ("dobj", "pobj"):  # "Trump issued a statement saying"
            verb = verb.head.head
        else:
            return None
    return None


def _name_as_compound(verb: "Token") -> "Token | None":
    """A name right before a verb that the parser hung on it as a compound, as if the verb were a
    noun the name modifies (`"Cruz," Beck joked, ...` after another quote in the sentence): no
    verb has a compound, so the person is its subject. Not in a title-cased line ("Film Star
    Asked About ..."), where a capitalised verb may well be a noun."""
    if verb.pos_ != "VERB" or verb.i == 0 or not verb.text.islower() or verb.ent_type_:
        return None
    before = verb.doc[verb.i - 1]
    return before if before.dep_ == "compound" and before.head.i == verb.i and before.ent_type_ == "PERSON" else None


_COORDINATORS = frozenset(("and", "but", "or"))


def second_clause_subject(verb: "Token") -> "Token | None":
    """The subject of the second of two clauses joined by "and", where the parser read the two
    subjects, or the second subject and the first clause's object, as a pair of nouns: in "the
    Courier will call you a liar and the Ledger will accuse you of "X"" it makes the Ledger a
    conjunct of "liar" and leaves "accuse" without a subject; in "a group of pastors called for a
    boycott, and the Pastoral League denounced the plan" the League a conjunct of "group", whose
    past-tense "called" it takes for a participle. The noun phrase right before the verb (but for
    its auxiliaries and adverbs), after the "and", is the verb's subject."""
    doc, i = verb.doc, verb.i - 1
    while i >= 0 and doc[i].head.i == verb.i and doc[i].dep_ in ("aux", "neg", "advmod"):
        i -= 1
    if i < 0 or doc[i].dep_ in ("nsubj", "nsubjpass"):
        return None
    noun = next((t for t in doc[i].ancestors if t.dep_ == "conj"), None) if doc[i].dep_ != "conj" else doc[i]
    if noun is None or noun.right_edge.i != i or noun.pos_ not in ("NOUN", "PROPN") or noun.left_edge.i == 0 \
            or doc[noun.left_edge.i - 1].lower_ not in _COORDINATORS:
        return None
    first = noun.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:  # "... a liar and the Ledger will accuse": the first clause's object and the second's subject
        return noun if verb.dep_ == "conj" and first.head.i == verb.head.i and first.dep_ in ("dobj", "dative", "oprd") else None
    # "a group ... called for a boycott, and the League denounced": the first subject has a verb of its own
    if subjects == [first] and any(c.dep_ == "acl" and c.tag_ == "VBD" for c in first.children):
        return noun
    return None


def _agent(verb: "Token") -> "Token | None":
    """Who does a passive verb's deed: the object of its "by", also where the parser hangs the
    "by" on the words it names ("this tactic has been called "X" by Jane Roe"). The passive
    subject is what was said or named, never the one saying it."""
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    for child in verb.children:
        preps = [child] if child.dep_ == "agent" else [g for g in child.children if g.dep_ == "prep"] \
            if child.dep_ in ("oprd", "attr") else []
        for prep in preps:
            if prep.lower_ == "by":
                obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
    return None


def word_count(ent: "TokenSpan") -> int:
    """How many words an entity has, not counting the "'s" the NER may take into it ("Christie's
    been making the case", tagged an organisation): the surname alone is one word."""
    return len(ent) - (len(ent) > 1 and ent[-1].tag_ == "POS")


def set_off(noun: "Token", conj: "Token") -> bool:
    """Whether a conjunct is an apposition the parser took for one: names between commas right
    after a plural noun ("Clay's biographers, Jane and Jon Roe, wrote"), where a conjunction would
    have had "and" before them."""
    first = conj.left_edge.i
    return noun.tag_ == "NNS" and first == noun.i + 2 and noun.doc[noun.i + 1].text == "," \
        and conj.right_edge.i + 1 < len(noun.doc) and noun.doc[conj.right_edge.i + 1].text == ","


def according_to(token: "Token") -> "Token | None":
    for child in token.children:
        if child.lower_ == "to":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def phrase_of(token: "Token") -> str:
    words = [t for t in token.subtree if t.i <= token.i or t.dep_ in ("compound", "amod")]
    return " ".join(t.text for t in words)
