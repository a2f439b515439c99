"""One person, one name: a speaker the cascade leaves as one word ("Sanders", "Megyn", "Ms. Dong") is
the person the article writes in full, wherever it does so.

The cascade resolves short forms through the NER's PERSON entities (`People`), over the paragraphs
the parse saw. That misses a full name the NER misread ("ROME - Bernie Sanders met", "law professor
Tim Canova's 43 percent", "Fox News's Ed Henry") or one in a paragraph the parse never saw, and the
directory then files the statement under a surname-only entry beside the full one. Here the whole
article text is read for full names written out, runs of capitalised words:

- a surname matches the last word of a full name, taken back over the given name (and a second
  given name the lexicon knows, and name particles: "Sophie in 't Veld");
- where no full name ends with the word, a given name the lexicon knows, used alone ("Donald ...
  Donald J. Trump"), matches the first word;
- where two people fit ("Bill Clinton", "Hillary Clinton"), or a courtesy title's gender rules the
  one out ("Mrs. Clinton" beside "Bill Clinton" alone), the word stays: which one it is, is the
  cascade's to say.

A title, an honorific or a sentence's opening word is no given name ("President Obama", "But Obama").
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache

from ..resolve import (
    FEMALE_GIVEN,
    HONORIFICS,
    MALE_GIVEN,
    PARTICLES,
    TITLE_WORDS,
    fold,
    given_name_gender,
    person_key,
    title_gender,
)
from .decision import Attribution


def _dataset_names() -> frozenset[str]:
    """Every given name and nickname of the nicknames dataset (2,164 names: "bernie", "elijah")."""
    from nicknames import name_triplets

    return frozenset(name for triplet in name_triplets() for name in (triplet.name1, triplet.name2))


#: Given names: the lexicon's (which also tell a gender) and the nicknames dataset's.
GIVEN_NAMES = FEMALE_GIVEN | MALE_GIVEN | _dataset_names()

#: A word of a name: capitalised ("O'Donnell", "Reed-Veal"), an initial ("J."), or a particle.
_WORD = re.compile(r"[A-Z][\w’'-]*\w|[A-Z]\.|'t\b|\b[a-z]{1,3}\b")
_CAPITAL = re.compile(r"[A-Z][\w’'-]*\w")
_POSSESSIVE = re.compile(r"['’]s$")
#: What may stand between two words of one name.
_GAP = re.compile(r"[ \t]+")


@cache
def _no_given_names() -> frozenset[str]:
    """Capitalised words that open a run but name no one: stop words, honorifics and titles."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | TITLE_WORDS


@lru_cache(maxsize=4)  # one article's text, asked once per one-word speaker
def _runs(text: str) -> list[list[str]]:
    """The runs of name words in `text`: capitalised words, initials and particles side by side,
    a particle never at either end."""
    runs: list[list[str]] = []
    run: list[str] = []
    end = -1
    for m in _WORD.finditer(text):
        word = _POSSESSIVE.sub("", m.group(0))
        particle = not word[:1].isupper()
        if particle and fold(word).strip("'") not in PARTICLES and word != "'t":
            word = ""
        joined = end >= 0 and _GAP.fullmatch(text, end, m.start()) is not None
        if not word or not joined:
            runs.append(run)
            run = []
        if word and (run or not particle):
            run.append(word)
        end = m.end() if word else -1
    runs.append(run)
    return [_trimmed(r) for r in runs if len(_trimmed(r)) >= 2]


def _trimmed(run: list[str]) -> list[str]:
    while run and not run[-1][:1].isupper():
        run = run[:-1]
    return run


def _given(word: str) -> bool:
    """Whether a capitalised word can be a given name: not a title, honorific or stop word."""
    return word[:1].isupper() and len(word) > 1 and not word.endswith(".") and fold(word) not in _no_given_names()


#: A capitalised word that opens a sentence or a paragraph, where capitals tell nothing ("Maybe").
_OPENING = re.compile(r"(?:^|\n|[.!?][\"”’)]*[ \t]+)$")


@lru_cache(maxsize=4)
def written_inside(text: str) -> frozenset[str]:
    """The capitalised words `text` writes inside a sentence at least once (after a lower-case
    word, a comma, a dash or a title's abbreviation): a name's capital is its own, not the
    sentence's, so "Maybe Trump is ..." gives no given name "Maybe"."""
    out = set()
    for m in _CAPITAL.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()]
        opening = _OPENING.search(before)
        if opening is None or _abbreviated_title(before[: opening.start()]):
            out.add(fold(_POSSESSIVE.sub("", m.group(0))))
    return frozenset(out)


def _abbreviated_title(head: str) -> bool:
    """Whether `head` ends with a title whose full stop is no sentence's end ("Sen. Bernie")."""
    words = head.split()
    return bool(words) and fold(words[-1]) in HONORIFICS


def _ending_with(run: list[str], i: int) -> str | None:
    """The full name that ends at run[i]: its given name before it (a second one the lexicon
    knows, and particles, included), or None where the word before is no given name."""
    j = i - 1
    while j > 0 and not run[j][:1].isupper():  # particles: "in 't"
        j -= 1
    if j < 0 or not (_given(run[j]) or (run[j].endswith(".") and j > 0 and _given(run[j - 1]))):
        return None
    if run[j].endswith("."):  # an initial: "Donald J. Trump"
        j -= 1
    if j > 0 and fold(run[j - 1]) in GIVEN_NAMES:
        j -= 1
    return " ".join(run[j : i + 1])


def _starting_with(run: list[str], i: int) -> str | None:
    """The full name that starts at run[i] with what follows it: an initial, particles and the
    surname ("Alwaleed Bin Talal", "Dong Xiaolin", "Donald J. Trump")."""
    if i > 0 and _given(run[i - 1]):
        return None  # run[i] is a middle or last name here
    k = i + 1
    while k < len(run) and (not run[k][:1].isupper() or run[k].endswith(".") or run[k] in {"Bin", "Bint", "Ibn", "Al"}):
        k += 1
    return " ".join(run[i : k + 1]) if k < len(run) else None


def full_names_for(word: str, text: str) -> set[str]:
    """The full names `text` writes that the one-word name `word` can stand for: those it ends
    (a surname) whose given name is written inside a sentence somewhere or is one the lexicon
    knows; else, for a given name the lexicon knows, those it starts ("Donald ... Donald J. Trump").
    A surname written first ("Dong Xiaolin ... Ms. Dong") stays as the article shortens it: the
    last word of a name is read as its surname everywhere else (`resolve.surname`)."""
    key = person_key(word)
    runs = _runs(text)
    spots = [(run, i) for run in runs for i, w in enumerate(run) if person_key(w) == key]
    inside = written_inside(text)
    ending = {name for run, i in spots
              if (name := _ending_with(run, i)) and (fold(name.split()[0]) in inside or fold(name.split()[0]) in GIVEN_NAMES)}
    if ending or key not in GIVEN_NAMES:
        return ending
    return {name for run, i in spots if (name := _starting_with(run, i))}


def _one_person(names: set[str], gender: str | None) -> str | None:
    """The one person `names` are (the longest spelling of one key: "Deborah Jordan Reynolds" over
    "Jordan Reynolds"), or None where they are several or the courtesy title's gender rules out."""
    keys = {person_key(name): name for name in sorted(names, key=len)}
    longest = [key for key in keys if not any(key != other and other.endswith(" " + key) for other in keys)]
    if len(longest) != 1:
        return None
    name = keys[longest[0]]
    if gender is not None and given_name_gender(name) not in (gender, None):
        return None
    return name


def completed(attributions: list[Attribution], text: str) -> list[Attribution]:
    """The attributions with each one-word speaker given its full name from `text`, where the
    article writes one person's full name for it."""
    out = []
    for attr in attributions:
        words = person_key(attr.speaker).split() if attr.speaker else []
        if len(words) == 1:
            gender = title_gender(attr.mention or "")
            name = _one_person(full_names_for(words[0], text), gender)
            if name is not None:
                attr = replace(attr, speaker=name)
        out.append(attr)
    return out
