"""Sieves of layouts (stage one): a speaker given by where the words stand, not by a sentence.

Phenomena: a line that opens with a name and a colon, a headline ("Ryan: Images Have 'No Place'")
or a transcript's speaker label ("PENCE: Well, ..."); a headline opening with a name and "on"
("Jane Roe on the Budget: 'A Disgrace'"); a headline opening with a name and its verb in title case
("Jane Roe Joked It's "Risky" To Speak Here")."""

from __future__ import annotations

import re

from ..find import Span
from .article import Article
from .decision import SIEVE_CONFIDENCE, Attribution
from .lexicon import CUE_LEMMAS
from .names import name_shaped, verb_of_name
from .terms import TITLE_WORD, big_words, in_headline, looks_like_title, title_cased

#: A paragraph that opens with a name and a colon: a headline ("Ryan: Images Have 'No Place' in
#: a Campaign") or a transcript's speaker label ("PENCE: Well, look, ...").
_LABEL = re.compile(r"[ \t\xa0]*((?:[A-Z][\w.’'-]*[ \t\xa0]+){0,3}[A-Z][\w.’'-]*):[ \t\xa0]")


def by_label(art: Article, span: Span) -> Attribution | None:
    """Every quote in a paragraph that opens with `Name:` is that person's (or institution's)
    words, wherever in the line it stands: headlines put the speaker first and quote a phrase
    later, and a transcript quoted whole puts the label inside the marks ("PENCE: Well, ...").
    The name must be a person or organisation the NER or the article knows."""
    lo, hi = art.paragraphs[span.paragraph]
    label = _LABEL.match(art.text, lo, hi)
    if (label is None or label.end() > span.start) and not looks_like_title(span.inner(art.text)):
        label = _LABEL.match(art.text, span.inner_start, span.inner_end)  # not "Book: How to Win"
    if label is None:
        return None
    start, end = label.span(1)
    cue, sieve = ":", "frame"
    verb = art.doc[art.token_at(start)]
    if verb.lemma_.lower() in CUE_LEMMAS and " " in label.group(1):  # "Said Jane Roe:", "Continued Stone:"
        cue, sieve, start = verb.text, "cue", start + label.group(1).index(" ") + 1
    name = art.text[start:end]
    person, inst, at = art.named_in(start, end)
    if person is None and inst is None:
        written_lower = any(w.lower() in art.lowercase for w in name.split())  # "The Latest:"
        person = art.resolve(name, start) or (name if name_shaped(name) and not written_lower else None)
        person = person or (name if _tagged_person(art, name) and not written_lower else None)
        at = start
    if person is None and inst is None:
        return None
    return Attribution(span, "", person, inst, name, at, cue, sieve, SIEVE_CONFIDENCE[sieve])


#: A headline opening with someone's name and "on" what they spoke about: "Jane Roe on the Budget:".
_TOPIC_HEADLINE = re.compile(r"[ \t\xa0]*((?:[A-Z][\w.’'-]*[ \t\xa0]+){0,3}[A-Z][\w.’'-]*)[ \t\xa0]+[Oo]n[ \t\xa0]+[A-Z]")


def by_topic_headline(art: Article, span: Span) -> Attribution | None:
    """Every quote in a headline that opens with a person's name and "on" is that person's
    words: "Jane Roe on the Harbour Plan: 'A Disgrace'", "Jane Roe On Why the Town Feels
    'Forgotten'" put the speaker first, as `Name:` does (`by_label`). Only in a headline, where every
    word is capitalised; only a person, not "Wall Street on Edge"."""
    lo, hi = art.paragraphs[span.paragraph]
    topic = _TOPIC_HEADLINE.match(art.text, lo, hi)
    if topic is None or topic.end() > span.start or not in_headline(art, span):
        return None
    start, end = topic.span(1)
    person, _, at = art.named_in(start, end, last=True)
    person = person or art.resolve(art.text[start:end], start)
    if person is None:
        return None
    return Attribution(span, "", person, None, art.text[start:end], at if at is not None else start, "on", "frame",
                       SIEVE_CONFIDENCE["frame"])


#: How many capitalised words a headline's leading name may run to before its verb.
HEADLINE_NAME_WORDS = 3


def by_headline_verb(art: Article, span: Span) -> Attribution | None:
    """A quote in a headline that opens with a person's name and a capitalised verb, or opening
    the body right after it in the same paragraph, is that person's: digests and roundups write
    `Jane Roe Joked It's "Risky" To Speak Here. "Now, it's always ..."` or `Jane Roe Praises Her
    Editor: "Very Good."`, the speaker first, where in title case the parser reads the verb as a
    name and the quote's own sentence has no cue. Everything in the paragraph before the quote
    must be title case (so a body sentence's speaker is not overruled), and the verb a speech verb
    or the parser's verb of the name ("Jane Roe Thanked Jon Doe For ...")."""
    lo, _ = art.paragraphs[span.paragraph]
    prefix = art.text[lo : span.start]
    words = list(TITLE_WORD.finditer(art.text, lo, span.start))
    if len(big_words(prefix)) < 3 or not title_cased(prefix):
        return None
    for k in range(1, min(HEADLINE_NAME_WORDS, len(words) - 1) + 1):
        verb = art.doc[art.token_at(words[k].start())]
        name_words = art.doc[art.token_at(words[0].start()) : verb.i]
        if verb.idx != words[k].start() or art.quoted[verb.i] or any(art.quoted[t.i] for t in name_words):
            return None
        if not verb_of_name(verb, name_words):
            continue
        start, end = words[0].start(), words[k - 1].end()
        name = art.text[start:end]
        person = art.resolve(name, start)
        if person is None and (name_shaped(name) or _tagged_person(art, name)):
            person = name
        if person is None:
            return None
        return Attribution(span, "", person, None, name, start, verb.text, "frame", SIEVE_CONFIDENCE["frame"])
    return None


def _tagged_person(art: Article, name: str) -> bool:
    """Whether the NER tags a one-word label as a person somewhere else in the article, outside
    quotation marks ("Trump: Generals don't want ..." over a story where "Trump said" is tagged,
    the label itself taken for an organisation)."""
    return " " not in name and any(ent.label_ == "PERSON" and ent.text == name and not art.quoted[ent.start]
                                   for ent in art.ents)
