"""The sieve of the words right after the closing mark (stage one): `"...," Jordan said`, `"...,"
said Jordan`, `"...?" Jordan asked`, and the speaker phrase they hold.

Phenomena: the surface order deciding where the small parser splits the sentence; any verb after a
quote that ends on , ? ! or a dash ("Trump implored"), only a speech verb otherwise; inverted cues
("So says Kasimir Nowak, who ..."); speaker phrases with titles, ages, roles and appositives ("Tulsa
police Chief Chuck Jordan", "Jordan, 54,", "a spokeswoman for the hotel, Jane Roe"), possessors
("Okoro's chief of staff Daniel Fenwick"), pronouns and descriptions; what is no speaker phrase (a
sentence about someone after a question, a participle or passive, a quote ending its sentence)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..find import Span
from .article import Article
from .decision import SIEVE_CONFIDENCE, Attribution
from .lexicon import CUE_LEMMAS, INSTITUTION_LABELS, PERSON_PRONOUNS, STOPS
from .names import trailing_name
from .syntax import entity_of

if TYPE_CHECKING:
    from spacy.tokens import Span as TokenSpan
    from spacy.tokens import Token


def by_adjacency(art: Article, span: Span, embedded: bool = False) -> Attribution | None:
    """`"...," Jordan said` / `"...," said Jordan` read off the words right after the closing mark.

    The small parser often puts these words in a sentence of their own, or hangs them off the
    quote's verb, so the surface order decides: a speaker phrase and a verb, or a verb and a
    speaker phrase. Any verb counts ("Trump implored") when a quote that stands alone ends on
    , ? ! or a dash, the way a quote that is the verb's object ends; otherwise, and always for a
    quote `embedded` in a sentence (`he would "protect them," the crowd applauded`), only a
    speech verb does.
    """
    if not span.closed:
        return None
    doc, hi = art.doc, art.paragraphs[span.paragraph][1]
    toks: list["Token"] = []
    stop = None
    for tok in doc[art.token_at(span.end) : len(doc)]:
        if tok.idx >= hi or art.quoted[tok.i] or tok.text in STOPS or len(toks) >= 16:
            stop = tok.text if tok.idx < hi else None
            break
        if not tok.is_space:  # a no-break space before `added Gowdy` is no word
            toks.append(tok)
    ended = art.text[span.inner_end - 1 : span.inner_end] in STOPS
    if embedded and ended:
        # `Doe called Roe "unhinged." Lund called the plan "a mistake."`: words in marks that end
        # the sentence reporting them end it as a full stop after the marks would; what follows
        # is the next sentence, its verb and subject its own
        return None
    if (ended or embedded) and stop == ":":
        # `"... terrorists." Mr. Zahed said: "..."` introduces the next quote, not this one; so does
        # `After Roe said they might do better at "lesser schools," Doe said: "..."` mid-sentence
        return None
    while toks and toks[0].is_punct:
        toks = toks[1:]
    open_end = not embedded and art.text[span.inner_end - 1 : span.inner_end] in {",", "?", "!", "—", "–", "-"}
    k = next((i for i, t in enumerate(toks) if _is_verb(toks, i)), None)
    if k is None:
        return None
    verb = toks[k]
    if not (open_end or verb.lemma_.lower() in CUE_LEMMAS) or k and _participle(toks, k):
        return None
    inverted = _inverted(toks, k)
    if not open_end and any(t.pos_ in ("VERB", "AUX", "SCONJ") for t in inverted or toks[k + 1 :]):
        return None  # after a full stop, `The nations claim that ...` is a sentence of its own
    if k == 0 or inverted:
        phrase = []
        for i in range(k + 1, len(toks)):
            tok = toks[i]
            if tok.pos_ == "VERB" and not _in_title(toks, i):
                break
            phrase.append(tok)
    else:
        phrase = toks[:k]
        while phrase and phrase[-1].pos_ in ("ADV", "AUX", "PART"):
            phrase = phrase[:-1]
        if any(_is_verb(toks, i) for i in range(len(phrase))) or _copula_before_comma(phrase):
            return None
    found = phrase_speaker(art, phrase)
    if found is None:
        return None
    form, person, institution, at, surface = found
    sieve = form if form in ("pronoun", "description") else "cue"
    return Attribution(span, "", person, institution, surface, at, verb.text, sieve, SIEVE_CONFIDENCE[sieve])


def _copula_before_comma(phrase: list["Token"]) -> bool:
    """Whether the words before the verb after a closing mark hold a verb of their own (but the
    auxiliaries that end them, "Roe has said"): `"...?" Dana Roe is a florist in town, which
    sells ...` opens a sentence about Roe, not a speaker phrase (one names its speaker before any
    comma, "Roe, who was there, said"). An "'s" may be a possessive the tagger took for "is"."""
    head = phrase[: next((i for i, t in enumerate(phrase) if t.text == ","), len(phrase))]
    return any(t.pos_ == "AUX" and t.lower_ not in ("'s", "’s") for t in head)


def _in_title(toks: list["Token"], i: int) -> bool:
    """Whether the participle toks[i] is part of a title before a name ("ranking Democrat Elijah
    Cummings", "acting Director Jane Roe", "Ohio-based attorney Jane Roe"), not the verb of a clause."""
    tok = toks[i]
    if tok.tag_ not in ("VBG", "VBN") or i + 1 >= len(toks):
        return False
    return toks[i + 1].pos_ == "PROPN" or _modifier(tok)


def _modifier(tok: "Token") -> bool:
    """Whether a verb form modifies a word after it, as an adjective does ("Ohio-based attorney",
    "the newly elected mayor"): part of a noun phrase, not the verb of a clause."""
    return tok.dep_ == "amod" and tok.head.i > tok.i


def _inverted(toks: list["Token"], k: int) -> list["Token"]:
    """The speaker phrase of an inverted speech verb (`"..." So says Kasimir Nowak, who has ...`):
    the words after a `says` that only "so"/"thus" precede, up to the comma that ends the name."""
    if not all(t.lower_ in ("so", "thus") for t in toks[:k]) or toks[k].lemma_.lower() not in CUE_LEMMAS:
        return []
    after = toks[k + 1 :]
    return after[: next((i for i, t in enumerate(after) if t.text == ","), len(after))]


def _is_verb(toks: list["Token"], i: int) -> bool:
    """Whether the i-th word after a closing mark is the verb of a speaker phrase. A capitalised
    first word before another verb is a name the tagger misread (`"...," Trump implored`)."""
    tok = toks[i]
    if tok.lower_ in ("read", "reads") and i and toks[i - 1].pos_ == "NOUN":
        return True  # `"...," a Pentagon statement read`: the tagger takes `read` for a noun
    if tok.pos_ == "AUX":
        return tok.lemma_ in CUE_LEMMAS
    if tok.pos_ != "VERB":
        return False
    return not (i == 0 and tok.text[:1].isupper() and len(toks) > 1 and toks[1].pos_ == "VERB")


def _participle(toks: list["Token"], k: int) -> bool:
    """A verb after the speaker phrase that opens no clause of speech: a gerund ("Jordan, adding")
    or a passive ("he was told by"). A speech verb the tagger calls a participle after a bare
    name (`"...," Trump barked`) still counts."""
    verb = toks[k]
    if verb.tag_ == "VBG":
        return True
    if verb.tag_ != "VBN":
        return False
    passive = toks[k - 1].pos_ == "AUX" or k + 1 < len(toks) and toks[k + 1].lower_ == "by"
    return passive or verb.lemma_.lower() not in CUE_LEMMAS


def _proper(art: Article, surface: str, at: int) -> tuple[str, str | None, str | None, int, str]:
    """What capitalised words the NER left untagged name (`ArticlePeople.proper_name`), and the words."""
    return *art.proper_name(surface, at), surface


def phrase_speaker(art: Article, phrase: list["Token"]) -> tuple[str, str | None, str | None, int, str] | None:
    """Who a speaker phrase names: "Tulsa police Chief Chuck Jordan", "Jordan, 54,", "he",
    "a spokeswoman for the hotel, Jane Roe" (the appositive names her), "the senator"."""
    comma = next((i for i, t in enumerate(phrase) if t.text == ","), len(phrase))
    head, rest = phrase[:comma], phrase[comma + 1 :]
    if not head or len(head) > 14:  # a long role after the name ("Leamer, an economist who ...") is no matter
        return None
    if head[0].pos_ == "ADP":
        return None  # `"..." of Trump, whom he called` goes on with the sentence; it names no speaker
    owned = False
    for tok in head:
        if tok.pos_ == "ADP" and tok.lower_ != "of" or tok.pos_ == "VERB" and not _modifier(tok):
            break  # "an adviser to Bill Clinton" is not Bill Clinton
        ent = entity_of(art.doc, tok) if tok.ent_type_ else None
        if ent is not None and art.is_person(ent):
            if _possessor(ent, phrase):
                owned = True
                continue
            name = art.resolve(ent.text, ent.start_char) or ent.text
            return "proper", name, None, ent.start_char, ent.text
    first = head[0]
    if len(head) == 1 and first.lower_ in PERSON_PRONOUNS:
        return "pronoun", art.antecedent(first.idx, PERSON_PRONOUNS[first.lower_]), None, first.idx, first.text
    if rest and rest[0].ent_type_ == "PERSON" and (owned or head[0].pos_ in ("DET", "NOUN", "ADJ", "NUM")):
        ent = entity_of(art.doc, rest[0])
        return "proper", art.resolve(ent.text, ent.start_char) or ent.text, None, ent.start_char, ent.text
    if first.ent_type_ in INSTITUTION_LABELS and first.ent_iob_ == "B":
        ent = entity_of(art.doc, first)
        if ent.end - head[0].i >= len([t for t in head if not t.is_punct]):
            return "institution", None, ent.text, ent.start_char, ent.text
    # a capitalised word after the closing mark is a name even where the tagger calls it a noun
    # but not a stop word capitalised for opening a sentence (`"...?" Others saw the same thing`)
    propn = [t for t in head if t.pos_ == "PROPN" or t.pos_ in ("NOUN", "VERB") and t.text[:1].isupper() and t.i
             and art.quoted[t.i - 1] and not t.is_stop or art.known_surname(t)]
    if propn and len(propn) == len(head) and not first.ent_type_:
        # a surname the NER missed ("Hannity said"), known in full or not
        return _proper(art, art.text[propn[0].idx : propn[-1].idx + len(propn[-1].text)], propn[0].idx)
    named = trailing_name(head)
    if named:  # "Oversight ranking Democrat Elijah Cummings (D-Md.)": the name the titles lead to
        return _proper(art, art.text[named[0].idx : named[-1].idx + len(named[-1].text)], named[0].idx)
    stop = next((i for i, t in enumerate(head) if t.pos_ == "ADP"), len(head))
    nouns = [t for t in head[:stop] if t.pos_ == "NOUN"]
    if nouns:
        form, person, institution, at = art.describe(nouns[-1])
        if form != "common" or first.pos_ == "DET":
            surface = art.text[first.idx : head[-1].idx + len(head[-1].text)]
            return form, person, institution, at, surface
    return None


def _possessor(ent: "TokenSpan", head: list["Token"]) -> bool:
    """Whether a name in a speaker phrase owns the person the phrase goes on to name ("Okoro's
    chief of staff Daniel Fenwick said", "Okoro's spokesman, Daniel Fenwick, said"): whose the
    speaker is, not who speaks. With no name after it ("Okoro's son said") the owner is all the
    phrase gives, and stays the speaker."""
    doc = ent.doc
    marker = ent[-1] if ent[-1].tag_ == "POS" else doc[ent.end] if ent.end < len(doc) else None
    if marker is None or marker.tag_ != "POS":
        return False
    return any(t.i > marker.i and t.ent_type_ == "PERSON" for t in head)
