"""The directory's tables. Each class is one table; the comment above it says what a row is.

The schema itself is built by the Alembic migrations in `quotes/migrations/`, and `db/schema.sql`
is kept equal to it by a test; these classes are how the code reads and writes it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# One article as ingested: its text exactly as read, so quote offsets point into it.
class Article(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    content_hash: str = Field(unique=True)
    source_id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = Field(default=None, index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    ingested_at: str = Field(default_factory=utcnow)


# One expert: a named person, one row however many spellings the articles use.
class Person(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    key: str = Field(unique=True)  # resolve.person_key(name)
    created_at: str = Field(default_factory=utcnow)


# One word of an expert's name or alias, so name search reads the experts that share a word's
# first letters rather than every expert.
class NameWord(SQLModel, table=True):
    __tablename__ = "name_word"
    __table_args__ = (Index("ix_name_word_person", "person_id", "word"),)  # one expert's words
    word: str = Field(primary_key=True)
    person_id: int = Field(foreign_key="person.id", primary_key=True, ondelete="CASCADE")


# A key a name word is filed under (resolve.name_stems), so a misspelt word finds the name words
# it may mean among a few, not every word of the directory. Words are never removed: a word no
# expert has any more finds nobody.
class NameStem(SQLModel, table=True):
    __tablename__ = "name_stem"
    stem: str = Field(primary_key=True)
    word: str = Field(primary_key=True)


# One institution, under its fullest name; acronyms and other forms are aliases.
class Institution(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    key: str = Field(unique=True)  # resolve.institution_key(name)
    acronym: str | None = None


# A form a person or institution is known by (an acronym, a spelling), and which one it means.
class Alias(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("kind", "key"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str  # "person" or "institution"
    key: str
    form: str
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    institution_id: int | None = Field(default=None, foreign_key="institution.id", index=True)
    origin: str = "text"  # "text" (seen in an article) or "editor"


# A person's title at an institution, with when the articles first and last showed it.
class Affiliation(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("person_id", "institution_id", "title"),
        # the key above sees no role without an institution (NULL is distinct from NULL)
        Index("uq_affiliation_title_only", "person_id", "title", unique=True,
              sqlite_where=text("institution_id IS NULL"), postgresql_where=text("institution_id IS NULL")),
    )
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    institution_id: int | None = Field(default=None, foreign_key="institution.id", index=True)
    title: str = ""
    first_seen: str | None = None
    last_seen: str | None = None
    article_id: int | None = Field(default=None, foreign_key="article.id")  # the first to show it


# One statement in one article, with who made it and how sure the attribution is.
class Quote(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("article_id", "start", "end"),
        Index("ix_quote_person", "person_id"),
        Index("ix_quote_institution", "institution_id"),
        Index("ix_quote_person_text", "person_id", "text_key"),
    )
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    person_id: int | None = Field(default=None, foreign_key="person.id")
    institution_id: int | None = Field(default=None, foreign_key="institution.id")
    start: int
    end: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    speaker: str | None = None  # the speaker's name as extracted
    title: str | None = None
    kind: str = "direct"
    cue: str | None = None
    sieve: str | None = None
    confidence: float = 0.0
    text_key: str = Field(index=True)  # resolve.fold(text): the same words in another article
    rejected: bool = False


# One thing an editor changed (a merge, a rename, an alias, a split, a rejection) and when:
# the directory's history, and what keeps re-ingesting from undoing an editor's work.
class Curation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    action: str  # merge, rename, alias, split, reject
    kind: str  # person, institution or quote
    target_id: int
    detail: str = Field(default="{}", sa_column=Column(Text, nullable=False, server_default="{}"))  # JSON
    created_at: str = Field(default_factory=utcnow)


# One article whose extraction or storing failed (a bug met on its text), with the error, kept
# whole so a later run can try it again without the inputs; removed once it is stored.
class FailedArticle(SQLModel, table=True):
    __tablename__ = "failed_article"
    id: int | None = Field(default=None, primary_key=True)
    content_hash: str = Field(unique=True)
    source_id: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    text: str = Field(sa_column=Column(Text, nullable=False))
    error: str = Field(sa_column=Column(Text, nullable=False))
    attempts: int = 1
    failed_at: str = Field(default_factory=utcnow)


# A statement's sentence embedding (all-MiniLM-L6-v2, 384 float32 little-endian), written at
# ingest when the `quotes[semantic]` extra is installed; see quotes/vectors.py.
class QuoteEmbedding(SQLModel, table=True):
    __tablename__ = "quote_embedding"
    quote_id: int = Field(foreign_key="quote.id", primary_key=True, ondelete="CASCADE")
    vector: bytes
