"""Questions editors ask of the directory: who is this expert, what did this institution's people say.

Plain SQL through SQLModel and a fuzzy pass with rapidfuzz; nothing here imports spaCy, so a
search starts in the time it takes to open SQLite. The modules:

  rows        what the answers are made of: `Expert`, `Role`, `QuoteRow`, `InstitutionRow`
  names       `search` by name (parts, misspellings, transliterations), `find_institution`
  statements  full-text find and `quotes` by expert, institution, date and kind; `filters`
  listings    `counts`, `experts`, `institutions`
"""

from .listings import EXPERT_SORTS, INSTITUTION_SORTS, counts, experts, institutions
from .names import find_institution, search
from .rows import Expert, InstitutionRow, NotFound, QuoteRow, Role, _quote_counts, roles
from .statements import FIND_PAGES, LISTED_MIN_WORDS, _published_since, _read_as_query, _said_at, filters, quotes

__all__ = [
    "EXPERT_SORTS", "FIND_PAGES", "INSTITUTION_SORTS", "LISTED_MIN_WORDS", "Expert", "InstitutionRow", "NotFound", "QuoteRow", "Role",
    "_published_since", "_quote_counts", "_read_as_query", "_said_at", "counts", "experts", "filters",
    "find_institution", "institutions", "quotes", "roles", "search",
]
