"""spaCy's attribute ruler with its Matcher replaced by a lookup: the same annotations, faster.

The English pipelines' `attribute_ruler` maps each tag to a part of speech and morphology, plus a
few word exceptions, by running a Matcher of some 180 one- and two-token patterns and setting
attributes match by match. Profiled on our focused parses it cost as much as the parser
(a third of a millisecond for ten tokens). Its patterns only test a token's TAG, LOWER, DEP and
IS_SPACE, so each distinct combination is tested once and remembered; the matches come out in the
order spaCy's ruler applies them and go through the same `set_token_attrs`, so every token ends
with exactly the attributes the stock component gives it (tests/test_nlp.py compares them).
A pipeline whose patterns use anything else keeps spaCy's own ruler.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

FACTORY = "quotes_attribute_ruler"
_FEATURES = ("TAG", "LOWER", "DEP", "IS_SPACE")
_PREDICATES = {"IN", "NOT_IN", "REGEX"}
#: Distinct (tag, word, dependency, space) combinations remembered before the memo starts afresh.
_MEMO_SIZE = 50_000

Constraint = dict[str, object]


def supported(ruler: AttributeRuler) -> bool:
    """Whether every pattern tests only what the lookup reads, with no operators."""
    for pattern in ruler.patterns:
        for sequence in pattern["patterns"]:
            for token in sequence:
                for attr, value in token.items():
                    if attr not in _FEATURES:
                        return False
                    if isinstance(value, dict) and not set(value) <= _PREDICATES:
                        return False
    return True


def _holds(constraint: Constraint, features: tuple[str, str, str, bool]) -> bool:
    for attr, value in constraint.items():
        have = features[_FEATURES.index(attr)]
        if not isinstance(value, dict):
            if have != value:
                return False
            continue
        if "IN" in value and have not in value["IN"]:
            return False
        if "NOT_IN" in value and have in value["NOT_IN"]:
            return False
        if "REGEX" in value and not re.search(value["REGEX"], str(have)):
            return False
    return True


class IndexedAttributeRuler(AttributeRuler):
    """An AttributeRuler that finds its matches by a memo of token features instead of a Matcher."""

    def __init__(self, vocab, name: str = "attribute_ruler", **kwargs):
        super().__init__(vocab, name, **kwargs)
        self._memo: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}
        self._compiled: list[tuple[int, Sequence[Constraint]]] | None = None
        self._by: dict[tuple[str, object], list[tuple[int, int, Constraint]]] = {}

    def add(self, patterns, attrs, index=0):
        super().add(patterns, attrs, index)
        self._compiled = None

    def _compile(self) -> None:
        """(rule id, token constraints) for every pattern in the order the rules were added, and
        each constraint filed under the literal tag or word it needs, if any, so that a token is
        tested only against constraints that can hold for it."""
        self._compiled = [(rule, seq) for rule in range(len(self.attrs)) for seq in self.matcher.get(str(rule))[1]]
        self._by = {}
        for number, (_, sequence) in enumerate(self._compiled):
            for position, constraint in enumerate(sequence):
                attr = next((a for a in ("TAG", "LOWER") if isinstance(constraint.get(a), str)), None)
                key = (attr, constraint[attr]) if attr else ("", None)
                self._by.setdefault(key, []).append((number, position, constraint))
        self._memo.clear()

    def _hits(self, key: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """Which (pattern, position) constraints a token with these feature hashes satisfies."""
        hits = self._memo.get(key)
        if hits is None:
            if self._compiled is None:
                self._compile()
            strings = self.vocab.strings
            features = (strings[key[0]], strings[key[1]], strings[key[2]], bool(key[3]))
            candidates = [*self._by.get(("TAG", features[0]), ()), *self._by.get(("LOWER", features[1]), ()),
                          *self._by.get(("", None), ())]
            hits = tuple(sorted((n, p) for n, p, constraint in candidates if _holds(constraint, features)))
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = hits
        return hits

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The (rule id, match id, start, end) spaCy's ruler would find, sorted the way it sorts them."""
        rows = [tuple(row) for row in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()] if len(doc) else []
        hits = [set(self._hits(row)) for row in rows]
        if self._compiled is None:
            return []
        strings = self.vocab.strings
        found = []
        for start, here in enumerate(hits):
            for number, position in here:
                if position:
                    continue
                rule, sequence = self._compiled[number]
                end = start + len(sequence)
                if end <= len(hits) and all((number, k) in hits[start + k] for k in range(1, len(sequence))):
                    found.append((rule, strings[str(rule)], start, end))
        found.sort()
        return found

    def set_annotations(self, doc: Doc, matches) -> None:
        for rule, _, start, end in matches:
            index = self.indices[rule]
            set_token_attrs(doc[start + index] if index >= 0 else doc[end + index], self.attrs[rule])


@Language.factory(FACTORY)
def _make(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name)


def speed_up(nlp: Language) -> None:
    """Swap the pipeline's attribute ruler for the indexed one where its patterns allow it."""
    for name, component in list(nlp.pipeline):
        if type(component) is AttributeRuler and supported(component):
            patterns = component.patterns
            indexed = nlp.replace_pipe(name, FACTORY)
            indexed.add_patterns(patterns)
