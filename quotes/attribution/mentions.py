"""Every mention of a named person in text order, each person's gender, and what a pronoun or a
definite description refers back to.

Phenomena: "he said" (the most salient person of the nearest sentences that name one of that
gender), chains of pronouns ("He nodded to Cruz. '...,' he said"), "the senator said", the one
asked speaking next ("Roe asked Poe whether ..."), gender from honorifics, given names and the
clause's own pronouns, namesakes sharing a surname (a husband and wife), proper-noun subjects the
NER left untagged ("Pate claimed")."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..find import Span
from ..resolve import fold, given_name_gender, person_key, person_name, surname, written_as_name
from .evidence import no_person
from .lexicon import (
    FEMALE_NOUNS,
    HONORIFIC_BEFORE,
    INSTITUTION_NOUNS,
    MALE_NOUNS,
    NOT_SPEAKERS,
    OWNED_VOICES,
    PERSON_PRONOUNS,
    SAYING_LEMMAS,
)
from .names import untagged_name
from .people import ArticlePeople

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as TokenSpan


class ArticleMentions(ArticlePeople):
    """Every mention of a named person in text order, their gender, and what a pronoun or a
    description refers back to."""

    def __init__(self, doc: "Doc", spans: Sequence[Span]):
        super().__init__(doc, spans)
        # (offset, full name, salience) of every named person, to resolve pronouns
        self.mentions: list[tuple[int, str, int]] = []
        self._one_word: dict[str, bool] = {}  # may_be_person's answers
        self.gender: dict[str, str] = {}
        votes = self._mention_named(self._retold(self._named_people()))
        self.mentions.extend(self._untagged_subjects())
        self.mentions.sort()
        self._learn_gender(votes)
        self._chain_pronouns()

    def _named_people(self) -> list[tuple["TokenSpan", str]]:
        """Each person the NER names outside quotes (but a group), with the full name the mention
        stands for; the name is learnt as it goes (`People.add`)."""
        named: list[tuple["TokenSpan", str]] = []
        for ent in self.ents:
            if self.is_person(ent) and not self.quoted[ent.start] and not (len(ent) == 1 and self.group(ent.root)):
                name = self.name_span(ent)
                self.people.add(name.text, ent.start_char)
                # a surname the article never gives in full ("Mr. Obama") still names someone
                full = self.resolve(name.text, name.start_char) or (
                    person_name(name.text) if ent.label_ == "PERSON" and written_as_name(name.text) else None)
                if full and ent.root.dep_ != "compound" and self.may_be_person(full):  # "Trump backers" mention no one
                    named.append((ent, full))
        return named

    def may_be_person(self, name: str) -> bool:
        """Whether a name may be a person's: one word that the article shows is no one's ("Twitter",
        which the NER may tag a person) is no antecedent for the "he" after it (`evidence`)."""
        words = person_key(name).split()
        if len(words) != 1:
            return True
        if name not in self._one_word:
            self._one_word[name] = no_person(name.split()[-1], self.doc, self.text) is None
        return self._one_word[name]

    def _retold(self, named: list[tuple["TokenSpan", str]]) -> list[tuple["TokenSpan", str]]:
        """The named people once the courtesy titles are learnt: "Mrs. Clinton" beside Bill tells
        Hillary's gender, and so who an earlier "Mr. Clinton" is."""
        titled = [(ent, title) for ent, _ in named if (title := self.title(ent.text, ent.start_char))]
        for ent, title in titled:
            self.people.learn(ent.text, ent.start_char, title)
        retold = {ent.start: self.resolve(ent.text, ent.start_char) for ent, _ in titled}
        # one namesake for another, not a surname for a name
        return [(ent, retold.get(ent.start) or full if person_key(full) in self.people.full else full)
                for ent, full in named]

    def _mention_named(self, named: list[tuple["TokenSpan", str]]) -> dict[str, list[str]]:
        """Add each named person's mention, and gather what each says of their gender (`_gender_hints`:
        an honorific in capitals, a pronoun in lower case), but a pronoun more likely a namesake's."""
        votes: dict[str, list[str]] = {}
        for ent, full in named:
            self.mentions.append((ent.start_char, full, _salience(ent.root)))
            hints = _gender_hints(self.doc, self.text, ent, self.sent(ent.root).end)
            votes.setdefault(full, []).extend(h for h in hints if h.isupper() or not self.namesakes_of(ent.text, full, h))
        return votes

    def _learn_gender(self, votes: dict[str, list[str]]) -> None:
        """Each person's gender by the hints for it: a common given name and an honorific outweigh
        pronouns, which may be someone else's."""
        for _, name, _ in self.mentions:
            given = given_name_gender(name)
            if given:
                votes.setdefault(name, []).append(given.upper())
        for name, hints in votes.items():
            titled = [h for h in hints if h.isupper()]
            pick = titled or hints
            if pick:
                self.gender[name] = max(("M", "F"), key=lambda g: sum(h.upper() == g for h in pick)).lower()

    def _untagged_subjects(self) -> list[tuple[int, str, int]]:
        """Proper-noun subjects the NER left untagged ("Pate claimed ... he"): a pronoun after
        them refers to them as surely as to a tagged name. So does the surname of someone named in
        full that the tagger took for a common noun ("Woods continued", "Trump blamed")."""
        out = []
        for tok in self.tokens:
            if tok.dep_ not in ("nsubj", "nsubjpass") or self.quoted[tok.i]:
                continue
            if tok.pos_ != "PROPN" and not (tok.pos_ == "NOUN" and not tok.ent_type_ and self.known_surname(tok)):
                continue
            if not untagged_name(tok):
                continue
            words, surface = self.compound_name(tok)
            if surface in self.bodies or self.group(tok):
                continue
            full = self.resolve(surface, words[0].idx)
            if (full or self.name_like(tok, words)) and self.may_be_person(full or surface):
                out.append((words[0].idx, full or surface, _salience(tok)))
        return out

    def _chain_pronouns(self) -> None:
        """Add each subject "he"/"she" outside quotes as a mention of the person it resolves to, in
        text order: in "Trump never mentioned Clinton. He nodded to Cruz. '...,' he said" the
        second "he" follows the first, not the latest name. A subject that describes a person ("The
        Ohio governor said") is chained the same way, so that a "he" after it follows it too."""
        named, self.mentions = self.mentions, []
        pronouns = [tok for tok in self.tokens if tok.dep_ in ("nsubj", "nsubjpass") and not self.quoted[tok.i]
                    and (tok.lower_ in ("he", "she") or _describes_person(tok))]
        events = sorted([(m[0], 0, m) for m in named] + [(tok.idx, 1, tok) for tok in pronouns], key=lambda e: e[:2])
        for at, is_pronoun, item in events:
            if not is_pronoun:
                self.mentions.append(item)
                continue
            name = self.antecedent(at, PERSON_PRONOUNS.get(item.lower_) or noun_gender(item.lower_))
            if name:
                self.mentions.append((at, name, _salience(item)))

    def antecedent(self, offset: int, gender: str | None = None) -> str | None:
        """The named person a pronoun or description at `offset` most likely refers to.

        Walk back sentence by sentence (up to a few) and take, in the nearest sentence that names
        a person of compatible gender, the most salient one: a speaker or the subject of the main
        verb before an object or a possessor ("Manafort said he agreed with Cruz. '...,' he said").
        Of two as salient, one known to be of the pronoun's gender goes before one whose gender
        nothing tells ("drafted by Richard Roe and Dana Poe"), then the later one.
        """
        here = bisect.bisect_right(self.sentence_starts, offset) - 1
        by_sentence: dict[int, list[tuple[int, bool, int, str]]] = {}
        fallback = None
        for at, name, salience in self.mentions:
            if at >= offset:
                break
            if gender is not None and self.gender.get(name, gender) != gender:
                name = self.namesake(at, name, gender)
                if name is None:
                    continue
            fallback = name
            sent = bisect.bisect_right(self.sentence_starts, at) - 1
            if here - sent <= ANTECEDENT_SENTENCES:
                known = gender is not None and self.gender.get(name) == gender
                by_sentence.setdefault(sent, []).append((salience, known, at, name))
        if by_sentence:
            return max(by_sentence[max(by_sentence)])[3]
        return fallback

    def namesake(self, at: int, name: str, gender: str) -> str | None:
        """The person of `gender` a bare surname at `at` names where the article gives that
        surname to several people ("Okafor, whose husband, the pilot Daniel Okafor, died" ...
        "Okafor said she"): the surname resolves to the full name given last, which may be the other
        one's, and the pronoun's gender tells which of the family a reader takes it for. A title
        ("Mrs. Okafor") or a given name says who it is; then there is none. The namesake must have
        been the subject of a sentence before: one named only in passing ("during Bill Okafor's
        term") is not who the article goes on about. Where none is known to be of that gender, one
        whose given name tells nothing is: only the namesake known to be of the other gender is
        ruled out, and a "she" that skips the family goes to a nearer stranger instead."""
        last = surname(name)  # memoised in resolve
        if fold(self.doc[self.token_at(at)].text) != last:
            return None
        people = {self.people.full[key] for _, key in self.people.by_surname.get(last, [])}
        subjects = [other for before, other, salience in self.mentions
                    if before < at and salience and other in people and other != name]
        matching = [other for other in subjects if self.gender.get(other) == gender]
        matching = matching or [other for other in subjects if other not in self.gender]
        return matching[-1] if matching else None

    def namesakes_of(self, surface: str, full: str, gender: str) -> bool:
        """Whether a pronoun of `gender` after a bare surname (`surface`, resolved to `full`) is more
        likely a namesake's: another person the article gives that surname is known by given name to
        be of that gender and `full` is not ("Scott ... he" where Keith and Rakeyia Scott are named:
        the surname resolves to Rakeyia, named last, but the "he" is Keith's)."""
        words = person_key(surface).split()
        if len(words) != 1 or given_name_gender(full) == gender:
            return False
        keys = {key for _, key in self.people.by_surname.get(words[0], [])} - {person_key(full)}
        return any(self.people.told(key) == gender for key in keys)

    def add_speaker(self, offset: int, name: str) -> None:
        """A resolved speaker is the most salient mention there is, for the pronouns after it."""
        bisect.insort(self.mentions, (offset, name, 3))


#: How many sentences back a pronoun looks for its antecedent before taking the latest name.
ANTECEDENT_SENTENCES = 3


def _describes_person(tok: "Token") -> bool:
    """Whether a subject is a definite description of a person ("The Ohio governor said"), which
    a pronoun after it follows as it would the name."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.lower_ in INSTITUTION_NOUNS | NOT_SPEAKERS | OWNED_VOICES:
        return False
    return [t.lower_ for t in tok.lefts if t.dep_ == "det"][:1] == ["the"] and any(t.dep_ in ("amod", "compound") for t in tok.lefts)


def _salience(token: "Token") -> int:
    """How likely a later pronoun points to this mention: main-clause subject or subject of a
    saying verb 2, other subject 1, anything else 0. A name set beside the subject, or beside a
    noun set beside it ("The other man, his cousin Jon Roe, 40, cited"), is the subject. Of a
    question ("Roe asked Poe whether ..."), the one asked is who speaks next, with the answer: 2,
    and the asker 1."""
    while token.dep_ == "appos" and token.head.dep_ == "appos" and token.head.head.i != token.head.i:
        token = token.head
    if token.dep_ in ("dobj", "dative") and token.head.lemma_.lower() == "ask":
        return 2  # the one asked: the words after the question are the answer
    subject = token if token.dep_ in ("nsubj", "nsubjpass") else token.head if token.dep_ == "appos" else None
    if subject is None or subject.dep_ not in ("nsubj", "nsubjpass"):
        return 0
    if subject.head.lemma_.lower() == "ask":
        return 1
    if subject is not token:
        return 2
    return 2 if token.head.dep_ == "ROOT" or token.head.lemma_.lower() in SAYING_LEMMAS else 1


_GENDERED = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}


def _gender_hints(doc: "Doc", text: str, ent: "TokenSpan", sent_end: int) -> list[str]:
    """What a mention says of a person's gender: an honorific before it ("M"/"F"), and, when it is
    a subject, the first gendered pronoun after it in the clause it is the subject of, with no
    other person in between ("m"/"f"). A pronoun outside that clause belongs as often to someone
    else ("Obama was the first black president, he said"), and an object pronoun never to the
    subject ("After Clinton accused him of sexism")."""
    hints = []
    title = HONORIFIC_BEFORE.search(text[max(0, ent.start_char - 5) : ent.start_char]) or re.match(
        r"(Mr|Ms|Mrs|Miss)\b", ent.text)
    if title:
        hints.append("M" if title.group(1) == "Mr" else "F")
    verb = _clause_of(ent.root)
    if verb is None:
        return hints
    for tok in doc[ent.end : sent_end]:
        if tok.ent_type_ == "PERSON":
            break
        if tok.lower_ not in _GENDERED or tok.dep_ not in _SUBJECT_DEPS and not tok.lower_.endswith("self"):
            continue
        if tok.i in range(verb.left_edge.i, verb.right_edge.i + 1):
            hints.append(_GENDERED[tok.lower_])
        break
    return hints


_SUBJECT_DEPS = frozenset(("nsubj", "nsubjpass"))


def _clause_of(token: "Token") -> "Token | None":
    """The verb a name is the subject of, itself or through the noun it stands beside ("her
    opponent Donald Trump doesn't know")."""
    while token.dep_ == "appos" and token.head.i != token.i:
        token = token.head
    return token.head if token.dep_ in ("nsubj", "nsubjpass") else None


def noun_gender(noun: str) -> str | None:
    """The gender a role noun states ("spokeswoman"), if any."""
    if noun.endswith("woman") or noun in FEMALE_NOUNS:
        return "f"
    if noun.endswith("man") or noun in MALE_NOUNS:
        return "m"
    return None
