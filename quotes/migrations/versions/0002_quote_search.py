"""Full-text search over what experts said: FTS5 on SQLite, a GIN index on PostgreSQL.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE_UP = [
    "CREATE VIRTUAL TABLE quote_fts USING fts5(text, content='quote', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER quote_fts_insert AFTER INSERT ON quote BEGIN "
    "INSERT INTO quote_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER quote_fts_delete AFTER DELETE ON quote BEGIN "
    "INSERT INTO quote_fts(quote_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER quote_fts_update AFTER UPDATE OF text ON quote BEGIN "
    "INSERT INTO quote_fts(quote_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO quote_fts(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO quote_fts(quote_fts) VALUES ('rebuild')",
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
    else:
        op.execute("CREATE INDEX ix_quote_fts ON quote USING gin (to_tsvector('english', text))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("quote_fts_insert", "quote_fts_delete", "quote_fts_update"):
            op.execute(f"DROP TRIGGER {name}")
        op.execute("DROP TABLE quote_fts")
    else:
        op.execute("DROP INDEX ix_quote_fts")
