"""spaCy's attribute ruler and lemmatizer with their per-token work replaced by lookups: the same
annotations, faster.

The English pipelines' `attribute_ruler` maps each tag to a part of speech and morphology, plus a
few word exceptions, by running a Matcher of some 180 one- and two-token patterns and setting
attributes match by match. Profiled on our focused parses it cost as much as the parser
(a third of a millisecond for ten tokens). Its patterns only test a token's TAG, LOWER, DEP and
IS_SPACE, so each distinct combination is tested once and remembered; the matches come out in the
order spaCy's ruler applies them and go through the same `set_token_attrs`, so every token ends
with exactly the attributes the stock component gives it (tests/test_ruler.py compares them).
A pipeline whose patterns use anything else keeps spaCy's own ruler.

The lemmatizer's rules give a word's lemma from its text, part of speech and morphology alone, but
spaCy's component visits every token through Python objects and costs as much as the parser; the
memo reads those three as integers for the whole Doc, asks spaCy's lemmatizer once per distinct
combination and writes the lemmas back in one call.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

FACTORY = "quotes_attribute_ruler"
LEMMA_FACTORY = "quotes_lemmatizer"
#: Lemmatizer modes whose lemma depends only on a token's text, part of speech and morphology.
_MEMO_MODES = ("rule", "lookup")
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


class MemoLemmatizer:
    """A lemmatizer pipe that asks spaCy's for each distinct (word, part of speech, morphology) once."""

    def __init__(self) -> None:
        self.lemmatizer: Lemmatizer | None = None
        self._memo: dict[tuple[int, int, int], str] = {}

    def wrap(self, lemmatizer: Lemmatizer) -> None:
        """Take over `lemmatizer`, which leaves the pipeline. Its rules test whether a word is in a
        list of tens of thousands (`form in index`): as sets, a new word costs twenty times less."""
        index = lemmatizer.lookups.get_table("lemma_index", None)
        if index is not None:
            for pos, words in list(index.items()):
                index[pos] = frozenset(words)
        self.lemmatizer = lemmatizer
        self._memo.clear()

    def __call__(self, doc: Doc) -> Doc:
        if self.lemmatizer is None or not len(doc):
            return doc
        overwrite, lemmatize, memo = self.lemmatizer.overwrite, self.lemmatizer.lemmatize, self._memo
        add = doc.vocab.strings.add
        ids: dict[str, int] = {}  # the memo keeps strings, not ids: a memory zone frees the strings it added
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if lemma and not overwrite:  # set by the attribute ruler: spaCy's keeps it too
                continue
            found = memo.get((orth, pos, morph))
            if found is None:
                if len(memo) >= _MEMO_SIZE:
                    memo.clear()
                found = memo[orth, pos, morph] = lemmatize(doc[i])[0]
            array[i, 3] = ids.get(found) or ids.setdefault(found, add(found))
        doc.from_array([LEMMA], array[:, 3:].copy())
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(LEMMA_FACTORY)
def _make_lemmatizer(nlp: Language, name: str) -> MemoLemmatizer:
    return MemoLemmatizer()


def speed_up(nlp: Language) -> None:
    """Swap the pipeline's attribute ruler for the indexed one where its patterns allow it, and
    its lemmatizer for the memo where the lemmatizer's mode allows it."""
    for name, component in list(nlp.pipeline):
        if type(component) is AttributeRuler and supported(component):
            patterns = component.patterns
            indexed = nlp.replace_pipe(name, FACTORY)
            indexed.add_patterns(patterns)
        elif isinstance(component, Lemmatizer) and component.mode in _MEMO_MODES:
            nlp.replace_pipe(name, LEMMA_FACTORY).wrap(component)
