"""The words attribution knows, kept as data: speech verbs and nouns, and the nouns that tell
an institution, a role or a document from a person.

Every sieve reads these lists; none adds words of its own. A word added here changes what every
sieve that asks about it decides (`CUE_LEMMAS` is the cue lexicon of the speech-verb sieves, the
adjacency sieve and the colon, lead-in and continuation sieves that read a cue in another sentence)."""

from __future__ import annotations

import re

from ..resolve import FEMALE_GIVEN, MALE_GIVEN, PARTICLES

# --- Speech: verbs and nouns that say someone spoke

def _word_list(name: str) -> dict[str, frozenset[str]]:
    """A word list kept as data beside this module (`data/NAME.txt`): its sections, by the source
    each names in brackets, and their words."""
    from importlib.resources import files

    sections: dict[str, set[str]] = {}
    current = sections.setdefault("", set())
    for line in files(__package__).joinpath("data", f"{name}.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], set())
        elif line and not line.startswith("#"):
            current.update(line.split())
    return {section: frozenset(words) for section, words in sections.items() if words}


#: Speech verbs, by lemma: a verb of these near a quote, with a subject, is its cue ("Weitz said").
#: The lexicon is data (`data/cue_verbs.txt`), in sections by source, so that a word list from a
#: general source (a class of verbs) can be added, and measured, as one section.
CUE_SOURCES = _word_list("cue_verbs")
CUE_LEMMAS = frozenset().union(*CUE_SOURCES.values())

def inflections(lemmas: frozenset[str], participle: bool = False) -> frozenset[str]:
    """The regular inflected forms of verbs ("warns", "warned", "worries", "worried"; with
    `participle`, "warning", "hoping" too): the tagger's lemma is sometimes wrong ("hoped" -> "hop"),
    the word form is not."""
    ends = ("s", "es", "d", "ed", "ing") if participle else ("s", "es", "d", "ed")
    return frozenset(
        {lemma + end for lemma in lemmas for end in ends}
        | {lemma[:-1] + "ing" for lemma in lemmas if participle and lemma.endswith("e")}
        | {lemma[:-1] + end for lemma in lemmas if lemma.endswith("y") for end in ("ies", "ied")}
    )


#: Reporting verbs, by lemma: the clause such a verb governs is its subject's statement, reported
#: without quotation marks (`indirect.py`). Data (`data/reporting_verbs.txt`), in sections by source:
#: Levin's verb classes of communication (37.x) and of declaring and conjecturing (29.4-29.5), and a
#: grammar's reporting verbs, not the words the development set showed.
REPORTING_SOURCES = _word_list("reporting_verbs")
REPORTING_LEMMAS = frozenset().union(*REPORTING_SOURCES.values())
REPORTING_FORMS = inflections(REPORTING_LEMMAS, participle=True) | frozenset(
    "said told wrote thought felt knew found understood swore taught shown".split())
#: Commitments and directives, by lemma: the infinitive such a verb governs is its subject's
#: statement ("vowed to build a wall", "urged the alliance to hold"); data (`data/commitment_verbs.txt`).
COMMITMENT_LEMMAS = frozenset().union(*_word_list("commitment_verbs").values())
#: Reporting verbs whose noun-phrase object is what was said ("announced the release of the
#: prisoners", "predicted a long recession", "denied every allegation"): Levin's say verbs (37.7),
#: those of prediction (29.5), and the verbs of admitting, denying and citing. Other reporting
#: verbs take a noun phrase in another sense ("showed little willingness", "asserted their
#: interests", "knows the consequences") or the person addressed ("told reporters").
OBJECT_SAID_LEMMAS = (REPORTING_SOURCES["Levin 37.7 say"] - {"say"}
                      | REPORTING_SOURCES["Levin 29.5 conjecture, verbs of judgement and expectation"]
                      | frozenset("deny admit acknowledge concede cite quote".split()))


#: The inflected forms of the speech verbs ("Explains", "Blasted", "Said"); the bare lemma is left
#: out, since it is a surname as often ("Post", "Page", "Call").
SPEECH_VERB_FORMS = inflections(CUE_LEMMAS) | frozenset("said told wrote thought felt began".split())

#: Verbs whose subject is the one speaking in a sentence, whatever clause the parser makes of them
#: ("..., he noted, so ..."): not "ask" (the next words are the answer, someone else's), nor the
#: cue verbs that often say something else ("continue", "agree", "find", "call").
SAYING_LEMMAS = frozenset("say tell add note argue insist explain claim state declare write warn stress acknowledge admit contend".split())

#: Verbs that report a reply when "back" follows them: "Sanders shot back", "she fired back".
RETORT_VERBS = frozenset("shoot fire hit strike push snap bite".split())

#: Verbs that give a thing a name: a short quote under one, from no one named, is a term
#: (`what they describe as "unilateral sanctions"`), not a statement.
NAMING_VERBS = frozenset("describe call dub label brand term name".split())

#: Verbs of speaking on a topic ("Roe spoke about the ruling"): no cue for words in the sentence
#: itself, whose object is the topic, but the lead-in to a quote set out in the next paragraph.
TOPIC_SPEECH_LEMMAS = frozenset("speak talk".split())

#: Nouns for something said: the quote inside "Trump's claim that ..." is the owner's.
SPEECH_NOUNS = frozenset(
    """claim accusation remark remarks statement promise pledge assertion comment comments words warning
    charge suggestion insistence argument contention vow boast description prediction threat
    complaint admission declaration""".split()
)


#: Every word form that can cue a reported statement, read before any parse: a paragraph holding
#: none of them holds no indirect statement, and the parser need not read it for one.
REPORT_CUE_WORDS = (REPORTING_LEMMAS | REPORTING_FORMS | COMMITMENT_LEMMAS
                    | inflections(COMMITMENT_LEMMAS, participle=True) | SPEECH_NOUNS | {"according"})


# --- Pronouns, and subjects that name no one

#: Pronouns that stand for a person, and the gender each says.
PERSON_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f"}

#: Subjects that name no speaker ("it said", "which means").
NON_REFERRING = frozenset("it this that which what there who".split())


# --- Speakers that are no person: institutions, their voices, unnamed sources, documents

INSTITUTION_LABELS = {"ORG", "NORP", "GPE", "FAC"}

#: Heads of a definite description that speaks for an organisation ("the campaign said").
INSTITUTION_NOUNS = frozenset(
    """campaign committee company department ministry agency government administration party
    organization organisation group foundation institute council board court office embassy firm
    bank network newspaper paper tabloid magazine broadcaster union coalition association commission bureau service league
    center centre university school team club corporation kremlin regime military army police
    authority regulator watchdog parliament legislature cabinet""".split()
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

#: Documents that someone else brings to light ("emails published by the Courier", "a recording
#: obtained by the Gazette"): cited with "according to", they are that one's report.
REPORTED_DOCUMENTS = NOT_SPEAKERS | ISSUED_FINDINGS | frozenset(
    "account audio copy excerpt transcript recording footage calculation".split())


# --- Gender

FEMALE_NOUNS = frozenset("actress wife mother daughter sister girl lady queen widow grandmother niece aunt".split())

MALE_NOUNS = frozenset("husband father son brother boy king widower grandfather nephew uncle".split())


# --- Names: what a person's name is made of, and what makes one an organisation's or a place's

ORG_WORDS = re.compile(
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
PLACE_START = frozenset("New North South East West Upper Lower San Santa Los Las Fort Saint St. The".split())

#: Capitalised words before a surname that are no given name ("Coach Farrow", "Chief Jordan").
TITLE_NOUNS = frozenset(
    """chief coach captain officer detective inspector sergeant commander agent director doctor nurse
    father brother sister uncle aunt grandma grandpa saint st pastor bishop rabbi imam candidate
    nominee speaker leader chair chairman founder ceo""".split()
)

#: Nouns for an unnamed source or a body, which no one-word name is when capitalised ("Source says").
NO_NAMES = ROLE_NOUNS | INSTITUTION_NOUNS | NOT_SPEAKERS

#: Words a name may open with: given names and particles ("Earl Ray Roe", "De Blasio").
NAME_OPENERS = MALE_GIVEN | FEMALE_GIVEN | PARTICLES

#: A word of a person's name: capitalised ("O'Neill", "Smith-Jones"), or an initial.
NAME_WORD = re.compile(r"[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)*|[A-Z]\.")

HONORIFIC_BEFORE = re.compile(r"\b(Mr|Ms|Mrs|Miss)\.?\s*$")


# --- Punctuation

#: Punctuation that ends a sentence or clause: no speaker phrase runs past it.
STOPS = {".", ";", "!", "?", ":"}
