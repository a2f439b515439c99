"""Sieve helpers on parses built by hand, where the small parser's mistakes are the point."""

from __future__ import annotations

from spacy.tokens import Doc

from quotes.attribute import _Article, _name_before


def test_a_speech_verb_left_without_subject_takes_the_name_before_it(nlp):
    # the parser hung the name on another clause: "Rep. Jane Roe (D) said it."
    words = ["Rep.", "Jane", "Roe", "(", "D", ")", "said", "it", "."]
    heads = [2, 2, 6, 2, 2, 2, 6, 6, 6]
    deps = ["compound", "compound", "dep", "punct", "appos", "punct", "ROOT", "dobj", "punct"]
    ents = ["O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, ents=ents)
    art = _Article(doc, [])
    assert _name_before(art, doc[6]).text == "Roe"
    assert _name_before(art, doc[7]) is None
