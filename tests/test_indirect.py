"""Reported statements without quotation marks (quotes/attribution/indirect.py), one shape each,
through the whole extraction as a user runs it."""

from __future__ import annotations

import pytest

from quotes.extract import extract
from quotes.kinds import QUOTED_KINDS
from quotes.read import Article

INTRO = "Richard Weitz, a senior fellow at the NATO Defense College, spoke in Brussels on Monday.\n\n"

SHAPES = [
    pytest.param("Weitz said that the alliance would not survive a long recession.",
                 "the alliance would not survive a long recession", "Richard Weitz", id="that-clause"),
    pytest.param("Weitz said the alliance would not survive a long recession.",
                 "the alliance would not survive a long recession", "Richard Weitz", id="bare-clause"),
    pytest.param("The alliance will hold through the winter, Weitz said.",
                 "The alliance will hold through the winter", "Richard Weitz", id="fronted"),
    pytest.param("The alliance, Weitz said, will hold through the winter.",
                 "The alliance, Weitz said, will hold through the winter", "Richard Weitz", id="set-inside"),
    pytest.param("According to Weitz, the alliance will hold through the winter.",
                 "the alliance will hold through the winter", "Richard Weitz", id="according-to"),
    pytest.param("Weitz's warning that the alliance would split went unheeded.",
                 "the alliance would split", "Richard Weitz", id="noun-of-saying"),
    pytest.param("Weitz believes Beijing will wait for the next summit.",
                 "Beijing will wait for the next summit", "Richard Weitz", id="belief"),
    pytest.param("Weitz estimates the repairs will cost three billion euros.",
                 "the repairs will cost three billion euros", "Richard Weitz", id="estimate"),
    pytest.param("Weitz vowed to fight the decision in every court in Europe.",
                 "to fight the decision in every court in Europe", "Richard Weitz", id="commitment"),
    pytest.param("Weitz told the ministers to reopen the talks before the summit.",
                 "to reopen the talks before the summit", "Richard Weitz", id="directive"),
    pytest.param('Weitz said the alliance should read "War and Peace" before the summit.',
                 'the alliance should read "War and Peace" before the summit', "Richard Weitz", id="title-inside"),
    pytest.param("Weitz denied every report of a split inside the alliance.",
                 "denied every report of a split inside the alliance", "Richard Weitz", id="noun-phrase-said"),
    pytest.param("Weitz asked whether the alliance could afford another enlargement.",
                 "whether the alliance could afford another enlargement", "Richard Weitz", id="question"),
]


@pytest.mark.parametrize("sentence, content, speaker", SHAPES)
def test_each_shape_of_reported_speech_is_a_statement_of_its_speaker(nlp, sentence, content, speaker):
    article = Article(text=INTRO + sentence, id="a")
    reported = [q for q in extract(article, nlp).quotes if q.kind == "indirect"]
    assert [(q.text, q.speaker) for q in reported] == [(content, speaker)]
    (quote,) = reported
    assert article.text[quote.start : quote.end] == quote.text
    assert (quote.title, quote.affiliation) == ("senior fellow", "NATO Defense College")


@pytest.mark.parametrize("sentence", [
    pytest.param("Weitz did not say that the alliance would split.", id="negated"),
    pytest.param("If Weitz says the alliance will split, nobody will listen.", id="conditional"),
    pytest.param("Weitz told reporters in Brussels about his new book on Monday.", id="no-clause"),
    pytest.param("Weitz answered a question from the floor and left the hall.", id="little-said"),
    pytest.param("Weitz said nothing of the sort in Brussels on Monday.", id="said-nothing"),
    pytest.param("That said, the alliance has weathered worse winters than this one.", id="idiom"),
    pytest.param("Weitz's rule allowed members to leave the treaty after ten years.", id="permission"),
])
def test_what_reports_no_statement_gives_none(nlp, sentence):
    article = Article(text=INTRO + sentence, id="a")
    assert [q.text for q in extract(article, nlp).quotes if q.kind == "indirect"] == []


def test_a_reported_clause_holding_a_quote_stays_one_mixed_statement(nlp):
    article = Article(text=INTRO + 'Weitz said the plan was "dead on arrival" in its present form.', id="a")
    found = extract(article, nlp).quotes
    assert [(q.kind, q.speaker) for q in found] == [("mixed", "Richard Weitz")]


def test_a_source_that_is_no_person_is_its_organisation_or_no_one(nlp):
    text = ("Economists at the International Monetary Fund say the central bank will cut rates in June.\n\n"
            "Officials said the bridge would reopen in the spring.")
    found = [q for q in extract(Article(text=text, id="a"), nlp).quotes if q.kind == "indirect"]
    assert [(q.speaker, q.affiliation) for q in found] == [(None, "International Monetary Fund"), (None, None)]


def test_pronoun_speaker_is_resolved_as_for_quotes(nlp):
    text = INTRO + "He said the alliance would not survive a long recession."
    (quote,) = [q for q in extract(Article(text=text, id="a"), nlp).quotes if q.kind == "indirect"]
    assert quote.speaker == "Richard Weitz"


def test_quotes_only_extraction_reads_no_reported_speech(nlp):
    text = INTRO + 'Weitz said the alliance would not survive. "It is over," he added.'
    both = extract(Article(text=text, id="a"), nlp).quotes
    quoted = extract(Article(text=text, id="a"), nlp, kinds=QUOTED_KINDS).quotes
    assert {q.kind for q in both} == {"indirect", "direct"}
    assert [q.text for q in quoted] == ["It is over,"]
    assert extract(Article(text=INTRO + "Weitz said the alliance would split.", id="b"), nlp,
                   kinds=QUOTED_KINDS).quotes == []


#: Reporting verbs of the lexicon that no dev article uses, one from each of several sections: the
#: lexicon comes from the verb classes, not from what the dev set showed.
UNSEEN = [
    pytest.param("Weitz grumbled that the summit had achieved nothing of substance.", "grumbled", id="complain"),
    pytest.param("Weitz conjectured that the treaty would be signed before the spring.", "conjectured", id="conjecture"),
    pytest.param("Weitz forecasts that the alliance will grow by two members next year.", "forecasts", id="forecast"),
    pytest.param("Weitz theorised that the talks had been doomed from the first day.", "theorised", id="grammar"),
    pytest.param("Weitz muttered that the ministers would regret the decision for years.", "muttered", id="manner"),
]


@pytest.mark.parametrize("sentence, cue", UNSEEN)
def test_reporting_verbs_the_dev_set_never_showed_report_too(nlp, sentence, cue):
    article = Article(text=INTRO + sentence, id="a")
    (statement,) = [q for q in extract(article, nlp).quotes if q.kind == "indirect"]
    assert (statement.speaker, statement.cue) == ("Richard Weitz", cue)
    assert sentence.split(" that ", 1)[1].rstrip(".") == statement.text


def test_a_gerund_the_recogniser_takes_into_a_name_is_no_part_of_it(nlp):
    """"Entrusting Donald Trump with ...": the person is Donald Trump, and "he" after it is him."""
    text = ("Entrusting Donald Trump with the nuclear codes worried the senators on the committee.\n\n"
            "He said the senators had misread his record on foreign policy.")
    (statement,) = [q for q in extract(Article(text=text, id="a"), nlp).quotes if q.kind == "indirect"]
    assert statement.speaker == "Donald Trump"


def test_a_role_noun_opening_a_sentence_is_no_one_named(nlp):
    """"Aides said ...": unnamed people, not a person called Aides (which the NER can make of it)."""
    text = ("Asked on Monday whether Mr. Clinton would hold a cabinet post, Mrs. Clinton shook her head and "
            'said, "No."\n\nAides said Mr. Clinton\'s role would be narrowly defined to focus on a few issues.')
    (statement,) = [q for q in extract(Article(text=text, id="a"), nlp).quotes
                    if q.kind == "indirect" and q.text.startswith("Mr. Clinton's role")]
    assert statement.speaker is None
