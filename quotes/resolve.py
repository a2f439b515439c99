"""Names: the keys that match people and institutions, and short forms resolved within an article.

This module owns identity. A person's key folds accents, case, honorifics and punctuation, so
"Dr. Andréy Kortunov" and "andrey kortunov" are one expert; an institution's key also drops a
leading article, so "the NATO Defense College" is "NATO Defense College". It imports no spaCy:
the directory uses the same keys at query time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from anyascii import anyascii
from nameparser import HumanName
from nameparser.config import CONSTANTS
from rapidfuzz import fuzz

# Honorifics and courtesy titles that name no one; the parser knows many more, these are the
# ones news copy puts in front of a surname.
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "rev", "fr", "sen", "senator", "rep", "representative", "gov", "governor", "gen", "general",
    "col", "lt", "sgt", "capt", "president", "judge", "justice", "mayor", "minister", "secretary",
    "ambassador", "chancellor", "pope", "king", "queen", "prince", "princess", "sheikh",
    "councillor", "councilor", "councilman", "councilwoman", "alderman", "commissioner", "spokesman",
    "spokeswoman", "spokesperson", "chairman", "chairwoman", "premier", "deputy", "cllr", "hon",
}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
#: Common English given names whose bearers are nearly all of one gender: for a pronoun, the
#: first name is surer evidence than a "he" that may belong to someone else in the sentence.
FEMALE_GIVEN = frozenset(
    """mary patricia linda barbara elizabeth jennifer maria susan margaret dorothy lisa nancy karen
    betty helen sandra donna carol ruth sharon michelle laura sarah kimberly deborah jessica shirley
    cynthia angela melissa brenda amy anna rebecca virginia kathleen pamela martha debra amanda
    stephanie carolyn christine marie janet catherine frances ann joyce diane alice julie heather
    teresa doris gloria evelyn jean cheryl mildred katherine joan ashley judith rose janice kelly
    nicole judy christina kathy theresa beverly denise tammy irene jane lori rachel marilyn andrea
    kathryn louise sara anne jacqueline wanda bonnie julia ruby lois tina phyllis norma paula diana
    annie lillian emily robin peggy crystal gladys rita dawn connie florence tracy edna tiffany
    carmen rosa cindy grace wendy victoria edith kim sherry sylvia josephine thelma shannon sheila
    ethel ellen elaine marjorie carrie charlotte monica esther pauline emma juanita anita rhonda
    hazel amber eva debbie april leslie clara lucille jamie joanne eleanor valerie danielle megan
    alicia suzanne michele gail bertha darlene veronica jill erin geraldine lauren cathy joann
    lorraine lynn sally regina erica beatrice dolores bernice audrey yvonne annette samantha""".split()
)
MALE_GIVEN = frozenset(
    """james john robert michael william david richard charles joseph thomas christopher daniel paul
    mark donald george kenneth steven edward brian ronald anthony kevin jason matthew gary timothy
    jose larry jeffrey frank scott eric stephen andrew raymond gregory joshua jerry dennis walter
    patrick peter harold douglas henry carl arthur ryan roger joe juan jack albert jonathan justin
    terry gerald keith samuel willie ralph lawrence nicholas roy benjamin bruce brandon adam harry
    fred wayne billy steve louis jeremy aaron randy howard eugene carlos russell bobby victor martin
    ernest phillip todd jesse craig alan shawn clarence sean philip chris johnny earl jimmy antonio
    danny bryan tony luis mike stanley leonard nathan dale manuel rodney curtis norman allen marvin
    vincent glenn jeffery travis jeff chad jacob lee melvin alfred kyle francis bradley jesus
    herbert frederick ray joel edwin don eddie ricky troy randall barry alexander bernard mario
    leroy francisco marcus micheal theodore clifford miguel oscar jay jim tom calvin alex jon
    ronnie bill lloyd tommy leon derek warren darrell jerome floyd leo alvin tim wesley gordon dean
    greg jorge dustin pedro derrick dan lewis zachary corey herman maurice vernon roberto clyde glen
    hector shane ricardo sam rick lester brent ramon charlie tyler gilbert gene marc reginald ruben
    brett angel nathaniel rafael leslie edgar milton raul ben chester cecil duane franklin andre
    elmer brad gabriel ron mitchell roland arnold harvey jared adrian karl cory claude erik darryl
    jamie neil jessie christian javier fernando clinton ted mathew tyrone darren lonnie lance cody
    julio kelly kurt allan nelson guy clayton hugh max dwayne dwight armando felix jimmie everett
    jordan ian wallace ken bob jaime casey alfredo alberto dave ivan johnnie sidney byron julian
    isaac morris clifton willard daryl ross virgil andy marshall salvador perry kirk sergio marion
    tracy seth kent terrance rene eduardo terrence enrique freddie wade""".split()
)
#: Names common to both genders tell nothing.
_EITHER_GIVEN = frozenset("leslie jamie kelly tracy jessie jordan marion lynn robin casey lee kim jean rene angel".split())
#: Words a name may carry in lower case: nameparser's surname prefixes ("de", "van", "bin", "al-").
PARTICLES = frozenset(CONSTANTS.prefixes)
#: Titles and occupations set before names ("actress", "archbishop", "founder"), nameparser's list,
#: but for the words that open an organisation's name as often ("United Auto Workers").
#: Titles news sets before names that nameparser's list lacks ("Chairperson Donna Brazile", "CEO Jamie Dimon").
MORE_TITLES = frozenset("""mp mep sen analyst spokesman spokeswoman spokesperson candidate chairman chairwoman
    chairperson strategist pollster fellow nominee official reporter columnist aide ceo cfo coo cto cio president-elect""".split())
#: Titles and honorifics: words that name what someone is, not who ("Senator", "Dr", "actress").
TITLE_WORDS = HONORIFICS | frozenset(CONSTANTS.titles)
_TITLES = (frozenset(CONSTANTS.titles) | MORE_TITLES) - {"united", "national", "state", "federal", "first", "royal", "grand", "high"}


def given_name_gender(name: str) -> str | None:
    """"m" or "f" when a full name opens with a given name borne mostly by one gender."""
    words = fold(person_name(name)).split()
    if len(words) < 2 or words[0] in _EITHER_GIVEN:
        return None
    if words[0] in FEMALE_GIVEN:
        return "f"
    if words[0] in MALE_GIVEN:
        return "m"
    return None


INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['’]s\b")
_WORD = re.compile(r"[a-z0-9]+")
_TRAILING_POSSESSIVE = re.compile(r"['’]s?$")
_OWNER = re.compile(r"^[^'’]*['’]s\s+(?=[A-Z])")


#: Letters UTF-8 read as Latin-1 or cp1252 leaves behind ("PeÃ±a", "FranÃ§ois", "â€œ").
_MOJIBAKE = re.compile("[ÃÂâ]")


def clean(text: str) -> str:
    """Text with mojibake mended (ftfy: a name scraped as "PeÃ±a" is filed as "Peña"), invisible
    and direction controls removed and whitespace folded. Composed first (NFC): text that
    comes decomposed writes the "Ã" of mojibake as "A" and a combining tilde. A name ftfy cannot
    mend wholly is kept as written: half-mended, it matches neither the text nor the name."""
    text = text if text.isascii() else unicodedata.normalize("NFC", text)
    if _MOJIBAKE.search(text):
        from ftfy import fix_text  # imported on need: 50 ms a query command need not pay

        mended = fix_text(text)
        text = text if _MOJIBAKE.search(mended) else mended  # garbage past mending stays as written
    return _SPACES.sub(" ", INVISIBLE.sub("", text)).strip()


def fold(text: str) -> str:
    """Lower-case ASCII words of `text`: accents, case, punctuation and spacing do not count."""
    ascii_text = anyascii(clean(text)).lower()
    ascii_text = _POSSESSIVE.sub("", ascii_text)
    return " ".join(_WORD.findall(ascii_text))


def person_name(surface: str) -> str:
    """The name as a directory shows it: honorifics, possessives and stray punctuation gone."""
    text = clean(surface)
    text = _TRAILING_POSSESSIVE.sub("", text).strip(" ,.;:-–—\"“”")
    text = _OWNER.sub("", text)  # "Boston’s Walsh", "Commentary’s Noah Rothman": whose, then who
    words = text.split()
    while len(words) > 1 and fold(words[0]) in HONORIFICS:
        words = words[1:]
    # a title the NER took into the name ("Actress Jane Roe"), but where it may be a given name ("Dean Roe")
    while len(words) > 2 and fold(words[0]) in _TITLES:
        words = words[1:]
    name = " ".join(words)
    letters = [c for c in name if c.isalpha()]
    if len(words) > 1 and sum(c.isupper() for c in letters) >= 0.8 * len(letters):  # a transcript's "JOHN McCAIN"
        parsed = HumanName(name)
        parsed.capitalize(force=True)
        name = str(parsed)
    return name


def written_as_name(surface: str) -> bool:
    """Whether every word of a name is capitalised, but the particles names carry ("de Blasio",
    "bin Salman", "al-Assad"): a word in lower case makes a phrase of it ("pro-Clinton", "Trump
    v. Trump"), which the NER may tag as a person but which names no one."""
    for word in clean(surface).split():
        letters = re.sub(r"^[^\w]+", "", word)
        if not letters or not letters[0].islower():
            continue
        head = re.match(r"[^\W\d_]+[-'’]?", letters)
        if head is None or {head.group(0).lower(), head.group(0).lower().rstrip("-'’")}.isdisjoint(PARTICLES):
            return False
    return True


def person_key(name: str) -> str:
    """The key that makes two spellings of one full name the same expert."""
    words = fold(person_name(name)).split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[-1] in SUFFIXES:
        words = words[:-1]
    return " ".join(words)


@lru_cache(maxsize=8192)
def surname(name: str) -> str:
    """The folded last name, the form a later mention uses ("Weitz said")."""
    parsed = HumanName(person_name(name))
    last = parsed.last or parsed.first
    words = fold(last).split()
    return words[-1] if words else ""


def institution_name(surface: str) -> str:
    """An institution as a directory shows it: no leading article, no trailing punctuation."""
    text = clean(surface).strip(" ,.;:\"“”")
    text = re.sub(r"['’]s$|(?<=s)['’]$", "", text)  # "Brookings's", "Congress’"
    return re.sub(r"^(?:the|The|THE)\s+", "", text)


def institution_key(name: str) -> str:
    """The key that makes "the NATO Defense College" and "nato defense college" one institution."""
    words = fold(institution_name(name)).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


#: A name word is filed under its first letters, and under each way of dropping one of them.
STEM_LETTERS = 5


def name_stems(word: str) -> set[str]:
    """The keys name search finds a name word under despite one slip in its first letters: its
    first STEM_LETTERS letters, and those with any one letter dropped ("ivano": "ivano", "vano",
    "iano", "ivno", "ivao", "ivan"). A misspelling that swaps, drops, doubles or changes a letter
    shares one of them ("ivnaov": "ivno"), and so does another transliteration ("andrei"/"andrey")."""
    head = word[:STEM_LETTERS]
    return {head, *(head[:i] + head[i + 1 :] for i in range(len(head)))} - {""}


#: How alike (rapidfuzz ratio, 0-100) surnames and whole names must be to be one name spelt two ways.
SAME_SURNAME = 80
SAME_NAME = 88


def same_person(a: str, b: str) -> bool:
    """Two person keys close enough to be one name spelt two ways ("andrey"/"andrei kortunov"),
    with the same initial: a surname alone never makes two full names one person. Whether they
    are one person is for their institutions (or an editor) to say."""
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wb) < 2 or wa[0][0] != wb[0][0] or a == b:
        return False
    return fuzz.ratio(wa[-1], wb[-1]) >= SAME_SURNAME and fuzz.ratio(a, b) >= SAME_NAME


def initials_variant(a: str, b: str) -> bool:
    """One key is the other with middle initials ("donald j trump" / "donald trump"): news style
    adds or drops them, and two full names that agree otherwise are already one expert."""
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wb) < 2 or (wa[0], wa[-1]) != (wb[0], wb[-1]) or a == b:
        return False
    middle_a, middle_b = wa[1:-1], wb[1:-1]
    return not (middle_a and middle_b) and all(len(w) == 1 for w in middle_a + middle_b)


@dataclass
class People:
    """The people named in one article, so that a short form finds its full name.

    "Weitz", "Mr. Weitz" and "Richard Weitz's" resolve to the full name with that surname; when
    two full names share it (Laura and Michael Chen), a short form at a given offset resolves to
    the one mentioned last before it, which is how a reader resolves it too.
    """

    full: dict[str, str] = field(default_factory=dict)  # person_key -> display name
    by_surname: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # surname -> (offset, key)
    genders: dict[str, str] = field(default_factory=dict)  # person_key -> "m"/"f", learnt from titles

    def add(self, surface: str, at: int = -1) -> str | None:
        """Record a full name (two words or more) mentioned at offset `at`; return its key."""
        name = person_name(surface)
        key = person_key(name)
        if len(key.split()) < 2 or not written_as_name(name):
            return None
        self.full.setdefault(key, name)
        mentions = self.by_surname.setdefault(surname(name), [])
        mentions.append((at if at >= 0 else (mentions[-1][0] + 1 if mentions else 0), key))
        mentions.sort()
        return key

    def resolve(self, surface: str, at: int | None = None, gender: str | None = None) -> str | None:
        """The full display name `surface` (at offset `at`, if known) refers to, or None when the
        article never gave one. `gender` ("m"/"f") is what a courtesy title before the surface
        says; one in the surface itself ("Mrs. Clinton") says the same."""
        name = person_name(surface)
        key = person_key(name)
        if key in self.full:
            return self.full[key]
        words = key.split()
        if not words:
            return None
        mentions = self.by_surname.get(words[-1], [])
        if len(words) > 1:  # "Bill Clinton" is not "Hillary Clinton"
            mentions = [m for m in mentions if m[1][:1] == words[0][:1]]
        mentions = self._of_gender(mentions, title_gender(surface) or gender)
        if not mentions:
            return None
        if at is None:
            return self.full[mentions[-1][1]]
        before = [m for m in mentions if m[0] < at]
        return self.full[(before[-1] if before else mentions[0])[1]]

    def _of_gender(self, mentions: list[tuple[int, str]], gender: str | None) -> list[tuple[int, str]]:
        """The mentions of a surname that a courtesy title of `gender` can name, where the article
        gives the surname to several people ("Bill Clinton", "Hillary Clinton" ... "Mrs. Clinton"):
        all but those known to be of the other gender (`told`). A title rules out; it does not pick
        the one whose gender is known over one whose gender nothing tells ("Mr. Bush" may be Jeb
        as well as George W.). Without a title, or where it would rule out all, all stay."""
        if gender is None or len({key for _, key in mentions}) < 2:
            return mentions
        return [m for m in mentions if self.told(m[1]) in (gender, None)] or mentions

    def told(self, key: str) -> str | None:
        """A person's gender as the article tells it (`learn`), else as their given name does."""
        return self.genders.get(key) or given_name_gender(self.full[key])

    def learn(self, surface: str, at: int, gender: str) -> None:
        """A courtesy title of `gender` on a surname that, with the namesakes of the other gender
        ruled out, names one person only ("Mrs. Clinton" beside Bill): that person is of that
        gender, and a later "Mr. Clinton" is not her."""
        words = person_key(person_name(surface)).split()
        mentions = self.by_surname.get(words[-1], []) if len(words) == 1 else []
        keys = {key for _, key in self._of_gender(mentions, gender)}
        if len(keys) == 1 and len({key for _, key in mentions}) > 1 and self.told(next(iter(keys))) is None:
            self.genders[keys.pop()] = gender


#: The gender a courtesy title states ("Mr." a man's, "Mrs."/"Ms."/"Miss" a woman's).
TITLE_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


def title_gender(surface: str) -> str | None:
    """"m" or "f" when a name opens with a courtesy title ("Mrs. Clinton"), else None."""
    words = fold(surface).split()
    return TITLE_GENDER.get(words[0]) if len(words) > 1 else None


def acronyms(doc: object) -> dict[str, str]:
    """Acronyms defined in a parsed text ("... Innovation (CIGI)"), by textacy's extractor.

    textacy 0.13 still reads `numpy.NaN`, which NumPy 2 removed: restore the alias for the call
    rather than pin an old NumPy.
    """
    import numpy

    acronyms_and_definitions = _textacy_acros().acronyms_and_definitions
    if not hasattr(numpy, "NaN"):
        numpy.NaN = numpy.nan  # type: ignore[attr-defined]
    return {acro: definition for acro, definition in acronyms_and_definitions(doc).items() if definition}


@lru_cache(maxsize=1)
def _textacy_acros() -> Any:
    """textacy's acronym module, imported without the rest of textacy where textacy is not loaded.

    `import textacy` loads scikit-learn and SciPy (2.2 s, as long as loading the spaCy pipeline),
    and the acronym extractor needs neither: its module reads only `textacy.constants` and
    `textacy.types`. So the two packages above it stand in as bare packages, with their real
    folders, while it is imported; after, every textacy module this made is taken out of
    `sys.modules` again (the function keeps its own), so a later `import textacy` builds the whole
    package as if this had never run."""
    import importlib
    import importlib.util
    import sys
    import types

    if "textacy" in sys.modules:
        return importlib.import_module("textacy.extract.acros")
    spec = importlib.util.find_spec("textacy")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("textacy is not installed")
    root = list(spec.submodule_search_locations)[0]
    shells = {"textacy": [root], "textacy.extract": [f"{root}/extract"]}
    for name, path in shells.items():
        shell = types.ModuleType(name)
        shell.__path__ = path
        sys.modules[name] = shell
    try:
        return importlib.import_module("textacy.extract.acros")
    finally:
        for name in [name for name in sys.modules if name == "textacy" or name.startswith("textacy.")]:
            del sys.modules[name]
