"""The attribution phenomena, one fixture file each under fixtures/phenomena/, case by case.

Each file holds several short cases, each headed `=== name ===`; every case is extracted as an
article of its own (once per module), so that one case's names cannot leak into another's. The
files are named `.cases`, not `.txt`: a case book is no article, and `quotes ingest fixtures/`
passes it by (as one article, its headers read as sentences: "=== X, who ..., said ===").
Every phenomenon was checked to fail with the code that handles it disabled (monkeypatched in a
scratch script, never committed); "->" names the tests that then fail. find, focus, extract, nlp, resolve
and roles are modules of quotes/; the others are quotes/attribution/'s (`speech_verbs._relative_before`):

  phenomenon                      handling code disabled -> failing tests
  1  multi-paragraph quote        find._paragraph_spans: an unclosed mark runs to its paragraph's end
                                  (unclosed spans dropped) -> all test_01; find_spans `continues`
                                  forced False (the "split quote" sieve of cascade.SIEVES) -> test_01 colon case
  2  quote split by attribution   continuation.by_lead_in + same-paragraph branch of continuation.continues_previous
                                  -> test_02 (3 of 4; the mid-sentence split is one sentence, speech_verbs.by_cue)
  3  cue lexicon, any tense       lexicon.CUE_LEMMAS emptied (or "speculate" out of it -> the
                                  speculated case) -> test_03 (11 of 16); with
                                  after_quote.by_adjacency also off -> all 16; syntax.according_to
                                  -> the "according to" cases of test_03 and test_04;
                                  speech_verbs._relative_before -> the "X, who ..., said" cases; the
                                  `is_stop` test in after_quote.phrase_speaker -> the stop-word case;
                                  after_quote._possessor (returns False) -> the X's-adviser cases;
                                  speech_verbs._goes_on (returns False) -> the went-on case;
                                  speech_verbs._beside_quote (returns None) -> the long-role case;
                                  syntax._name_as_compound (returns None) -> the joked-after-
                                  another-quote case; after_quote._copula_before_comma (returns
                                  False) -> the sentence-about-a-name-after-a-question case
  4  frames without speech verb   frames.by_frame -> test_04 For/In/colon/dash cases;
                                  frames.vouched_for (returns None) -> the "X said, according
                                  to" cases; layouts.by_topic_headline -> the "X On How" cases;
                                  names.before_speech_verb -> the name-into-the-verb cases;
                                  frames.by_colon -> test_04 "speaker introduced" cases;
                                  layouts._tagged_person (returns False) -> the one-word label case;
                                  layouts.by_headline_verb (returns None) -> the digest cases;
                                  frames._clause_before (returns None) -> the colon case whose
                                  clause the parser runs into the quote (the name before the colon
                                  is the one addressed)
  5  pronouns and descriptions    mentions.ArticleMentions.antecedent (returns None) -> all test_05;
                                  mentions.ArticleMentions.namesake (returns None) -> the namesake case;
                                  its fallback to a namesake of unknown gender -> the gender-nothing-tells
                                  case; focus._full_names keyed by surname alone -> the far-namesake case;
                                  focus._antecedent_paragraphs (returns no paragraph) -> the
                                  run-of-pronouns case; lexicon.SAYING_LEMMAS emptied -> the
                                  who-says-it case; the appositive climb in mentions._salience
                                  -> the name-beside case; the known-gender tie-break in
                                  mentions.ArticleMentions.antecedent -> the gender-unknown case; the
                                  "ask" ranks in mentions._salience -> the one-asked case; known
                                  surnames tagged NOUN in mentions.ArticleMentions._untagged_subjects -> the surname-noun case;
                                  extract.focus reading full names inside quotes -> the
                                  full-name-only-inside-a-quote case; resolve.People.learn (does
                                  nothing) -> the courtesy-title case;
                                  mentions.ArticleMentions.namesakes_of (returns False) -> the
                                  he-after-a-shared-surname case; people.ArticlePeople._not_of_name (returns
                                  False) -> the epithet-before-a-surname case
  6  continuation paragraphs      continuation.continues_previous (returns False) -> all test_06 but the
                                  spoke-about case; continuation._before_aside (returns its `hi`) or
                                  lexicon.TOPIC_SPEECH_LEMMAS emptied -> the spoke-about case
  7  quotation marks              find._MARK cut to straight marks -> curly/« »/„ “/``''/'' cases;
                                  find._paragraph_spans replaced by a naive in-order pairing of every
                                  mark, apostrophes included, across paragraphs -> nested, apostrophe
                                  and unpaired-mark cases (and half the module); nlp._GLUED_QUOTES cut
                                  to its first two patterns -> the glued closing-mark cases
  8  not statements               extract._is_statement (returns True) -> all test_08;
                                  extract._stage_direction (returns False) -> the stage-direction case;
                                  terms.names_a_work (returns False) -> the title-of-a-work-named-
                                  beside-it cases (memoir, star, slogan), and with the hearer test
                                  in it dropped -> the told-to-a-podcast case; terms.dated (returns
                                  False) -> the posters-listed-by-year case; terms.subhead
                                  (returns False) -> the two subhead cases, and with its colon
                                  test dropped -> the capitals-introduced-by-a-colon case, with its
                                  count of double marks dropped -> the British-single-marks case;
                                  terms.in_embedded_post (returns False) -> the embedded-tweet case;
                                  the closing marks stripped in terms.byline -> the cited-headline case
  9  mixed quotes                 context.quote_kind (returns "direct") -> all test_09 kind assertions;
                                  context.after_that (returns False) -> the that-clause case; the
                                  `continue` past a pronoun naming no one in reported.by_governor -> the
                                  everything/something cases; reported.by_owner (returns None) -> the
                                  claim-owned and promise cases; the "as" test in reported._content_of
                                  -> the dismissed-as case; syntax._agent (returns None) -> the
                                  by-phrase case; the `climbed` test in syntax.subject_of -> the
                                  infinitive-under-a-passive case; "pledge" out of lexicon.CUE_LEMMAS
                                  -> the pledged case; reported._asked_about (returns False) -> the
                                  whether-question case; the parataxis line in speech_verbs._cue_verbs -> the
                                  aside case; the ROOT-noun `acl` line in syntax.subject_of -> the
                                  participle case; syntax.set_off (returns False) -> the conjuncts case;
                                  context._ends_sentence (returns False) -> the two-apostrophe case of
                                  test_02 (the parser runs "said." on into the quote after it)
                                  speech_verbs._inside_subordinate (returns its list) -> the after-clause
                                  case; the negation test in speech_verbs._reports -> the negated
                                  though-clause case; the relcl filter in speech_verbs._cue_verbs -> the
                                  relative-clause case; the `embedded` colon test in
                                  after_quote.by_adjacency -> the after-clause-before-a-colon case;
                                  continuation.by_list_intro (returns None), or extract.focus not
                                  keeping continuation.list_intro's paragraphs -> the bulleted-list case;
                                  nlp._paragraphs_start_sentences (does nothing) -> the dateline case;
                                  the `embedded and ended` return in after_quote.by_adjacency -> the
                                  ends-its-sentence case; the "according" line in speech_verbs._rank
                                  -> the according-to-framing case; syntax.second_clause_subject
                                  (returns None) -> the second-clause-subject case (and, in
                                  tests/test_attribute.py, the hand-built one of two subjects)
  10 institutions as speakers     lexicon.INSTITUTION_LABELS emptied -> test_10 "said" cases (the
                                  Pentagon-statement case goes through frames.by_frame's `X:` rule);
                                  lexicon.ISSUED_FINDINGS emptied -> the study/report cases;
                                  "tabloid" out of lexicon.INSTITUTION_NOUNS -> the tabloid case;
                                  article.Article.author (returns None) -> the email/ad cases;
                                  continuation.body_meant (returns None) -> the company-said case;
                                  people.ArticlePeople._bodies (returns no name) -> the agency
                                  described-beside case; people.ArticlePeople._short_forms (returns
                                  no name) -> the company's-short-name case;
                                  people.ArticlePeople._person_words (returns no word) -> the
                                  person's-name-in-an-institution's-name cases and the
                                  capital-inside-a-surname case; people.ArticlePeople._brands
                                  (returns no name) -> the brand-shaped case;
                                  people.ArticlePeople.group (returns False) -> the plural-subject case;
                                  names.could_be_name (returns True) -> the source-noun case
  11 titles and affiliations      roles._appositive / roles._premodifier / roles._org_at (return None)
                                  -> each the test_11 shapes it reads; extract.role_at -> all test_11
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from quotes.extract import Quote, extract
from quotes.kinds import QUOTED_KINDS
from quotes.read import Article

from .conftest import FIXTURES

PHENOMENA = FIXTURES / "phenomena"
CUE = 0.95  # the confidence of an explicit speech verb with a named subject


@cache
def _cases(filename: str) -> dict[str, str]:
    text = (PHENOMENA / filename).read_text(encoding="utf-8")
    parts = re.split(r"^=== (.+?) ===\n", text, flags=re.M)
    return {name: body.strip("\n") + "\n" for name, body in zip(parts[1::2], parts[2::2])}


@pytest.fixture(scope="module")
def quotes(nlp):
    """`quotes(file, case)`: the quotes of one case, each case extracted once for the module
    (quotes only: reported speech has its own cases, in test_indirect.py)."""
    done: dict[tuple[str, str], list[Quote]] = {}

    def get(filename: str, name: str) -> list[Quote]:
        if (filename, name) not in done:
            text = _cases(filename)[name]
            found = extract(Article(text=text, id=f"{filename}:{name}"), nlp, kinds=QUOTED_KINDS).quotes
            assert all(text[q.start : q.end] == q.text for q in found)
            done[filename, name] = found
        return list(done[filename, name])

    return get


def who(found: list[Quote]) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in found]


def test_every_case_is_tested():
    """No case sits in a fixture file without a test reading it."""
    source = open(__file__, encoding="utf-8").read()
    for path in sorted(PHENOMENA.glob("*.cases")):
        for name in _cases(path.name):
            assert repr(name) in source or f'"{name}"' in source, (path.name, name)


# 1. A quote running over several paragraphs -------------------------------------------------

MULTI = "01_multi_paragraph.cases"


def test_01_multi_paragraph_quote_keeps_the_speaker_of_its_first_paragraph(quotes):
    found = quotes(MULTI, "attribution in the first paragraph")
    marsk = "Helena Marsk"
    assert who(found) == [
        ("The outer wall was built for the storms of the last century, not for the ones we have now,", marsk),
        ("Every winter we lose another section of it.", marsk),
        ("Every spring we patch it with whatever stone the quarry can spare.", marsk),
        ("Without a new design we will be patching it for the next fifty years.", marsk),
    ]
    assert all(q.kind == "direct" for q in found)


def test_01_multi_paragraph_quote_introduced_with_a_colon_runs_to_a_short_last_paragraph(quotes):
    found = quotes(MULTI, "introduced with a colon, short last paragraph")
    solberg = "Arne Solberg"
    assert who(found) == [
        ("We signed the ferry contract in a hurry and we have paid for that haste every month since.", solberg),
        ("The next contract will be read line by line before anyone signs it.", solberg),
        ("Never again.", solberg),
    ]
    assert [q.sieve for q in found] == ["colon", "continuation", "continuation"]


def test_01_multi_paragraph_quote_after_a_split_first_paragraph(quotes):
    found = quotes(MULTI, "attribution inside the first paragraph's quote")
    brandvold = "Ilse Brandvold"
    assert who(found) == [
        ("The forecasts were wrong,", brandvold),
        ("and the farmers paid for our mistake.", brandvold),
        ("We have since changed how we model the coast, and we publish every forecast we get wrong.", brandvold),
    ]
    assert found[2].sieve == "continuation"


# 2. A quote split by its attribution ---------------------------------------------------------

SPLIT = "02_split.cases"


@pytest.mark.parametrize(
    "case, first, second, speaker",
    [
        ("said X between the parts", "The pipes under the old town are older than anyone working here,",
         "We cannot keep patching them on the current budget.", "Ingrid Tallow"),
        ("pronoun between the parts", "We lost the final by a tenth of a second,",
         "Nobody in the boat will forget that.", "Dmitri Olafsen"),
        ("name and told between the parts", "The grandstand is older than anyone working here,",
         "Patching it is no longer enough.", "Jakob Renner"),
        ("split mid-sentence", "If customers cannot stop outside,",
         "they will simply drive to the supermarket instead.", "Tariq Benhadj"),
        ("two-apostrophe marks after a full stop", "We carried fewer than forty people on some crossings last January,",
         "Nobody can run a boat on that.", "Petra Lindqvist"),
    ],
)
def test_02_both_parts_of_a_split_quote_have_the_one_speaker(quotes, case, first, second, speaker):
    found = quotes(SPLIT, case)
    assert who(found) == [(first, speaker), (second, speaker)]
    assert [q.kind for q in found] == ["direct", "direct"]


# 3. Cues: a wide lexicon, either side, any tense, inverted ----------------------------------

CUES = "03_cues.cases"


@pytest.mark.parametrize(
    "case, starts, speaker, cue",
    [
        ("said X", "The river has never been this low", "Priya Ramaswamy", "said"),
        ("X told", "We expect the repairs", "Colm Fitzgerald", "told"),
        ("X added, before", "The figures for the northern provinces", "Lotte Verhagen", "added"),
        ("X argued, after a full stop", "A tax on sugar", "Bruno Castellane", "argued"),
        ("X warned that", "another dry summer", "Sigrid Aalto", "warned"),
        ("X believes", "the ministry has misread", "Marta Kowalczyk", "believes"),
        ("X concluded", "The evidence does not support", "Yusuf Demir", "concluded"),
        ("X insisted, after a full stop", "None of the money", "Oskar Lindgren", "insisted"),
        ("X wrote", "The archive is in worse shape", "Eleanor Whitcombe", "wrote"),
        ("X tweeted", "Proud of every volunteer", "Rafael Moreno", "tweeted"),
        ("according to X", "The bridge will reopen", "Hannelore Vogt", "according to"),
        ("future tense", "We will not sign anything", "Amadou Diallo", "tell"),
        ("past perfect", "We had warned them twice", "Nadia Ferreira", "told"),
        ("inverted says X", "The orchestra has never sounded better", "Kasimir Nowak", "says"),
        ("X warns, present tense", "The harvest will be the worst", "Gunnar Eide", "warns"),
        ("inverted Said X, before", "The orchestra has never sounded better", "Kasimir Nowak", "Said"),
        ("said a place-based title X", "The ferry timetable was written for tourists", "Edda Marklund", "said"),
        ("So says X, after a full stop", "The orchestra has never sounded better", "Kasimir Nowak", "says"),
    ],
)
def test_03_speech_verb_names_the_speaker(quotes, case, starts, speaker, cue):
    (quote,) = quotes(CUES, case)
    assert quote.text.startswith(starts)
    assert (quote.speaker, quote.cue, quote.sieve, quote.confidence) == (speaker, cue, "cue", CUE)


@pytest.mark.parametrize(
    "case, starts, speaker",
    [
        ("full name the NER cuts to the surname", "a box-ticking exercise", "Fergus Mulligan"),
        ("future tense, quote first", "We will not sign anything", "Amadou Diallo"),
        ("surname after an untagged full name", "The square will be closed", "Edmund Farrow"),
    ],
)
def test_03_a_name_the_ner_splits_keeps_its_given_name(quotes, case, starts, speaker):
    (quote,) = quotes(CUES, case)
    assert quote.text.startswith(starts)
    assert (quote.speaker, quote.sieve) == (speaker, "cue")


@pytest.mark.parametrize("case, text", [("X, who ..., said", "a work of fiction."),
                                        ("Of Y, X, who ..., said", "a monument to vanity.")])
def test_03_a_relative_clause_between_the_name_and_the_speech_verb(quotes, case, text):
    (quote,) = quotes(CUES, case)
    assert (quote.text, quote.speaker, quote.sieve, quote.cue) == (text, "Marguerite Okafor", "cue", "said")


def test_03_a_name_after_the_quote_the_parser_sets_beside_it_is_the_subject(quotes):
    """Past a long role, the parser takes the quote for the subject of "said" and the name for a
    word set beside the quote; the asker in the when-clause after it is no speaker."""
    (quote,) = quotes(CUES, '"...," X, a long role, said when Y asked')
    assert (quote.text, quote.speaker, quote.sieve, quote.cue) == ("Great crowd, great people,", "Tomas Kessler", "cue", "said")


def test_03_a_name_the_parser_hangs_on_the_verb_as_a_compound_is_its_subject(quotes):
    """After a first quote in the sentence the parser reads "Kessler joked" as a noun phrase and
    hangs it on "yelled": the name is still who jokes, not the one in the crowd."""
    reply = quotes(CUES, "X joked after another quote in the sentence")[-1]
    assert (reply.text[:8], reply.speaker, reply.sieve, reply.cue) == ("Hold on,", "Tomas Kessler", "cue", "joked")


def test_03_a_quote_the_cue_introduces_inside_reported_speech_is_mixed(quotes):
    (quote,) = quotes(CUES, "X believes")
    assert quote.kind == "mixed"
    assert all(q.kind == "direct" for q in quotes(CUES, "X told") + quotes(CUES, "X concluded"))


def test_03_speculated_is_a_speech_verb(quotes):
    """"X speculated that ... "words"": a guess put in words is said, like "predicted"; without the
    verb the quote goes to whatever verb governs it nearest ("come")."""
    (quote,) = quotes(CUES, "X speculated that")
    assert (quote.speaker, quote.kind, quote.sieve, quote.cue) == ("Tobias Lindgren", "mixed", "cue", "speculated")


def test_03_a_capitalised_stop_word_after_a_question_is_no_speaker(quotes):
    (quote,) = quotes(CUES, "a capitalised stop word after a question is no name")
    assert (quote.speaker, quote.cue) == ("Mireille Dufour", "wondered")


@pytest.mark.parametrize("case", ["X's adviser Y said", "X's spokesman, Y, said"])
def test_03_a_name_the_speaker_phrase_gives_after_a_possessor_is_the_speaker(quotes, case):
    """"Okoro's chief of staff Daniel Fenwick said": Okoro is whose he is, Fenwick who speaks
    (after_quote._possessor in after_quote.phrase_speaker)."""
    (quote,) = quotes(CUES, case)
    assert (quote.speaker, quote.sieve, quote.cue) == ("Daniel Fenwick", "cue", "said")


def test_03_a_sentence_about_a_name_after_a_question_is_no_speaker_phrase(quotes):
    """"Tomas Kessler is a pilot ..., who sells" after the closing mark holds a verb of its own
    before its comma: a new sentence about Kessler, not "Kessler sells" reporting the question."""
    (quote,) = quotes(CUES, "a sentence about a name after a question is no speaker phrase")
    assert (quote.speaker, quote.cue) == ("Agnes Whitlow", ":")


def test_03_went_on_before_a_quote_is_a_speech_verb(quotes):
    """"She went on: '...'": going on is going on speaking (speech_verbs._goes_on), not "went on to
    say" nor "went on television"."""
    first, second = quotes(CUES, "she went on, before")
    assert first.speaker == "Marit Solberg"
    assert (second.speaker, second.mention, second.sieve, second.cue) == ("Marit Solberg", "She", "pronoun", "went")


# 4. Frames without a speech verb -------------------------------------------------------------

FRAMES = "04_frames.cases"


@pytest.mark.parametrize(
    "case, starts, speaker, cue, sieve",
    [
        ("For X, with a role", "the new rules punish the small farms", "Annika Strand", "For", "frame"),
        ("According to X", "most of the damage was done", "Lionel Baptiste", "according to", "cue"),
        ("In X's words", "the museum has been living on borrowed time", "Greta Holm", "In", "frame"),
        ("In the words of X", "the museum has been living on borrowed time", "Greta Holm", "In the words of", "frame"),
        ("X colon", "We have asked the same question", "Samir Haddad", ":", "frame"),
        ("colon after a clause the parser runs into the quote", "That's not how", "Agnes Whitlow", ":", "frame"),
        ("dash after the quote", "Nobody reads the small print", "Beatrix Lowell", "—", "frame"),
        ("em dash after the quote", "Nobody reads the small print", "Beatrix Lowell", "—", "frame"),
        ("dash opening the next line", "Nobody reads the small print", "Beatrix Lowell", "—", "frame"),
        ("speaker introduced at the end of the previous paragraph", "If the buses stop at eight",
         "Mireille Dufresne", "put", "colon"),
        ("speaker introduced without a speech verb", "If the buses stop at eight", "Mireille Dufresne", ":", "colon"),
        ("speech verb opening a label", "The roof will have to wait", "Tomasz Wrona", "Continued", "cue"),
    ],
)
def test_04_frame_names_the_speaker(quotes, case, starts, speaker, cue, sieve):
    (quote,) = quotes(FRAMES, case)
    assert quote.text.startswith(starts)
    assert (quote.speaker, quote.cue, quote.sieve, quote.kind) == (speaker, cue, sieve, "direct")


@pytest.mark.parametrize(
    "case, affiliation",
    [("For X, a name the NER misses", None), ("For X, then For surname", None),
     ("For X of an institution", "Valley Dairy Cooperative")],
)
def test_04_for_frame_names_a_person_the_ner_misses(quotes, case, affiliation):
    found = quotes(FRAMES, case)
    assert found and all(q.text[:1].islower() for q in found)
    assert [(q.speaker, q.affiliation, q.cue, q.sieve) for q in found] == \
        [("Annika Strand", affiliation, "For", "frame")] * len(found)
    assert len(found) == (2 if case == "For X, then For surname" else 1)


@pytest.mark.parametrize(
    "case, title",
    [
        ("For X, with a role", "dairy farmer in the valley"),
        ("dash after the quote", "consumer advocate"),
        ("dash opening the next line", "consumer advocate"),
        ("speaker introduced without a speech verb", "councillor for the east ward"),
    ],
)
def test_04_role_given_in_the_frame(quotes, case, title):
    (quote,) = quotes(FRAMES, case)
    assert quote.title == title


@pytest.mark.parametrize(
    "case, speaker, institution",
    [("words no one said, according to calculations by X", "Helen Achterberg", "Harbour Institute"),
     ("words no one said, according to emails released by a newspaper", None, "the Northern Courier")],
)
def test_04_according_to_names_the_source_of_words_no_one_said(quotes, case, speaker, institution):
    """A document counts as whoever made it or brought it to light."""
    (quote,) = quotes(FRAMES, case)
    assert (quote.speaker, quote.affiliation, quote.cue) == (speaker, institution, "according to")


@pytest.mark.parametrize(
    "case",
    ["X said, according to a newspaper", "According to a newspaper, X said",
     "X said, according to emails obtained by a newspaper", "X said, according to people with no name"],
)
def test_04_according_to_leaves_the_words_to_whoever_said_them(quotes, case):
    """The newspaper is how the words reached the article; an editor looks for them under Renk."""
    (quote,) = quotes(FRAMES, case)
    assert quote.speaker == "Tobias Renk"


@pytest.mark.parametrize("case, text", [("headline: X On How ...", "Forgotten."), ("headline: X on Why ...", "A Betrayal.")])
def test_04_a_headline_opening_with_a_name_and_on_quotes_that_person(quotes, case, text):
    """Not the subject of the verb in the topic ("Islanders Feel"): the headline's speaker comes first."""
    (quote,) = quotes(FRAMES, case)
    assert (quote.text, quote.speaker, quote.cue, quote.sieve) == (text, "Tomas Ekdahl", "on", "frame")


@pytest.mark.parametrize(
    "case, speaker, cue",
    [("headline: the NER runs the name into the verb", "Harald Voss", "Explained"),
     ("headline: the NER runs the name into the verb, with that", "Ingrid Solvang", "Warned")],
)
def test_04_a_name_in_a_headline_stops_before_the_speech_verb(quotes, case, speaker, cue):
    (quote,) = quotes(FRAMES, case)
    assert (quote.speaker, quote.cue, quote.kind) == (speaker, cue, "mixed")


def test_04_a_digest_line_opening_with_a_name_and_a_speech_verb_quotes_that_person(quotes):
    """The quote in the title-case line and the one opening the body after it: no cue of its own."""
    found = quotes(FRAMES, "digest: a name and a capitalised speech verb, the quote after it")
    assert [(q.text[:5], q.speaker, q.cue, q.sieve) for q in found] == [
        ("Brave", "Marta Lindgren", "Joked", "frame"), ("Well,", "Marta Lindgren", "Joked", "frame")]


def test_04_a_digest_line_with_a_verb_and_a_colon_quotes_the_name_before_the_verb(quotes):
    """Not the name right before the colon, whom the headline is about."""
    (quote,) = quotes(FRAMES, "digest: a name, a verb and a colon")
    assert (quote.text, quote.speaker, quote.cue) == ("A Tireless Worker.", "Ruth Okonjo", "Praises")


def test_04_a_headline_opening_with_no_person_and_on_quotes_no_one(quotes):
    assert all(q.speaker is None for q in quotes(FRAMES, "headline: no person on"))


def test_04_a_one_word_headline_label_the_ner_tags_a_person_below(quotes):
    headline, _ = quotes(FRAMES, "headline label, one word the NER tags a person only below")
    assert (headline.text, headline.speaker, headline.cue, headline.sieve) == ("a gift to developers", "Lindqvist", ":", "frame")


# 5. Pronouns and descriptions ----------------------------------------------------------------

PRONOUNS = "05_pronouns.cases"


@pytest.mark.parametrize(
    "case, starts, speaker, mention, sieve",
    [
        ("he said", "This wall will hold", "Viktor Halvorsen", "he", "pronoun"),
        ("the spokeswoman added", "Passengers will be rebooked", "Clara Benedetti", "the spokeswoman", "description"),
        ("she said: the most recent compatible name", "The club is in good hands", "Liv Sandvik", "she", "pronoun"),
        ("the minister said", "This hospital will serve", "Agnes Thorvald", "the minister", "description"),
        ("he: the subject, not the object", "We agreed on almost everything", "Lukas Brandt", "he", "pronoun"),
    ],
)
def test_05_pronoun_or_description_resolves_to_the_named_person(quotes, case, starts, speaker, mention, sieve):
    (quote,) = quotes(PRONOUNS, case)
    assert quote.text.startswith(starts)
    assert (quote.speaker, quote.mention, quote.sieve) == (speaker, mention, sieve)
    assert quote.confidence < CUE


def test_05_pronoun_after_a_named_quote_is_less_sure_than_the_name(quotes):
    named, pronoun = quotes(PRONOUNS, "named quote, then he said")
    assert who([named, pronoun]) == [
        ("The timetable was written for a railway we no longer have,", "Anton Brezina"),
        ("Nobody will lose their job over this,", "Anton Brezina"),
    ]
    assert (named.sieve, pronoun.sieve) == ("cue", "pronoun")
    assert pronoun.confidence < named.confidence
    assert pronoun.title == named.title == "transport commissioner"


def test_05_pronoun_runs_back_through_paragraphs_of_pronouns(quotes):
    """The name is two paragraphs before the quote's, with only "he" in between: the parse must
    not leave it out (extract.focus keeps the paragraphs a run of pronouns goes back through)."""
    (quote,) = quotes(PRONOUNS, "he: a run of paragraphs back to the name")
    assert (quote.speaker, quote.mention, quote.sieve) == ("Tobias Wren", "he", "pronoun")


def test_05_pronoun_picks_the_namesake_of_its_gender(quotes):
    """A bare surname two people of a family share resolves to the one named last (the husband),
    but "she" after it is the wife's: mentions.ArticleMentions.namesake."""
    husband, wife = quotes(PRONOUNS, "she: the one of a family the pronoun fits")
    assert husband.speaker == "Daniel Okafor"
    assert (wife.speaker, wife.mention, wife.sieve) == ("Grace Okafor", "she", "pronoun")


def test_05_pronoun_picks_the_namesake_whose_gender_nothing_tells(quotes):
    """The bare surname resolves to the brother, a man by his given name; "she" is then the sister,
    whose given name tells nothing, not the nearer name of unknown gender (mentions.ArticleMentions.namesake
    takes a namesake not known to be of the other gender)."""
    brother, sister = quotes(PRONOUNS, "she: the one of a family whose gender nothing else tells")
    assert brother.speaker == "Daniel Adeyemi"
    assert (sister.speaker, sister.mention, sister.sieve) == ("Ngozi Adeyemi", "she", "pronoun")


def test_05_the_parse_keeps_a_namesake_named_in_full_far_from_the_quote(quotes):
    """The father is named in full first, the daughter in full in a paragraph no quote needs: the
    parse must keep it (extract.focus keeps the first full mention of each person, not of each
    surname), or the bare surname goes to the father and "she" to no one."""
    (quote,) = quotes(PRONOUNS, "she: a namesake named in full far from the quote")
    assert (quote.speaker, quote.mention, quote.sieve) == ("Esther Okonjo", "she", "pronoun")


def test_05_pronoun_prefers_who_says_it_to_the_subject_of_what_is_said(quotes):
    """"he noted" inside a sentence the parser hangs elsewhere still makes "he" its speaker, the
    one a later "he said" goes on with, not the subject of the clause he reports
    (lexicon.SAYING_LEMMAS in mentions._salience)."""
    (quote,) = quotes(PRONOUNS, "he: the one who says it, not the subject of what he says")
    assert (quote.speaker, quote.mention, quote.sieve) == ("Harlan Moss", "he", "pronoun")


def test_05_name_beside_a_described_subject_is_the_subject(quotes):
    """"The other skipper, his brother-in-law Felix Haug," names its subject beside it, one noun
    removed: the name is the subject a later "he" follows, not the skipper named before
    (mentions._salience climbs the appositives)."""
    (quote,) = quotes(PRONOUNS, "he: the name set beside a described subject")
    assert (quote.speaker, quote.mention, quote.sieve) == ("Felix Haug", "he", "pronoun")


def test_05_pronoun_prefers_a_name_of_its_gender_to_one_of_unknown_gender(quotes):
    """Two names as salient in one sentence: "he" is the one whose given name says he is a man,
    not the later one whose gender nothing tells (mentions.ArticleMentions.antecedent's tie-break)."""
    (quote,) = quotes(PRONOUNS, "he: a name of his gender before one of a gender unknown")
    assert (quote.speaker, quote.mention, quote.sieve) == ("Richard Thane", "he", "pronoun")


def test_05_an_epithet_before_a_surname_names_no_one_new(quotes):
    """A capitalised noun the article also writes with "the" before the surname of a person it
    names in full ("unleashed Basilisk Voss" beside "Ingmar Voss") is an epithet, not part of a
    name: the name is not filed, and a later "Voss said" is the person (people.ArticlePeople._not_of_name)."""
    (quote,) = quotes(PRONOUNS, "an epithet the article writes with the before a surname")
    assert (quote.speaker, quote.sieve) == ("Ingmar Voss", "cue")


def test_05_pronoun_after_a_question_is_the_one_asked(quotes):
    """"X asked Y whether ..." then "'...,' he said": the words are the answer, Y's, though X is
    the subject (mentions._salience ranks the one asked above the asker)."""
    (quote,) = quotes(PRONOUNS, "he: the one asked answers")
    assert (quote.speaker, quote.mention, quote.sieve) == ("Viktor Dahl", "he", "pronoun")


def test_05_a_surname_tagged_as_a_noun_is_still_the_subject(quotes):
    """"Fields thanked Dana Whitcombe": the tagger reads the surname as a plural noun, but it is
    Ruth Fields, the subject a later "she" goes back to (mentions.ArticleMentions._untagged_subjects)."""
    (quote,) = quotes(PRONOUNS, "she: a surname the tagger takes for a noun")
    assert (quote.speaker, quote.mention, quote.sieve) == ("Ruth Fields", "she", "pronoun")


def test_05_a_full_name_inside_a_quote_does_not_stand_for_its_first_mention(quotes):
    """The only full name near the quotes is inside a show's title, which the NER never reads: the
    parse must keep the paragraph that first names him (extract.focus counts full names outside
    quotation marks), or "Brandt" and the "he" after him stay a bare surname."""
    named, pronoun = quotes(PRONOUNS, "he: a full name given again only inside a quote")
    assert (named.speaker, named.sieve) == ("Teodor Brandt", "cue")
    assert (pronoun.speaker, pronoun.mention, pronoun.sieve) == ("Teodor Brandt", "he", "pronoun")


def test_05_a_courtesy_title_tells_which_of_a_couple_a_surname_is(quotes):
    """"Mr. Hadley" and "Mrs. Hadley" after Robert and Ingrid Hadley: "Mrs." tells that Ingrid,
    whose given name says nothing, is a woman, so "Mr." is Robert, not the one named last, and her
    "she" is not outvoted (resolve.People.learn, and the title in People.resolve)."""
    (quote,) = quotes(PRONOUNS, "she: a courtesy title tells which of a couple a surname is")
    assert (quote.speaker, quote.mention, quote.sieve) == ("Ingrid Hadley", "she", "pronoun")


def test_05_a_he_after_a_shared_surname_does_not_make_a_man_of_the_namesake_named_last(quotes):
    """"Amadi said he ..." after Keith and Zawadi Amadi: the bare surname resolves to Zawadi, named
    last, but the "he" is Keith's, a man by his given name; counted for her, it made her a man and
    her "she" went to no one (mentions.ArticleMentions.namesakes_of)."""
    (quote,) = quotes(PRONOUNS, "she: the he after a shared surname is the namesake of his gender")
    assert (quote.speaker, quote.mention, quote.sieve) == ("Zawadi Amadi", "she", "pronoun")


# 6. Continuation paragraphs ------------------------------------------------------------------

CONTINUATION = "06_continuation.cases"


@pytest.mark.parametrize(
    "case, texts, speaker",
    [
        ("one quote-only paragraph",
         ["We do not have the drivers to run them safely,",
          "We would rather cancel them now than strand passengers in the middle of the night."], "Henrik Aasen"),
        ("two quote-only paragraphs",
         ["The vaccine stocks will last until March,", "After that we depend on the national order arriving on time.",
          "We have been promised it will."], "Ophelia Nakamura"),
        ("after a colon introduction",
         ["Four hundred families depend on that pay packet.", "Nobody has told them what happens next."],
         "Sofia Lindqvist"),
    ],
)
def test_06_quote_only_paragraph_continues_the_previous_speaker(quotes, case, texts, speaker):
    found = quotes(CONTINUATION, case)
    assert who(found) == [(text, speaker) for text in texts]
    assert found[0].sieve == "cue"
    assert all(q.sieve == "continuation" and q.confidence < found[0].confidence for q in found[1:])


def test_06_quote_only_paragraph_after_a_spoke_about_report_closed_by_an_aside(quotes):
    """"Roe spoke about X. (Background.)" then a paragraph that is only a quote: the quote is what
    Roe said on X. The aside in parentheses is the writer's note, looked past; "spoke about" names
    a topic, so it is the lead-in here though no cue for words in its own sentence."""
    (quote,) = quotes(CONTINUATION, "after a paragraph about what someone spoke about, closed by an aside")
    assert (quote.speaker, quote.sieve) == ("Marta Oyelaran", "lead_in")


# 7. Quotation marks of every kind ------------------------------------------------------------

MARKS = "07_marks.cases"
SQUARE = "The square will be closed for a month"


@pytest.mark.parametrize(
    "case, text",
    [
        ("straight", SQUARE + ","),
        ("curly", SQUARE + ","),
        ("guillemets", SQUARE),
        ("low-high", SQUARE),
        ("backticks and apostrophes", SQUARE + ","),
        ("two apostrophes on both sides", SQUARE + ","),
    ],
)
def test_07_every_kind_of_double_mark_opens_and_closes_a_quote(quotes, case, text):
    (quote,) = quotes(MARKS, case)
    assert (quote.text, quote.speaker, quote.title) == (text, "Edmund Farrow", "town planner")


@pytest.mark.parametrize(
    "case, inner",
    [("single quotes within quotes", "'a temporary inconvenience,'"),
     ("curly single quotes within curly quotes", "‘a temporary inconvenience,’")],
)
def test_07_single_quotes_inside_a_quote_belong_to_it(quotes, case, inner):
    (quote,) = quotes(MARKS, case)
    assert quote.text == f"The council called it {inner} which is not how the shops see it,"
    assert quote.speaker == "Edmund Farrow"


@pytest.mark.parametrize("case", ["apostrophes", "curly apostrophes"])
def test_07_apostrophes_are_not_quotation_marks(quotes, case):
    (quote,) = quotes(MARKS, case)
    assert (quote.text, quote.speaker) == (SQUARE + ",", "Edmund Farrow")


@pytest.mark.parametrize(
    "case, text, cue",
    [("closing mark glued to the name", SQUARE + ",", "said"),
     ("closing mark glued to a pronoun", SQUARE + ",", "said"),
     ("straight closing mark glued to a pronoun", "Will the square be closed for a month?", "asked"),
     ("closing mark glued to the verb", SQUARE + ",", "said")],
)
def test_07_a_closing_mark_glued_to_the_next_word_leaves_the_speaker_outside_the_quote(quotes, case, text, cue):
    (quote,) = quotes(MARKS, case)
    assert (quote.text, quote.speaker, quote.cue) == (text, "Edmund Farrow", cue)


def test_07_a_mark_that_does_not_pair_up_costs_only_its_paragraph(quotes):
    text = _cases(MARKS)["a mark that does not pair up"]
    found = quotes(MARKS, "a mark that does not pair up")
    first_paragraph_end = text.index("\n")
    assert all(q.end <= first_paragraph_end or q.start > first_paragraph_end for q in found)
    farrow = [q for q in found if q.start > first_paragraph_end]
    assert [(q.text, q.speaker, q.title) for q in farrow] == [(SQUARE + ",", "Edmund Farrow", "town planner")]


# 8. Not statements ---------------------------------------------------------------------------

NOT_STATEMENTS = "08_not_statements.cases"


@pytest.mark.parametrize(
    "case",
    ["scare quotes", "title of a work", "title of a book", "nickname", "nickname inside a name", "short term",
     "term named by a verb", "term named by a verb, then a speech verb", "title with a lower-case verb, opening a paragraph",
     "posters listed by year", "quote inside an embedded tweet", "cited headline ending in a quote of its own"],
)
def test_08_words_in_marks_with_no_speaker_and_no_cue_are_no_statement(quotes, case):
    assert quotes(NOT_STATEMENTS, case) == []


def test_08_a_title_after_a_noun_that_reads_like_a_speech_verb_is_no_statement(quotes):
    found = quotes(NOT_STATEMENTS, "title after a noun like a speech verb")
    assert [(q.text, q.speaker, q.kind) for q in found] == [("long overdue.", "Oona Kettunen", "mixed")]


@pytest.mark.parametrize(
    "case", ["title after the noun naming the work", "title before the noun it names", "slogan after its noun"]
)
def test_08_the_title_of_a_work_named_beside_it_is_no_statement_though_a_speech_verb_is_near(quotes, case):
    assert quotes(NOT_STATEMENTS, case) == []


def test_08_a_subhead_in_single_marks_among_double_ones_is_no_further_words_of_the_speaker_before(quotes):
    found = quotes(NOT_STATEMENTS, "subhead in single marks")
    assert [q.text for q in found] == ["We lost a whole season,", "The town lived on that boat. Without it, nobody comes."]


def test_08_a_subhead_in_capitals_is_no_statement(quotes):
    assert quotes(NOT_STATEMENTS, "subhead in capitals") == []


def test_08_words_in_capitals_that_a_colon_introduces_are_no_subhead(quotes):
    found = quotes(NOT_STATEMENTS, "words in capitals introduced by a colon")
    assert [(q.text, q.speaker) for q in found] == [("THE PIER WILL BE REBUILT!", "Ola Brekke")]


def test_08_a_capitalised_word_after_the_object_of_a_speech_verb_is_still_a_statement(quotes):
    assert [q.text for q in quotes(NOT_STATEMENTS, "one word after the object of a speech verb")] == ["Absolutely."]


def test_08_capitalised_words_told_to_a_work_are_still_a_statement(quotes):
    found = quotes(NOT_STATEMENTS, "capitalised words told to a podcast")
    assert [(q.text, q.speaker) for q in found] == [("We Will Not Back Down.", "Ida Berg")]


def test_08_a_paragraph_in_single_marks_is_a_statement_where_statements_stand_in_them(quotes):
    """A British article sets its statements in single marks: a paragraph wholly in them goes on
    with the speaker before it; only where statements stand in double marks is it a subhead."""
    found = quotes(NOT_STATEMENTS, "a British article's paragraph wholly in single marks")
    assert [q.speaker for q in found if q.text.startswith("Every week")] == ["Mira Holt"]


def test_08_a_stage_direction_between_the_lines_of_a_transcript_is_no_statement(quotes):
    found = quotes(NOT_STATEMENTS, "stage direction in a transcript")
    assert [q.text[:6] for q in found] == ["HOLM: ", "HOLM: "]
    assert all(q.speaker == "Greta Holm" for q in found)


# 9. Mixed quotes -----------------------------------------------------------------------------

MIXED = "09_mixed.cases"


@pytest.mark.parametrize(
    "case, text, speaker, cue",
    [
        ("said the plan was", "dead on arrival", "Rosalind Achebe", "said"),
        ("said it had been", "a box-ticking exercise from the first day.", "Helen Achterberg", "said"),
        ("called it", "a box-ticking exercise", "Helen Achterberg", "called"),
        ("described it as", "a victory for common sense", "Sandra Oyelaran", "described"),
        ("said the offer was", "an insult to every nurse in the country.", "Pavel Horak", "said"),
        ("warned that it could become", "a permanent feature of the budget", "Odile Renard", "warned"),
    ],
)
def test_09_quoted_words_inside_reported_speech_are_a_mixed_quote(quotes, case, text, speaker, cue):
    (quote,) = quotes(MIXED, case)
    assert (quote.text, quote.speaker, quote.kind, quote.cue) == (text, speaker, "mixed", cue)


def test_09_a_quote_inside_a_subordinate_clause_with_its_own_speech_verb_is_that_speakers(quotes):
    """Hals praised the police; the words are Okonjo's, reported by the after-clause's verb."""
    (quote,) = quotes(MIXED, "a quote inside an after-clause with its own speech verb")
    assert (quote.text, quote.speaker, quote.cue) == ("reckless budgeting", "Ruth Okonjo", "blamed")


def test_09_a_negated_speech_verb_in_a_subordinate_clause_reports_no_words(quotes):
    """Hals has not said "for sale": the word echoes Okonjo, who said the sentence."""
    _, quote = quotes(MIXED, "a quote inside a though-clause with a negated speech verb")
    assert (quote.text, quote.speaker) == ("for sale", "Ruth Okonjo")


def test_09_a_relative_clauses_speech_verb_does_not_report_a_quote_outside_it(quotes):
    """Berg called the recording unwise; the wish, and its words, are Ekdahl's."""
    term, wish = quotes(MIXED, "a relative clause's speech verb outside the quote")
    assert (term.speaker, wish.speaker, wish.sieve) == ("Anna Berg", "Tomas Ekdahl", "governor")


def test_09_a_speech_verb_and_colon_after_a_mixed_quote_introduce_the_next_quote(quotes):
    """Hals's "said:" opens his own words; the harbours are Okonjo's, in the after-clause."""
    mixed, direct = quotes(MIXED, "a quote in an after-clause before a speech verb and colon")
    assert (mixed.text, mixed.speaker, direct.speaker) == ("quieter harbours,", "Ruth Okonjo", "Pieter Hals")


def test_09_a_quote_opening_a_that_clause_is_by_the_subject_the_clause_hangs_from(quotes):
    (quote,) = quotes(MIXED, "quote opening a that-clause under a verb that is no speech verb")
    assert (quote.text, quote.speaker, quote.sieve) == ("fewer than one in ten of the new flats", "Inge Marstrand", "governor")


@pytest.mark.parametrize("case, text", [("everything as the subject under the verb", "safe for another winter."),
                                        ("something as the subject under the verb", "for the sake of the harbour.")])
def test_09_a_pronoun_that_names_no_one_passes_the_quote_up_to_the_next_subject(quotes, case, text):
    (quote,) = quotes(MIXED, case)
    assert (quote.text, quote.speaker, quote.kind, quote.sieve) == (text, "Ingrid Solvang", "mixed", "governor")


@pytest.mark.parametrize(
    "case, text, speaker",
    [
        ("a claim owned by a name under another speaker's verb", "pays for itself", "Tomas Brandt"),
        ("a one-word quote inside a promise owned by a pronoun", "neutral", "Margaret Ellison"),
    ],
)
def test_09_a_quote_inside_a_named_owners_claim_is_the_owners(quotes, case, text, speaker):
    (quote,) = quotes(MIXED, case)
    assert (quote.text, quote.speaker, quote.kind, quote.sieve) == (text, speaker, "mixed", "governor")


def test_09_a_remark_dismissed_as_something_is_the_dismissers_verdict(quotes):
    (quote,) = quotes(MIXED, "a remark dismissed as something")
    assert (quote.text, quote.speaker, quote.cue) == ("a fairy tale for voters", "Rolf Ekdahl", "dismissed")


@pytest.mark.parametrize(
    "case, text, speaker",
    [
        ("passive with the speaker in a by-phrase", "a tax on the young", "Priya Natarajan"),
        ("passive host of an infinitive", "a betrayal of the workers", "Oskar Brennan"),
    ],
)
def test_09_a_passive_verbs_agent_speaks_but_not_for_the_infinitive_under_it(quotes, case, text, speaker):
    (quote,) = quotes(MIXED, case)
    assert (quote.text, quote.speaker, quote.kind, quote.sieve) == (text, speaker, "mixed", "cue")


def test_09_pledged_is_a_speech_verb_like_vowed(quotes):
    (quote,) = quotes(MIXED, "pledged, after a clause with another cue verb")
    assert (quote.text, quote.speaker, quote.cue) == ("scrap the toll entirely", "Ulrike Sand", "pledged")


def test_09_quoted_words_in_a_bulleted_list_are_the_colon_introductions_speakers(quotes):
    """"Roe argued that: ¶ • ... ¶ • ... "words"": every item is part of what the introduction
    reports, however far down the list, so the quoted words are Roe's."""
    (_, quote) = quotes(MIXED, "quoted words deep in a bulleted list a colon introduces")
    assert (quote.text, quote.speaker, quote.kind, quote.sieve) == (
        "a dead letter the city never enforces.", "Irina Kovalenko", "mixed", "colon")


def test_09_a_paragraph_ending_without_a_full_stop_does_not_run_on_into_the_next(quotes):
    """"CITY (AP) — The Latest ...: ¶ 4 p.m. ¶ Jane Roe is questioning ...": no sentence runs over a
    line break, though the small parser would run the dateline on into Roe's paragraph and take
    the city for the subject (nlp._paragraphs_start_sentences)."""
    (quote,) = quotes(MIXED, "a dateline paragraph before the speaker's paragraph")
    assert (quote.speaker, quote.affiliation, quote.kind) == ("Clara Whitfield", None, "mixed")


def test_09_a_quote_inside_a_reported_question_is_the_askers(quotes):
    (quote,) = quotes(MIXED, "a quote inside a reported whether-question")
    assert (quote.text, quote.speaker, quote.sieve) == ("if it stood in his own street.", "Annika Berg", "governor")


def test_09_a_speech_verb_set_in_as_an_aside_reports_the_whole_clause(quotes):
    (quote,) = quotes(MIXED, "a speech verb set in as an aside reports the clause")
    assert (quote.text, quote.speaker, quote.cue) == ("a formality", "Marta Lindqvist", "said")


def test_09_a_past_tense_read_as_a_participle_still_has_its_subject(quotes):
    (quote,) = quotes(MIXED, "a past tense the parser reads as a participle of the subject")
    assert (quote.text, quote.speaker, quote.cue, quote.sieve) == ("ready for any storm.", "Daniel Hughes", "found", "cue")


def test_09_names_set_beside_a_plural_subject_speak_for_it(quotes):
    (quote,) = quotes(MIXED, "names set beside a plural subject, parsed as conjuncts")
    assert (quote.text, quote.speaker, quote.cue) == ("never once lost his temper on deck", "Helen Whitfield", "wrote")


def test_09_a_mixed_quote_ending_its_sentence_is_not_the_next_sentences(quotes):
    """The full stop inside the marks ends Mwangi's sentence; Lund's "called" after it reports
    his own words, not hers (after_quote.by_adjacency)."""
    first, second = quotes(MIXED, "a mixed quote that ends its sentence before another speaker's sentence")
    assert [(q.text, q.speaker, q.kind) for q in (first, second)] == [
        ("a shambles.", "Ada Mwangi", "mixed"), ("a stunt for the cameras.", "Tobias Lund", "mixed")]


def test_09_according_to_framing_the_quotes_clause_outranks_a_speech_verb_outside_it(quotes):
    """Holm's "wrote" is nearer, but it reports the memo; Brandt's account holds the words."""
    (quote,) = quotes(MIXED, "according to a name, framing the clause that holds the quote")
    assert (quote.text, quote.speaker, quote.cue) == ("final offer", "Nils Brandt", "according to")


def test_09_a_second_clauses_subject_the_parser_joined_to_the_first_clauses_object_speaks(quotes):
    """The parser makes the Herald a conjunct of "crank" and leaves "accuse" without a subject;
    climbing to "brand" gave the words to the Gazette."""
    (quote,) = quotes(MIXED, "a second clause's subject read as a conjunct of the first clause's object")
    assert (quote.text, quote.affiliation, quote.cue) == ("cheap stunt.", "the Dockside Herald", "accuse")


def test_09_mixed_quote_keeps_the_speakers_role(quotes):
    (renard,) = quotes(MIXED, "warned that it could become")
    (horak,) = quotes(MIXED, "said the offer was")
    assert (renard.title, horak.title) == ("finance minister", "union leader")


# 10. Institutions as speakers ----------------------------------------------------------------

INSTITUTIONS = "10_institutions.cases"


@pytest.mark.parametrize(
    "case, starts, institution",
    [
        ("the Kremlin said", "The talks will continue", "Kremlin"),
        ("the Kremlin said, before", "The talks will continue", "Kremlin"),
        ("the Pentagon said", "The exercise was planned", "Pentagon"),
        ("a Pentagon statement", "The exercise was planned", "Pentagon"),
        ("a ministry the NER misses", "No decision has been taken", "Finnish Foreign Ministry"),
        ("a company named like a person", "all crew members are safe", "Norvik Shipping"),
        ("a Pentagon statement read", "The exercise was planned", "Pentagon"),
        ("read a statement from", "The exercise was planned", "Defence Ministry"),
        ("a spokesman for", "The talks will continue", "Kremlin"),
    ],
)
def test_10_an_institution_speaks_for_itself_and_no_person_is_invented(quotes, case, starts, institution):
    (quote,) = quotes(INSTITUTIONS, case)
    assert quote.text.startswith(starts)
    assert (quote.speaker, quote.title, quote.affiliation, quote.kind) == (None, None, institution, "direct")


@pytest.mark.parametrize(
    "case, starts, institution",
    [
        ("a study by an institution found", "cut waiting times", "Harbour Research Institute"),
        ("an institution's report said", "entirely routine", "Defence Ministry"),
    ],
)
def test_10_a_study_or_report_speaks_for_the_institution_that_made_it(quotes, case, starts, institution):
    (quote,) = quotes(INSTITUTIONS, case)
    assert quote.text.startswith(starts)
    assert (quote.speaker, quote.affiliation, quote.kind) == (None, institution, "mixed")


@pytest.mark.parametrize("case", ["a person's email notes", "the X ad claims"])
def test_10_a_persons_writing_speaks_for_its_author(quotes, case):
    (quote,) = quotes(INSTITUTIONS, case)
    assert (quote.speaker, quote.kind, quote.sieve) == ("Farida Osei", "mixed", "cue")


def test_10_a_paper_described_as_a_tabloid_is_an_institution_not_a_person(quotes):
    (quote,) = quotes(INSTITUTIONS, "a newspaper called a tabloid noted")
    assert (quote.speaker, quote.affiliation, quote.cue) == (None, "the state-run Nordic Herald tabloid", "noted")


def test_10_the_company_is_the_institution_named_before(quotes):
    """"the company said" is the institution that spoke last: "company" is none an editor can look up."""
    first, second = quotes(INSTITUTIONS, "the company said, after its name")
    assert (second.speaker, second.affiliation) == (None, "Norvik Shipping")


def test_10_a_name_described_as_an_agency_is_an_institution_and_no_antecedent(quotes):
    found = quotes(INSTITUTIONS, "a one-word agency described beside its name")
    agency = [(q.speaker, q.affiliation) for q in found if "weakness" in q.text or "sea less" in q.text]
    assert agency == [(None, "Norpressa"), (None, "Norpressa")]
    (general,) = [q for q in found if q.text.startswith("They want")]
    assert general.speaker == "Oskar Brandt"


def test_10_a_companys_name_cut_to_its_first_word_is_still_the_company(quotes):
    (quote,) = quotes(INSTITUTIONS, "a company's short name after its full name")
    assert (quote.speaker, quote.affiliation) == (None, "Kessling")


@pytest.mark.parametrize(
    "case, speaker",
    [("a person's name in an institution's name", "Marta Ellingsen"),
     ("a titled surname in an institution's name", "Ellingsen")],
)
def test_10_a_persons_surname_in_an_institutions_name_still_names_the_person(quotes, case, speaker):
    (quote,) = quotes(INSTITUTIONS, case)
    assert quote.speaker == speaker


def test_10_a_brand_shaped_name_is_an_institution(quotes):
    (quote,) = quotes(INSTITUTIONS, "a brand-shaped name")
    assert (quote.speaker, quote.affiliation) == (None, "HarbourWatch")


def test_10_a_capital_inside_a_surname_given_in_full_is_a_persons(quotes):
    (quote,) = quotes(INSTITUTIONS, "a person with a capital inside the surname")
    assert quote.speaker == "Pieter VanderKolk"


def test_10_a_capitalised_plural_subject_is_a_group_not_a_person(quotes):
    found = quotes(INSTITUTIONS, "a capitalised plural subject")
    assert [(q.speaker, q.affiliation) for q in found] in ([], [(None, None)])


def test_10_a_source_noun_opening_a_sentence_is_no_name(quotes):
    found = quotes(INSTITUTIONS, "a source capitalised to open a sentence")
    assert all(q.speaker is None for q in found)


# 11. Titles and affiliations from the first full mention ------------------------------------

ROLES = "11_roles.cases"


@pytest.mark.parametrize(
    "case, speaker, title, affiliation",
    [
        ("X, a senior fellow at ORG,", "Cordelia Vance", "senior fellow", "Atlantic Policy Forum"),
        ("ORG senior fellow X", "Matthias Groen", "senior fellow", "Baltic Energy Institute"),
        ("X of ORG", "Anneliese Kroll", None, "Harbour Investment Trust"),
        ("X, who heads ORG,", "Ruben Castell", "head", "Coastal Fisheries Council"),
        ("former ORG director X", "Sabine Kessler", "former director", "Northern Rail Agency"),
        ("X (ORG)", "Tomasz Wierzbicki", None, "Central Finance Observatory"),
        ("ORG's X", "Elin Brask", None, "Nordic Grid Authority"),
        ("an institution the NER misses", "Felicity Okoro", "senior fellow",
         "Centre for International Governance Innovation"),
        ("role at the first full mention, quote later by surname", "Konstantin Baranov", "research director",
         "Eastern Markets Institute"),
    ],
)
def test_11_title_and_affiliation_from_the_first_full_mention(quotes, case, speaker, title, affiliation):
    (quote,) = quotes(ROLES, case)
    assert (quote.speaker, quote.title, quote.affiliation) == (speaker, title, affiliation)
