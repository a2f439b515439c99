"""A person's title and institution, read from the words around their first full mention.

News introduces an expert once, in one of a few shapes, and then uses the surname:
  "Richard Weitz, senior fellow at the NATO Defense College," (an appositive)
  "NATO Defense College senior fellow Richard Weitz" / "former CIGI director X" (a premodifier)
  "X of the Brookings Institution" / "X (CIGI)" / "X, who heads the Kremlin's think tank,"
These work on characters with the NER's organisations as hints, and fall back on the shape of a
capitalised phrase for institutions the NER misses ("Centre for International Governance Innovation").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .resolve import HONORIFICS, MORE_TITLES, TITLE_WORDS, fold, institution_name

_CAP_WORD = r"(?:[A-Z][\w&.’'\-]*|[A-Z]{2,})"
_CONNECT = r"(?:of|for|and|on|in|de|du|der|des|la|le|the|&)"
ORG_PHRASE = re.compile(rf"{_CAP_WORD}(?:\s+(?:{_CONNECT}\s+)*{_CAP_WORD})*")
_PREP = re.compile(r"\s+(?:at|of|for|with|from|in|on)\s+(?:the\s+)?(?=[A-Z])")
_LEADS = re.compile(r"^who\s+(?:heads|head|led|leads|runs|ran|directs|directed|chairs|chaired|founded)\s+(?:the\s+)?")
_ROLE_VERB = {"heads": "head", "head": "head", "led": "head", "leads": "head", "runs": "head",
              "ran": "head", "directs": "director", "directed": "director", "chairs": "chair",
              "chaired": "chair", "founded": "founder"}
_TITLE_WORDS = re.compile(r"^[a-z][a-z\-’']*(?:\s+[a-z][a-z\-’']*){0,7}$")
#: First or last words no title has: conjunctions and discourse adverbs, read even where the parse
#: did not see the words (speech verbs and pronouns anywhere are _CLAUSE_WORDS): "meanwhile", and
#: "primary while" of "the South Carolina primary while Jane Roe won".
_NOT_TITLES = {"who", "which", "that", "and", "but", "or", "nor", "when", "where", "whose", "as", "if", "while",
               "because", "although", "though", "unless", "since", "meanwhile", "however", "also", "too",
               "instead", "indeed", "still", "likewise", "nonetheless", "nevertheless", "moreover",
               "furthermore", "therefore", "thus", "again", "later", "earlier", "today", "yesterday", "tomorrow"}
#: Kin: "Daniel Okafor, her husband," says whose relative he is, which no directory files as a role.
_KIN = {"husband", "wife", "son", "daughter", "brother", "sister", "mother", "father", "parents", "widow",
        "widower", "uncle", "aunt", "nephew", "niece", "cousin", "grandson", "granddaughter", "grandmother",
        "grandfather", "stepson", "stepdaughter", "stepfather", "stepmother", "fiancé", "fiancée", "spouse",
        "girlfriend", "boyfriend", "sons", "daughters", "brothers", "sisters", "children", "child"}
_DESCRIBED = re.compile(r",\s+(?:a|an|the)\s")
_WHEN = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
                   r"June|July|August|September|October|November|December)\b")
_NAME_PART = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\b\.?(?:\s+[A-Z][\w’'-]*)*|(?:[A-Z][a-z]+\s+)+[A-Z]\.?")
#: A US legislator's party and seat, "(D-Ore.)", "(D-W.Va.)", "(R)": no institution.
_PARTY_SEAT = re.compile(r"^[DRI](?:-[A-Z][A-Za-z.]*)*\.?$")
#: Words capitalised for opening a sentence, which an institution's name does not start with:
#: "As the Post reported", "But UNH pollster Jane Roe".
_OPENERS = re.compile(r"^(?:As|But|And|So|Yet|Or|When|While|If|After|Before|Since|Because|Although|Though|"
                      r"Following|Like|Unlike|Meanwhile|Also|Even|Then|Now)\s+(?:the\s+)?(?=[A-Z])")
#: Words no title holds (auxiliaries, modals, "as" of "served as governor", personal pronouns, speech verbs), none it opens with
#: (prepositions) and none it ends with (a clause's "that", a time).
_CLAUSE_WORDS = re.compile(r"\b(?:is|are|was|were|has|have|had|should|would|will|can|could|may|might|must|as|"
                           r"he|she|they|we|it|him|her|them|said|says|told)\b"
                           r"|^(?:in|on|at|for|with|from|by|to|into|after|before|during|other)\b"
                           r"|\b(?:that|what|which|this|weekend|week|year|day|month|morning|night)$")
#: How a title never ends: a finite verb ("a top aide reported"; "said" is a _CLAUSE_WORD) or a
#: preposition ("lit into").
_FINITE = re.compile(r"(?:\b(?:tells|wrote|writes|into|for|with|to|at|of|on|by|about|against|from|in|as|than)"
                     r"|[a-z]{3}ed)$")
_ARTICLE = re.compile(r"^(?:a|an|the|its|his|her|their)\s+", re.I)
# A determiner after a word that is no preposition: a verb and its object, not a title
_VERB_PHRASE = re.compile(r"\b(?!(?:of|at|for|with|from|in|on|to|and)\b)[a-z]+\s+(?:a|an|the|his|her|its|their)\b")


@dataclass(frozen=True)
class Role:
    title: str | None = None
    institution: str | None = None


def _clean_title(title: str) -> str | None:
    title = _ARTICLE.sub("", title.strip(" ,."))
    title = re.sub(r"\s+", " ", title)
    words = title.split()
    if not words or not _TITLE_WORDS.match(title) or {words[0], words[-1]} & _NOT_TITLES:
        return None
    if words[-1] in _KIN:  # "her husband", "his late wife"
        return None
    if _VERB_PHRASE.search(title):  # "defended the timing of the decision" is what they did
        return None
    # "should deport", "in a green jumpsuit", "concluded this year", "then in college"
    if _CLAUSE_WORDS.search(re.sub(r"^(?:then|now|once)\s+", "", title)):
        return None
    if _FINITE.search(title):  # "Clinton, a top aide said,": a clause of its own; "Roe lit into Doe"
        return None
    return title


def _org_at(text: str, start: int) -> str | None:
    m = ORG_PHRASE.match(text, start)
    if not m:
        return None
    org = m.group().rstrip(".’'")
    # "Harvard University's Kennedy School" keeps going; a bare "US" or "I" is no institution
    return _institution(org) if len(org) > 2 or org.isupper() else None


def _institution(phrase: str) -> str | None:
    """A capitalised phrase as the directory names an institution; None for a day or a month
    ("interviewed Thursday"), a legislator's party and seat ("(D-Ore.)"), a title ("Sen" of
    "Sen. Roe's senior aide X") and a piece of a person's name ("Mrs", "George W" of "George W. Bush")."""
    name = institution_name(_OPENERS.sub("", phrase))
    if name.endswith(("-based", "-born")) or fold(name.rstrip(".")) in HONORIFICS:  # "Ohio-based attorney X": where, not whose
        return None
    return None if _WHEN.fullmatch(name) or _PARTY_SEAT.match(name) or _NAME_PART.fullmatch(name) else name


def _appositive(text: str) -> Role | None:
    """Read `, TITLE at ORG,` (or `of ORG`, `(ORG)`, `who heads ORG`) right after a name."""
    m = re.match(r"\s*\(\s*(" + ORG_PHRASE.pattern + r")\s*\)", text)
    if m:
        return Role(None, _institution(m.group(1)))
    m = re.match(r"\s+of\s+(?:the\s+)?(?=[A-Z])", text)
    if m:
        org = _org_at(text, m.end())
        return Role(None, org) if org else None
    if not text.startswith(","):
        return None
    clause = re.split(r"[,;:()\"“”]|(?<!\b[A-Z])\.\s|\s[—–]\s", text[1:], maxsplit=1)[0].strip().rstrip(".")
    if not clause or len(clause) > 140:
        return None
    lead = _LEADS.match(clause)
    if lead:
        role, org = _ROLE_VERB.get(clause.split()[1]), _org_at(clause, lead.end())
        led = re.match(r"who\s+\S+\s+((?:[a-z][\w’'-]*\s+){0,5}[a-z][\w’'-]*)$", clause)
        if org is None and role and led:  # "who leads the regional health board": head of what it leads
            role = f"{role} of {led.group(1)}"
        return Role(role, org)
    prep = _PREP.search(clause)
    if prep:
        title = _clean_title(clause[: prep.start()])
        org = _org_at(clause, prep.end())
        if title and org:
            return Role(title, org)
    # "a former CIA director": an institution inside the title words
    inner = re.match(r"^(?:(?:a|an|the)\s+)?((?:[a-z\-]+\s+)*)(" + ORG_PHRASE.pattern + r")((?:\s+[a-z\-]+)+)$", clause)
    if inner:
        title = _clean_title((inner.group(1) + inner.group(3)).strip())
        if title:
            return Role(title, _institution(inner.group(2)))
    title = _clean_title(clause)
    if title and len(title.split()) <= 6:
        return Role(title, None)
    return None


def _institution_like(phrase: str) -> bool:
    """Several capitalised words or an acronym: "Democratic" alone is no institution, "CIA" is."""
    words = phrase.split()
    if words and words[0] in {"The", "A", "An"}:
        words = words[1:]
    return len(words) > 1 or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1)


def _premodifier(text: str, closed: bool = True) -> Role | None:
    """Read `ORG TITLE ` or `ORG's ` right before a name (the text ends where the name starts).
    `closed`: the name is followed by a comma or the sentence's end, as the name in apposition
    to a title before it is ("The board's chairman, Peter Lindqvist, said"); without it, the
    words before are the subject of an aside's clause ("The council, Peter Lindqvist said, ...")."""
    m = re.search(r"(" + ORG_PHRASE.pattern + r")(?:['’]s)?\s+((?:former\s+)?(?:[a-z][a-z\-]*\s+){0,4}[a-z][a-z\-]*)\s+$", text)
    if m:
        org = m.group(1)
        # "former ORG director X" puts the adjective before the institution; at a sentence's
        # start it is capitalised and the organisation pattern swallows it ("Former CIA director")
        before = text[: m.start(1)]
        prefix = re.search(r"\b(former|then|acting|interim|deputy)\s+$", before)
        adjective = prefix.group(1) if prefix else None
        lead = re.match(r"(Former|Then|Acting|Interim|Deputy)\s+", org)
        if lead:
            adjective, org = lead.group(1).lower(), org[lead.end() :]
        title = _clean_title(((adjective + " ") if adjective else "") + m.group(2))
        if title and _institution_like(org):
            return Role(title, _institution(org))
    m = re.search(r"(" + ORG_PHRASE.pattern + r")['’]s\s+$", text)
    if m and _institution_like(m.group(1)):
        return Role(None, _institution(m.group(1)))
    # "The board's chairman, Peter Lindqvist,": a title, then the name in apposition
    m = re.search(r"\b(?:The|the)\s+(?:[a-z]+['’]s\s+)?((?:[a-z][a-z\-]*\s+){0,3}[a-z][a-z\-]*),\s+$", text)
    if m and closed:
        title = _clean_title(m.group(1))
        if title:
            return Role(title, None)
    return None


#: Words a title set before a name may hold before its head ("former Secretary of State", "senior
#: policy adviser"), besides adjectives of the shapes in _ADJECTIVE.
_TITLE_GLUE = frozenset("""former then acting interim deputy vice senior chief executive general assistant associate
    managing top longtime veteran retired founding radio television tv news campaign state policy research
    program legal press communications majority minority whip defence defense foreign finance interior
    justice labor labour health education treasury homeland security energy trade commerce
    transportation agriculture environment of""".split())
#: Capitalised words that open a sentence or a clause rather than a title.
_NOT_CAPS = frozenset("the a an said says told and but as when while if after before since because in on at by for with".split())
_ADJECTIVE = re.compile(r"^[a-z]+(?:al|ic|ive|ary|ian)$")
#: Courtesy titles, which say how to address a person, not what they do.
_COURTESY = frozenset("mr mrs ms miss mx".split())


#: What the word right before a name must be for a title to be read before it (`_title_before`).
_TITLE_HEADS = (TITLE_WORDS | MORE_TITLES) - _KIN - _COURTESY
#: The words of a title before its institution: heads and glue.
_IN_TITLES = _TITLE_HEADS | _TITLE_GLUE


def _title_before(text: str) -> Role | None:
    """Read a title set right before a name, with no comma between (the text ends where the name
    starts): "CEO Jamie Dimon", "State Sen. Michael Doherty", "Labour MP Chi Onwurah", "former
    Secretary of State Hillary Clinton", "JPMorgan Chase CEO Jamie Dimon" (several capitalised words
    or an acronym before the title are its institution). The word right before the name must be a
    title's head; a verb, a determiner or punctuation ends the title."""
    words = [w.lstrip("-") for w in re.findall(r"[\w.’'-]+|[^\w\s]", text[-160:])]
    heads = _TITLE_HEADS
    if not words or fold(words[-1].rstrip(".")) not in heads:
        return None
    k = len(words) - 1
    while k > 0:
        word = words[k - 1]
        low = fold(word.rstrip("."))
        if word.endswith(".") and (low not in heads or len(low) > 4):
            break  # a sentence's end, not a title's abbreviation ("Sen.", "Gov.", "Lt.")
        if word.lower().endswith("-based"):
            break  # where someone is based is no title
        if _WHEN.match(word) or low in _NOT_CAPS or _OPENERS.match(word + " X"):
            break
        if low in heads or low in _TITLE_GLUE or _ADJECTIVE.match(word) or word[:1].isupper():
            k -= 1
        else:
            break
    phrase = words[k:]
    while phrase and fold(phrase[0]) == "of":
        phrase = phrase[1:]
    # capitalised words that are no title word, before the first title word: an institution or a
    # party or place standing as an adjective ("Labour MP")
    lead = 0
    while lead < len(phrase) - 1 and phrase[lead][:1].isupper() and fold(phrase[lead].rstrip(".")) not in _IN_TITLES:
        lead += 1
    org = " ".join(phrase[:lead])
    if lead and _institution_like(org) and lead <= 4:
        return Role(" ".join(phrase[lead:]), _institution(org))
    return Role(" ".join(phrase), None) if phrase and lead <= 2 else None


def role_at(text: str, start: int, end: int, *, full: bool = True) -> Role:
    """The title and institution a mention at text[start:end] is introduced with, if any: words of
    its own paragraph only (a headline above is no title: "Things Trump Has Said.\n\nA year ago").
    A surname alone (`full=False`) is read only in an apposition that opens with an article
    ("Farrow, the town's planner,", "Farrow, a retired engineer,"): the words before a bare surname
    are as often a verb and its subject ("Trump met with Farrow"), and a comma after it as often
    opens an aside ("Farrow, however,") or a participle ("Farrow, speaking in Ohio,")."""
    newline = text.find("\n", end)
    following = text[end : min(end + 300, newline if newline >= 0 else len(text))]
    if not full:
        return (_appositive(following) if _DESCRIBED.match(following) else None) or Role()
    after = _appositive(following)
    preceding = text[max(0, start - 120, text.rfind("\n", 0, start) + 1) : start]
    closed = re.match(r"\s*(?:[,.;:)]|$)", following) is not None
    if after and (after.institution or after.title):
        if after.institution is None:
            before = _premodifier(preceding, closed)
            if before:
                return Role(after.title or before.title, before.institution)
        return after
    return _premodifier(preceding, closed) or _title_before(preceding) or Role()
