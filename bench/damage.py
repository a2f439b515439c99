"""The damage real text suffers on its way from a newsroom to us, as functions of a text.

Feeds, scrapers and copy-paste change an article's case, its paragraphs, its quotation marks and
its invisible characters; none of that may stop extraction. Each function takes the text and a
seeded `random.Random` and returns the damaged text, so a run is the same on every machine. The
crash battery (`bench/crashes.py`) and its tests (`tests/test_crashes.py`) share this one list.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

#: A damage: the text, a seeded generator -> the damaged text.
Damage = Callable[[str, random.Random], str]

_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")
_WORD = re.compile(r"\w+")
#: Quotation marks of every kind, double and single (a single mark may be an apostrophe: that is
#: damage too, a scraper cannot tell them apart).
_MARKS = "“”„«»‟\"‘’'`"
_DOUBLE = "“”„«»‟\""
_SWAPPED = str.maketrans({"“": "”", "”": "“", "‘": "’", "’": "‘", "«": "»", "»": "«"})
_STRAIGHT = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
#: Characters no reader sees: zero-width space and joiners, soft hyphen, byte order mark, direction
#: marks and embeddings, word joiner, and C0 controls a bad encoding or a terminal leaves behind.
_INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff", "\u200e", "\u200f", "\u202a", "\u202b",
              "\u202c", "\u202e", "\u2060", "\u2066", "\u2069", "\x00", "\x01", "\x07", "\x08", "\x0b",
              "\x0c", "\x1b", "\x1f", "\x7f"]
#: What a scraper leaves of a page: tags around and inside paragraphs, entities for marks and spaces.
_TAGS = ['<p>', '</p>', '<br/>', '<b>', '</b>', '<em>', '</em>', '<a href="https://example.org/a?b=1&c=2">',
         '</a>', '<span class="quote" data-x=\'1\'>', '</span>', '<div id="body">', '<!-- ad -->',
         '<tweet id="77" author="desk">', '</tweet>', '<script>var q = "x";</script>']
_ENTITIES = ["&amp;", "&quot;", "&#8220;", "&#8221;", "&rsquo;", "&nbsp;", "&lt;", "&gt;", "&#x201C;", "&mdash;"]


def upper(text: str, rng: random.Random) -> str:
    """Upper case throughout: a wire headline style or a caps-lock feed; names lose their shape."""
    return text.upper()


def lower(text: str, rng: random.Random) -> str:
    """Lower case throughout: a normalising scraper; no capital tells a name."""
    return text.lower()


def joined(text: str, rng: random.Random) -> str:
    """Paragraphs joined into one line: a feed that drops line breaks; a quote open at a paragraph's
    end now runs on into the next."""
    return " ".join(m.group().strip() for m in _PARAGRAPH.finditer(text))


def shuffled(text: str, rng: random.Random) -> str:
    """Paragraphs in a random order: a pronoun's antecedent, a colon's list, come after it."""
    paras = [m.group() for m in _PARAGRAPH.finditer(text)]
    rng.shuffle(paras)
    return "\n\n".join(paras)


def twice(text: str, rng: random.Random) -> str:
    """The article printed twice: a page scraped with its print version."""
    return text + "\n\n" + text


def marks_dropped(text: str, rng: random.Random) -> str:
    """A third of the quotation marks lost (an encoding that had no glyph for them): pairs break."""
    return "".join(c for c in text if c not in _MARKS or rng.random() >= 1 / 3)


def marks_swapped(text: str, rng: random.Random) -> str:
    """Opening and closing marks swapped (a right-to-left template, a bad smart-quote pass)."""
    return text.translate(_SWAPPED)


def marks_straight(text: str, rng: random.Random) -> str:
    """Every mark made straight (" and '): an ASCII feed; a mark no longer says which way it faces."""
    return text.translate(_STRAIGHT)


def cut(text: str, rng: random.Random) -> str:
    """The text cut off mid-word, somewhere in it: a teaser, a size limit, a truncated download."""
    inside = [m.start() + 1 for m in _WORD.finditer(text) if m.end() - m.start() > 1]
    return text[: rng.choice(inside)] if inside else text[: len(text) // 2]


def invisible(text: str, rng: random.Random) -> str:
    """Invisible and control characters sprinkled through the text, inside words and next to marks,
    and a byte order mark at the start."""
    chars = ["\ufeff"]
    for c in text:
        if rng.random() < 0.02 or (c in _MARKS and rng.random() < 0.3):
            chars.append(rng.choice(_INVISIBLE))
        chars.append(c)
    return "".join(chars)


def markup(text: str, rng: random.Random) -> str:
    """HTML left in: each paragraph in tags, tags and entities between words, marks as entities."""
    out = []
    for m in _PARAGRAPH.finditer(text):
        words = m.group().split(" ")
        for i in range(len(words)):
            if rng.random() < 0.05:
                words[i] = rng.choice(_TAGS) + words[i]
            elif rng.random() < 0.03:
                words[i] = words[i] + rng.choice(_ENTITIES)
        para = " ".join(words).replace("“", "&ldquo;" if rng.random() < 0.5 else "“")
        out.append(f"<p>{para}</p>")
    return "\n".join(out)


def words_dropped(text: str, rng: random.Random) -> str:
    """One word in ten lost (an OCR pass, a bad join): a cue's verb or a name's half may go."""
    return "".join(piece for piece in re.split(r"(\s+)", text) if piece.isspace() or rng.random() >= 0.1)


def crlf(text: str, rng: random.Random) -> str:
    """Windows line endings: every paragraph ends in a carriage return the parse sees as a character."""
    return text.replace("\n", "\r\n")


def repeated(text: str, rng: random.Random) -> str:
    """One sentence (one with a double quotation mark, if any) repeated a hundred times in its paragraph: a
    template's boilerplate, a stuck feed."""
    sentences = [m for m in re.finditer(r"[^.!?\n]+[.!?]+[”’\"']?", text) if m.group().strip()]
    if not sentences:
        return text * 3
    marked = [m for m in sentences if any(c in _DOUBLE for c in m.group())]
    m = rng.choice(marked or sentences)
    return text[: m.end()] + (" " + m.group().strip()) * 100 + text[m.end() :]


#: Every damage, by the name the bench and the tests give it, in the order they report it.
DAMAGES: dict[str, Damage] = {
    "upper": upper,
    "lower": lower,
    "joined": joined,
    "shuffled": shuffled,
    "twice": twice,
    "marks_dropped": marks_dropped,
    "marks_swapped": marks_swapped,
    "marks_straight": marks_straight,
    "cut": cut,
    "invisible": invisible,
    "markup": markup,
    "words_dropped": words_dropped,
    "crlf": crlf,
    "repeated": repeated,
}
#: The undamaged text, run first: a crash here is no damage's doing.
ORIGINAL = "original"
VARIANTS = (ORIGINAL, *DAMAGES)


def damaged(text: str, variant: str, *, seed: str) -> str:
    """The text with one damage, seeded by `seed` (an article's id) and the variant's name, so
    each article's damage is the same on every run and independent of which others run."""
    if variant == ORIGINAL:
        return text
    return DAMAGES[variant](text, random.Random(f"{seed}\x00{variant}"))
