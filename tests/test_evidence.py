"""quotes/attribution/evidence.py: a one-word speaker is a person only on evidence.

Each article is run through the real pipeline; the cascade names the word as the speaker, and only
this step takes it off (each test checked to fail with `persons_only` returning its input)."""

from __future__ import annotations

import pytest

from quotes.extract import extract
from quotes.read import Article


def _quote(nlp, text: str):
    (quote,) = extract(Article(text=text, id="t"), nlp).quotes
    return quote


@pytest.mark.parametrize(
    ("text", "institution"),
    [
        # an outlet named by a noun of media, speaking in its own name
        ("The liberal gossip site Gawker set a trap for the campaign.\n\n"
         "\"A lot of the founding stories were made up,\" Gawker said on Monday.\n", "Gawker"),
        # a company named by a noun of business
        ("Pharmaceutical giant Pfizer has ties to the foundation.\n\n"
         "\"There is absolutely no connection between the two,\" Pfizer said in a statement.\n", "Pfizer"),
    ],
)
def test_an_outlet_or_company_is_no_person_but_the_institution_that_spoke(nlp, text, institution):
    quote = _quote(nlp, text)
    assert (quote.speaker, quote.affiliation) == (None, institution)


@pytest.mark.parametrize(
    "text",
    [
        "Corey Lewandowski had grabbed her.\n\nOn Twitter, she responded Tuesday to the campaign.\n\n"
        "\"Seriously, just stop lying,\" she wrote.\n",
        "The response was fast.\n\n\"We're anxious,\" said another Twitter user on Monday.\n",
    ],
)
def test_a_platform_one_writes_on_is_no_speaker(nlp, text):
    assert _quote(nlp, text).speaker is None


def test_a_month_or_a_weekday_is_no_person(nlp):
    text = ("The vote was set for the end of the summer.\n\n"
            "\"We will not wait another year,\" July said in a statement to the council.\n")
    assert _quote(nlp, text).speaker is None


def test_a_title_alone_is_no_person(nlp):
    text = "Mike Pence spoke in Ohio.\n\nTrump's potential VP then revealed, \"He strongly encouraged me to endorse him.\"\n"
    assert _quote(nlp, text).speaker is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a courtesy title vouches for a one-word name
        ("Lawyers in Beijing are worried.\n\n\"I can't say that I'm worried,\" Ms. Dong said by telephone.\n", "Dong"),
        # so does a title set after it
        ("Husted, Ohio Secretary of State, spoke at noon.\n\n\"We will appeal this decision,\" Husted said.\n", "Husted"),
        # and a given name
        ("The base chief spoke publicly.\n\n\"We had no air support,\" Bob said in the interview.\n", "Bob"),
    ],
)
def test_a_person_named_by_one_word_stays_where_the_article_vouches_for_it(nlp, text, speaker):
    assert _quote(nlp, text).speaker == speaker


def test_an_organisation_named_by_several_words_is_no_person(nlp):
    text = (
        "The union backed the plan on Monday.\n\n"
        "\"This is a win for every worker in the state,\" United Auto Workers said in a statement.\n"
    )
    quote = _quote(nlp, text)
    assert (quote.speaker, quote.affiliation) == (None, "United Auto Workers")


@pytest.mark.parametrize("word", ["Mashable", "Gizmodo"])
def test_a_word_no_one_is_called_by_is_the_body_that_spoke(nlp, word):
    # no census surname, nothing in the article vouches for it as a person, and the NER reads it
    # as nothing: only the census tells
    text = ("The merger was announced on Monday.\n\n"
            f"\"The deal will close by the summer,\" {word} said in a statement to investors.\n")
    quote = _quote(nlp, text)
    assert (quote.speaker, quote.affiliation) == (None, word)


def test_a_surname_alone_stays_a_person_where_nothing_denies_it(nlp):
    text = ("The merger was announced on Monday.\n\n"
            "\"The deal will close by the summer,\" Henderson said in a statement to investors.\n")
    assert _quote(nlp, text).speaker == "Henderson"


@pytest.mark.parametrize(
    ("text", "vouched"),
    [
        # a given name written before the word, even inside a show's name
        ("She spoke on \"The Rachel Maddow Show\" on Thursday. Maddow asked her about the plan.", True),
        # a courtesy title after the comma begins another person's name: no apposition
        ("Unlike Zorbify, Mr. Clarke has no debts.", False),
        # a title word before the word, where the two are an organisation's name
        ("General Electric paid its taxes, the company said.", False),
        # a title before it that is no organisation's name
        ("General Zorbify paid his taxes, the army said.", True),
    ],
)
def test_what_vouches_for_a_one_word_person(nlp, text, vouched):
    from quotes.attribution.evidence import _vouched

    doc = nlp(text)
    word = "Maddow" if "Maddow" in text else "Electric" if "Electric" in text else "Zorbify"
    if "General Electric" in text:
        assert any(ent.text == "General Electric" and ent.label_ == "ORG" for ent in doc.ents)  # the case tested
    assert _vouched(word, doc, text) is vouched


def test_a_name_the_ner_reads_as_a_person_stays_one_beyond_the_census(nlp):
    text = ("The opposition leader spoke on Tuesday.\n\n"
            "\"Nobody in this town asked for a marina,\" Lindqvist said.\n")
    assert any(ent.text == "Lindqvist" and ent.label_ == "PERSON" for ent in nlp(text).ents)  # the case tested
    assert _quote(nlp, text).speaker == "Lindqvist"


def test_a_pronoun_goes_past_a_word_that_is_no_one(nlp):
    # the parser makes the untagged word a subject, which a "he" after it would go back to
    text = ("Bernie Sanders spoke in Vermont on Tuesday.\n\nGizmodo reported the crowd was large.\n\n"
            "\"We will win this state,\" he said.\n")
    found = {q.kind: q for q in extract(Article(text=text, id="t"), nlp).quotes}
    assert found["direct"].speaker == "Bernie Sanders"
    assert (found["indirect"].speaker, found["indirect"].affiliation) == (None, "Gizmodo")


def test_a_pronoun_skips_a_word_that_is_no_one(nlp):
    from quotes.attribution.article import Article as Parsed

    text = "Bernie Sanders spoke in Vermont on Tuesday. Gizmodo said that he won the state."
    article = Parsed(nlp(text), [])
    assert not article.may_be_person("Gizmodo")
    assert article.may_be_person("Henderson") and article.may_be_person("Bernie Sanders")


def test_known_surnames_come_from_the_census():
    from quotes.attribution.evidence import known_surname

    assert all(map(known_surname, ["Henderson", "O’Donnell", "McConnell", "Reed-Veal"]))
    assert not any(map(known_surname, ["Politico", "Twitter", "Brexit", "Zorbify"]))
