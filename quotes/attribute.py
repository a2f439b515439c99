"""Who said each quoted span: a series of sieves over the spaCy parse, surest first.

Each sieve records its name, so every attribution carries the rule that decided it and a
confidence to match; an error analysis is a GROUP BY away.

  cue           an explicit speech verb outside the quote, with its subject ("Weitz said"), or the
                words right after the closing mark ("...," said Weitz / "...?" Weitz asked)
  frame         a verbless frame: "For X,", "According to X,", "X:", "... - X"; and the source a
                sentence cites for what its speaker said ("X said ..., according to Y")
  colon         the previous sentence introduces the speaker and ends with a colon
  continuation  the quote goes on from the previous one (split quotes, paragraphs of one quote)
  pronoun       a cue whose subject is "he"/"she", resolved to the most recent named speaker
  description   a cue whose subject is "the senator", resolved the same way
  governor      a quote inside reported speech: the subject of the verb it hangs from
  lead_in       the sentence before, in the same paragraph, announces it ("Lockwood chimed in.")
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .find import Span, paragraphs
from .resolve import (
    FEMALE_GIVEN,
    HONORIFICS,
    MALE_GIVEN,
    PARTICLES,
    TITLE_GENDER,
    People,
    fold,
    given_name_gender,
    person_key,
    person_name,
    surname,
    title_gender,
    written_as_name,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as TokenSpan

CUE_LEMMAS = frozenset(
    """say tell add argue warn believe conclude insist write tweet note explain ask state declare
    claim recall continue reply respond acknowledge admit announce assert caution comment complain
    confirm contend emphasize emphasise estimate joke maintain observe predict promise remark report
    reiterate shout stress suggest testify urge vow post agree quip concede counter deny charge
    boast lament muse posit opine recount scoff snap tout wonder yell think feel exclaim cry
    whisper mutter answer inform warn proclaim allege grumble fume marvel concur add explain
    summarize summarise put testify thunder retort interject begin find describe call dub label
    brand decry denounce blast slam praise criticize criticise accuse mock dismiss implore plead
    beg gush bark pen chime hail lambast ridicule blame demand assure reassure blurt pledge speculate
    theorize theorise surmise""".split()
)
#: Verbs whose subject is the one speaking in a sentence, whatever clause the parser makes of them
#: ("..., he noted, so ..."): not "ask" (the next words are the answer, someone else's), nor the
#: cue verbs that often say something else ("continue", "agree", "find", "call").
SAYING_LEMMAS = frozenset("say tell add note argue insist explain claim state declare write warn stress acknowledge admit contend".split())
PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}
#: Subjects that name no speaker ("it said", "which means").
NON_REFERRING = frozenset("it this that which what there who".split())
#: Heads of a definite description that speaks for an organisation ("the campaign said").
INSTITUTION_NOUNS = frozenset(
    """campaign committee company department ministry agency government administration party
    organization organisation group foundation institute council board court office embassy firm
    bank network newspaper paper tabloid magazine broadcaster union coalition association commission bureau service league
    center centre university school team club corporation kremlin regime military army police""".split()
)
#: Heads of a description set beside a name that make it an institution's name, not a person's:
#: "Xinhua, the official news agency, wrote", "Corvane, the coal company, said".
BODY_NOUNS = INSTITUTION_NOUNS | frozenset(
    """outlet website site daily weekly publication channel station wire manufacturer retailer
    insurer lender airline chain startup conglomerate""".split()
)
#: Heads of a possessive description that speaks for its owner ("Scott's family said").
OWNED_VOICES = frozenset(
    """family lawyer lawyers attorney attorneys counsel spokesman spokeswoman spokesperson aides staff
    representatives""".split()
)
#: Nouns for someone who speaks for an organisation without being named ("a Dow spokeswoman").
ROLE_NOUNS = frozenset(
    """spokesman spokeswoman spokesperson spokespeople official officials aide aides adviser advisers
    advisor advisors member members source sources operative operatives strategist strategists
    representative representatives staffer staffers executive executives insider insiders""".split()
)
#: Heads that speak for the institution named with them ("a Pentagon statement read").
ISSUED_VOICES = frozenset(
    """statement release communique announcement spokesman spokeswoman spokesperson representative
    representatives""".split()
)
#: Documents whose findings are the institution's that made them ("an FBI investigation said",
#: "a Pentagon readout", "a study by the Institute for Statecraft found").
ISSUED_FINDINGS = frozenset("investigation readout poll survey study report analysis audit review".split())
#: Heads of a definite description that is no speaker we can name ("the statement said"; "the
#: person added", "the source said": someone unnamed, not the last person the article named).
NOT_SPEAKERS = frozenset(
    """statement report study poll survey letter memo document article website site ad video book
    email release page complaint lawsuit filing order ruling bill plan law proposal post tweet
    message note record data analysis audience crowd public person source insider individual""".split()
)
#: Writings that speak with their author's voice: "Roe's email notes", "the Roe ad claims".
AUTHORED_DOCUMENTS = frozenset("statement letter memo article ad video book email post tweet message essay column".split())
FEMALE_NOUNS = frozenset("actress wife mother daughter sister girl lady queen widow grandmother niece aunt".split())
MALE_NOUNS = frozenset("husband father son brother boy king widower grandfather nephew uncle".split())
INSTITUTION_LABELS = {"ORG", "NORP", "GPE", "FAC"}
_FRAME_OPENERS = re.compile(
    r"^\s*(?:(?:and|but|yet|so|meanwhile|still|however)\s*,?\s*)?(?:for|according to|in the words of|in|to|as|per|says?|said)\b",
    re.I,
)

#: Verbs that give a thing a name: a short quote under one, from no one named, is a term
#: (`what they describe as "unilateral sanctions"`), not a statement.
NAMING_VERBS = frozenset("describe call dub label brand term name".split())
NAMED_TERM_MAX_WORDS = 3
#: How many sentences back a pronoun looks for its antecedent before taking the latest name.
ANTECEDENT_SENTENCES = 3
#: The fewest words a quote needs to be a statement by the subject of a verb that is no speech verb.
GOVERNED_MIN_WORDS = 2
#: Below this many tokens, such a quote must hold a verb: a bare short noun phrase is a term.
GOVERNED_PHRASE_WORDS = 4

SIEVE_CONFIDENCE = {
    "cue": 0.95,
    "frame": 0.85,
    "colon": 0.75,
    "continuation": 0.7,
    "pronoun": 0.7,
    "description": 0.6,
    "governor": 0.6,
    "lead_in": 0.65,
    "nearby": 0.4,
}


@dataclass(frozen=True)
class Attribution:
    """Who a span is by, as the article names them, and how sure we are."""

    span: Span
    kind: str  # direct, mixed, or term (a scare quote or title: no speaker, no cue)
    speaker: str | None = None  # a person's full name, as the article gives it
    institution: str | None = None  # set when an institution speaks ("the Kremlin said")
    mention: str | None = None  # the words that named the speaker here ("he", "Mr. Weitz")
    mention_start: int | None = None
    cue: str | None = None
    sieve: str | None = None
    confidence: float = 0.0


def _entity(doc: "Doc", token: "Token") -> "TokenSpan | None":
    """The entity the token is in, found from the token's own IOB tags: `doc.ents` builds a span
    for every entity of the document on each call (a fifth of attribution's time)."""
    if not token.ent_type_:
        return None
    from spacy.tokens import Span as TokenSpan

    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return TokenSpan(doc, start, end, label=token.ent_type_)


def _subject(verb: "Token") -> "Token | None":
    """The subject of a cue verb, following conjunctions to the verb that owns it. Of two subjects
    (the parser hangs a stray dateline or time stamp on the verb as one) the nearest counts. A
    passive verb's agent is its subject; a verb climbed to is the host of a participle or infinitive,
    whose own subject, passive or not, is the participle's ("Roe was booed by the crowd after telling
    them ...": Roe tells)."""
    agent = _agent(verb)
    if agent is not None:
        return agent
    named = _name_as_compound(verb)
    if named is not None:
        return named
    climbed_conj = climbed = False
    for _ in range(3):
        second = _second_clause_subject(verb)
        if second is not None:
            return second
        for child in sorted(verb.children, key=lambda t: abs(t.i - verb.i)):
            if child.dep_ == "nsubjpass" and climbed_conj:
                return None  # "the move was made by Y and said": the parser's conjunct; neither said it
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.lower_ in ("who", "that") and verb.dep_ == "relcl":
                    return verb.head  # "Mr. Ekovich, who noted ..."
                return child
            if child.dep_ == "agent" and not climbed:
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return grandchild
        if verb.dep_ == "acl" and verb.head.pos_ == "PROPN":
            return verb.head  # "footage of Jane Roe asking, ..."
        if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.tag_ in ("VBD", "VBN") and verb.head.pos_ == "NOUN":
            return verb.head  # "Two analysts, Jane Roe and Jon Doe, found that ...": a past tense read as a participle
        climbed_conj, climbed = climbed_conj or verb.dep_ == "conj" and not climbed, True
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            verb = verb.head
        elif verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "Trump inflamed tensions by saying"
            verb = verb.head.head
        elif verb.dep_ == "acl" and verb.head.dep_ in ("dobj", "pobj"):  # "Trump issued a statement saying"
            verb = verb.head.head
        else:
            return None
    return None


def _name_as_compound(verb: "Token") -> "Token | None":
    """A name right before a verb that the parser hung on it as a compound, as if the verb were a
    noun the name modifies (`"Cruz," Beck joked, ...` after another quote in the sentence): no
    verb has a compound, so the person is its subject. Not in a title-cased line ("Film Star
    Asked About ..."), where a capitalised verb may well be a noun."""
    if verb.pos_ != "VERB" or verb.i == 0 or not verb.text.islower() or verb.ent_type_:
        return None
    before = verb.doc[verb.i - 1]
    return before if before.dep_ == "compound" and before.head.i == verb.i and before.ent_type_ == "PERSON" else None


_COORDINATORS = frozenset(("and", "but", "or"))


def _second_clause_subject(verb: "Token") -> "Token | None":
    """The subject of the second of two clauses joined by "and", where the parser read the two
    subjects, or the second subject and the first clause's object, as a pair of nouns: in "the
    Courier will call you a liar and the Ledger will accuse you of "X"" it makes the Ledger a
    conjunct of "liar" and leaves "accuse" without a subject; in "a group of pastors called for a
    boycott, and the Pastoral League denounced the plan" the League a conjunct of "group", whose
    past-tense "called" it takes for a participle. The noun phrase right before the verb (but for
    its auxiliaries and adverbs), after the "and", is the verb's subject."""
    doc, i = verb.doc, verb.i - 1
    while i >= 0 and doc[i].head.i == verb.i and doc[i].dep_ in ("aux", "neg", "advmod"):
        i -= 1
    if i < 0 or doc[i].dep_ in ("nsubj", "nsubjpass"):
        return None
    noun = next((t for t in doc[i].ancestors if t.dep_ == "conj"), None) if doc[i].dep_ != "conj" else doc[i]
    if noun is None or noun.right_edge.i != i or noun.pos_ not in ("NOUN", "PROPN") or noun.left_edge.i == 0 \
            or doc[noun.left_edge.i - 1].lower_ not in _COORDINATORS:
        return None
    first = noun.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:  # "... a liar and the Ledger will accuse": the first clause's object and the second's subject
        return noun if verb.dep_ == "conj" and first.head.i == verb.head.i and first.dep_ in ("dobj", "dative", "oprd") else None
    # "a group ... called for a boycott, and the League denounced": the first subject has a verb of its own
    if subjects == [first] and any(c.dep_ == "acl" and c.tag_ == "VBD" for c in first.children):
        return noun
    return None


def _agent(verb: "Token") -> "Token | None":
    """Who does a passive verb's deed: the object of its "by", also where the parser hangs the
    "by" on the words it names ("this tactic has been called "X" by Jane Roe"). The passive
    subject is what was said or named, never the one saying it."""
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    for child in verb.children:
        preps = [child] if child.dep_ == "agent" else [g for g in child.children if g.dep_ == "prep"] \
            if child.dep_ in ("oprd", "attr") else []
        for prep in preps:
            if prep.lower_ == "by":
                obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
    return None


class _Article:
    """The parse of one article with the lookups the sieves share."""

    def __init__(self, doc: "Doc", spans: Sequence[Span]):
        self.doc = doc
        self.text = doc.text
        self.spans = spans
        self.paragraphs = paragraphs(self.text)
        self.quoted = [False] * len(doc)
        for span in spans:
            for tok in doc.char_span(span.start, span.end, alignment_mode="expand") or ():
                self.quoted[tok.i] = True
        self.people = People()
        # a Token object is built on each visit to a position: build each once, visit the list
        self.tokens = list(doc)
        self.starts = [tok.idx for tok in self.tokens]
        # spaCy walks the whole document for each `Span.sent` and `Doc.sents`: list them once
        self.sents = list(doc.sents)
        self._sent_starts = [sent.start for sent in self.sents]
        self.words = {tok.text for tok in self.tokens}
        self.lowercase = {word for word in self.words if word.islower()}
        self.ents = doc.ents  # built anew, span by span, on each reading of `doc.ents`
        self.bodies = self._bodies()
        # a paragraph starts a sentence even where the parser runs one on across the break; a sentence
        # wholly inside quotation marks is the speaker's, and puts no distance between a pronoun and its name
        spoken = {sent.start_char for sent in self.sents if all(self.quoted[t.i] or t.is_punct or t.is_space for t in sent)}
        starts = {sent.start_char for sent in self.sents} | {lo for lo, _ in self.paragraphs}
        self.sentence_starts = sorted(starts - spoken)
        # (offset, full name, salience) of every named person, to resolve pronouns
        self.mentions: list[tuple[int, str, int]] = []
        self.gender: dict[str, str] = {}
        votes: dict[str, list[str]] = {}
        self.full_keys = {key for ent in self.ents if ent.label_ == "PERSON" and _words(ent) > 1 if (key := person_key(ent.text))}
        for ent in self.ents:
            if ent.label_ in INSTITUTION_LABELS and _person_shaped(ent, self.text) and not self.quoted[ent.start]:
                self.people.add(self.name_span(ent).text, ent.start_char)
        self._learn_split_names()
        in_names = self._person_words()
        self.bodies |= self._short_forms(in_names) | self._brands(in_names)
        named: list[tuple["TokenSpan", str]] = []
        for ent in self.ents:
            if self.is_person(ent) and not self.quoted[ent.start] and not (len(ent) == 1 and self.group(ent.root)):
                name = self.name_span(ent)
                self.people.add(name.text, ent.start_char)
                # a surname the article never gives in full ("Mr. Obama") still names someone
                full = self.resolve(name.text, name.start_char) or (
                    person_name(name.text) if ent.label_ == "PERSON" and written_as_name(name.text) else None)
                if full and ent.root.dep_ != "compound":  # "Trump backers" mention no one
                    named.append((ent, full))
        # "Mrs. Clinton" beside Bill tells Hillary's gender, and so who an earlier "Mr. Clinton" is
        titled = [(ent, title) for ent, _ in named if (title := self.title(ent.text, ent.start_char))]
        for ent, title in titled:
            self.people.learn(ent.text, ent.start_char, title)
        retold = {ent.start: self.resolve(ent.text, ent.start_char) for ent, _ in titled}
        for ent, full in named:
            if person_key(full) in self.people.full:  # one namesake for another, not a surname for a name
                full = retold.get(ent.start) or full
            self.mentions.append((ent.start_char, full, _salience(ent.root)))
            hints = _gender_hints(doc, self.text, ent, self.sent(ent.root).end)
            votes.setdefault(full, []).extend(h for h in hints if h.isupper() or not self.namesakes_of(ent.text, full, h))
        self.mentions.extend(self._untagged_subjects())
        self.mentions.sort()
        for _, name, _ in self.mentions:
            given = given_name_gender(name)
            if given:  # a common given name outweighs pronouns, which may be someone else's
                votes.setdefault(name, []).append(given.upper())
        for name, hints in votes.items():
            titled = [h for h in hints if h.isupper()]  # an honorific outweighs pronouns
            pick = titled or hints
            if pick:
                self.gender[name] = max(("M", "F"), key=lambda g: sum(h.upper() == g for h in pick)).lower()
        self._chain_pronouns()

    def name_span(self, ent: "TokenSpan") -> "TokenSpan":
        """The words of an entity that are the person's name (`_before_speech_verb`), without the
        words before it that are not (`_not_of_name`): a headline's last word across a line break
        ("It's All Your Fault\\nJon Roe apologised"), a label or epithet ("Tycoon Jon Roe")."""
        ent = _before_speech_verb(ent)
        while len(ent) > 1 and self._not_of_name(ent[0], ent[1:]):
            ent = ent[1:]
        return ent

    def _not_of_name(self, word: "Token", rest: "TokenSpan") -> bool:
        """Whether the first word of a name is no part of it, the rest being the name: a line
        break after it; a word before a full name the article gives without it elsewhere, which is
        not a given name ("Tycoon Jon Roe" beside "Jon Roe"; not "Earl Ray Roe"); a noun the article
        writes with "the" or in lower case before the surname of another person it names in full
        ("unleashed Gorgon Roe", "the Gorgon", beside "Jon Roe": an epithet, not a namesake)."""
        if "\n" in self.text[word.idx : rest[0].idx + len(rest[0].text)]:
            return True
        if not word.text[:1].isupper() or len(word.text) < 2 or word.text.endswith(".") or not rest.text[:1].isupper():
            return False  # "Pierre de Vos", "Anwar al-Awlaki": the rest is no name without the first word
        if fold(word.text) in _NAME_OPENERS:  # "Earl Ray Roe", "De Blasio"
            return False
        if _words(rest) > 1:
            return person_key(rest.text) in self.full_keys
        if not any(key.rpartition(" ")[2] == fold(rest.text) for key in self.full_keys - {person_key(word.text + " " + rest.text)}):
            return False
        return self.common_word(word)

    def _bodies(self) -> set[str]:
        """Names the article shows to be an institution's, wherever they stand: the NER tags a
        one-word outlet or company as a person as often as not ("Xinhua wrote"), and a pronoun
        after it would then resolve to it. A name with a description set beside it whose head is
        an institution noun ("Xinhua, the official news agency,") is one (`_describes_body`); the
        short forms of an organisation's name and brands are added once the people are known."""
        out = set()
        for tok in self.tokens:
            if tok.pos_ != "PROPN" or self.quoted[tok.i]:
                continue
            if any(_describes_body(tok, c) for c in tok.children):
                out.add(self._name_at(tok))
        return out

    def _brands(self, in_names: set[str]) -> set[str]:
        """Words shaped like a brand (`_BRAND`: "HuffPollster", "AZCentral"), which no person's
        name is, unless the article gives a person that name in full ("Jim VandeHei"; `in_names`
        is `_person_words`)."""
        out = set()
        for tok in self.tokens:
            if not self.quoted[tok.i] and _BRAND.fullmatch(tok.text) and fold(tok.text) not in in_names:
                out.add(tok.text)
                if _SOLID_THE.match(tok.text):  # "TheBlaze" is "The Blaze" too
                    out.add(tok.text[3:])
        return out

    def _short_forms(self, in_names: set[str]) -> set[str]:
        """The first word of an organisation's full name, which the article goes on to use alone
        ("Corvane Energy" ... "Corvane said", "the Pew Research Center" ... "Pew found"), as a
        bare surname stands for a person's full name. Not a word of a person's full name the
        article gives, tagged or learnt (`People`): with "Donald Trump" and "Trump University",
        "Trump said" is the man (`in_names` is `_person_words`)."""
        out = set()
        for ent in self.ents:
            words = ent[1:] if ent[0].lower_ == "the" else ent
            if ent.label_ != "ORG" or len(words) < 2 or not _ORG_WORDS.search(words[1:].text):
                continue
            first = words[0]
            if first.pos_ == "PROPN" and _NAME_WORD.fullmatch(first.text) and first.text not in _PLACE_START \
                    and fold(first.text) not in in_names:
                out.add(first.text)
        return out

    def _name_at(self, tok: "Token") -> str:
        """The whole name a proper noun heads: its entity, or it with the proper nouns compounded on."""
        ent = _entity(self.doc, tok)
        if ent is not None:
            return ent.text
        words = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [tok]
        return self.text[words[0].idx : tok.idx + len(tok.text)]

    def _person_words(self) -> set[str]:
        """The folded words of every person's name the article gives in full, tagged or learnt
        (`People`), and of every name after a courtesy title ("Mr. Trump")."""
        words = {fold(t.text) for ent in self.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}
        words.update(word for key in self.people.full for word in key.split())
        words.update(fold(tok.text) for title, tok in zip(self.tokens, self.tokens[1:])
                     if title.lower_.rstrip(".") in HONORIFICS)
        return words

    def _learn_split_names(self) -> None:
        """A full name the NER cut to its surname ("Fergus Mulligan said" with only Mulligan a
        PERSON, "Edmund Farrow grew up" untagged): a capitalised given name compounded onto a one-word
        name, no title and no word the article writes in lower case, makes the two a full name."""
        for tok in self.tokens:
            if tok.pos_ != "PROPN" or not tok.i or self.quoted[tok.i] or tok.ent_type_ in INSTITUTION_LABELS:
                continue
            if tok.ent_type_ == "PERSON":
                ent = _entity(self.doc, tok)
                if ent is None or len(ent) != 1:
                    continue
            elif tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            given = self.doc[tok.i - 1]
            if given.dep_ != "compound" or given.head.i != tok.i or given.ent_type_ in INSTITUTION_LABELS:
                continue
            if given.ent_type_ and given.ent_iob_ == "B" and given.ent_type_ == "PERSON" or self.quoted[given.i]:
                continue  # a name the NER already has in full
            words = (given.text, tok.text)
            if not all(_NAME_WORD.fullmatch(w) for w in words) or _ORG_WORDS.search(" ".join(words)):
                continue
            title = {given.lower_, given.lower_.removesuffix("s")} & (HONORIFICS | _TITLE_NOUNS)  # "Senators Rubio"
            if given.lower_ in self.lowercase or given.is_stop or title:  # "Meanwhile Rihanna said"
                continue
            self.people.add(self.text[given.idx : tok.idx + len(tok.text)], given.idx)

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
            if not _untagged_name(tok):
                continue
            words = [t for t in tok.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [tok]
            surface = self.text[words[0].idx : tok.idx + len(tok.text)]
            if surface in self.bodies or self.group(tok):
                continue
            full = self.resolve(surface, words[0].idx)
            if full or self.name_like(tok, words):
                out.append((words[0].idx, full or surface, _salience(tok)))
        return out

    def name_like(self, tok: "Token", words: list["Token"]) -> bool:
        """Whether an untagged proper-noun subject the article never names in full reads as a
        person's name rather than a body or a brand ("Congress", "Twitter", "DES MOINES"): mixed
        case, never written in lower case nor as the head of a phrase with "the" ("the Congress";
        "the Trump campaign" does not count) in the article, and no title in it."""
        if not tok.text[:1].isupper() or tok.text.isupper():
            return False
        if any(fold(w.text) in HONORIFICS for w in words) or not written_as_name(self.text[words[0].idx : tok.idx + len(tok.text)]):
            return False
        return not self.common_word(tok)

    def common_word(self, tok: "Token") -> bool:
        """Whether the article writes a word as a common noun: in lower case, or as the head of a
        phrase with "the" ("the Congress", "the Gorgon"; "the Trump campaign" does not count)."""
        return tok.lower_ in self.lowercase or any(
            t.text == tok.text and t.dep_ != "compound" and any(c.lower_ == "the" for c in t.lefts) for t in self.tokens)

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
            name = self.antecedent(at, PERSON_PRONOUNS.get(item.lower_) or _noun_gender(item.lower_))
            if name:
                self.mentions.append((at, name, _salience(item)))

    def sent(self, token: "Token") -> "TokenSpan":
        """The sentence a token is in (what `token.sent` gives, without walking the document)."""
        return self.sents[bisect.bisect_right(self._sent_starts, token.i) - 1]

    def sentences(self, span: Span) -> list["TokenSpan"]:
        """The sentences the span touches, cut at its paragraph: the small parser often runs a
        sentence on into the next paragraph, whose speech verb belongs to another quote."""
        lo, hi = self.paragraphs[span.paragraph]
        out = []
        for sent in self.sents:
            if sent.start_char < span.end and sent.end_char > span.start:
                cut = self.doc.char_span(max(sent.start_char, lo), min(sent.end_char, hi), alignment_mode="contract")
                if cut is not None and len(cut):
                    out.append(cut)
        return out

    def is_person(self, ent: "TokenSpan") -> bool:
        """A person's name: the NER's PERSON, a name it filed as an organisation or place, or the
        bare surname of a person named in full ("Okonkwo said", "Okonkwo's been saying", tagged ORG).
        Not a name the article shows to be an institution's (`bodies`), whatever the NER says."""
        if ent.text in self.bodies or len(ent) == 1 and not _could_be_name(ent[0]):
            return False
        if ent.label_ == "PERSON":
            return True
        if ent.label_ not in INSTITUTION_LABELS:
            return False
        if _person_shaped(ent, self.text):
            return True
        return _words(ent) == 1 and ent.text[:1].isupper() and person_key(ent.text) in self.people.by_surname \
            and self.resolve(ent.text, ent.start_char) is not None

    def group(self, tok: "Token") -> bool:
        """Whether a one-word name the NER calls a person, or leaves untagged, names a group: a
        plural the article writes in the singular too ("the Clintons" beside "Clinton", "Latinos"
        beside "Latino voters"), or the subject of a plural verb ("Politicos call this", "Aides
        say"). Not the tagger's plural alone: it tags a bare "Sanders" so. Never the surname of
        a person the article names in full, nor a name the NER files as an organisation or people
        ("Democrats said" speaks for the party)."""
        if not tok.text.endswith("s") or not tok.text[:1].isupper() or fold(tok.text) in self.people.by_surname:
            return False
        if tok.ent_type_ in INSTITUTION_LABELS:
            return False
        if tok.text[:-1] in self.words:
            return True
        if tok.dep_ != "nsubj" or any(c.dep_ == "conj" for c in tok.children):
            return False
        verb = tok.head
        return verb.tag_ == "VBP" or any(c.dep_ == "aux" and c.tag_ == "VBP" for c in verb.children)

    def resolve(self, surface: str, at: int) -> str | None:
        """The full name a mention at `at` stands for (`People.resolve`), told by the courtesy title
        before it, if any, which of a family sharing the surname it is ("Mrs. Clinton")."""
        return self.people.resolve(surface, at, self.title(surface, at))

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

    def title(self, surface: str, at: int) -> str | None:
        """The gender a courtesy title on a mention at `at` states, before it or in it ("Mrs.")."""
        before = _HONORIFIC.search(self.text[max(0, at - 5) : at])
        return TITLE_GENDER[before.group(1).lower()] if before else title_gender(surface)

    def token_at(self, offset: int) -> int:
        """The index of the first token at or after character `offset`."""
        return bisect.bisect_left(self.starts, offset)

    def token(self, offset: int) -> "Token":
        """The first token at or after character `offset`, or the last token."""
        return self.tokens[min(self.token_at(offset), len(self.tokens) - 1)]

    def speaker_of(self, token: "Token") -> tuple[str, str | None, str | None, int]:
        """What a subject token names: (form, person, institution, offset of the mention)."""
        if self.group(token):  # "Aides say", "Politicos call this": no one we can name
            return "common", None, None, token.idx
        ent = _entity(self.doc, token)
        if ent is None or ent.label_ not in INSTITUTION_LABELS | {"PERSON"}:  # "One of its executives"
            ent = self.appositive(token) or ent
        if ent is not None and self.is_person(ent):
            ent = self.name_span(ent)
            return "proper", self.resolve(ent.text, ent.start_char) or ent.text, None, ent.start_char
        if ent is not None and (ent.label_ in INSTITUTION_LABELS or ent.text in self.bodies):
            return "institution", None, ent.text, ent.start_char
        lower = token.lower_
        if lower in PERSON_PRONOUNS:
            return "pronoun", self.antecedent(token.idx, PERSON_PRONOUNS[lower]), None, token.idx
        if not _could_be_name(token):  # "the daily wrote", "Source familiar with the ad says"
            return self.describe(token)
        if token.pos_ == "PROPN" or self.unknown_capitalised(token) or self.known_surname(token):
            words = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [token]
            surface = self.text[words[0].idx : token.idx + len(token.text)]
            full = self.resolve(surface, words[0].idx)
            if full in (None, surface) and (_ORG_WORDS.search(surface) or surface in self.bodies):  # "the Finnish Foreign Ministry", untagged
                return "institution", None, surface, words[0].idx
            return "proper", full or surface, None, words[0].idx
        return self.describe(token)

    def appositive(self, token: "Token") -> "TokenSpan | None":
        """The name set beside a described subject, which is who speaks: "a spokesman, John Smith,
        said", "the bank's parent, the Royal Bank of Scotland Group, said". Of several names set
        beside it that the parser took for conjuncts ("biographers, Jane and Jon Roe,"), the fullest."""
        for child in token.children:
            if child.dep_ == "appos":
                named = self._named(child)
                if named is not None:
                    return named
            elif child.dep_ == "conj" and _set_off(token, child):
                conjuncts = [child] + [t for t in child.subtree if t.dep_ == "conj" and t.i > child.i]
                named_all = [n for n in map(self._named, conjuncts) if n is not None]
                if named_all:
                    return max(named_all, key=len)
        return None

    def _named(self, token: "Token") -> "TokenSpan | None":
        """The person's or organisation's name a token is part of, if any."""
        named = _entity(self.doc, token)
        return named if named is not None and (named.label_ in ("PERSON", "ORG") or self.is_person(named)) else None

    def unknown_capitalised(self, token: "Token") -> bool:
        """A capitalised noun with no determiner that the article never writes in lower case, and
        not a plural capitalised only for opening a sentence ("Diplomats described"), is a name the tagger
        took for a common noun (`"...," Sanders remarked`)."""
        if token.pos_ != "NOUN" or not token.text[:1].isupper() or token.lower_ in self.lowercase:
            return False
        opens = token.is_sent_start or token.i and (self.doc[token.i - 1].is_space or self.doc[token.i - 1].text in _STOP)
        return (token.tag_ == "NN" or not opens) and not any(t.dep_ in ("det", "poss") for t in token.lefts)

    def known_surname(self, token: "Token") -> bool:
        """A capitalised word with no determiner that is the surname of someone the article named
        in full ("Swers said", tagged a plural noun): the tagger's guess does not outweigh the name."""
        if not token.text[:1].isupper() or any(t.dep_ in ("det", "poss") for t in token.lefts):
            return False
        return person_key(token.text) in self.people.by_surname and self.resolve(token.text, token.idx) is not None

    def describe(self, noun: "Token") -> tuple[str, str | None, str | None, int]:
        """A common-noun speaker: "the campaign" is an institution, "the senator" the latest
        compatible named person (a definite description points back), "an aide" no one we know."""
        issuer = self.issuer(noun)
        if issuer is not None:  # "a Pentagon statement", "a spokesman for the Kremlin": the institution speaks
            return "institution", None, issuer.text, issuer.start_char
        author = self.author(noun)
        if author is not None:
            return self.speaker_of(author)
        owner = next((t for t in noun.lefts if t.dep_ == "poss" and t.pos_ == "PROPN"), None)
        if owner is not None and noun.pos_ == "NOUN" and noun.lower_ in INSTITUTION_NOUNS | OWNED_VOICES:
            first = owner.left_edge.idx  # "Cruz's campaign", "Lazar's defense counsel": speaks for Cruz, Lazar
            return "institution", None, self.text[first : noun.idx + len(noun.text)], first
        dets = [t.lower_ for t in noun.lefts if t.dep_ in ("det", "poss")]
        if noun.pos_ == "NOUN" and noun.lower_ in ROLE_NOUNS:
            # "a Coca-Cola spokesman", "an official of the ministry"; "the RNC member" too: the
            # organisation is surer than a guess at which named person the description points back to
            employer = self.employer(noun)
            if employer is not None:
                return "institution", None, employer.text, employer.start_char
        if noun.pos_ != "NOUN" or noun.tag_ != "NN" or dets[:1] not in (["the"], ["this"]):
            return "common", None, None, noun.idx
        lower = noun.lower_
        if lower in INSTITUTION_NOUNS:
            first = min([t.idx for t in noun.lefts] + [noun.idx])
            return "institution", None, self.text[first : noun.idx + len(noun.text)], first
        if lower in NOT_SPEAKERS:
            return "common", None, None, noun.idx
        return "description", self.antecedent(noun.idx, _noun_gender(lower)), None, noun.idx

    def author(self, noun: "Token") -> "Token | None":
        """The person whose writing speaks for them, named as its owner or before it: "Roe's
        email to her donors notes", "the Roe ad claims" quote Roe as surely as "Roe wrote"
        would. Only a person's name: "the Pentagon statement" is the institution's (`issuer`)."""
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in AUTHORED_DOCUMENTS:
            return None
        for tok in noun.lefts:
            if tok.dep_ not in ("poss", "compound") or self.quoted[tok.i]:
                continue
            ent = _entity(self.doc, tok)
            if ent is not None and self.is_person(ent) or ent is None and self.known_surname(tok):
                return tok
        return None

    def employer(self, noun: "Token") -> "TokenSpan | None":
        """The organisation an unnamed spokesperson or official speaks for: a name before the
        noun ("a Dow spokeswoman", "White House officials", "a Clinton campaign aide") or after
        it ("a spokesman for the ministry", "an official at Acme")."""
        before = [t for t in noun.lefts if t.dep_ in ("compound", "amod", "nmod")]
        if before:
            first = min(t.left_edge.i for t in before)
            words = self.doc[first : noun.i]
            if any(t.ent_type_ in INSTITUTION_LABELS | {"PERSON"} or t.pos_ == "PROPN" for t in words):
                return words
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "at", "with", "inside", "from"):
                for obj in prep.children:
                    ent = _entity(self.doc, obj) if obj.dep_ == "pobj" else None
                    if ent is not None and ent.label_ in INSTITUTION_LABELS | {"PERSON"}:
                        return ent
        return None

    def issuer(self, noun: "Token") -> "TokenSpan | None":
        """The institution a statement, a spokesperson or a study speaks for, named in the noun
        phrase: "a Pentagon statement", "a statement from the Defence Ministry", "a spokesman for the
        Kremlin", "a study by the Institute for Statecraft"."""
        if noun.pos_ != "NOUN" or noun.lower_ not in ISSUED_VOICES | ISSUED_FINDINGS:
            return None
        names = [t for t in noun.lefts if t.dep_ == "compound"]
        names += [g for t in noun.rights if t.dep_ == "prep" and t.lower_ in ("for", "from", "of", "at", "by")
                  for g in t.children if g.dep_ == "pobj"]
        for tok in names:
            ent = _entity(self.doc, tok)
            if ent is not None and ent.label_ in INSTITUTION_LABELS and not self.is_person(ent):
                return ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
        return None

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

    def add_speaker(self, offset: int, name: str) -> None:
        """A resolved speaker is the most salient mention there is, for the pronouns after it."""
        bisect.insort(self.mentions, (offset, name, 3))


#: The inflected forms of the speech verbs ("Explains", "Blasted", "Said"); the bare lemma is left
#: out, since it is a surname as often ("Post", "Page", "Call").
SPEECH_VERB_FORMS = frozenset(
    {lemma + end for lemma in CUE_LEMMAS for end in ("s", "es", "d", "ed")}
    | {lemma[:-1] + end for lemma in CUE_LEMMAS if lemma.endswith("y") for end in ("ies", "ied")}
    | set("said told wrote thought felt began".split())
)


def _before_speech_verb(ent: "TokenSpan") -> "TokenSpan":
    """A name cut before the speech verb the NER ran it into, in a headline where every word is
    capitalised ("Jane Roe Explains Why ..." tagged whole as a person): a name has no verb in it."""
    for k in range(1, len(ent)):
        if ent[k].text[:1].isupper() and _verb_of_name(ent[k], ent[:k]):
            return ent[:k]
    return ent


def _verb_of_name(tok: "Token", name: "TokenSpan") -> bool:
    """Whether a word after a name in title case is its verb, not more of the name: a speech
    verb's inflected form, or the word the parser makes the name the subject of ("Jane Roe
    Thanked Jon Doe For ...", which the NER tags whole as a person)."""
    return tok.lower_ in SPEECH_VERB_FORMS or tok.lower_.endswith(("ed", "s")) and any(
        t.dep_ == "nsubj" and t.head.i == tok.i for t in name)


def _words(ent: "TokenSpan") -> int:
    """How many words an entity has, not counting the "'s" the NER may take into it ("Christie's
    been making the case", tagged an organisation): the surname alone is one word."""
    return len(ent) - (len(ent) > 1 and ent[-1].tag_ == "POS")


def _set_off(noun: "Token", conj: "Token") -> bool:
    """Whether a conjunct is an apposition the parser took for one: names between commas right
    after a plural noun ("Clay's biographers, Jane and Jon Roe, wrote"), where a conjunction would
    have had "and" before them."""
    first = conj.left_edge.i
    return noun.tag_ == "NNS" and first == noun.i + 2 and noun.doc[noun.i + 1].text == "," \
        and conj.right_edge.i + 1 < len(noun.doc) and noun.doc[conj.right_edge.i + 1].text == ","


def _could_be_name(tok: "Token") -> bool:
    """Whether a word could be a one-word name at all: not in lower case ("the daily wrote",
    tagged a proper noun), not a participle opening its sentence ("Conceding that ...", which the
    NER may call a person), not a noun for an unnamed source or a body capitalised to open a
    sentence or a headline ("Source familiar with the ad says")."""
    if not tok.text[:1].isupper():
        return False
    if tok.tag_ == "VBG":  # not every word in -ing: "King says"
        return False
    return tok.pos_ != "NOUN" or tok.lower_ not in _NO_NAMES


def _describes_body(name: "Token", appos: "Token") -> bool:
    """Whether an appositive describes the name it is set beside as an institution ("Xinhua, the
    official news agency,"): a singular institution noun for head, starting right after the name's
    comma; the parser hangs a later phrase's appositive on a name too ("Gore was anchoring from
    Current TV, the liberal television network" makes Gore the network)."""
    if appos.dep_ != "appos" or appos.tag_ != "NN" or appos.lower_ not in BODY_NOUNS:
        return False
    doc = name.doc
    return name.i + 2 < len(doc) and doc[name.i + 1].text == "," and appos.left_edge.i == name.i + 2


def _describes_person(tok: "Token") -> bool:
    """Whether a subject is a definite description of a person ("The Ohio governor said"), which
    a pronoun after it follows as it would the name."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.lower_ in INSTITUTION_NOUNS | NOT_SPEAKERS | OWNED_VOICES:
        return False
    return [t.lower_ for t in tok.lefts if t.dep_ == "det"][:1] == ["the"] and any(t.dep_ in ("amod", "compound") for t in tok.lefts)


def _untagged_name(tok: "Token") -> bool:
    """Whether a proper noun may be a person's name the NER missed: it is in no entity, or is a
    one-word organisation that reads like a surname ("Humphrey said"), not like an organisation
    or a people ("Democrats")."""
    if tok.tag_ == "NNPS":
        return False
    if not tok.ent_type_:
        return True
    alone = tok.ent_iob_ == "B" and (tok.i + 1 == len(tok.doc) or tok.doc[tok.i + 1].ent_iob_ != "I")
    return tok.ent_type_ == "ORG" and alone and tok.text.istitle() and not _ORG_WORDS.search(tok.text)


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


_HONORIFIC = re.compile(r"\b(Mr|Ms|Mrs|Miss)\.?\s*$")
_GENDERED = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}


_ORG_WORDS = re.compile(
    r"\b(?:Association|Institute|Institution|Council|Party|Committee|Group|Bank|University|Center|Centre|"
    r"Foundation|Agency|Ministry|Department|Office|Commission|House|Network|News|Times|Post|Inc|Corp|"
    r"Company|Fund|Project|Organi[sz]ations?|Union|Court|Service|Board|Club|League|Campaign|PAC|Forum|"
    r"Society|Church|School|College|Press|Media|Journal|Capital|Partners|Holdings|Research|Watch|"
    r"Convention|Conference|Congress|Senate|Assembly|Parliament|Security|Reserve|Review|Report|Museum|Gallery|"
    r"Productions|Books|Images|Stadium|Street|Streets|Avenue|Square|Park|Beach|County|City|Act|Partnership|"
    r"Globe|Insider|Politics|Affairs|Primary|Rally|Hill|Palace|Village|Heights|Shoal|"
    r"Shipping|Airlines?|Airways|Motors|Energy|Industries|Systems|Technologies|Pharmaceuticals|Ltd|LLC|"
    r"Authority|Administration|Bureau|Secretariat|Federation|Alliance|Cooperative|"
    r"Co-operative|Coalition|Trust|Police|Army|Navy|Embassy|Consulate|Government|Railways?|Logistics)\b"
)
#: First words of places, not of people's names ("New Hampshire", "Fort Pierce", "Los Angeles").
_PLACE_START = frozenset("New North South East West Upper Lower San Santa Los Las Fort Saint St. The".split())


#: Capitalised words before a surname that are no given name ("Coach Farrow", "Chief Jordan").
_TITLE_NOUNS = frozenset(
    """chief coach captain officer detective inspector sergeant commander agent director doctor nurse
    father brother sister uncle aunt grandma grandpa saint st pastor bishop rabbi imam candidate
    nominee speaker leader chair chairman founder ceo""".split()
)
#: A brand's shape: a capital inside a word after a small letter ("HuffPollster", "PolitiFact") or
#: after two capitals ("AZCentral"), but not after a surname's prefix ("McCain", "DeSantis",
#: "MacArthur", "LaHood", "DiCaprio", "VanDyke"; "O'Neill" has no capital after a small letter).
_BRAND = re.compile(r"(?!(?:Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|Fitz)[A-Z])[A-Z][A-Za-z]*(?:[a-z][A-Z]|[A-Z]{2}[a-z])[A-Za-z]*")
#: A brand written solid with its article: "TheBlaze".
_SOLID_THE = re.compile(r"The[A-Z][a-z]")
#: Nouns for an unnamed source or a body, which no one-word name is when capitalised ("Source says").
_NO_NAMES = ROLE_NOUNS | INSTITUTION_NOUNS | NOT_SPEAKERS
#: Words a name may open with: given names and particles ("Earl Ray Roe", "De Blasio").
_NAME_OPENERS = MALE_GIVEN | FEMALE_GIVEN | PARTICLES
_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)*|[A-Z]\.")
_ROLE_AFTER = re.compile(r",\s+(?:(?:a|an|the)\s+)?[a-z]")


def _name_shaped(text: str) -> bool:
    """Two or three name-like words and no organisation word: "Cecile Richards"."""
    words = text.split()
    return 2 <= len(words) <= 3 and all(_NAME_WORD.fullmatch(w) for w in words) and not _ORG_WORDS.search(text)


def _person_shaped(ent: "TokenSpan", text: str) -> bool:
    """Whether an entity the NER files as an organisation or place reads as a person's name: two
    or three name-like words ("Marcus Hale told reporters"), or any such name followed by a role
    ("Amara Okafor, director of ..."), with no organisation word in it."""
    words = ent.text.split()
    if not 2 <= len(words) <= 3 or not all(_NAME_WORD.fullmatch(w) for w in words) or _ORG_WORDS.search(ent.text):
        return False
    if words[0] in _PLACE_START:  # "New Hampshire, a swing state,"
        return False
    return ent.label_ == "ORG" or bool(_ROLE_AFTER.match(text, ent.end_char))


def _gender_hints(doc: "Doc", text: str, ent: "TokenSpan", sent_end: int) -> list[str]:
    """What a mention says of a person's gender: an honorific before it ("M"/"F"), and, when it is
    a subject, the first gendered pronoun after it in the clause it is the subject of, with no
    other person in between ("m"/"f"). A pronoun outside that clause belongs as often to someone
    else ("Obama was the first black president, he said"), and an object pronoun never to the
    subject ("After Clinton accused him of sexism")."""
    hints = []
    title = _HONORIFIC.search(text[max(0, ent.start_char - 5) : ent.start_char]) or re.match(
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


def _noun_gender(noun: str) -> str | None:
    """The gender a role noun states ("spokeswoman"), if any."""
    if noun.endswith("woman") or noun in FEMALE_NOUNS:
        return "f"
    if noun.endswith("man") or noun in MALE_NOUNS:
        return "m"
    return None


def _cue_verbs(art: _Article, sents: list["TokenSpan"], span: Span, outermost: bool = False) -> list["Token"]:
    """Speech verbs near the quote: those it hangs from first (nearest up the tree, or the
    `outermost` first), then the rest by distance."""
    verbs = []
    for sent in sents:
        for tok in sent:
            if art.quoted[tok.i]:
                continue
            if tok.lemma_.lower() in CUE_LEMMAS and tok.pos_ in ("VERB", "AUX") or _retort(tok) or _goes_on(tok):
                verbs.append(tok)
            elif tok.lower_ == "according":
                verbs.append(tok)
    up = _governors(art, span)
    # `in a clip that Judge Roe called "vile," Doe expressed a wish to "..."`: a relative clause's
    # verb reports what the clause holds, not a quote outside it that a named person's clause holds
    if any(c.dep_ == "nsubj" and c.ent_type_ == "PERSON" for g in up if g.pos_ == "VERB" for c in g.children):
        verbs = [v for v in verbs if v.dep_ != "relcl" or v in up]
    if outermost:
        up = _inside_subordinate(up)
        up.reverse()
        # "CNN, Cruz said, called it "highly significant"": a speech verb set in the clause as an aside
        # reports the whole of it, outermost of all
        up = [c for g in up for c in g.children if c.dep_ == "parataxis" and c in verbs] + up
    return sorted(verbs, key=lambda t: (_rank(t, up), min(abs(t.idx - span.start), abs(t.idx - span.end))))


def _rank(verb: "Token", up: list["Token"]) -> float:
    """Where a speech verb stands among the quote's governors `up`. "According to X" set on a
    clause that holds the quote frames it ("According to Roe, it seems the "deal" was about a
    post Doe wrote" is Roe's account): after every speech verb the quote hangs from, but before
    a verb elsewhere in the sentence, however near, which reports something else."""
    if verb in up:
        return up.index(verb)
    if verb.lower_ == "according" and verb.head in up:
        return len(up) - 0.5
    return len(up)


def _inside_subordinate(up: list["Token"]) -> list["Token"]:
    """The governors of a quote up to a subordinate clause of its own speaker, where one holds it:
    in `After Roe said students might do better at "lesser schools," Doe wrote ...` or `Doe praised
    the police after Roe blamed the shootings on "bias"` the words are reported by the clause's
    speech verb with its own subject; the verb the clause hangs from (after, though, when ...)
    reports something else, and is no outer reporter of them."""
    for k, tok in enumerate(up):
        if tok.dep_ == "advcl" and _finite(tok) and any(c.dep_ == "mark" for c in tok.children) \
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) \
                and any(_reports(t, up[i - 1] if i else None) for i, t in enumerate(up[: k + 1])):
            return up[: k + 1]
    return up


def _finite(verb: "Token") -> bool:
    """Whether a verb heads a finite clause ("though Doe has said"), not an infinitive with a
    subject ("for Doe to resign"), which is part of what the clause above it says."""
    return any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))])


def _reports(verb: "Token", below: "Token | None") -> bool:
    """Whether a speech verb reports what hangs below it: not what its subject undertook to do
    ("agreed to make a payment of "..."") nor, negated, what they did not say ("though Doe has
    not said the inquiry is "reopened"" echoes someone else's word)."""
    return verb.lemma_.lower() in CUE_LEMMAS and verb.pos_ in ("VERB", "AUX") and (below is None or below.dep_ != "xcomp") \
        and not any(c.dep_ == "neg" for c in verb.children)


#: Verbs that report a reply when "back" follows them: "Sanders shot back", "she fired back".
RETORT_VERBS = frozenset("shoot fire hit strike push snap bite".split())


def _retort(tok: "Token") -> bool:
    """Whether a verb and its particle say a reply ("shot back", "hit back")."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() in RETORT_VERBS and any(
        c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in tok.children)


def _goes_on(tok: "Token") -> bool:
    """Whether a verb and its particle say that someone went on speaking ("She went on: ..."),
    with nothing after them that they go on to (not "went on to say", "went on television")."""
    return tok.pos_ == "VERB" and tok.lemma_.lower() == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in tok.children) \
        and not any(c.dep_ in ("xcomp", "prep", "dobj", "advcl") for c in tok.children)


def _governors(art: _Article, span: Span) -> list["Token"]:
    """The tokens above the quote in the parse, nearest first, up to a clause coordinated with its
    own subject: in "Cruz said he'd make sand glow, and Trump vowed to "bomb the hell"" the quote
    is Trump's, and `vowed` is coordinated with, not governed by, `said`."""
    words = art.doc.char_span(span.inner_start, span.inner_end, alignment_mode="expand")
    if words is None:
        return []
    out: list["Token"] = []
    below = words.root
    for tok in words.root.ancestors:
        own_subject = any(c.dep_ == "nsubj" for c in below.children) or _second_clause_subject(below) is not None
        if below.dep_ == "conj" and not art.quoted[below.i] and own_subject \
                and not any(c.dep_ == "mark" for c in below.children):  # "says X and that she ..." goes on
            break
        if not art.quoted[tok.i]:
            out.append(tok)
        below = tok
    return out


_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "at", "by", "with", "from", "is"}


def _in_headline(art: _Article, span: Span) -> bool:
    """Whether the quote stands in a headline, a paragraph whose words are all capitalised but the
    small ones ("Zoe Saldana Asks Men To 'Redefine Masculinity'"): there every phrase is
    capitalised, so a capitalised quote says nothing of being a title."""
    lo, hi = art.paragraphs[span.paragraph]
    words = re.findall(r"[^\W\d_][\w’'\-]*", art.text[lo:span.start] + " " + art.text[span.end : hi])
    big = [w for w in words if w.lower() not in _SMALL_WORDS]
    return len(big) >= 3 and all(w[0].isupper() for w in big)


_TITLE_WORD = re.compile(r"[^\W\d_][\w’'\-]*")


def title_cased(words: str) -> bool:
    """Every word capitalised but the small ones, as the titles of works are written."""
    big = [t for t in _TITLE_WORD.findall(words) if t.lower() not in _SMALL_WORDS]
    return bool(big) and all(t[0].isupper() for t in big)


def _looks_like_title(words: str) -> bool:
    """A short capitalised phrase inside a sentence ("Morning Joe", "The Art of the Deal") names a
    show, book or slogan: nobody's statement."""
    tokens = _TITLE_WORD.findall(words)
    return 0 < len(tokens) <= 10 and tokens[0][0].isupper() and title_cased(words)


def _according_to(token: "Token") -> "Token | None":
    for child in token.children:
        if child.lower_ == "to":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _by_cue(art: _Article, sents: list["TokenSpan"], span: Span, embedded: bool = False) -> Attribution | None:
    """The nearest speech verb with a subject decides; for a quote `embedded` in reported speech,
    the outermost one it hangs from (in "Trump said Clinton described it as "the gold standard""
    the words are reported by Trump). A verb whose subject names no one ("a majority") gives way
    to one that does in the same sentences: `Mr. Obama said, a majority have come to believe "..."`
    reports what Mr. Obama said."""
    unnamed, named_term = None, False
    for verb in _cue_verbs(art, sents, span, embedded):
        subject = (_according_to(verb) if verb.lower_ == "according"
                   else _subject(verb) or _fronted(art, verb) or _name_before(art, verb) or _participle_host(art, verb))
        if subject is not None and art.quoted[subject.i]:
            subject = _beside_quote(art, span, subject)
        if verb.lower_ != "according" and (subject is None or subject.pos_ == "ADP"):
            subject = _relative_before(art, verb)  # in "Of Carson, Levine, who ..., said" "Of" is no subject
        if subject is None or art.quoted[subject.i] or subject.lower_ in NON_REFERRING:
            continue
        form, person, institution, at = art.speaker_of(subject)
        cue = "according to" if verb.lower_ == "according" else verb.text
        if form == "proper" and person:
            return Attribution(span, "", person, None, subject.text, at, cue, "cue", SIEVE_CONFIDENCE["cue"])
        if form == "institution":
            return Attribution(span, "", None, institution, subject.text, at, cue, "cue", 0.9)
        if form in ("pronoun", "description"):
            return Attribution(span, "", person, None, _phrase(subject), at, cue, form, SIEVE_CONFIDENCE[form])
        if verb.lemma_.lower() in NAMING_VERBS and len(re.findall(r"\w+", span.inner(art.text))) <= NAMED_TERM_MAX_WORDS:
            named_term = named_term or unnamed is None  # `describe it as "front running" and say`: a term
            continue
        unnamed = unnamed or Attribution(span, "", None, None, _phrase(subject), at, cue, "cue", 0.5)
    return None if named_term else unnamed


def _beside_quote(art: _Article, span: Span, subject: "Token") -> "Token | None":
    """The name right after a quote that the parser hung on it as an appositive, having taken the
    quote for the speech verb's subject: in `"Fine work," Roe, the council's chair since 2009 and
    a former mayor, said when Doe asked` the words are Roe's, not the asker's."""
    for child in subject.children:
        if child.dep_ == "appos" and child.idx >= span.end and not art.quoted[child.i] \
                and all(t.is_punct or t.is_space for t in art.doc[art.token_at(span.end) : child.left_edge.i]) \
                and all(t.is_punct or t.is_space or t.dep_ == "compound" for t in art.doc[child.left_edge.i : child.i]):
            return child
    return None


def _by_governor(art: _Article, span: Span) -> Attribution | None:
    """A quote inside reported speech belongs to the subject of the verb it hangs from, speech
    verb or not: `Trump mocked Rubio for "having a tough night"`; past a pronoun that names no
    one ("everything", "something", "they"), to the verb above it. A short noun phrase in marks
    under a verb that reports nothing ("crossing a "red line"") is a scare quote, not a statement."""
    words = art.doc.char_span(span.inner_start, span.inner_end, alignment_mode="expand")
    if words is None or len([t for t in words if t.is_alpha]) < GOVERNED_MIN_WORDS:
        return None
    phrase = len(words) < GOVERNED_PHRASE_WORDS and not any(t.pos_ in ("VERB", "AUX") for t in words)
    for verb in _governors(art, span):
        if verb.pos_ not in ("VERB", "AUX") or _asked_about(verb):
            continue
        subject = _subject(verb)
        if subject is None or art.quoted[subject.i] or subject.lower_ in NON_REFERRING:
            continue
        form, person, institution, at = art.speaker_of(subject)
        if form == "common" and subject.pos_ == "PRON":
            continue  # "make sure everything is "on the up and up"": no speaker; whoever is above says it
        if form == "common" or not (person or institution) or phrase and not _names_person(subject, form):
            return None
        sieve = form if form in ("pronoun", "description") else "governor"
        return Attribution(span, "", person, institution, _phrase(subject), at, verb.text, sieve,
                           min(SIEVE_CONFIDENCE[sieve], SIEVE_CONFIDENCE["governor"]))
    return None


_STOP = {".", ";", "!", "?", ":"}


def _asked_about(verb: "Token") -> bool:
    """Whether a verb heads a reported question ("Roe is questioning whether Doe would have come
    "if it were held in a mosque""): its subject is who the question is about; the words are the
    asker's, further up."""
    return verb.dep_ in ("ccomp", "xcomp") and any(c.dep_ == "mark" and c.lower_ == "whether" for c in verb.children)


#: Nouns for something said: the quote inside "Trump's claim that ..." is the owner's.
SPEECH_NOUNS = frozenset(
    """claim accusation remark remarks statement promise pledge assertion comment comments words warning
    charge suggestion insistence argument contention vow boast description prediction threat
    complaint admission declaration""".split()
)


#: How the content of a speech noun hangs from it: "claim that ...", "warning: ...", "words of ...".
_CONTENT_DEPS = frozenset(("acl", "ccomp", "appos", "prep"))


def _by_owner(art: _Article, span: Span) -> Attribution | None:
    """A quote inside what a named person claimed, promised or called for ("Pence blamed the media
    for Trump's claim that Obama "founded ISIS"", "his promise to be "neutral"") is the owner's
    words, whoever the speech verb above reports: the noun names whose they are. One word in marks
    is enough, as the owner is explicit."""
    words = art.doc.char_span(span.inner_start, span.inner_end, alignment_mode="expand")
    if words is None:
        return None
    return _owned_speech(art, span, [words.root, *_governors(art, span)])


def _owned_speech(art: _Article, span: Span, governors: list["Token"]) -> Attribution | None:
    """A quote inside a speech noun with a named owner ("Donald Trump's accusation that Clinton is
    playing the "woman's card"") is the owner's, whoever is the subject of the clause in between;
    a quote that only qualifies the noun (Trump's "divisive" comments) is not what they said."""
    for below, noun in zip(governors, governors[1:]):
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in SPEECH_NOUNS or not _content_of(below):
            continue
        owner = _speech_owner(noun)
        if owner is None or art.quoted[owner.i]:
            return None
        form, person, _, at = art.speaker_of(owner)
        if owner.lower_ in _POSSESSIVE_PRONOUNS:
            form, person = "pronoun", art.antecedent(owner.idx, _POSSESSIVE_PRONOUNS[owner.lower_])
        if form not in ("proper", "pronoun") or not person:
            return None
        return Attribution(span, "", person, None, owner.text, at, noun.text, "governor", SIEVE_CONFIDENCE["governor"])
    return None


_POSSESSIVE_PRONOUNS = {"his": "m", "her": "f"}


def _content_of(below: "Token") -> bool:
    """Whether a word hangs from a speech noun as what was said: a clause ("claim that ..."), a
    preposition ("call for ...") but not "as", which is the verb's verdict on the noun ("dismissed
    Trump's remarks as "nonsense""), or an apposition set off by punctuation ("his warning: ...";
    without it the parser has run two phrases together)."""
    if below.dep_ == "prep":
        return below.lower_ != "as"
    if below.dep_ == "appos":
        first = below.left_edge.i
        return first > 0 and below.doc[first - 1].is_punct and below.doc[first - 1].text in ",:;—–-"
    return below.dep_ in _CONTENT_DEPS


def _speech_owner(noun: "Token") -> "Token | None":
    """Whose a speech noun is: a possessive name or pronoun ("Trump's claim", "his promise") or a
    name after "of" ("the contention of Hillary Clinton that ...")."""
    for child in noun.children:
        if child.dep_ == "poss" and (child.pos_ == "PROPN" or child.lower_ in _POSSESSIVE_PRONOUNS):
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ == "PROPN" and obj.ent_type_ == "PERSON":
                return obj
    return None


def _inside_sentence(art: _Article, span: Span) -> bool:
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


def _subhead(art: _Article, span: Span) -> bool:
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


def _names_a_work(art: _Article, span: Span) -> bool:
    """Whether a capitalised quote is the title of the work a noun right beside it names: after
    the noun and at most a comma or a dash (`the book, "A Town Without Bread."`, `the channel's
    "Sunday Talk"`), or before one (`"Beneath the Lantern" star`). A work that a verb of saying
    has as its speaker or hearer does not count (`told the podcast, "We Will Not Back Down."`),
    nor a colon, which opens speech."""
    words = span.inner(art.text)
    tokens = _TITLE_WORD.findall(words)
    if not (0 < len(tokens) <= TITLE_WORDS and tokens[0][0].isupper() and title_cased(words)) or _in_headline(art, span):
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


def _in_embedded_post(art: _Article, span: Span) -> bool:
    """Whether a quote stands inside the text of a post embedded in the article: the post is its
    author's, and the words it sets in marks are someone it quotes, whom no sieve found."""
    lo, _ = art.paragraphs[span.paragraph]
    opened = [m.end() for m in _POST_OPEN.finditer(art.text, lo, span.start)]
    return bool(opened) and _POST_CLOSE.search(art.text, opened[-1], span.start) is None


#: A year in brackets right after a closing mark: `"Close the gates!" (2014)`, `(election poster, 2011)`.
_DATED = re.compile(r"[\s,.]{0,2}\([^()\n]{0,60}\b(?:1[89]|20)\d\d\)")


def _dated(art: _Article, span: Span) -> bool:
    """Whether a quote is captioned with a year in brackets, the way an article lists posters,
    slogans or works by the year they came out: no one is reported saying such words."""
    return _DATED.match(art.text, span.end) is not None


def _names_person(subject: "Token", form: str) -> bool:
    """Whether a subject is a person by name or pronoun ("Trump likened the refugees to a "vicious
    snake""), the speaker a short phrase in marks under any verb must have to be their words."""
    return form == "pronoun" or form == "proper" and subject.ent_type_ == "PERSON"


def _by_adjacency(art: _Article, span: Span, embedded: bool = False) -> Attribution | None:
    """`"...," Jordan said` / `"...," said Jordan` read off the words right after the closing mark.

    The small parser often puts these words in a sentence of their own, or hangs them off the
    quote's verb, so the surface order decides: a speaker phrase and a verb, or a verb and a
    speaker phrase. Any verb counts ("Trump implored") when a quote that stands alone ends on
    , ? ! or a dash, the way a quote that is the verb's object ends; otherwise, and always for a
    quote `embedded` in a sentence (`he would "protect them," the crowd applauded`), only a
    speech verb does.
    """
    if not span.closed:
        return None
    doc, hi = art.doc, art.paragraphs[span.paragraph][1]
    toks: list["Token"] = []
    stop = None
    for tok in doc[art.token_at(span.end) : len(doc)]:
        if tok.idx >= hi or art.quoted[tok.i] or tok.text in _STOP or len(toks) >= 16:
            stop = tok.text if tok.idx < hi else None
            break
        if not tok.is_space:  # a no-break space before `added Gowdy` is no word
            toks.append(tok)
    ended = art.text[span.inner_end - 1 : span.inner_end] in _STOP
    if embedded and ended:
        # `Doe called Roe "unhinged." Lund called the plan "a mistake."`: words in marks that end
        # the sentence reporting them end it as a full stop after the marks would; what follows
        # is the next sentence, its verb and subject its own
        return None
    if (ended or embedded) and stop == ":":
        # `"... terrorists." Mr. Zahed said: "..."` introduces the next quote, not this one; so does
        # `After Roe said they might do better at "lesser schools," Doe said: "..."` mid-sentence
        return None
    while toks and toks[0].is_punct:
        toks = toks[1:]
    open_end = not embedded and art.text[span.inner_end - 1 : span.inner_end] in {",", "?", "!", "—", "–", "-"}
    k = next((i for i, t in enumerate(toks) if _is_verb(toks, i)), None)
    if k is None:
        return None
    verb = toks[k]
    if not (open_end or verb.lemma_.lower() in CUE_LEMMAS) or k and _participle(toks, k):
        return None
    inverted = _inverted(toks, k)
    if not open_end and any(t.pos_ in ("VERB", "AUX", "SCONJ") for t in inverted or toks[k + 1 :]):
        return None  # after a full stop, `The nations claim that ...` is a sentence of its own
    if k == 0 or inverted:
        phrase = []
        for i in range(k + 1, len(toks)):
            tok = toks[i]
            if tok.pos_ == "VERB" and not _in_title(toks, i):
                break
            phrase.append(tok)
    else:
        phrase = toks[:k]
        while phrase and phrase[-1].pos_ in ("ADV", "AUX", "PART"):
            phrase = phrase[:-1]
        if any(_is_verb(toks, i) for i in range(len(phrase))) or _copula_before_comma(phrase):
            return None
    found = _mention(art, phrase)
    if found is None:
        return None
    form, person, institution, at, surface = found
    sieve = form if form in ("pronoun", "description") else "cue"
    return Attribution(span, "", person, institution, surface, at, verb.text, sieve, SIEVE_CONFIDENCE[sieve])


def _copula_before_comma(phrase: list["Token"]) -> bool:
    """Whether the words before the verb after a closing mark hold a verb of their own (but the
    auxiliaries that end them, "Roe has said"): `"...?" Dana Roe is a florist in town, which
    sells ...` opens a sentence about Roe, not a speaker phrase (one names its speaker before any
    comma, "Roe, who was there, said"). An "'s" may be a possessive the tagger took for "is"."""
    head = phrase[: next((i for i, t in enumerate(phrase) if t.text == ","), len(phrase))]
    return any(t.pos_ == "AUX" and t.lower_ not in ("'s", "’s") for t in head)


def _in_title(toks: list["Token"], i: int) -> bool:
    """Whether the participle toks[i] is part of a title before a name ("ranking Democrat Elijah
    Cummings", "acting Director Jane Roe", "Ohio-based attorney Jane Roe"), not the verb of a clause."""
    tok = toks[i]
    if tok.tag_ not in ("VBG", "VBN") or i + 1 >= len(toks):
        return False
    return toks[i + 1].pos_ == "PROPN" or _modifier(tok)


def _modifier(tok: "Token") -> bool:
    """Whether a verb form modifies a word after it, as an adjective does ("Ohio-based attorney",
    "the newly elected mayor"): part of a noun phrase, not the verb of a clause."""
    return tok.dep_ == "amod" and tok.head.i > tok.i


def _inverted(toks: list["Token"], k: int) -> list["Token"]:
    """The speaker phrase of an inverted speech verb (`"..." So says Kasimir Nowak, who has ...`):
    the words after a `says` that only "so"/"thus" precede, up to the comma that ends the name."""
    if not all(t.lower_ in ("so", "thus") for t in toks[:k]) or toks[k].lemma_.lower() not in CUE_LEMMAS:
        return []
    after = toks[k + 1 :]
    return after[: next((i for i, t in enumerate(after) if t.text == ","), len(after))]


def _is_verb(toks: list["Token"], i: int) -> bool:
    """Whether the i-th word after a closing mark is the verb of a speaker phrase. A capitalised
    first word before another verb is a name the tagger misread (`"...," Trump implored`)."""
    tok = toks[i]
    if tok.lower_ in ("read", "reads") and i and toks[i - 1].pos_ == "NOUN":
        return True  # `"...," a Pentagon statement read`: the tagger takes `read` for a noun
    if tok.pos_ == "AUX":
        return tok.lemma_ in CUE_LEMMAS
    if tok.pos_ != "VERB":
        return False
    return not (i == 0 and tok.text[:1].isupper() and len(toks) > 1 and toks[1].pos_ == "VERB")


def _participle(toks: list["Token"], k: int) -> bool:
    """A verb after the speaker phrase that opens no clause of speech: a gerund ("Jordan, adding")
    or a passive ("he was told by"). A speech verb the tagger calls a participle after a bare
    name (`"...," Trump barked`) still counts."""
    verb = toks[k]
    if verb.tag_ == "VBG":
        return True
    if verb.tag_ != "VBN":
        return False
    passive = toks[k - 1].pos_ == "AUX" or k + 1 < len(toks) and toks[k + 1].lower_ == "by"
    return passive or verb.lemma_.lower() not in CUE_LEMMAS


def _proper(art: _Article, surface: str, at: int) -> tuple[str, str | None, str | None, int, str]:
    """Capitalised words the NER left untagged: a person, unless an organisation word makes them
    an institution ("the Finnish Foreign Ministry said") and no person of that name is known."""
    full = art.resolve(surface, at)
    if full in (None, surface) and (_ORG_WORDS.search(surface) or surface in art.bodies):
        return "institution", None, surface, at, surface
    return "proper", full or surface, None, at, surface


def _mention(art: _Article, phrase: list["Token"]) -> tuple[str, str | None, str | None, int, str] | None:
    """Who a speaker phrase names: "Tulsa police Chief Chuck Jordan", "Jordan, 54,", "he",
    "a spokeswoman for the hotel, Jane Roe" (the appositive names her), "the senator"."""
    comma = next((i for i, t in enumerate(phrase) if t.text == ","), len(phrase))
    head, rest = phrase[:comma], phrase[comma + 1 :]
    if not head or len(head) > 14:  # a long role after the name ("Leamer, an economist who ...") is no matter
        return None
    if head[0].pos_ == "ADP":
        return None  # `"..." of Trump, whom he called` goes on with the sentence; it names no speaker
    owned = False
    for tok in head:
        if tok.pos_ == "ADP" and tok.lower_ != "of" or tok.pos_ == "VERB" and not _modifier(tok):
            break  # "an adviser to Bill Clinton" is not Bill Clinton
        ent = _entity(art.doc, tok) if tok.ent_type_ else None
        if ent is not None and art.is_person(ent):
            if _possessor(ent, phrase):
                owned = True
                continue
            name = art.resolve(ent.text, ent.start_char) or ent.text
            return "proper", name, None, ent.start_char, ent.text
    first = head[0]
    if len(head) == 1 and first.lower_ in PERSON_PRONOUNS:
        return "pronoun", art.antecedent(first.idx, PERSON_PRONOUNS[first.lower_]), None, first.idx, first.text
    if rest and rest[0].ent_type_ == "PERSON" and (owned or head[0].pos_ in ("DET", "NOUN", "ADJ", "NUM")):
        ent = _entity(art.doc, rest[0])
        return "proper", art.resolve(ent.text, ent.start_char) or ent.text, None, ent.start_char, ent.text
    if first.ent_type_ in INSTITUTION_LABELS and first.ent_iob_ == "B":
        ent = _entity(art.doc, first)
        if ent.end - head[0].i >= len([t for t in head if not t.is_punct]):
            return "institution", None, ent.text, ent.start_char, ent.text
    # a capitalised word after the closing mark is a name even where the tagger calls it a noun
    # but not a stop word capitalised for opening a sentence (`"...?" Others saw the same thing`)
    propn = [t for t in head if t.pos_ == "PROPN" or t.pos_ in ("NOUN", "VERB") and t.text[:1].isupper() and t.i
             and art.quoted[t.i - 1] and not t.is_stop or art.known_surname(t)]
    if propn and len(propn) == len(head) and not first.ent_type_:
        # a surname the NER missed ("Hannity said"), known in full or not
        return _proper(art, art.text[propn[0].idx : propn[-1].idx + len(propn[-1].text)], propn[0].idx)
    named = _trailing_name(head)
    if named:  # "Oversight ranking Democrat Elijah Cummings (D-Md.)": the name the titles lead to
        return _proper(art, art.text[named[0].idx : named[-1].idx + len(named[-1].text)], named[0].idx)
    stop = next((i for i, t in enumerate(head) if t.pos_ == "ADP"), len(head))
    nouns = [t for t in head[:stop] if t.pos_ == "NOUN"]
    if nouns:
        form, person, institution, at = art.describe(nouns[-1])
        if form != "common" or first.pos_ == "DET":
            surface = art.text[first.idx : head[-1].idx + len(head[-1].text)]
            return form, person, institution, at, surface
    return None


def _possessor(ent: "TokenSpan", head: list["Token"]) -> bool:
    """Whether a name in a speaker phrase owns the person the phrase goes on to name ("Okoro's
    chief of staff Daniel Fenwick said", "Okoro's spokesman, Daniel Fenwick, said"): whose the
    speaker is, not who speaks. With no name after it ("Okoro's son said") the owner is all the
    phrase gives, and stays the speaker."""
    doc = ent.doc
    marker = ent[-1] if ent[-1].tag_ == "POS" else doc[ent.end] if ent.end < len(doc) else None
    if marker is None or marker.tag_ != "POS":
        return False
    return any(t.i > marker.i and t.ent_type_ == "PERSON" for t in head)


def _trailing_name(head: list["Token"]) -> list["Token"]:
    """The two or three name-like proper nouns that end a speaker phrase, before any parenthesis,
    where the NER tagged none of them: the person a run of titles leads to."""
    cut = next((i for i, t in enumerate(head) if t.text == "("), len(head))
    run: list["Token"] = []
    for tok in reversed(head[:cut]):
        if tok.pos_ != "PROPN" or tok.ent_type_ or not _NAME_WORD.fullmatch(tok.text):
            break
        run.insert(0, tok)
    return run if 2 <= len(run) <= 3 and fold(run[0].text) not in HONORIFICS else []


def _phrase(token: "Token") -> str:
    words = [t for t in token.subtree if t.i <= token.i or t.dep_ in ("compound", "amod")]
    return " ".join(t.text for t in words)


def _named_in(art: _Article, lo: int, hi: int, last: bool = False) -> tuple[str | None, str | None, int | None]:
    """The person (or else institution) the NER finds in text[lo:hi]."""
    found: list[tuple[str | None, str | None, int]] = []
    for ent in art.ents:
        if ent.start_char >= lo and ent.end_char <= hi and not art.quoted[ent.start]:
            if art.is_person(ent):
                found.append((art.resolve(ent.text, ent.start_char) or ent.text, None, ent.start_char))
            elif ent.label_ in ("ORG",) or ent.text in art.bodies:
                found.append((None, ent.text, ent.start_char))
    people = [f for f in found if f[0]]
    pick = people or found
    if not pick:
        return None, None, None
    return pick[-1] if last else pick[0]


def _by_frame(art: _Article, sents: list["TokenSpan"], span: Span) -> Attribution | None:
    if not sents:
        return None
    lo = sents[0].start_char
    prefix = art.text[lo : span.start]
    stripped = prefix.rstrip()
    if stripped.endswith(":") and not art.quoted[max(0, sents[0].start)]:
        signed = _SIGNED_COLON.search(stripped)
        if signed:  # `Pollsters agree - Carl Bialik: "..."`: the name after the dash, not the clause
            name = signed.group(1)
            at = lo + signed.start(1)
            person, inst, _ = _named_in(art, at, at + len(name))
            inst = inst or (name if name in art.bodies else None)
            return Attribution(span, "", person or (None if inst else name), inst, name, at, ":", "frame",
                               SIEVE_CONFIDENCE["frame"])
        by_subject = _by_root_subject(art, sents[0], span, ":", "frame", ran_on=True)
        if by_subject:
            return by_subject
        person, inst, at = _named_in(art, lo, span.start, last=True)
        if person or inst:
            return Attribution(span, "", person, inst, None, at, ":", "frame", SIEVE_CONFIDENCE["frame"])
    if stripped.endswith(",") and _FRAME_OPENERS.match(prefix):
        person, inst, at = _named_in(art, lo, span.start)
        if not person:
            person, at = _frame_name(art, lo + _FRAME_OPENERS.match(prefix).end(), span.start) or (None, at)
            inst = None if person else inst
        if person or inst:
            cue = _FRAME_OPENERS.match(prefix).group().strip()
            return Attribution(span, "", person, inst, None, at, cue, "frame", SIEVE_CONFIDENCE["frame"])
    if stripped.endswith(","):  # "Clinton shared her anxiety with an audience, "..."": the clause's subject
        by_subject = _by_root_subject(art, sents[0], span, ",", "frame")
        if by_subject:
            return by_subject
    after = _SIGN_OFF.match(art.text, span.end, span.end + 12)
    if after:  # `"..." - Tobias Wren, treasurer of ...`: a name right after the dash
        hi = art.text.find("\n", after.end())  # the dash may open a paragraph of its own
        hi = len(art.text) if hi < 0 else hi
        first = art.token_at(after.end())
        words = [tok for tok in art.doc[first : first + 14] if tok.idx < hi]
        found = _mention(art, words[: next((i for i, t in enumerate(words) if t.text in _STOP), len(words))])
        if found and found[0] == "proper" and found[3] == words[0].idx:
            return Attribution(span, "", found[1], None, found[4], found[3], "—", "frame", SIEVE_CONFIDENCE["frame"])
    return None


#: A name right after a frame's opener, before the comma or the "of"/"at" that gives the role.
_FRAME_NAME = re.compile(r"\s*((?:[A-Z][\w’'-]*\.?\s+){0,2}[A-Z][\w’'-]*)\s*(?:,|\s(?:of|at|from)\s)")


def _frame_name(art: _Article, lo: int, hi: int) -> tuple[str, int] | None:
    """The person a frame names whom the NER does not tag as one ("For Annika Strand, "...""): the
    capitalised words right after the opener, a full name or the surname of one the article gave,
    neither an institution the NER knows nor a name with an organisation word."""
    found = _FRAME_NAME.match(art.text, lo, hi)
    if not found:
        return None
    name, at = found.group(1), found.start(1)
    start, end = art.token_at(at), art.token_at(found.end(1))
    if any(art.quoted[i] or art.doc[i].ent_type_ in INSTITUTION_LABELS and not art.is_person(_entity(art.doc, art.doc[i]))
           for i in range(start, end)) or _ORG_WORDS.search(name):
        return None
    full = art.resolve(name, at)
    if full is None and len(name.split()) >= 2 and all(_NAME_WORD.fullmatch(w) for w in name.split()):
        art.people.add(name, at)
        full = art.resolve(name, at)
    return (full, at) if full else None


#: A headline or clause, a dash, then a capitalised name and the colon that opens a quote.
_SIGNED_COLON = re.compile(r"\s[—–-]+\s*((?:[A-Z][\w.’'-]*\s?){1,4}):$")
#: A dash after a quote, on its line or opening the next one, before the name that signs it.
_SIGN_OFF = re.compile(r"[ \t\xa0,.]*(?:\n[\s]*)?[—–-]+[ \t\xa0]*")


def _by_root_subject(art: _Article, sent: "TokenSpan", span: Span, cue: str, sieve: str,
                     ran_on: bool = False) -> Attribution | None:
    """The speaker a sentence is about: the named subject of its main verb ("Trump swiped at Ryan
    in a series of tweets:" is Trump's, not Ryan's). Where the parser `ran_on` from the clause
    before a colon into the quote after it, the main verb is that clause's (`_clause_before`), and
    its subject must name someone: a description ("this finding") is too often no one's."""
    root = sent.root if not art.quoted[sent.root.i] else _clause_before(art, sent, span) if ran_on else None
    subject = _subject(root) if root is not None and root.pos_ in ("VERB", "AUX") else None
    if subject is None or art.quoted[subject.i] or subject.lower_ in NON_REFERRING:
        return None
    form, person, institution, at = art.speaker_of(subject)
    if not (person or institution) or form == "common" or form == "description" and root.i != sent.root.i:
        return None
    if form == "description" and root.lemma_.lower() not in CUE_LEMMAS and _named_in(art, root.idx, span.start)[0]:
        return None  # "The timing of the surge doesn't surprise Jane Roe:": the named person, not "the timing"
    return Attribution(span, "", person, institution, _phrase(subject), at, cue, sieve, SIEVE_CONFIDENCE[sieve])


#: How the clause before a colon hangs from a quote the parser ran it into: as a clause of its own,
#: not as one that qualifies a word of it ("Why she's protesting:" is no clause about the quote).
_RUN_ON_DEPS = frozenset(("ccomp", "conj", "parataxis", "dep"))


def _clause_before(art: _Article, sent: "TokenSpan", span: Span) -> "Token | None":
    """The verb of the clause that introduces a quote after a colon, where the parser ran that
    clause into the quote and made the quote's own verb the sentence's root (`Roe sent a warning to
    Doe: "It's time ..."` with "sent" hung below the quoted "'s"): of the verbs before the quote
    the one highest in the tree, hung from a quoted word as a clause. Left to the names alone, the
    quote would go to the last one before the colon, as often the one addressed."""
    verbs = [t for t in sent if t.idx < span.start and not art.quoted[t.i] and t.pos_ in ("VERB", "AUX")]
    top = min(verbs, key=lambda t: (sum(1 for _ in t.ancestors), t.i), default=None)
    return top if top is not None and art.quoted[top.head.i] and top.dep_ in _RUN_ON_DEPS else None


def _by_lead_in(art: _Article, sents: list["TokenSpan"], span: Span) -> Attribution | None:
    """A quote that opens a sentence after `Lockwood chimed in.` / `Coan argues that ...` in the
    same paragraph is what that sentence's named subject says."""
    lo = art.paragraphs[span.paragraph][0]
    if not sents or art.text[sents[0].start_char : span.start].strip():
        return None
    before = art.text[lo : span.start].rstrip()
    if not before.endswith("."):
        return None
    last = art.doc.char_span(lo + len(before) - 1, lo + len(before), alignment_mode="expand")
    if last is None or not len(last):
        return None
    sent = art.doc.char_span(max(art.sent(last[0]).start_char, lo), last.end_char, alignment_mode="contract")
    if sent is None or not len(sent) or art.quoted[sent.root.i] or sent.root.pos_ != "VERB":
        return None
    return _by_root_subject(art, sent, span, sent.root.text, "lead_in")


def _by_colon(art: _Article, span: Span) -> Attribution | None:
    """`X put it this way:` at the end of the sentence or paragraph before the quote."""
    before = art.text[: span.start].rstrip()
    if not before.endswith(":"):
        return None
    sent = art.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if sent is None:
        return None
    sentence = art.sent(sent[0])
    result = _by_cue(art, [sentence], span)
    if result and (result.speaker or result.institution):
        return Attribution(span, "", result.speaker, result.institution, result.mention, result.mention_start,
                           result.cue, "colon", SIEVE_CONFIDENCE["colon"])
    person, inst, at = _named_in(art, sentence.start_char, sentence.end_char, last=True)
    if person or inst:
        return Attribution(span, "", person, inst, None, at, ":", "colon", SIEVE_CONFIDENCE["colon"])
    return None


def _last_sentence(art: _Article, lo: int, hi: int) -> "TokenSpan | None":
    """The last sentence of the text between `lo` and `hi`, cut to that stretch (the parser may
    run a paragraph's last sentence on into the next paragraph); None where the parse has none."""
    last = art.doc.char_span(hi - 1, hi, alignment_mode="expand")
    if last is None or not len(last):
        return None
    sent = art.doc.char_span(max(art.sent(last[0]).start_char, lo), hi, alignment_mode="contract")
    return sent if sent is not None and len(sent) else None


def _by_reported_before(art: _Article, span: Span) -> Attribution | None:
    """A quote that is a paragraph by itself, after a paragraph that ends reporting what someone
    said in their own words' place ("Carter said that the U.S. would stay. ¶ "That's because
    ..."), goes on with that report: the speaker of its last sentence."""
    lo, hi = art.paragraphs[span.paragraph]
    if span.paragraph == 0 or art.text[lo : span.start].strip() or art.text[span.end : hi].strip(" .,\xa0"):
        return None
    prev_lo, prev_hi = art.paragraphs[span.paragraph - 1]
    prev_hi = _before_aside(art.text, prev_lo, prev_hi)
    sent = _last_sentence(art, prev_lo, prev_hi)
    if sent is None or any(art.quoted[t.i] for t in sent):
        return None
    found = _by_cue(art, [sent], span)
    if found is None and sent.root.lemma_.lower() in TOPIC_SPEECH_LEMMAS:
        found = _by_root_subject(art, sent, span, sent.root.text, "lead_in")
    if found is None or not (found.speaker or found.institution):
        return None
    return Attribution(span, "", found.speaker, found.institution, found.mention, found.mention_start, found.cue,
                       "lead_in", SIEVE_CONFIDENCE["lead_in"])


#: Verbs of speaking on a topic ("Roe spoke about the ruling"): no cue for words in the sentence
#: itself, whose object is the topic, but the lead-in to a quote set out in the next paragraph.
TOPIC_SPEECH_LEMMAS = frozenset("speak talk".split())

#: A paragraph's closing aside: whole sentences in parentheses after a full stop.
_CLOSING_ASIDE = re.compile(r"(?<=[.?!])[\s\xa0]+\([^()]*\)[\s\xa0]*$")


def _before_aside(text: str, lo: int, hi: int) -> int:
    """The end of a paragraph's last sentence before the aside in parentheses that closes it
    ("Roe spoke about the ruling. (The law it upheld dates from 1990.)"): the writer's note on
    the background, not the report the next paragraph's quote goes on from."""
    aside = _CLOSING_ASIDE.search(text, lo, hi)
    return aside.start() if aside else hi


def _by_reporter_before(art: _Article, sents: list["TokenSpan"], span: Span) -> Attribution | None:
    """Words quoted inside a sentence that names no speaker, right after a sentence of the same
    paragraph that reports someone's speech ("Brill has argued that the law was crippled. As a
    result, there is still "a very powerful industry ...""), go on with that report."""
    if not sents:
        return None
    lo = art.paragraphs[span.paragraph][0]
    first = sents[0].start
    if first == 0 or sents[0].start_char <= lo:
        return None
    prev = art.sent(art.doc[first - 1])
    sent = art.doc.char_span(max(prev.start_char, lo), sents[0].start_char, alignment_mode="contract")
    if sent is None or not len(sent) or any(art.quoted[t.i] for t in sent):
        return None
    return _reported_by(art, sent, span, "lead_in")


def _reported_by(art: _Article, sent: "TokenSpan", span: Span, sieve: str) -> Attribution | None:
    """The person whose speech `sent`, a sentence before the quote, reports, as the quote's
    speaker by `sieve`: no surer than the cue they are read from."""
    found = _by_cue(art, [sent], span)
    if found is None or not found.speaker:
        return None
    return Attribution(span, "", found.speaker, None, found.mention, found.mention_start, found.cue,
                       sieve, min(found.confidence, SIEVE_CONFIDENCE[sieve]))


#: The marker that opens an item of a bulleted list: a bullet, a dash, an asterisk, or the "l" a
#: Wingdings bullet becomes when the font is lost.
_LIST_ITEM = re.compile(r"[ \t\xa0]*(?:[•·▪◦*]|[-–—]|l(?=[ \t\xa0]))[ \t\xa0]+\S")


def list_intro(text: str, paras: Sequence[tuple[int, int]], index: int) -> int | None:
    """The paragraph that introduces, with a colon, the bulleted list paragraph `index` is an item
    of ("Roe argued that: ¶ • ... ¶ • ..."), if it is one."""
    if not _LIST_ITEM.match(text, *paras[index]):
        return None
    while index > 0 and _LIST_ITEM.match(text, *paras[index - 1]):
        index -= 1
    if index == 0 or not text[slice(*paras[index - 1])].rstrip().endswith(":"):
        return None
    return index - 1


def _by_list_intro(art: _Article, span: Span) -> Attribution | None:
    """Words quoted in an item of a bulleted list that a sentence ending in a colon introduces
    ("Roe argued that: ¶ • the plan ... "never worked""): every item is part of what that
    sentence reports, however far down the list, so its speaker's."""
    intro = list_intro(art.text, art.paragraphs, span.paragraph)
    if intro is None:
        return None
    # the parser may run the introduction on into the first item: the sentence ends at the colon
    sent = _last_sentence(art, *art.paragraphs[intro])
    return None if sent is None else _reported_by(art, sent, span, "colon")


def _kind(art: _Article, sents: list["TokenSpan"], span: Span) -> str:
    """Direct when the quote stands as the statement; mixed when it sits inside reported speech."""
    lo = sents[0].start_char if sents else span.start
    prefix = art.text[lo : span.start].rstrip()
    if not prefix or prefix[-1] in ",:—–-(" or prefix.endswith("that") or _ends_sentence(prefix):
        return "direct"
    return "mixed"


#: The end of a sentence: a full stop, question or exclamation mark, maybe inside a closing mark.
_SENTENCE_END = re.compile(r"(\S*?)[.?!][\"”’']*$")


def _ends_sentence(prefix: str) -> bool:
    """Whether the words before a quote end a sentence the parser ran on into the quote ("...,''
    Mr. Roe said. ''It is ..."): the quote opens a sentence of its own, so it is direct. A full
    stop after an honorific, an initial or an abbreviation ("Mr.", "U.S.", "p.m.") ends none."""
    end = _SENTENCE_END.search(prefix)
    if end is None:
        return False
    word = end.group(1)
    if prefix[end.end(1)] in "?!":
        return True
    honorific = word[:1].isupper() and fold(word) in HONORIFICS
    return len(word) > 1 and "." not in word and not honorific and not word.isupper()


def _after_that(art: _Article, sents: list["TokenSpan"], span: Span) -> bool:
    """Whether a quote opens a that-clause ("Gowdy cited a report that "less than one percent ...""):
    it reads as a statement of its own, but is reported by whoever the clause hangs from."""
    lo = sents[0].start_char if sents else span.start
    return art.text[lo : span.start].rstrip().endswith(" that")


#: A paragraph that opens with a name and a colon: a headline ("Ryan: Images Have 'No Place' in
#: a Campaign") or a transcript's speaker label ("PENCE: Well, look, ...").
_LABEL = re.compile(r"[ \t\xa0]*((?:[A-Z][\w.’'-]*[ \t\xa0]+){0,3}[A-Z][\w.’'-]*):[ \t\xa0]")


def _by_label(art: _Article, span: Span) -> Attribution | None:
    """Every quote in a paragraph that opens with `Name:` is that person's (or institution's)
    words, wherever in the line it stands: headlines put the speaker first and quote a phrase
    later, and a transcript quoted whole puts the label inside the marks ("PENCE: Well, ...").
    The name must be a person or organisation the NER or the article knows."""
    lo, hi = art.paragraphs[span.paragraph]
    label = _LABEL.match(art.text, lo, hi)
    if (label is None or label.end() > span.start) and not _looks_like_title(span.inner(art.text)):
        label = _LABEL.match(art.text, span.inner_start, span.inner_end)  # not "Book: How to Win"
    if label is None:
        return None
    start, end = label.span(1)
    cue, sieve = ":", "frame"
    verb = art.doc[art.token_at(start)]
    if verb.lemma_.lower() in CUE_LEMMAS and " " in label.group(1):  # "Said Jane Roe:", "Continued Stone:"
        cue, sieve, start = verb.text, "cue", start + label.group(1).index(" ") + 1
    name = art.text[start:end]
    person, inst, at = _named_in(art, start, end)
    if person is None and inst is None:
        written_lower = any(w.lower() in art.lowercase for w in name.split())  # "The Latest:"
        person = art.resolve(name, start) or (name if _name_shaped(name) and not written_lower else None)
        person = person or (name if _tagged_person(art, name) and not written_lower else None)
        at = start
    if person is None and inst is None:
        return None
    return Attribution(span, "", person, inst, name, at, cue, sieve, SIEVE_CONFIDENCE[sieve])


#: A headline opening with someone's name and "on" what they spoke about: "Jane Roe on the Budget:".
_TOPIC_HEADLINE = re.compile(r"[ \t\xa0]*((?:[A-Z][\w.’'-]*[ \t\xa0]+){0,3}[A-Z][\w.’'-]*)[ \t\xa0]+[Oo]n[ \t\xa0]+[A-Z]")


def _by_topic_headline(art: _Article, span: Span) -> Attribution | None:
    """Every quote in a headline that opens with a person's name and "on" is that person's
    words: "Jane Roe on the Harbour Plan: 'A Disgrace'", "Jane Roe On Why the Town Feels
    'Forgotten'" put the speaker first, as `Name:` does (`_by_label`). Only in a headline, where every
    word is capitalised; only a person, not "Wall Street on Edge"."""
    lo, hi = art.paragraphs[span.paragraph]
    topic = _TOPIC_HEADLINE.match(art.text, lo, hi)
    if topic is None or topic.end() > span.start or not _in_headline(art, span):
        return None
    start, end = topic.span(1)
    person, _, at = _named_in(art, start, end, last=True)
    person = person or art.resolve(art.text[start:end], start)
    if person is None:
        return None
    return Attribution(span, "", person, None, art.text[start:end], at if at is not None else start, "on", "frame",
                       SIEVE_CONFIDENCE["frame"])


#: How many capitalised words a headline's leading name may run to before its verb.
HEADLINE_NAME_WORDS = 3


def _by_headline_verb(art: _Article, span: Span) -> Attribution | None:
    """A quote in a headline that opens with a person's name and a capitalised verb, or opening
    the body right after it in the same paragraph, is that person's: digests and roundups write
    `Jane Roe Joked It's "Risky" To Speak Here. "Now, it's always ..."` or `Jane Roe Praises Her
    Editor: "Very Good."`, the speaker first, where in title case the parser reads the verb as a
    name and the quote's own sentence has no cue. Everything in the paragraph before the quote
    must be title case (so a body sentence's speaker is not overruled), and the verb a speech verb
    or the parser's verb of the name ("Jane Roe Thanked Jon Doe For ...")."""
    lo, _ = art.paragraphs[span.paragraph]
    prefix = art.text[lo : span.start]
    words = list(_TITLE_WORD.finditer(art.text, lo, span.start))
    if len([w for w in words if w.group().lower() not in _SMALL_WORDS]) < 3 or not title_cased(prefix):
        return None
    for k in range(1, min(HEADLINE_NAME_WORDS, len(words) - 1) + 1):
        verb = art.doc[art.token_at(words[k].start())]
        name_words = art.doc[art.token_at(words[0].start()) : verb.i]
        if verb.idx != words[k].start() or art.quoted[verb.i] or any(art.quoted[t.i] for t in name_words):
            return None
        if not _verb_of_name(verb, name_words):
            continue
        start, end = words[0].start(), words[k - 1].end()
        name = art.text[start:end]
        person = art.resolve(name, start)
        if person is None and (_name_shaped(name) or _tagged_person(art, name)):
            person = name
        if person is None:
            return None
        return Attribution(span, "", person, None, name, start, verb.text, "frame", SIEVE_CONFIDENCE["frame"])
    return None


def _tagged_person(art: _Article, name: str) -> bool:
    """Whether the NER tags a one-word label as a person somewhere else in the article, outside
    quotation marks ("Trump: Generals don't want ..." over a story where "Trump said" is tagged,
    the label itself taken for an organisation)."""
    return " " not in name and any(ent.label_ == "PERSON" and ent.text == name and not art.quoted[ent.start]
                                   for ent in art.ents)


#: A line that introduces an excerpt of someone's article: "From Jane Roe writing at The Daily:".
_EXCERPT_INTRO = re.compile(r"^\s*From\s+[^:\n]+?\s+writing\s+(?:at|in|for)\s+[^:\n]+:\s*$")


def _excerpt_paragraphs(art: _Article) -> set[int]:
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


def _byline(art: _Article, span: Span) -> bool:
    """Whether a quote is the title of an article cited with its byline (`"Title," by Jane Roe`)
    or the excerpt that follows such a citation (`"Title," by Jane Roe: "..."`): a news digest's
    citations, not anyone's statement."""
    lo, hi = art.paragraphs[span.paragraph]
    after = _BY_AFTER.match(art.text, span.end, hi)
    # not `called "X" by Jane Roe`; a title may end in a quote of its own (`"Roe is leaving 'Harbour,'"`)
    if after and (after.group(1) or span.inner(art.text).rstrip("'’").endswith(",")):
        return True
    return bool(_BY_BEFORE.search(art.text, lo, span.start))


def _whole_paragraph(art: _Article, span: Span) -> bool:
    """Whether a span opens its paragraph and runs to its end (or never closes): the shape of a
    block quotation, not of a quote with its speaker after it."""
    lo, hi = art.paragraphs[span.paragraph]
    return not art.text[lo : span.start].strip() and (not span.closed or not art.text[span.end : hi].strip())


def attribute(doc: "Doc", spans: Sequence[Span]) -> list[Attribution]:
    """An attribution for every span, in order; spans no sieve explains get kind `term` or none."""
    art = _Article(doc, spans)
    out: list[Attribution] = []
    previous: Attribution | None = None
    excerpt = _excerpt_paragraphs(art)
    for span in spans:
        if span.paragraph in excerpt and _whole_paragraph(art, span) or _byline(art, span):
            previous = Attribution(span, "term")  # a column reprinted or cited, not words someone said
            out.append(previous)
            continue
        if _subhead(art, span):
            out.append(Attribution(span, "term"))  # a section's heading, not the next words of the speaker before it
            continue
        if _names_a_work(art, span):
            out.append(Attribution(span, "term"))  # `her memoir, "Salt on the Wind,"`: a title, whoever wrote it
            continue
        sents = art.sentences(span)
        kind = _kind(art, sents, span)
        found = _by_label(art, span) or _by_topic_headline(art, span) or _by_headline_verb(art, span)
        titled = _looks_like_title(span.inner(art.text)) and not _in_headline(art, span)
        if found is not None:
            pass
        elif kind == "mixed" and titled:
            out.append(Attribution(span, "term"))  # a title between two parts of a quote does not part them
            continue
        found = found or _by_adjacency(art, span, kind == "mixed")
        if found is None and titled and _inside_sentence(art, span):
            out.append(Attribution(span, "term"))  # `One ad, "Balanced Rebellion," stars ...`: a title
            continue
        if found is None and span.continues and previous is not None:
            found = _carry(previous, span, "continuation")
        if found is None and (kind == "mixed" or _after_that(art, sents, span)):
            found = _by_owner(art, span)
        found = found or _by_cue(art, sents, span, kind == "mixed")
        if found is not None and not (found.speaker or found.institution):
            # a verb whose subject names no one ("Pollsters agree - Carl Bialik:") gives way to a frame that does
            found = _by_frame(art, sents, span) or _by_colon(art, span) or found
        if found is None and (kind == "mixed" or _after_that(art, sents, span)):
            found = _by_governor(art, span)
        found = found or _by_frame(art, sents, span) or _by_colon(art, span) or _by_lead_in(art, sents, span)
        if found is None and previous is not None and (previous.speaker or previous.institution):
            if _continues(art, previous.span, span) and _says_something(art, span):
                found = _carry(previous, span, "continuation")
        if found is None and kind == "direct":
            found = _by_reported_before(art, span)
        if found is None and kind == "mixed" and _says_something(art, span):
            found = _by_reporter_before(art, sents, span) or _by_list_intro(art, span)
        if found is None and _in_embedded_post(art, span):
            out.append(Attribution(span, "term"))  # marks inside an embedded tweet: its author quoting, no one named
            continue
        if found is None and _dated(art, span):
            out.append(Attribution(span, "term"))  # `"Close the gates!" (2014)`: a poster or slogan, dated, not said
            continue
        if found is None:
            found = Attribution(span, kind)
        found = _vouched_for(art, found) or found
        found = _body_meant(art, out, found) or found
        found = Attribution(span, kind, found.speaker, found.institution, found.mention, found.mention_start,
                            found.cue, found.sieve, found.confidence)
        if found.speaker:
            art.add_speaker(span.end - 1, found.speaker)
        out.append(found)
        previous = found
    return out


#: How many paragraphs back "the company said" looks for the institution it means.
BODY_PARAGRAPHS = 3
#: An institution given only by a description: "the company", "The newspaper's editorial board".
_DESCRIBED_BODY = re.compile(r"(?:[Tt]he|[Tt]his)\s+[a-z][a-z’'\s-]*")


def _body_meant(art: _Article, out: list[Attribution], found: Attribution) -> Attribution | None:
    """The institution a described one points back to: "the company said" after "the Royal Bank
    of Scotland Group said" is the bank, the latest organisation named as a speaker a few
    paragraphs before (not a people: "Chinese officials said"). "company" is no institution an
    editor can look up."""
    if found.speaker or not found.institution or not _DESCRIBED_BODY.fullmatch(found.institution):
        return None
    for earlier in reversed(out):
        if found.span.paragraph - earlier.span.paragraph > BODY_PARAGRAPHS:
            return None
        if earlier.speaker is None and earlier.institution and not _DESCRIBED_BODY.fullmatch(earlier.institution):
            named = art.token(earlier.mention_start or 0)
            return replace(found, institution=earlier.institution) if named.ent_type_ != "NORP" else None
    return None


#: Documents that someone else brings to light ("emails published by the Courier", "a recording
#: obtained by the Gazette"): cited with "according to", they are that one's report.
REPORTED_DOCUMENTS = NOT_SPEAKERS | ISSUED_FINDINGS | frozenset(
    "account audio copy excerpt transcript recording footage calculation".split())


def _vouched_for(art: _Article, found: Attribution) -> Attribution | None:
    """The source a sentence cites with "according to", for words no one else in it is found to
    have said: `A living wage is "about $12 an hour," according to calculations by Jane Roe` or
    `According to emails released by the Courier, the office was "drowning in complaints"`.
    Where someone said them (`Roe said "...", according to the Courier`), they stay Roe's words:
    the Courier is how they reached the article, and an editor looks for them under Roe. Only a
    source that names someone counts: a person, an institution, or a document made or brought to
    light by one ("a City Hall press report", "a recording obtained by the Gazette")."""
    if found.speaker or found.institution:
        return None
    at = art.token(found.span.inner_start)
    for tok in art.sent(at):
        if tok.lower_ != "according" or art.quoted[tok.i]:
            continue
        source = _according_to(tok)
        if source is None or art.quoted[source.i]:
            continue
        named = _source_named(art, source)
        if named is not None:
            person, institution, mention, offset = named
            return Attribution(found.span, "", person, institution, mention, offset, "according to", "frame",
                               min(found.confidence, SIEVE_CONFIDENCE["frame"]))
    return None


def _source_named(art: _Article, noun: "Token") -> tuple[str | None, str | None, str, int] | None:
    """(person, institution, mention, offset) of the one "according to" cites, if it names
    someone: itself, or for a document, whoever made it or brought it to light ("by"/"from")."""
    named = [noun]
    if noun.pos_ == "NOUN" and noun.lemma_.lower() in REPORTED_DOCUMENTS:
        named += [t for t in noun.lefts if t.dep_ == "compound" and t.ent_type_]  # "a Courier account"
        named += [c for t in noun.subtree if t.dep_ in ("agent", "prep") and t.lower_ in ("by", "from")
                  for c in t.children if c.dep_ == "pobj"]  # "emails published by", "a letter from"
    for token in named:
        form, person, institution, offset = art.speaker_of(token)
        if form == "proper" and person or form == "institution" and institution:
            return person, institution, _phrase(token), offset
    return None


def _fronted(art: _Article, verb: "Token") -> "Token | None":
    """The name opening the sentence of a speech verb the parser left without a subject
    ("Flynn, the president of Common Cause, said that ..." with Flynn hung on the sentence
    before): taken only when nothing between them is a verb."""
    sent = art.sent(verb)
    lo = max(sent.start_char, art.text.rfind("\n", 0, verb.idx) + 1)
    start = art.token_at(lo)
    if start >= verb.i:
        return None
    first = art.doc[start]
    if first.pos_ != "PROPN" or not first.ent_type_ or art.quoted[first.i]:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in art.doc[first.i : verb.i]):
        return None
    ent = _entity(art.doc, first)
    return ent.root if ent is not None and ent.end <= verb.i else None


def _name_before(art: _Article, verb: "Token") -> "Token | None":
    """The person named right before a speech verb the parser left without a subject, past a
    parenthesis ("Rep. Jane Roe (D-Ore.) said ..." with the name hung elsewhere)."""
    i = verb.i - 1
    if i >= 0 and art.doc[i].text == ")":
        while i >= 0 and art.doc[i].text != "(" and verb.i - i < 8:
            i -= 1
        i -= 1
    if i < 0 or art.quoted[i]:
        return None
    ent = _entity(art.doc, art.doc[i])
    return ent.root if ent is not None and ent.end == i + 1 and art.is_person(ent) else None


def _relative_before(art: _Article, verb: "Token") -> "Token | None":
    """The name a relative clause set off by commas stands after, right before a speech verb the
    parser left without a subject ("Levine, who has given money to Rubio, said"): the parser
    takes the name for the subject of the relative clause, or of nothing."""
    if verb.i < 4 or art.doc[verb.i - 1].text != ",":
        return None
    sent = art.sent(verb)
    for i in range(verb.i - 2, max(sent.start, verb.i - 25), -1):
        tok = art.doc[i]
        if tok.text in _STOP or art.quoted[i]:
            return None
        if tok.lower_ in ("who", "whose") and art.doc[i - 1].text == ",":
            j = i - 2
            if j > sent.start and art.doc[j].pos_ == "ADV" and art.doc[j - 1].text == ",":
                j -= 2  # "Jane Roe, meanwhile, who ..."
            name = art.doc[j]
            ent = _entity(art.doc, name)
            if ent is not None and ent.end == j + 1 and art.is_person(ent) or art.known_surname(name):
                return name
            return None
    return None


def _participle_host(art: _Article, verb: "Token") -> "Token | None":
    """The subject of the clause a participle after a comma goes on from ("Jane Roe shared the
    news, writing, '...'"), where the parser hung the participle elsewhere."""
    if verb.tag_ != "VBG" or verb.i == 0 or art.doc[verb.i - 1].text != ",":
        return None
    for tok in reversed(art.doc[art.sent(verb).start : verb.i - 1]):
        if tok.pos_ == "VERB" and not art.quoted[tok.i]:
            return _subject(tok)
    return None


def _says_something(art: _Article, span: Span) -> bool:
    """Whether a quote reads as words someone goes on saying rather than a phrase held up in marks
    ("his look-alike "sons""): a clause (it has a verb) or several words, not a title."""
    words = art.doc.char_span(span.inner_start, span.inner_end, alignment_mode="expand")
    if words is None or _looks_like_title(words.text):
        return False
    return len([t for t in words if t.is_alpha]) >= GOVERNED_PHRASE_WORDS or any(t.pos_ in ("VERB", "AUX") for t in words)


def _carry(previous: Attribution, span: Span, sieve: str) -> Attribution:
    return Attribution(span, "", previous.speaker, previous.institution, previous.mention, previous.mention_start,
                       previous.cue, sieve, min(previous.confidence, SIEVE_CONFIDENCE[sieve]))


def _continues(art: _Article, prev: Span, span: Span) -> bool:
    """A quote with no speaker of its own goes on from the previous one in its paragraph, or opens
    the next paragraph after it with no one else named in between."""
    if prev.paragraph == span.paragraph:
        between = art.text[prev.end : span.start]
        return len(between) < 200
    if span.paragraph != prev.paragraph + 1:
        return False
    para_start = art.text.rfind("\n", 0, span.start) + 1
    return not art.text[para_start : span.start].strip()
