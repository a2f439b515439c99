"""What a sieve decides of a quote (`Attribution`), and how sure each family of sieves is."""

from __future__ import annotations

from dataclasses import dataclass

from ..find import Span

#: How sure each family of sieves is (`Attribution.sieve`): an explicit speech verb with its subject
#: surest, a speaker carried on from the quote before or a described person less so.
SIEVE_CONFIDENCE = {
    "cue": 0.95,
    "frame": 0.85,
    "colon": 0.75,
    "continuation": 0.7,
    "pronoun": 0.7,
    "description": 0.6,
    "governor": 0.6,
    "lead_in": 0.65,
}


@dataclass(frozen=True)
class Attribution:
    """Who a span is by, as the article names them, and how sure we are."""

    span: Span
    kind: str  # direct, mixed, indirect (reported, no marks), or term (a scare quote or title: no speaker, no cue)
    speaker: str | None = None  # a person's full name, as the article gives it
    institution: str | None = None  # set when an institution speaks ("the Kremlin said")
    mention: str | None = None  # the words that named the speaker here ("he", "Mr. Weitz")
    mention_start: int | None = None
    cue: str | None = None
    sieve: str | None = None  # the family of the rule (a key of SIEVE_CONFIDENCE), stored with the quote
    confidence: float = 0.0
    decided_by: str | None = None  # the name of the sieve of the cascade that decided it (`cascade.SIEVES`)


def restated(found: Attribution, span: Span, sieve: str, confidence: float) -> Attribution:
    """The speaker `found` names, as what a sieve of another family (`sieve`) decides of `span`: a
    cue read in the sentence before a colon or in the paragraph before, a quote carried on."""
    return Attribution(span, "", found.speaker, found.institution, found.mention, found.mention_start, found.cue,
                       sieve, confidence)
