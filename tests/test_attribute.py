"""Sieve helpers on parses built by hand, where the small parser's mistakes are the point."""

from __future__ import annotations

from spacy.tokens import Doc

from quotes.attribution.article import Article
from quotes.attribution.names import before_speech_verb
from quotes.attribution.speech_verbs import _name_before, _participle_host
from quotes.attribution.syntax import subject_of


def test_a_speech_verb_left_without_subject_takes_the_name_before_it(nlp):
    # the parser hung the name on another clause: "Rep. Jane Roe (D) said it."
    words = ["Rep.", "Jane", "Roe", "(", "D", ")", "said", "it", "."]
    heads = [2, 2, 6, 2, 2, 2, 6, 6, 6]
    deps = ["compound", "compound", "dep", "punct", "appos", "punct", "ROOT", "dobj", "punct"]
    ents = ["O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, ents=ents)
    art = Article(doc, [])
    assert _name_before(art, doc[6]).text == "Roe"
    assert _name_before(art, doc[7]) is None


def test_a_conjunct_the_parser_hung_on_a_passive_takes_neither_its_patient_nor_its_agent(nlp):
    # "Ana said the plan was made by Bo and said so." with "and said" hung on "made"
    words = ["Ana", "said", "the", "plan", "was", "made", "by", "Bo", "and", "said", "so", "."]
    heads = [1, 1, 3, 5, 5, 1, 5, 6, 5, 5, 9, 1]
    deps = ["nsubj", "ROOT", "det", "nsubjpass", "auxpass", "ccomp", "agent", "pobj", "cc", "conj", "advmod", "punct"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    assert subject_of(doc[9]) is None
    assert subject_of(doc[1]).text == "Ana"


def test_a_participle_hung_on_a_name_has_that_name_forsubject_of(nlp):
    words = ["The", "ad", "shows", "Ana", "Ruiz", "asking", "why", "."]
    heads = [1, 2, 2, 4, 2, 4, 5, 2]
    deps = ["det", "nsubj", "ROOT", "compound", "dobj", "acl", "advmod", "punct"]
    pos = ["DET", "NOUN", "VERB", "PROPN", "PROPN", "VERB", "ADV", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)
    assert subject_of(doc[5]).text == "Ruiz"


def test_a_participle_after_a_comma_goes_on_from_the_clause_before(nlp):
    # "Ruiz shared the news, writing this." with "writing" hung as the subject of "this"
    words = ["Ruiz", "shared", "the", "news", ",", "writing", "this", "."]
    heads = [1, 1, 3, 1, 1, 6, 1, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "punct", "nsubj", "dobj", "punct"]
    pos = ["PROPN", "VERB", "DET", "NOUN", "PUNCT", "VERB", "PRON", "PUNCT"]
    tags = ["NNP", "VBD", "DT", "NN", ",", "VBG", "DT", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    art = Article(doc, [])
    assert _participle_host(art, doc[5]).text == "Ruiz"
    assert _participle_host(art, doc[1]) is None


def test_a_phrase_the_ner_tags_as_a_person_names_no_one(nlp):
    # "Ana Ruiz won. A pro-Ruiz group paid. Ruiz said so." with "pro-Ruiz" tagged PERSON
    words = ["Ana", "Ruiz", "won", ".", "A", "pro-Ruiz", "group", "paid", ".", "Ruiz", "said", "so", "."]
    heads = [1, 2, 2, 2, 6, 6, 7, 7, 7, 10, 10, 10, 10]
    deps = ["compound", "nsubj", "ROOT", "punct", "det", "compound", "nsubj", "ROOT", "punct", "nsubj", "ROOT", "advmod",
            "punct"]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "DET", "PROPN", "NOUN", "VERB", "PUNCT", "PROPN", "VERB", "ADV", "PUNCT"]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "B-PERSON", "O", "O", "O", "B-PERSON", "O", "O", "O"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    art = Article(doc, [])
    assert art.people.resolve("Ruiz", doc[9].idx) == "Ana Ruiz"  # not the latest "full name", "pro-Ruiz"
    assert "pro-Ruiz" not in {name for _, name, _ in art.mentions}


def test_a_surname_the_ner_tags_an_organisation_with_its_s_is_the_person(nlp):
    # "Ana Ruiz won. Ruiz's been saying so." with "Ruiz's" (has been) tagged ORG, as "Christie's" is
    words = ["Ana", "Ruiz", "won", ".", "Ruiz", "'s", "been", "saying", "so", "."]
    heads = [1, 2, 2, 2, 7, 4, 7, 7, 7, 7]
    deps = ["compound", "nsubj", "ROOT", "punct", "nsubj", "case", "aux", "ROOT", "advmod", "punct"]
    pos = ["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "PART", "AUX", "VERB", "ADV", "PUNCT"]
    tags = ["NNP", "NNP", "VBD", ".", "NNP", "POS", "VBN", "VBG", "RB", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "B-ORG", "I-ORG", "O", "O", "O", "O"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, ents=ents)
    art = Article(doc, [])
    assert art.is_person(doc.ents[1])
    assert (doc[4].idx, "Ana Ruiz", 2) in art.mentions  # the subject a later "she" goes back to


def test_a_name_the_ner_runs_into_the_verb_it_is_the_subject_of_stops_before_it(nlp):
    # a digest line "Jon Doe Thanked Roe For Coming." tagged whole as one person, Doe the subject
    words = ["Jon", "Doe", "Thanked", "Roe", "For", "Coming", "."]
    heads = [1, 2, 2, 2, 2, 4, 2]
    deps = ["compound", "nsubj", "ROOT", "dobj", "prep", "pcomp", "punct"]
    pos = ["PROPN", "PROPN", "PROPN", "PROPN", "ADP", "VERB", "PUNCT"]
    ents = ["B-PERSON", "I-PERSON", "I-PERSON", "I-PERSON", "O", "O", "O"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents)
    assert before_speech_verb(doc.ents[0]).text == "Jon Doe"
    # a surname that only looks like a verb form, with nothing hung on it as its subject, stays
    words = ["Jon", "Banks", "said", "so", "."]
    doc = Doc(nlp.vocab, words=words, heads=[1, 2, 2, 2, 2], deps=["compound", "nsubj", "ROOT", "advmod", "punct"],
              ents=["B-PERSON", "I-PERSON", "O", "O", "O"])
    assert before_speech_verb(doc.ents[0]).text == "Jon Banks"


def test_a_participle_under_a_conjunct_of_a_passive_has_the_passivesubject_of(nlp):
    # "Ana was booed and shouted down by fans after telling them so." with "after" hung on the
    # conjunct "shouted": Ana tells, not the fans who shouted
    words = ["Ana", "was", "booed", "and", "shouted", "down", "by", "fans", "after", "telling", "them", "so", "."]
    heads = [2, 2, 2, 2, 2, 4, 4, 6, 4, 8, 9, 9, 2]
    deps = ["nsubjpass", "auxpass", "ROOT", "cc", "conj", "prt", "agent", "pobj", "prep", "pcomp", "dobj", "advmod", "punct"]
    tags = ["NNP", "VBD", "VBN", "CC", "VBD", "RP", "IN", "NNS", "IN", "VBG", "PRP", "RB", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags)
    assert subject_of(doc[9]).text == "Ana"


def test_a_second_subject_the_parser_joined_to_a_first_subject_with_a_verb_of_its_own_speaks(nlp):
    # "A group of nurses called for a strike, and the Care League said so." with the League a
    # conjunct of "group", whose past-tense "called" the parser took for a participle
    words = ["A", "group", "of", "nurses", "called", "for", "a", "strike", ",", "and", "the", "Care", "League",
             "said", "so", "."]
    heads = [1, 13, 1, 2, 1, 4, 7, 5, 1, 1, 12, 12, 1, 13, 13, 13]
    deps = ["det", "nsubj", "prep", "pobj", "acl", "prep", "det", "pobj", "punct", "cc", "det", "compound", "conj",
            "ROOT", "advmod", "punct"]
    pos = ["DET", "NOUN", "ADP", "NOUN", "VERB", "ADP", "DET", "NOUN", "PUNCT", "CCONJ", "DET", "PROPN", "PROPN",
           "VERB", "ADV", "PUNCT"]
    tags = ["DT", "NN", "IN", "NNS", "VBD", "IN", "DT", "NN", ",", "CC", "DT", "NNP", "NNP", "VBD", "RB", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    assert subject_of(doc[13]).text == "League"
    tags[4] = "VBN"  # "a group of nurses, called to the ward, and the Care League said": a pair of subjects
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    assert subject_of(doc[13]).text == "group"


def test_the_cascade_names_each_sieve_once_and_records_which_decided(nlp):
    from quotes.attribution import SIEVES, attribute
    from quotes.find import find_spans

    names = [sieve.name for sieve in SIEVES]
    assert len(names) == len(set(names))
    text = 'Ana Ruiz spoke at noon.\n\n"The plan is good," Ruiz said.\n'
    doc, spans = nlp(text), find_spans(text)
    (whole,) = attribute(doc, spans)
    assert (whole.speaker, whole.sieve, whole.decided_by) == ("Ana Ruiz", "cue", "after the quote")


def test_a_cascade_without_a_sieve_leaves_its_quotes_to_the_next(nlp):
    from quotes.attribution import SIEVES, attribute
    from quotes.find import find_spans

    text = 'Ana Ruiz spoke at noon.\n\n"The plan is good," Ruiz said.\n'
    doc, spans = nlp(text), find_spans(text)
    (without,) = attribute(doc, spans, [s for s in SIEVES if s.name != "after the quote"])
    assert (without.speaker, without.decided_by) == ("Ana Ruiz", "speech verb")
    (none,) = attribute(doc, spans, [])
    assert (none.speaker, none.sieve, none.decided_by, none.kind) == (None, None, None, "direct")
