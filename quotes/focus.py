"""What the parser reads of an article: the visible text (invisible characters dropped, offsets
kept), the paragraphs attribution needs (`focus`, the others blanked), and the text without the
words inside quotation marks (`unquoted`, what the NER reads).

The parser is the cost of extraction; it is spent only where attribution needs it.
"""

from __future__ import annotations

import re

from .attribution import list_intro
from .attribution.lexicon import REPORT_CUE_WORDS
from .find import Span, paragraphs
from .resolve import HONORIFICS, INVISIBLE, fold


def visible(text: str) -> tuple[str, list[int] | None]:
    """The text without zero-width and direction controls, and where each kept character was.

    Such characters split a name into pieces the NER does not know ("Ein\u200bar"); the parse
    runs on the visible text and the offsets are mapped back to the text as read.
    """
    if not INVISIBLE.search(text):
        return text, None
    kept = [i for i, char in enumerate(text) if not INVISIBLE.match(char)]
    return "".join(text[i] for i in kept), kept


_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]+")
#: Two capitalised words, maybe an initial between them: a given name and a surname. A lookahead,
#: so that "President Barack Obama" yields "Barack Obama" as well as "President Barack".
_NAME_PAIR = re.compile(r"\b(?=([A-Z][\w’'-]+)\s+(?:[A-Z]\.\s+)?([A-Z][\w’'-]+))")
_ACRONYM_DEFINED = re.compile(r"\([A-Z][A-Za-z&]*[A-Z]\)")


#: A subject pronoun outside quotation marks: the paragraph it stands in goes on about someone named before.
_PERSON_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
#: How many paragraphs before the one before a quote a run of "he"/"she" paragraphs is followed back.
ANTECEDENT_PARAGRAPHS = 2


def _antecedent_paragraphs(text: str, paras: list[tuple[int, int]], spans_in: set[int]) -> set[int]:
    """The paragraphs a quote's "he said" may need beyond the one before it: while that one only
    goes on about someone with "he"/"she" ("Donald Trump is thanking his supporters. ¶ And he's
    predicted big wins. ¶ "...," he tells"), the one before it too, up to ANTECEDENT_PARAGRAPHS
    back. Blanked, the name the pronouns run back to is gone, and "he" takes whoever came before."""
    out: set[int] = set()
    for p in spans_in:
        k = p - 1
        while k > 0 and p - 1 - k < ANTECEDENT_PARAGRAPHS and k not in spans_in:
            if not _PERSON_PRONOUN.search(text, *paras[k]):
                break
            out.add(k - 1)
            k -= 1
    return out


def _full_names(text: str, lo: int, hi: int) -> set[tuple[str, str]]:
    """The (given name, surname) pairs written in `text[lo:hi]`. Keyed by both words, not by the
    surname alone: two people may share a surname (a husband and wife), and a paragraph that names
    the second in full is as needed as the first's; blanked, the bare surname goes to the wrong one
    and a pronoun's gender with it. A title or a sentence's opening word is no given name
    ("President Obama", "But Obama")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    pairs = ((m.group(1), m.group(2)) for m in _NAME_PAIR.finditer(text, lo, hi))
    return {(given, last) for given, last in pairs if fold(given) not in HONORIFICS and given.lower() not in STOP_WORDS}


_WORD = re.compile(r"[A-Za-z]+")


def reporting_paragraphs(text: str, paras: list[tuple[int, int]]) -> set[int]:
    """The paragraphs that can hold a reported statement: those with a word that cues one ("said",
    "believes", "according", "warning"), read off the word forms, before any parse."""
    return {index for index, (lo, hi) in enumerate(paras)
            if any(word.lower() in REPORT_CUE_WORDS for word in _WORD.findall(text, lo, hi))}


def focus(text: str, spans: list[Span], reported: bool = False) -> str:
    """The text with the paragraphs no attribution needs blanked out, offsets unchanged.

    Each blanked paragraph becomes a lone full stop. The parser is the cost of extraction; it is spent on the paragraphs that hold quotes, the
    paragraph before each (a speaker introduced with a colon, an antecedent), the one introducing
    a bulleted list they are items of (and the items before), and those a run of
    "he"/"she" before it goes back through (with `reported`, the same for each paragraph that can
    hold a reported statement, `reporting_paragraphs`), the paragraph that
    first gives the full name of each person whose surname they use (of each, where two share it;
    outside quotation marks, where the NER reads it), and any that defines an acronym.
    """
    paras = paragraphs(text)
    # with `reported`, the paragraphs a reported statement can stand in are read as a quote's are
    spans_in = {span.paragraph for span in spans} | (reporting_paragraphs(text, paras) if reported else set())
    need = spans_in | {p - 1 for p in spans_in if p > 0} | _antecedent_paragraphs(text, paras, spans_in)
    # the colon introduction of a bulleted list names the speaker of its items, however far down
    # (the items between kept too: blanked, they would no longer be read as one list)
    need |= {k for p in spans_in if (intro := list_intro(text, paras, p)) is not None for k in range(intro, p)}
    # a sign-off on its own line after a quote ("- Sanders.") names its speaker
    need |= {p + 1 for p in spans_in if p + 1 < len(paras) and text[paras[p + 1][0]] in "-—–"}
    kept = [paras[p] for p in need if 0 <= p < len(paras)]
    named = {word for span in kept for word in _CAPITALISED.findall(text, *span)}
    # a full name inside quotation marks introduces no one: the NER reads the text without them
    # (`unquoted`), so a show's title ("America with Jorge Ramos") leaves the surname unresolved
    bare = unquoted(text, spans)
    introduced = {name for span in kept for name in _full_names(bare, *span)}
    for index, (lo, hi) in enumerate(paras):
        if index in need:
            continue
        # the first full mention of each person whose surname the kept paragraphs use, and no other
        names = {name for name in _full_names(text, lo, hi) if name[1] in named} - introduced
        if names or _ACRONYM_DEFINED.search(text, lo, hi):
            need.add(index)
            introduced |= names
    if len(need) >= len(paras):
        return text
    chars = list(text)
    for index, (lo, hi) in enumerate(paras):
        if index not in need:  # a full stop keeps the paragraph a paragraph, and costs one token
            chars[lo:hi] = "." + " " * (hi - lo - 1)
    return "".join(chars)


def unquoted(text: str, spans: list[Span]) -> str:
    """What the NER reads: the text with the words inside quotation marks elided, offsets unchanged.

    A name inside a quote names no speaker, and quoted words are a third of what the parse
    needs. An elided quote keeps an ellipsis and its closing punctuation (`"...    ," Trump said`):
    a quote left wholly blank takes from the NER the context it finds the speaker's name by."""
    chars = list(text)
    for span in spans:
        lo, hi = span.inner_start, span.inner_end
        if hi - lo < 5 or "\n" in text[lo:hi]:
            continue
        chars[lo:hi] = "..." + " " * (hi - lo - 4) + (text[hi - 1] if text[hi - 1] in ",.?!" else " ")
    return "".join(chars)
