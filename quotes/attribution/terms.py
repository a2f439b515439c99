"""Quoted words that are nobody's statement, and the tests that tell them.

Phenomena: titles of works (a capitalised phrase inside a sentence, `her memoir, "Salt on the
Wind,"`, `"Night Court" star`), subheads, articles cited with their byline and excerpts reprinted
after it, posters and slogans listed by year (`"Close the gates!" (2014)`), words quoted inside an
embedded post, and headlines (where every word is capitalised, so capitals tell nothing)."""

from __future__ import annotations

import re

from ..find import Span
from .article import Article
from .lexicon import CUE_LEMMAS, SAYING_LEMMAS

#: The words title case leaves in lower case.
SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "at", "by", "with", "from", "is"}
#: A word, as title case sees it: a letter, then letters, digits, apostrophes or hyphens.
TITLE_WORD = re.compile(r"[^\W\d_][\w’'\-]*")


def big_words(text: str) -> list[str]:
    """The words of `text` that title case capitalises: all but the small ones."""
    return [word for word in TITLE_WORD.findall(text) if word.lower() not in SMALL_WORDS]


def in_headline(art: Article, span: Span) -> bool:
    """Whether the quote stands in a headline, a paragraph whose words are all capitalised but the
    small ones ("Zoe Saldana Asks Men To 'Redefine Masculinity'"): there every phrase is
    capitalised, so a capitalised quote says nothing of being a title."""
    lo, hi = art.paragraphs[span.paragraph]
    rest = art.text[lo:span.start] + " " + art.text[span.end : hi]
    return len(big_words(rest)) >= 3 and title_cased(rest)


def title_cased(words: str) -> bool:
    """Every word capitalised but the small ones, as the titles of works are written."""
    big = big_words(words)
    return bool(big) and all(t[0].isupper() for t in big)


def looks_like_title(words: str, most: int = 10) -> bool:
    """A short capitalised phrase (of at most `most` words) inside a sentence ("Morning Joe", "The
    Art of the Deal") names a show, book or slogan: nobody's statement."""
    tokens = TITLE_WORD.findall(words)
    return 0 < len(tokens) <= most and tokens[0][0].isupper() and title_cased(words)


def inside_sentence(art: Article, span: Span) -> bool:
    """Whether a quote stands inside its sentence, words before it and after it: where a title
    sits (`his autobiography, "A Time for Truth," published in ...`), not a statement, which opens
    its sentence or ends it."""
    lo, hi = art.paragraphs[span.paragraph]
    before = art.text[lo : span.start].rstrip()
    after = art.text[span.end : hi].lstrip(" \xa0,")
    if not before or before[-1] in ".:!?\"”’'" or not after[:1].islower():
        return False
    i = art.token_at(span.start) - 1
    while i > 0 and (art.doc[i].is_punct or art.doc[i].is_space):
        i -= 1
    verb = art.doc[i].head if art.doc[i].dep_ == "prt" else art.doc[i]
    # `Biden blurted out, "Oh, God," at the mention` is speech; `The report, "Rivers at Risk," was` a title
    return verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in CUE_LEMMAS


def subhead(art: Article, span: Span) -> bool:
    """Whether a quote is a subheading, a paragraph of its own past the headline set apart from
    the article's statements: in single marks where the statements stand in double ones
    (`'So much anger'`), or in capitals. A subhead repeats words from the body, if any, and
    belongs to no speaker of the paragraph before it."""
    lo, hi = art.paragraphs[span.paragraph]
    if span.paragraph == 0 or not span.closed or art.text[lo:hi].strip().rstrip(".") != art.text[span.start : span.end]:
        return False
    if art.text[: lo].rstrip().endswith(":"):  # `Roe tweeted:` introduces the words, whatever their case
        return False
    letters = [c for c in span.inner(art.text) if c.isalpha()]
    if len(span.inner(art.text).split()) >= 3 and all(c.isupper() for c in letters):
        return True
    if art.text[span.start] not in "'‘" or art.text[span.start : span.start + 2] == "''":
        return False
    # the statements stand in double marks: most quotes open with one (an article in the British
    # style sets its statements in single marks, and a quote within them in double ones)
    doubles = sum(art.text[other.start] in '"“' or art.text[other.start : other.start + 2] == "''" for other in art.spans)
    return doubles > len(art.spans) - doubles


#: Nouns for a work and for the names a campaign gives things: a capitalised quote right after one
#: (`her memoir, "Salt on the Wind,"`, `the party's slogan, "Bread First."`) is its title.
WORK_NOUNS = frozenset(
    """book memoir novel autobiography biography play musical film movie documentary show series sitcom
    program programme podcast column essay editorial ad advertisement commercial song album poem
    slogan motto hashtag channel magazine blog referendum initiative""".split()
)


#: Nouns a title goes before (`"Beneath the Lantern" star Petra Lund`, `"Night Court" ratings`).
TITLED_NOUNS = frozenset("star actor actress host creator author writer director producer cast ratings episode season".split())


#: How a noun hangs on a verb of saying as its speaker or hearer (`the show said`, `told the podcast`;
#: not "call", which names things: `called a referendum, "No to X"`).
_SPEECH_ROLES = {"nsubj", "dobj", "dative"}


#: Capitalised words a title has at most, the kind a book's with its subtitle runs to.
TITLE_WORDS = 16


def names_a_work(art: Article, span: Span) -> bool:
    """Whether a capitalised quote is the title of the work a noun right beside it names: after
    the noun and at most a comma or a dash (`the book, "A Town Without Bread."`, `the channel's
    "Sunday Talk"`), or before one (`"Beneath the Lantern" star`). A work that a verb of saying
    has as its speaker or hearer does not count (`told the podcast, "We Will Not Back Down."`),
    nor a colon, which opens speech."""
    words = span.inner(art.text)
    if not looks_like_title(words, TITLE_WORDS) or in_headline(art, span):
        return False
    i = art.token_at(span.start) - 1
    while i >= 0 and art.doc[i].is_space:
        i -= 1
    if i >= 0 and art.doc[i].text in (",", "—", "–", "-", "--"):
        i -= 1
    if i >= 0 and art.doc[i].tag_ == "POS":
        i -= 1
    if i >= 0 and art.doc[i].pos_ == "NOUN" and art.doc[i].lemma_.lower() in WORK_NOUNS:
        noun = art.doc[i]  # `told the podcast, "We Will Not Back Down."` is said to the podcast
        return not (noun.dep_ in _SPEECH_ROLES and noun.head.lemma_.lower() in SAYING_LEMMAS)
    j = art.token_at(span.end)
    after = art.doc[j] if j < len(art.doc) else None
    return (after is not None and not art.text[span.end : after.idx].strip() and after.pos_ == "NOUN"
            and after.text.islower() and after.lower_ in TITLED_NOUNS)


#: An embedded post as scraped text keeps it: `<tweet author="@roe">...</tweet>` (or `<tweet/>`).
_POST_OPEN = re.compile(r"<tweet\b[^<>]*>")


_POST_CLOSE = re.compile(r"</tweet>|<tweet/>")


def in_embedded_post(art: Article, span: Span) -> bool:
    """Whether a quote stands inside the text of a post embedded in the article: the post is its
    author's, and the words it sets in marks are someone it quotes, whom no sieve found."""
    lo, _ = art.paragraphs[span.paragraph]
    opened = [m.end() for m in _POST_OPEN.finditer(art.text, lo, span.start)]
    return bool(opened) and _POST_CLOSE.search(art.text, opened[-1], span.start) is None


#: A year in brackets right after a closing mark: `"Close the gates!" (2014)`, `(election poster, 2011)`.
_DATED = re.compile(r"[\s,.]{0,2}\([^()\n]{0,60}\b(?:1[89]|20)\d\d\)")


def dated(art: Article, span: Span) -> bool:
    """Whether a quote is captioned with a year in brackets, the way an article lists posters,
    slogans or works by the year they came out: no one is reported saying such words."""
    return _DATED.match(art.text, span.end) is not None


#: A line that introduces an excerpt of someone's article: "From Jane Roe writing at The Daily:".
_EXCERPT_INTRO = re.compile(r"^\s*From\s+[^:\n]+?\s+writing\s+(?:at|in|for)\s+[^:\n]+:\s*$")


def excerpt_paragraphs(art: Article) -> set[int]:
    """The paragraphs of an excerpt from another publication set out after a line that introduces
    it ("From Jane Roe writing at The Daily:"), each opening with a quotation mark: the writer's
    article reprinted, whose quotation marks set off text, not something the writer said."""
    out: set[int] = set()
    for index, (lo, hi) in enumerate(art.paragraphs):
        if not _EXCERPT_INTRO.match(art.text[lo:hi]):
            continue
        for nxt in range(index + 1, len(art.paragraphs)):
            start = art.paragraphs[nxt][0]
            if art.text[start : start + 1] not in ('"', "“", "'", "‘"):
                break
            out.add(nxt)
    return out


#: After a quoted title, the byline of the article it names: `"Title," by Jane Roe`.
_BY_AFTER = re.compile(r"[ \t\xa0]*(,?)[ \t\xa0]+by[ \t\xa0]+(?:the[ \t\xa0]+)?[A-Z]")


#: Before an excerpt, the title and byline of the article it is from: `"Title," by Jane Roe: `.
_BY_BEFORE = re.compile(r"[\"”'’],?[ \t\xa0]+by[ \t\xa0]+[^:\n]{1,80}:[ \t\xa0]*$")


def byline(art: Article, span: Span) -> bool:
    """Whether a quote is the title of an article cited with its byline (`"Title," by Jane Roe`)
    or the excerpt that follows such a citation (`"Title," by Jane Roe: "..."`): a news digest's
    citations, not anyone's statement."""
    lo, hi = art.paragraphs[span.paragraph]
    after = _BY_AFTER.match(art.text, span.end, hi)
    # not `called "X" by Jane Roe`; a title may end in a quote of its own (`"Roe is leaving 'Harbour,'"`)
    if after and (after.group(1) or span.inner(art.text).rstrip("'’").endswith(",")):
        return True
    return bool(_BY_BEFORE.search(art.text, lo, span.start))


def whole_paragraph(art: Article, span: Span) -> bool:
    """Whether a span opens its paragraph and runs to its end (or never closes): the shape of a
    block quotation, not of a quote with its speaker after it."""
    lo, hi = art.paragraphs[span.paragraph]
    return not art.text[lo : span.start].strip() and (not span.closed or not art.text[span.end : hi].strip())


#: Below this many tokens, a quote that reads as speech must hold a verb: a bare short noun phrase is a term.
GOVERNED_PHRASE_WORDS = 4


def says_something(art: Article, span: Span) -> bool:
    """Whether a quote reads as words someone goes on saying rather than a phrase held up in marks
    ("his look-alike "sons""): a clause (it has a verb) or several words, not a title."""
    words = art.doc.char_span(span.inner_start, span.inner_end, alignment_mode="expand")
    if words is None or looks_like_title(words.text):
        return False
    return len([t for t in words if t.is_alpha]) >= GOVERNED_PHRASE_WORDS or any(t.pos_ in ("VERB", "AUX") for t in words)
