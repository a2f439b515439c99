"""The cue lexicon is data: a file of sections beside the attribution package, read whole."""

from quotes.attribution.lexicon import CUE_LEMMAS, CUE_SOURCES, SPEECH_VERB_FORMS, _word_list


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
