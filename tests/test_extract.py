"""The extractor on the bundled fixture articles, each against its expected quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.extract import JSON_FIELDS, extract
from quotes.kinds import QUOTED_KINDS
from quotes.read import Article, read_paths

from .conftest import ARTICLES, FIXTURES, expected


def articles():
    for article in read_paths(ARTICLES):
        assert not isinstance(article, Exception), article
        name = article.id if article.source.endswith(".jsonl") else Path(article.source).stem
        yield pytest.param(article, name, id=name)


@pytest.mark.parametrize("article, name", list(articles()))
def test_fixture_gives_its_expected_quotes(nlp, article, name):
    """Quotes (direct, mixed) against `quotes`, reported statements against `reported`: both read
    by hand, each statement's speaker, title and institution."""
    got = extract(article, nlp).quotes
    for key, statements in (("quotes", [q for q in got if q.kind != "indirect"]),
                            ("reported", [q for q in got if q.kind == "indirect"])):
        want = expected(name)[key]
        summary = [(q.speaker, q.title, q.affiliation, q.text[:40]) for q in statements]
        assert len(statements) == len(want), (key, summary)
        for quote, exp in zip(statements, want):
            assert quote.text.startswith(exp["starts"]), (key, summary)
            assert (quote.speaker, quote.title, quote.affiliation) == (exp["speaker"], exp["title"], exp["affiliation"]), (key, summary)
            assert exp.get("cue", quote.cue) == quote.cue, (key, summary)


def test_quotes_only_gives_the_quotes_and_no_reported_statement(nlp):
    for article in read_paths(ARTICLES):
        name = article.id if article.source.endswith(".jsonl") else Path(article.source).stem
        got = extract(article, nlp, kinds=QUOTED_KINDS).quotes
        want = [e["starts"] for e in expected(name)["quotes"]]
        assert [q.text[: len(starts)] for q, starts in zip(got, want)] == want and len(got) == len(want)


def test_offsets_point_at_the_quoted_words(nlp):
    for article in read_paths(ARTICLES):
        for quote in extract(article, nlp).quotes:
            assert article.text[quote.start : quote.end] == quote.text


def test_json_shape_is_stable(nlp):
    article = next(iter(read_paths([str(FIXTURES / "china_russia_sanctions.txt")])))
    record = extract(article, nlp).to_json()
    assert set(record) == {"id", "quotes"}
    assert all(tuple(q) == JSON_FIELDS for q in record["quotes"])


def test_seed_article_scare_quote_is_not_a_statement(nlp):
    article = next(iter(read_paths([str(FIXTURES / "china_russia_sanctions.txt")])))
    texts = [q.text for q in extract(article, nlp).quotes if q.kind != "indirect"]
    assert not any("unilateral sanctions" in t for t in texts)
    assert len(texts) == 3  # every paragraph is printed twice


def test_article_without_quotes_gives_none(nlp):
    from quotes.read import Article

    assert extract(Article(text="No one said anything of note today.", id="x"), nlp).quotes == []


def test_invisible_characters_are_parsed_around_and_offsets_kept(nlp):
    from quotes.read import Article

    text = '"We measured every gauge\u200b twice," said Ein\u200bar Tan\u202egen, a hydrologist at the Valley Research Council.'
    (quote,) = extract(Article(text=text, id="x"), nlp).quotes
    assert quote.speaker == "Einar Tangen"
    assert text[quote.start : quote.end] == quote.text == "We measured every gauge\u200b twice,"


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

WORDS = st.sampled_from(["said", "Jane Roe", "he", "the", "Ministry", "“", "”", '"', "''", "``", "\n", ",", ".", ":",
                         "—", "According to", "For", "she told", "\u200b", "'", "rock", "Mr.", "(", ")"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, max_size=40).map(" ".join))
def test_any_text_extracts_without_crashing_and_quotes_match_offsets(nlp, text):
    from quotes.read import Article

    if not text.strip():
        return
    for quote in extract(Article(text=text, id="h"), nlp).quotes:
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text


def _speakers(nlp, text: str) -> list[str | None]:
    from quotes.read import Article

    return [q.speaker for q in extract(Article(text=text, id="t"), nlp, kinds=QUOTED_KINDS).quotes]


def test_object_pronoun_gives_the_subject_no_gender(nlp):
    # "him" after the subject is someone else: it must not make the subject male for the "she" after
    text = 'Robin Hale thanked him for the invitation on Monday. "We will be back next year," she said.'
    assert _speakers(nlp, text) == ["Robin Hale"]


def test_surname_the_tagger_calls_a_noun_is_still_the_person(nlp):
    text = ('Laura Swers teaches history at the state university. Swers said because turnout is low, '
            '"the party has a very hard road ahead."')
    assert _speakers(nlp, text) == ["Laura Swers"]


def test_quoted_words_after_a_report_go_on_with_it(nlp):
    text = ('Omar Castillo has argued that the tax was doomed from the start. As a result, there is still '
            '"a very powerful lobby that can block any change."')
    assert _speakers(nlp, text) == ["Omar Castillo"]


def test_a_common_given_name_tells_the_gender_of_a_pronoun_antecedent(nlp):
    text = 'After Karen Ward left the hall, Mark Ellis took the stage. "We will win this county," she said.'
    assert _speakers(nlp, text) == ["Karen Ward"]


def test_a_body_named_with_the_elsewhere_is_no_antecedent(nlp):
    text = ('Alma Reyes filed the bill on Tuesday. Her plan comes as Parliament is weighing a budget that the '
            'Parliament must pass by May. "This is only the floor," she said.')
    assert _speakers(nlp, text) == ["Alma Reyes"]


def test_an_excerpt_from_a_column_is_not_the_columnist_speaking(nlp):
    text = ('From Jane Roe writing at The Daily Ledger:\n\n"The council met for six hours and settled nothing at all.'
            '\n\n"Its members left the hall angrier than they came in."\n\nThe mayor did not comment.')
    assert _speakers(nlp, text) == []


def test_a_headline_that_opens_with_a_name_and_a_colon_is_theirs(nlp):
    text = 'Omar Castillo: Council Vote Was ‘A Disgrace To The City.’\n\nThe council voted 5-4 on Monday to close the library.'
    assert _speakers(nlp, text) == ["Omar Castillo"]


def test_words_quoted_again_in_another_report_are_a_second_quote(nlp):
    # a mixed quote is part of the report around it: the same words in a new report are two quotes,
    # the same report printed twice is one
    first = 'Ana Ruiz said on Monday that the ferry plan "will cost the town its harbor" and left early.'
    again = 'At a second meeting on Friday, Ruiz told the council the plan "will cost the town its harbor" unless it changes.'
    assert _speakers(nlp, f"{first}\n\n{again}") == ["Ana Ruiz", "Ana Ruiz"]
    assert _speakers(nlp, f"{first}\n\n{first}") == ["Ana Ruiz"]


def test_a_short_phrase_quoted_again_is_a_second_quote(nlp):
    # a statement printed twice is one quote (see the seed article); a phrase used twice is two
    text = ('John Miller said the offer was "a bad joke" on Monday.\n\n'
            'On Tuesday, Miller said it was still "a bad joke" and left the room.')
    assert _speakers(nlp, text) == ["John Miller", "John Miller"]


def test_a_capitalised_quote_in_a_headline_is_not_taken_for_a_title(nlp):
    text = 'Karen Ward Asks Voters To ‘Think Twice Before Voting.’\n\nThe council voted 5-4 on Monday to close the library.'
    assert _speakers(nlp, text) == ["Karen Ward"]


@pytest.mark.parametrize("text", [
    '"The plant will reopen within a week," said a spokeswoman for Northwind Energy.',
    'A Northwind Energy spokeswoman said the plant "will reopen within a week, as planned."',
])
def test_an_unnamed_spokesperson_speaks_for_their_organisation(nlp, text):
    from quotes.read import Article

    (quote,) = extract(Article(text=text, id="t"), nlp).quotes
    assert (quote.speaker, quote.affiliation) == (None, "Northwind Energy")


def test_said_then_titles_then_the_name(nlp):
    text = '"The budget leaves us no room at all," said Appropriations ranking Democrat Tobias Quellmore (D-Ore.).'
    assert _speakers(nlp, text) == ["Tobias Quellmore"]


def test_a_described_subject_gives_way_to_the_person_named_before_the_colon(nlp):
    text = ('Tom Alder spoke for an hour on Friday. The size of the crowd did not surprise campaign veteran '
            'Lena Marsh: “People here have waited a long time for a race like this.”')
    assert _speakers(nlp, text) == ["Lena Marsh"]


def test_a_place_followed_by_a_description_is_not_a_person(nlp):
    text = ('Dan Ortez met voters on Monday. South Carolina, a state he has visited often, was his last stop. '
            '"We will win here," he said.')
    assert _speakers(nlp, text) == ["Dan Ortez"]


def test_a_digest_citation_and_its_excerpt_are_nobodys_statement(nlp):
    text = ('MUSIC—"Local band signs its first record deal," by the Ledger\'s Ann Pike: '
            '"The four-piece group from the east side will release an album in May."')
    assert _speakers(nlp, text) == []


def test_a_phrase_called_something_by_someone_is_still_theirs(nlp):
    text = 'The plan has been called "a recipe for chaos in every school" by Lena Marsh, a teacher.'
    assert _speakers(nlp, text) != []


def test_a_transcript_quoted_whole_is_labelled_inside_the_marks(nlp):
    text = ('Senator Ruth Vance spoke to Ken Ames on the radio on Sunday.\n\n'
            '"VANCE: Well, look, the bill is dead and everyone in this town knows it.\n\n'
            '"AMES: But, Senator, your own party wrote it."')
    assert _speakers(nlp, text) == ["Ruth Vance", "Ken Ames"]


def test_shot_back_reports_a_reply(nlp):
    text = ('When Ana Ruiz attacked his record on schools, she said "we cannot wait another year for this." '
            'Tom Alder shot back, "You had four years and did nothing at all with them."')
    assert _speakers(nlp, text) == ["Ana Ruiz", "Tom Alder"]


def test_a_second_that_clause_stays_under_the_speech_verb(nlp):
    text = ('Ana Ruiz says the county should be hiring more nurses and that she expects Governor Tom Alder '
            'to announce a "major new program" next week.')
    assert _speakers(nlp, text) == ["Ana Ruiz"]


def test_a_quotation_mark_glued_to_the_speech_verb_is_split_off(nlp):
    """`said,"We` is one token by spaCy's default rules; the verb inside it would be lost."""
    text = 'Paula Ruiz said,"We will open the bridge again in spring, whatever the weather does."'
    assert [t.text for t in nlp.tokenizer(text)][2:5] == ["said", ",", '"']
    (quote,) = extract(Article(text=text, id="glued"), nlp).quotes
    assert (quote.speaker, quote.cue) == ("Paula Ruiz", "said")


def test_a_role_given_beside_the_surname_later_is_the_speakers(nlp):
    text = ("Residents packed the hall to hear about the bridge. Anna Farrow had spent months on the plans, "
            "and Mia Farrow, a local actor, watched from the back.\n\n"
            '"We listened to every objection," Anna Farrow said.\n\n'
            'Farrow, the town\'s chief planner, added: "The bridge is better for it."')
    got = {(q.speaker, q.title) for q in extract(Article(text=text, id="t"), nlp).quotes}
    assert got == {("Anna Farrow", "town's chief planner")}  # not Mia Farrow's "local actor"


def test_a_person_named_in_a_role_is_not_the_speakers_institution(nlp):
    text = ('Ann Farrow opened her campaign on Monday. "We will build the bridge," said Jan Roe, a longtime '
            'Farrow supporter. "Nobody else will," said Tom Reyes, a senior fellow at the Harbour Institute.')
    got = {(q.speaker, q.title, q.affiliation) for q in extract(Article(text=text, id="t"), nlp).quotes}
    assert got == {("Jan Roe", "longtime supporter", None), ("Tom Reyes", "senior fellow", "Harbour Institute")}


def test_only_a_pipelines_first_chunk_keeps_its_words(monkeypatch):
    """The first chunk's words warm the tokenizer for good; every later chunk's are freed, so the
    vocabulary stays flat however many articles stream through."""
    from quotes import extract as module
    from quotes.nlp import _load, model_name

    monkeypatch.setattr(module, "ZONE_ARTICLES", 2)
    nlp = _load.__wrapped__(model_name(None))  # a pipeline of its own: the session's is warmed already
    made_up = [f"Zorvaxil{i} Quendrabot{i}" for i in range(6)]
    articles = [Article(text=f'"We will see," said {name}.', id=str(i)) for i, name in enumerate(made_up)]
    sizes = []
    for start in range(0, 6, 2):
        list(module.extract_many(articles[start : start + 2], nlp))
        sizes.append(len(nlp.vocab.strings))
    assert "Zorvaxil0" in nlp.vocab.strings and "Zorvaxil1" in nlp.vocab.strings  # the first chunk's stay
    assert "Zorvaxil2" not in nlp.vocab.strings and "Zorvaxil5" not in nlp.vocab.strings
    assert sizes[1] == sizes[2]


@pytest.mark.parametrize(
    "opening",
    [
        "Harriet Vane, meanwhile, stayed at the back of the hall.",  # an aside
        "Harriet Vane, burly and silver-haired, stood at the door.",  # a description
        "Harriet Vane, writing in the Gazette, disagreed.",  # a participle
        "Harriet Vane, speaking at a rally in the park, disagreed.",  # a participle with nouns after it
    ],
)
def test_a_title_is_a_noun_phrase(nlp, opening):
    """What follows a name between commas is read as a title by its shape; the parse keeps only
    one headed by a noun."""
    text = f'{opening}\n\n"The bridge will not open before spring," Vane said.\n'
    (quote,) = extract(Article(text=text, id="t"), nlp).quotes
    assert (quote.speaker, quote.title) == ("Harriet Vane", None)


def test_a_title_with_its_noun_stays(nlp):
    text = 'Harriet Vane, a bridge engineer, stood at the door.\n\n"The bridge will not open before spring," Vane said.\n'
    (quote,) = extract(Article(text=text, id="t"), nlp).quotes
    assert (quote.speaker, quote.title) == ("Harriet Vane", "bridge engineer")


@pytest.mark.parametrize(
    "opening, institution",
    [
        ("Senator Harriet Vane of South Carolina toured the bridge on Monday.", None),  # a place
        ("Iowa Republican strategist Harriet Vane toured the bridge on Monday.", None),  # a place and a party
        ("Harriet Vane of the Harbour Research Institute toured the bridge on Monday.", "Harbour Research Institute"),
        # an adjective capitalised for opening the sentence, and the party's adjective after it
        ("Presumptive Liberal nominee Harriet Vane toured the bridge on Monday.", None),
    ],
)
def test_an_institution_is_no_place_people_or_person(nlp, opening, institution):
    """The shapes that give an institution ("X of ORG", "ORG title X") give a place or a party's
    adjective as often; the NER tells them apart."""
    text = f'{opening}\n\n"The bridge will not open before spring," Vane said.\n'
    (quote,) = extract(Article(text=text, id="t"), nlp).quotes
    assert (quote.speaker, quote.affiliation) == ("Harriet Vane", institution)


def test_a_plural_is_no_title(nlp):
    """"X, co-founders of Y," or "X, top executives," describe a group, not one person's post."""
    text = ("Harriet Vane and Dale Moss, the firm's co-founders, toured the bridge.\n\n"
            '"The bridge will not open before spring," Moss said.\n')
    (quote,) = extract(Article(text=text, id="t"), nlp).quotes
    assert (quote.speaker, quote.title) == ("Dale Moss", None)


def test_a_place_read_out_of_focus_is_known_by_its_name_elsewhere(nlp):
    """A role read in a paragraph the parser never saw is checked where it saw the same words:
    South Carolina is a place there as here."""
    text = ("Harriet Vane arrived on Monday.\n\n"
            "Senator Harriet Vane of South Carolina toured the bridge.\n\n"
            + "The river rose all week, and the ferries stopped running on Tuesday.\n\n" * 6 +
            '"The bridge will not open before spring," Vane said in South Carolina.\n')
    (quote,) = extract(Article(text=text, id="t"), nlp).quotes
    assert (quote.speaker, quote.affiliation) == ("Harriet Vane", None)


@pytest.mark.parametrize("source", ["the person", "the source", "the insider"])
def test_an_anonymous_source_is_no_one_named_before(nlp, source):
    """"the person added", "the source said": someone unnamed, never the last person named."""
    text = ("Harriet Vane opened the bridge on Monday. A longtime adviser to Vane, who asked not to be "
            f'named, said the work was late.\n\n"The bridge will not open before spring," {source} added.\n')
    (quote,) = extract(Article(text=text, id="t"), nlp, kinds=QUOTED_KINDS).quotes
    assert quote.speaker is None
