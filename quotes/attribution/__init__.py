"""Who said each quoted span: a cascade of sieves over the spaCy parse, surest first; and, beside
the quotes, the reported statements outside quotation marks (`indirect`).

Attribution works in two stages, as Stanford CoreNLP's quote attribution does (Muzny et al.,
2017): quote -> mention, where a sieve finds the phrase that names the speaker (the subject of a
speech verb, the words after the closing mark, a frame, a label, the quote before); and mention ->
speaker, where the article tells who that phrase is (a name given in full, a pronoun's
antecedent, a description's referent, an institution). Every attribution carries the sieve of
the cascade that decided it (`decided_by`) and the family of its rule, which sets its confidence
(`sieve`): an error analysis is a GROUP BY away.

The modules, each importing only from those above it:

  lexicon        the words attribution knows (speech verbs and nouns, institutions, roles, documents)
  decision       `Attribution`, what a sieve decides, and the confidence of each family of sieves
  syntax         what the parse says of a token: its subject, a passive's agent, its entity
  names          the shapes of names, read off the words
  parse          the article's parse and the tables built once over it      (`ArticleParse`)
  people         who is a person, a group or an institution; name spans    (`ArticlePeople`)
  mentions       every named mention, gender, what a pronoun refers to     (`ArticleMentions`)
  article        what a subject or speaker phrase names: stage two         (`Article`)
  terms          quoted words that are nobody's statement: titles, subheads, bylines, posters
  context        one quote as the sieves see it                            (`QuoteContext`)
  speech_verbs   sieves: a speech verb and its subject
  after_quote    sieve: the words right after the closing mark
  reported       sieves: reported speech, by the governing verb or the speech noun's owner
  frames         sieves: verbless frames, colons, "according to"
  layouts        sieves: speaker labels and headlines
  continuation   sieves: the quote or sentence before, lists, described institutions
  indirect       reported statements without marks: a reporting verb's clause, "according to",
                 a noun of saying and its owner; stage two as for quotes
  cascade        the sieves in order (`SIEVES`) and `attribute()`
  full_names     after the cascade: a one-word speaker given the full name the article writes
  evidence       after the cascade: a one-word speaker is a person only on evidence
"""

from .cascade import SIEVES, Sieve, attribute
from .continuation import list_intro
from .decision import Attribution
from .terms import title_cased

__all__ = ["SIEVES", "Attribution", "Sieve", "attribute", "list_intro", "title_cased"]
