"""The indexed attribute ruler gives every token exactly what spaCy's own ruler gives it."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from quotes import ruler
from quotes.nlp import _paragraphs_start_sentences, model_name
from quotes.read import Article, read_file
from quotes.ruler import IndexedAttributeRuler, MemoLemmatizer, speed_up

from .conftest import ARTICLES, FIXTURES


def annotations(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_load_pipeline_runs_the_indexed_ruler_and_the_memo_lemmatizer(nlp, stock):
    assert isinstance(nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), MemoLemmatizer)
    assert nlp.pipe_names == stock.pipe_names


@pytest.fixture(scope="module")
def stock():
    """The pipeline as spaCy loads it, with its own attribute ruler (and the paragraph breaks that
    `load_pipeline` adds before the parser, which the ruler has nothing to do with)."""
    nlp = spacy.load(model_name())
    _paragraphs_start_sentences(nlp)
    return nlp


@pytest.mark.parametrize("path", ARTICLES + [str(p) for p in sorted((FIXTURES / "identities").iterdir())])
def test_same_annotations_as_spacy_on_every_fixture(nlp, stock, path):
    assert type(stock.get_pipe("attribute_ruler")) is AttributeRuler
    for article in read_file(Path(path)):
        assert isinstance(article, Article)
        assert annotations(nlp(article.text)) == annotations(stock(article.text))


def blank_with_rules(patterns: list[dict]):
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(patterns)
    return nlp


RULES = [
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}, "index": 0},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": -1},
    {"patterns": [[{"LOWER": {"IN": ["na", "ta"]}}]], "attrs": {"LEMMA": "NA", "POS": "PART"}},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"POS": "PRON"}, "index": 1},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
    {"patterns": [[{"LOWER": {"NOT_IN": ["all", "na"]}}]], "attrs": {"MORPH": "Foreign=Yes"}},
]


def test_later_rules_win_and_two_token_rules_reach_their_token():
    text = "We're gon na see, y' all  gonna  ta na."
    stock, indexed = blank_with_rules(RULES), blank_with_rules(RULES)
    speed_up(indexed)
    assert isinstance(indexed.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    got = annotations(indexed(text))
    assert got == annotations(stock(text))
    assert [t[4] for t in got][2:4] == ["go", "NA"]  # the later one-token rule overrides the pair's


def test_patterns_the_lookup_cannot_read_keep_spacys_ruler():
    nlp = blank_with_rules([{"patterns": [[{"LOWER": "very", "OP": "+"}]], "attrs": {"POS": "ADV"}}])
    speed_up(nlp)
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler


def test_the_lemma_memo_starts_afresh_when_full_and_gives_the_same_lemmas(nlp, stock, monkeypatch):
    monkeypatch.setattr(ruler, "_MEMO_SIZE", 3)
    text = "The ministers said they were meeting again; gonna happen, she'd argued, as wolves ran."
    memo = nlp.get_pipe("lemmatizer")
    assert annotations(nlp(text)) == annotations(stock(text))
    assert len(memo._memo) <= 3


def test_lemmas_of_words_first_seen_in_a_memory_zone_survive_it(nlp, stock):
    """Extraction frees each chunk's new strings (`nlp.memory_zone`): the memo must not keep ids."""
    text = "The zorblats were glimphing."
    for _ in range(2):
        with nlp.memory_zone():
            got = annotations(nlp(text))
        assert got == annotations(stock(text))
