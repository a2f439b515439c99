from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.find import find_spans, paragraphs


def inner(text: str) -> list[str]:
    return [s.inner(text) for s in find_spans(text)]


def test_straight_and_curly_marks_pair_up():
    text = 'He said "hello there," and left. “Bye,” she said.'
    assert inner(text) == ["hello there,", "Bye,"]


def test_archive_marks_are_quotation_marks():
    text = "``We will,'' he said, calling it a ''disgrace.''"
    assert inner(text) == ["We will,", "disgrace."]


def test_guillemets_and_low_high_marks():
    assert inner("Il a dit « non merci » et „gut“ ja.") == ["non merci", "gut"]


def test_apostrophes_are_not_marks():
    text = "Don't stop: the '90s were rock 'n' roll, and O’Malley’s campaign said it's over."
    assert inner(text) == []


def test_straight_single_marks_around_words_are_a_quote():
    # headlines quote with straight single marks; an apostrophe inside does not close them
    text = "Mayor Ruiz: 'We won't back down.' Critics say it's the voters' call."
    assert inner(text) == ["We won't back down."]


def test_single_quotes_inside_double_belong_to_the_outer_quote():
    text = "\"He called it 'a cancer in our system,' and left,\" she said."
    assert inner(text) == ["He called it 'a cancer in our system,' and left,"]


def test_unclosed_mark_costs_only_its_paragraph():
    text = 'A "stray mark with no end.\nNext paragraph "is fine," he said.'
    spans = find_spans(text)
    assert [s.inner(text) for s in spans] == ["stray mark with no end.", "is fine,"]
    assert spans[0].closed is False and spans[1].closed is True


def test_multi_paragraph_quote_is_marked_as_continuing():
    text = '"First part of a long statement.\n"And the end of it," she said.'
    spans = find_spans(text)
    assert len(spans) == 2
    assert spans[0].closed is False
    assert spans[1].continues is True


def test_paragraphs_skip_blank_lines():
    assert paragraphs("a\n\n  \nb") == [(0, 1), (6, 7)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\"'“”‘’«»„`.,")), max_size=200))
def test_any_text_gives_spans_inside_it(text):
    for span in find_spans(text):
        assert 0 <= span.start <= span.inner_start <= span.inner_end <= span.end <= len(text)
        assert span.inner(text) == text[span.inner_start : span.inner_end]
        assert span.inner(text).strip() == span.inner(text) != ""
