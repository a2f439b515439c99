"""quotes/attribution/full_names.py: a one-word speaker is the person the article writes in full.

The unit tests read names off text alone; the last ones run the real pipeline on articles where
the NER misreads the full name, so that only this step can give it (each checked to fail with
`completed` returning its input)."""

from __future__ import annotations

import pytest

from quotes.attribution.decision import Attribution
from quotes.attribution.full_names import completed, full_names_for
from quotes.extract import extract
from quotes.find import Span
from quotes.read import Article


@pytest.mark.parametrize(
    ("word", "text", "names"),
    [
        ("Sanders", "ROME - Bernie Sanders met the pope. Sanders said more.", {"Bernie Sanders"}),
        ("Canova", "It went to law professor Tim Canova's 43 percent. But Canova lost.", {"Tim Canova"}),
        ("Reynolds", "In her room, Deborah Jordan Reynolds spoke. Reynolds says so.", {"Deborah Jordan Reynolds"}),
        ("Tenney", "Assemblywoman Claudia Tenney defeated him.", {"Claudia Tenney"}),
        ("Donald", "In the 1960s, Donald J. Trump was in college. Donald scolded.", {"Donald J. Trump"}),
        ("Clinton", "Bill Clinton and Hillary Clinton came. Mrs. Clinton spoke.", {"Bill Clinton", "Hillary Clinton"}),
    ],
)
def test_a_one_word_name_finds_the_full_names_written_for_it(word, text, names):
    assert full_names_for(word, text) == names


@pytest.mark.parametrize(
    ("word", "text"),
    [
        ("Obama", "President Obama spoke. But Obama left."),  # a title or a sentence's opening word is no given name
        ("Trump", "Stephen Miller left.\n\nMaybe Trump is the one. Trump said so."),  # "Maybe": capital of the sentence
        ("Rubio", "Brooks: Rubio Did Well In Debate"),  # a headline's verb is no surname
        ("Dong", '"No," said Dong Xiaolin, a lawyer. Ms. Dong said.'),  # a surname written first stays as written
    ],
)
def test_no_full_name_from_titles_openings_and_headlines(word, text):
    assert full_names_for(word, text) == set()


def _speakers(nlp, text: str) -> list[str | None]:
    return [q.speaker for q in extract(Article(text=text, id="t"), nlp).quotes]


def test_a_statement_goes_to_the_full_name_the_ner_misread(nlp):
    # "ROME - Bernie Sanders" is not read as the person Bernie Sanders; the later "Sanders" was
    # filed as a one-word expert beside the full one
    text = (
        "Sanders meets the pope.\n\n"
        "ROME - Bernie Sanders met privately with Pope Francis on Saturday.\n\n"
        "\"I am an enormous fan of the pope,\" Sanders said in an interview aboard his plane.\n"
    )
    assert _speakers(nlp, text) == ["Bernie Sanders"]


def _said(speaker: str, mention: str | None = None) -> Attribution:
    return Attribution(Span(0, 10, 1, 9, 0), "direct", speaker, mention=mention or speaker, sieve="cue")


def test_completed_names_one_person_only():
    text = "Bill Clinton and Hillary Clinton came. Later Tim Canova spoke, and Ann Reyes."
    done = completed([_said("Clinton"), _said("Canova"), _said("Tim Canova"), _said("Reyes", "Mr. Reyes")], text)
    # two Clintons: which one is the cascade's to say; a man's title rules out the only Reyes, a woman
    assert [a.speaker for a in done] == ["Clinton", "Tim Canova", "Tim Canova", "Reyes"]


def test_a_given_name_from_the_nicknames_dataset_completes_a_first_name_used_alone():
    # "bernie" is in the nicknames dataset, not in the gender lexicon
    assert full_names_for("Bernie", "Sen. Bernie Sanders spoke. Later Bernie left.") == {"Bernie Sanders"}
