"""The cue lexicon is data: a file of sections beside the attribution package, read whole."""

from quotes.attribution.lexicon import (
    COMMITMENT_LEMMAS,
    CUE_LEMMAS,
    CUE_SOURCES,
    REPORT_CUE_WORDS,
    REPORTING_LEMMAS,
    REPORTING_SOURCES,
    SPEECH_VERB_FORMS,
    _word_list,
)


def test_the_cue_lexicon_is_the_union_of_its_sections():
    assert CUE_SOURCES and all(CUE_SOURCES.values())
    assert CUE_LEMMAS == frozenset().union(*CUE_SOURCES.values())
    assert {"say", "tell", "warn", "tweet"} <= CUE_LEMMAS


def test_every_entry_is_one_lower_case_lemma():
    for section, words in _word_list("cue_verbs").items():
        for word in words:
            assert word == word.lower() and word.replace("-", "").isalpha(), (section, word)


def test_inflected_forms_follow_the_lexicon():
    assert {"said", "warned", "tweets"} <= SPEECH_VERB_FORMS


def test_the_reporting_lexicons_are_their_sections_of_lemmas():
    assert REPORTING_SOURCES and all(REPORTING_SOURCES.values())
    assert REPORTING_LEMMAS == frozenset().union(*REPORTING_SOURCES.values())
    for name in ("reporting_verbs", "commitment_verbs"):
        for section, words in _word_list(name).items():
            assert all(w == w.lower() and w.replace("-", "").isalpha() for w in words), (name, section)
    assert {"say", "believe", "estimate", "warn"} <= REPORTING_LEMMAS and {"vow", "urge"} <= COMMITMENT_LEMMAS


def test_the_words_read_before_any_parse_hold_every_form_of_a_reporting_verb():
    assert {"believes", "estimated", "warning", "vowed", "according", "pledging"} <= REPORT_CUE_WORDS
