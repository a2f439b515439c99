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
